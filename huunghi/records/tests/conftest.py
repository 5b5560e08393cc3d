"""Fixtures for the records tests: uploads go to a temporary folder, and the people of
the small world with the roles every test needs."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import translation

from huunghi.accounts.models import Role, User
from huunghi.core.testing import World, user_with_role


@pytest.fixture(autouse=True)
def _media_root_and_language(settings, tmp_path):
    """Uploads go to a temporary folder; pages are in English so that messages can be
    asserted whatever translations exist (Vietnamese is the default language)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    yield
    translation.deactivate()


@dataclass
class People:
    """Accounts of the small world, one per role the tests use."""

    post_clerk: User
    post_viewer: User
    province_clerk: User
    province_approver: User
    national_approver: User
    other_province_clerk: User
    kh_post_viewer: User
    kh_province_clerk: User


@pytest.fixture
def people(world: World) -> People:
    return People(
        post_clerk=user_with_role(Role.CLERK, world.post_xa_mat, username="post_clerk"),
        post_viewer=user_with_role(Role.VIEWER, world.post_xa_mat, username="post_viewer"),
        province_clerk=user_with_role(Role.CLERK, world.bdbp_tay_ninh, username="prov_clerk"),
        province_approver=user_with_role(
            Role.APPROVER, world.bdbp_tay_ninh, username="prov_approver"
        ),
        national_approver=user_with_role(Role.APPROVER, world.national, username="nat_approver"),
        other_province_clerk=user_with_role(Role.CLERK, world.bdbp_dong_nai, username="dn_clerk"),
        kh_post_viewer=user_with_role(Role.VIEWER, world.kh_post_bavet, username="kh_viewer"),
        kh_province_clerk=user_with_role(Role.CLERK, world.kh_svay_rieng, username="kh_clerk"),
    )
