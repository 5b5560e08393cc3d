"""Fixtures of the reporting-cycle tests."""

import pytest

from huunghi.core.testing import World
from huunghi.cycle.tests.factories import Tree, build_tree


@pytest.fixture
def tree(world: World) -> Tree:
    return build_tree(world)
