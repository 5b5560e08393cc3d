"""Test-wide safety nets for every test in the repository.

The environment that decides how ``huunghi.settings`` is built for tests (test secret
key, ``HUUNGHI_TESTING``, ``HUUNGHI_FAST_HASHER``) is set by pytest-env from
``[tool.pytest.ini_options] env`` in pyproject.toml, because pytest-django imports the
settings before any conftest is loaded.
"""

from collections.abc import Iterator

import pytest
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def _private_var_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep uploads, generated reports and collected static files out of the real var/.

    Each test process (each xdist worker too) gets its own directory.
    """
    var_dir = tmp_path_factory.mktemp("var")
    for sub in ("media", "static"):
        (var_dir / sub).mkdir()
    with override_settings(
        VAR_DIR=var_dir, MEDIA_ROOT=var_dir / "media", STATIC_ROOT=var_dir / "static"
    ):
        yield


@pytest.fixture(autouse=True)
def _language_reset_after_each_test() -> Iterator[None]:
    """A request in another language leaves that language active in the thread (the
    locale middleware activates it and nothing deactivates it); the next test starts from
    the configured default again."""
    yield
    from django.utils import translation

    translation.deactivate()
