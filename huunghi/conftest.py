"""Fixtures shared by every app's tests."""

from collections.abc import Iterator

import pytest

from huunghi.core.testing import World, build_world
from huunghi.geography.selectors import clear_geography_cache


@pytest.fixture
def world(db) -> Iterator[World]:
    """A small two-country world of places, units and no accounts yet.

    The geography app caches its province graph per process; the world's places are new
    rows, so the cache is cleared before and after.
    """
    clear_geography_cache()
    yield build_world()
    clear_geography_cache()
