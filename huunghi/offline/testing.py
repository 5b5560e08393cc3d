"""Test data for offline entry: facing provinces with communes and markers on both sides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from huunghi.core.testing import World, place
from huunghi.geography.models import AdminLevel, BorderMarker, BorderProvincePair


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
