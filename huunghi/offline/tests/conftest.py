"""Fixtures for offline entry: the small world with facing provinces, communes and
markers on both sides, and one account per role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import translation

from huunghi.accounts.models import Role, User
from huunghi.core.testing import World
from huunghi.offline.testing import Places, border_places


@pytest.fixture(autouse=True)
def _media_root_and_language(settings, tmp_path):
    """Uploads go to a temporary folder; messages are read in English."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def places(world: World) -> Places:
    return border_places(world)


@dataclass
class People:
    clerk: User
    approver: User
    viewer: User
    other_clerk: User
    kh_viewer: User


@pytest.fixture
def people(world: World) -> People:
    return People(
        clerk=world.user(Role.CLERK, world.post_xa_mat, username="xa_mat_clerk"),
        approver=world.user(Role.APPROVER, world.bdbp_tay_ninh, username="tn_approver"),
        viewer=world.user(Role.VIEWER, world.post_xa_mat, username="xa_mat_viewer"),
        other_clerk=world.user(Role.CLERK, world.post_hoa_lu, username="hoa_lu_clerk"),
        kh_viewer=world.user(Role.VIEWER, world.kh_post_bavet, username="kh_viewer"),
    )
