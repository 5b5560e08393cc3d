"""Fixtures for import and export tests: accounts of the small world."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from huunghi.accounts.models import Role
from huunghi.core.testing import World


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Messages are asserted in English (the msgids); structure is language-independent."""
    with translation.override("en"):
        yield


@pytest.fixture
def clerk(world: World) -> Any:
    return world.user(Role.CLERK, world.post_xa_mat, username="xa_mat_clerk")


@pytest.fixture
def other_clerk(world: World) -> Any:
    return world.user(Role.CLERK, world.post_hoa_lu, username="hoa_lu_clerk")
