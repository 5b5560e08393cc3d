"""Fixtures of the news-import tests (the extraction engine's own tests need none).

The Django-side tests run in English so that messages can be asserted whatever
translations exist, and each starts with a freshly built gazetteer.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from huunghi.accounts.models import Role
from huunghi.core.testing import World, user_with_role
from huunghi.newsimport.gazetteer import gazetteer_clear
from huunghi.newsimport.tests.factories import People


@pytest.fixture
def news(settings) -> Iterator[None]:
    """English pages, a fresh gazetteer, and imports up to 5 MB."""
    settings.LANGUAGE_CODE = "en"
    settings.HUUNGHI_MAX_ARTICLE_BYTES = 5 * 1024 * 1024
    settings.HUUNGHI_NEWS_GAZETTEER_DISK_CACHE = False
    translation.activate("en")
    gazetteer_clear()
    yield
    gazetteer_clear()
    translation.deactivate()


@pytest.fixture
def people(world: World) -> People:
    """Accounts of the small world with the roles the tests use."""
    return People(
        dn_clerk=user_with_role(Role.CLERK, world.bdbp_dong_nai, username="dn_clerk"),
        dn_viewer=user_with_role(Role.VIEWER, world.bdbp_dong_nai, username="dn_viewer"),
        dn_post_clerk=user_with_role(Role.CLERK, world.post_hoa_lu, username="dn_post_clerk"),
        tn_clerk=user_with_role(Role.CLERK, world.bdbp_tay_ninh, username="tn_clerk"),
        national_approver=user_with_role(Role.APPROVER, world.national, username="nat_appr"),
    )
