"""Pytest fixtures that load the real geography once for a test package.

The data is loaded inside a transaction that is rolled back when the package's last
test has run, so packages that build their own small geography
(``huunghi.core.testing.build_world``) never meet the real one. Another package can
reuse the real data from its own ``tests/conftest.py``::

    from huunghi.geography.testing import geography, geography_db  # noqa: F401

and request the ``geography`` fixture. Use it with ``db`` tests only: a
``transactional_db`` test cannot run inside the open transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from huunghi.geography.loading.upsert import LoadReport
from huunghi.geography.selectors import clear_geography_cache
from huunghi.geography.services import border_reference_load, geography_load


@dataclass(frozen=True)
class GeographyLoad:
    """What the loaders wrote into the empty test database."""

    first: LoadReport
    border: LoadReport


def _load() -> GeographyLoad:
    loaded = GeographyLoad(first=geography_load(), border=border_reference_load())
    clear_geography_cache()
    return loaded


@pytest.fixture(scope="package")
def geography_db(django_db_setup: None, django_db_blocker: Any) -> Iterator[GeographyLoad]:
    """Both countries and the border reference data, loaded once per test package."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            loaded = _load()
        except BaseException as error:
            outer.__exit__(type(error), error, error.__traceback__)
            raise
    try:
        yield loaded
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        clear_geography_cache()


@pytest.fixture
def geography(geography_db: GeographyLoad, db: None) -> Iterator[GeographyLoad]:
    """The loaded geography for one test; the province cache is dropped afterwards."""
    yield geography_db
    clear_geography_cache()
