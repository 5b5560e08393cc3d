"""Fixtures shared by every app's tests."""

import pytest

from huunghi.core.testing import World, build_world


@pytest.fixture
def world(db) -> World:  # noqa: ARG001
    """A small two-country world of places, units and no accounts yet."""
    return build_world()
