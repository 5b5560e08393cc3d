"""Fixtures for offline entry: the small world with facing provinces, communes and
markers on both sides, and one account per role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import translation

from huunghi.accounts.models import Role
from huunghi.core.testing import World, place
from huunghi.geography.models import AdminLevel, BorderMarker, BorderProvincePair


@pytest.fixture(autouse=True)
def _media_root_and_language(settings, tmp_path):
    """Uploads go to a temporary folder; messages are read in English."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    yield
    translation.deactivate()


@dataclass
class Places:
    """Communes and markers inside and outside the Xa Mát post's scope."""

    tan_lap: Any
    loc_thien: Any
    bavet: Any
    kratie_commune: Any


def border_places(world: World) -> Places:
    """Tây Ninh faces Svay Rieng; Đồng Nai faces Kratie; each has a commune and a marker."""
    BorderProvincePair.objects.create(vn_province=world.tay_ninh, kh_province=world.svay_rieng)
    BorderProvincePair.objects.create(vn_province=world.dong_nai, kh_province=world.kratie)
    BorderMarker.objects.create(number="229", kind="main", province=world.tay_ninh)
    BorderMarker.objects.create(number="105", kind="main", province=world.dong_nai)
    commune = AdminLevel.COMMUNE
    district = place(
        "Bavet City", country_code="KH", level=AdminLevel.DISTRICT, parent=world.svay_rieng
    )
    return Places(
        tan_lap=place("Tân Lập", level=commune, parent=world.tay_ninh),
        loc_thien=place("Lộc Thiện", level=commune, parent=world.dong_nai),
        bavet=place("Prasat", country_code="KH", level=commune, parent=district),
        kratie_commune=place("Snuol", country_code="KH", level=commune, parent=world.kratie),
    )


@pytest.fixture
def places(world: World) -> Places:
    return border_places(world)


@dataclass
class People:
    clerk: Any
    approver: Any
    viewer: Any
    other_clerk: Any
    kh_viewer: Any


@pytest.fixture
def people(world: World) -> People:
    return People(
        clerk=world.user(Role.CLERK, world.post_xa_mat, username="xa_mat_clerk"),
        approver=world.user(Role.APPROVER, world.bdbp_tay_ninh, username="tn_approver"),
        viewer=world.user(Role.VIEWER, world.post_xa_mat, username="xa_mat_viewer"),
        other_clerk=world.user(Role.CLERK, world.post_hoa_lu, username="hoa_lu_clerk"),
        kh_viewer=world.user(Role.VIEWER, world.kh_post_bavet, username="kh_viewer"),
    )
