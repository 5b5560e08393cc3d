"""What a device may keep for offline entry: the sender's own scope, nothing more.

The reference data holds the units the user reports for, the places of their
provinces and of the Cambodian provinces facing them (down to communes), the markers
of their provinces (numbers only, no positions), the counterpart units located in the
facing provinces, and the facilities, agreements and twinning pairs the user may see.
No records, no pupils, nothing of another province.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils import timezone

from huunghi.accounts.models import User
from huunghi.geography import selectors as geography
from huunghi.geography.models import AdminLevel, AdminUnit, BorderMarker, localized_name
from huunghi.organisations import selectors as organisations
from huunghi.organisations.models import Unit
from huunghi.records import selectors as records

REFERENCE_LIFETIME = dt.timedelta(days=7)
PLACE_LEVELS = (AdminLevel.PROVINCE, AdminLevel.DISTRICT, AdminLevel.COMMUNE)


def reference_data(*, user: User) -> dict[str, Any]:
    """The reference data a device keeps for ``user``, with its expiry time."""
    units = list(records.editable_units(user=user).select_related("place__province"))
    home = home_provinces(units)
    facing = _facing(home)
    now = timezone.now()
    return {
        "user_id": user.pk,
        "generated_at": now,
        "expires_at": now + REFERENCE_LIFETIME,
        "units": [_unit(u) for u in units],
        "places": _places([*home, *facing]),
        "markers": _markers(home),
        "counterparts": [_unit(u) for u in _counterparts(facing)],
        "links": _links(user),
    }


def home_provinces(units: Iterable[Unit]) -> list[AdminUnit]:
    """The provinces where ``units`` (or, lacking a place, their nearest ancestor) lie."""
    found: dict[int, AdminUnit] = {}
    for unit in units:
        place = _place_of(unit)
        province = (place.province or place) if place else None
        if province is not None:
            found[province.pk] = province
    return list(found.values())


def _place_of(unit: Unit) -> AdminUnit | None:
    if unit.place is not None:
        return unit.place
    for ancestor in reversed(list(organisations.unit_ancestors(unit).select_related("place"))):
        if ancestor.place is not None:
            return ancestor.place
    return None


def _facing(home: list[AdminUnit]) -> list[AdminUnit]:
    found = {p.pk: p for province in home for p in geography.facing_provinces(province)}
    return list(found.values())


def _unit(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": localized_name(unit), "kind": unit.kind}


def _places(provinces: list[AdminUnit]) -> list[dict[str, Any]]:
    ids = [p.pk for p in provinces]
    rows = (
        AdminUnit.objects.filter(
            Q(pk__in=ids) | Q(province__in=ids),
            geography.in_force_q(timezone.localdate()),
            level__in=PLACE_LEVELS,
        )
        .select_related("country", "parent")
        .order_by("country__code", "search_name")
    )
    return [_place(p) for p in rows]


def _place(place: AdminUnit) -> dict[str, Any]:
    parent = localized_name(place.parent) if place.parent_id else ""
    return {
        "id": place.pk,
        "name": localized_name(place),
        "names": [n for n in (place.name_vi, place.name_en, place.name_km) if n],
        "level": place.level,
        "country": place.country.code,
        "parent": parent,
        "province_id": place.province_id,
    }


def _markers(home: list[AdminUnit]) -> list[dict[str, Any]]:
    markers = BorderMarker.objects.filter(province__in=[p.pk for p in home]).order_by("number")
    return [{"number": m.number, "province_id": m.province_id} for m in markers]


def _counterparts(facing: list[AdminUnit]) -> list[Unit]:
    ids = [p.pk for p in facing]
    units = organisations.counterpart_unit_choices().filter(
        Q(place__in=ids) | Q(place__province__in=ids)
    )
    return list(units.exclude(country__code="VN"))


def _links(user: User) -> list[dict[str, Any]]:
    chosen: list[tuple[str, Any]] = [
        ("facility", records.facility_choices(user=user)),
        ("agreement", records.agreement_choices(user=user)),
        ("twinning_pair", records.twinning_choices(user=user)),
    ]
    return [{"id": obj.pk, "link": link, "name": str(obj)} for link, rows in chosen for obj in rows]
