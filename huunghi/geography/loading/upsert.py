"""Idempotent bulk writes of administrative units and successions.

Rows are matched by ``(country, code)``: a missing unit is created, a unit whose
values differ is updated, an identical one is left alone, so a second run writes
nothing. Units are written level by level, parents first, so a new unit gets its
parent and province in the same INSERT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F
from django.utils import timezone

from huunghi.geography.models import AdminLevel, AdminUnit, Country, PlaceSuccession
from huunghi.geography.text import search_key

LEVEL_ORDER = (AdminLevel.PROVINCE, AdminLevel.DISTRICT, AdminLevel.COMMUNE, AdminLevel.VILLAGE)
SCALAR_FIELDS = (
    "official_code",
    "level",
    "kind_name",
    "name_vi",
    "name_km",
    "name_en",
    "search_name",
    "valid_from",
    "valid_to",
    "is_border",
    "latitude",
    "longitude",
)
LINK_FIELDS = ("parent_id", "province_id")
BATCH_SIZE = 1000


@dataclass(frozen=True)
class UnitRow:
    """One administrative unit as a loader wants it stored."""

    code: str
    level: str
    name_vi: str
    official_code: str = ""
    kind_name: str = ""
    name_km: str = ""
    name_en: str = ""
    parent_code: str | None = None
    province_code: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    is_border: bool = False
    latitude: float | None = None
    longitude: float | None = None

    def scalar_values(self) -> dict[str, Any]:
        """The stored non-key, non-link fields, ``search_name`` included."""
        values = {name: getattr(self, name) for name in SCALAR_FIELDS if name != "search_name"}
        values["search_name"] = search_key(self.name_vi, self.name_en)
        return values


@dataclass(frozen=True)
class SuccessionRow:
    """``predecessor`` (code) became, wholly or in part, ``successor`` (code)."""

    predecessor: str
    successor: str
    on_date: dt.date
    whole: bool = True


@dataclass
class Tally:
    """What one loader step did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    @property
    def written(self) -> int:
        return self.created + self.updated


@dataclass
class LoadReport:
    """Tallies by step, e.g. ``{"VN units": Tally(created=14165)}``."""

    tallies: dict[str, Tally] = field(default_factory=dict)

    def add(self, name: str, tally: Tally) -> None:
        self.tallies[name] = tally

    @property
    def written(self) -> int:
        return sum(t.written for t in self.tallies.values())

    def lines(self) -> list[str]:
        return [
            f"{name}: {t.created} created, {t.updated} updated, {t.unchanged} unchanged"
            + (f", {t.skipped} skipped" if t.skipped else "")
            for name, t in self.tallies.items()
        ]


def _existing_units(country: Country) -> dict[str, tuple[int, dict[str, Any]]]:
    """Stored units of ``country`` by code: ``(id, values)``."""
    names = ("code", "id", *SCALAR_FIELDS, *LINK_FIELDS)
    rows = AdminUnit.objects.filter(country=country).order_by().values_list(*names)
    return {row[0]: (row[1], dict(zip(names[2:], row[2:], strict=True))) for row in rows}


def _link_values(row: UnitRow, ids: dict[str, int]) -> dict[str, int | None]:
    province_code = row.code if row.level == AdminLevel.PROVINCE else row.province_code
    return {
        "parent_id": ids.get(row.parent_code) if row.parent_code else None,
        "province_id": ids.get(province_code) if province_code else None,
    }


def _write_level(
    country: Country,
    rows: list[UnitRow],
    existing: dict[str, tuple[int, dict[str, Any]]],
    ids: dict[str, int],
    tally: Tally,
) -> None:
    """Create or update one level's rows; record new ids in ``ids``."""
    if not rows:
        return
    now = timezone.now()
    new: list[AdminUnit] = []
    changed: list[AdminUnit] = []
    for row in rows:
        values = row.scalar_values() | _link_values(row, ids)
        current = existing.get(row.code)
        if current is None:
            new.append(AdminUnit(country=country, code=row.code, **values))
        elif current[1] != values:
            changed.append(AdminUnit(pk=current[0], updated_at=now, **values))
        else:
            tally.unchanged += 1
    AdminUnit.objects.bulk_create(new, batch_size=BATCH_SIZE)
    update_fields = [*SCALAR_FIELDS, "parent", "province", "updated_at"]
    AdminUnit.objects.bulk_update(changed, update_fields, batch_size=BATCH_SIZE)
    if any(unit.pk is None for unit in new):  # backends that return no ids from bulk INSERT
        level_units = AdminUnit.objects.filter(country=country, level=rows[0].level)
        ids.update(dict(level_units.values_list("code", "id")))
    else:
        ids.update({unit.code: unit.pk for unit in new})
    tally.created += len(new)
    tally.updated += len(changed)


def upsert_units(country: Country, rows: Iterable[UnitRow]) -> tuple[dict[str, int], Tally]:
    """Store ``rows`` for ``country``; return ids by code and what was written."""
    rows = list(rows)
    existing = _existing_units(country)
    ids = {code: pk for code, (pk, _values) in existing.items()}
    tally = Tally()
    for level in LEVEL_ORDER:
        _write_level(country, [r for r in rows if r.level == level], existing, ids, tally)
    # A new province is its own province: only known once it has an id.
    AdminUnit.objects.filter(
        country=country, level=AdminLevel.PROVINCE, province__isnull=True
    ).update(province_id=F("id"))
    return ids, tally


def upsert_successions(
    country: Country, rows: Iterable[SuccessionRow], ids: dict[str, int]
) -> Tally:
    """Store successions between units of ``country`` given by code."""
    tally = Tally()
    existing = {
        (pred, succ): (pk, on_date, whole)
        for pk, pred, succ, on_date, whole in PlaceSuccession.objects.filter(
            predecessor__country=country
        ).values_list("id", "predecessor_id", "successor_id", "on_date", "whole")
    }
    new: list[PlaceSuccession] = []
    changed: list[PlaceSuccession] = []
    for row in rows:
        pred, succ = ids.get(row.predecessor), ids.get(row.successor)
        if pred is None or succ is None:
            tally.skipped += 1
            continue
        current = existing.get((pred, succ))
        if current is None:
            new.append(
                PlaceSuccession(
                    predecessor_id=pred, successor_id=succ, on_date=row.on_date, whole=row.whole
                )
            )
        elif current[1:] != (row.on_date, row.whole):
            changed.append(PlaceSuccession(pk=current[0], on_date=row.on_date, whole=row.whole))
        else:
            tally.unchanged += 1
    PlaceSuccession.objects.bulk_create(new, batch_size=BATCH_SIZE)
    PlaceSuccession.objects.bulk_update(changed, ["on_date", "whole"], batch_size=BATCH_SIZE)
    tally.created, tally.updated = len(new), len(changed)
    return tally


def upsert_countries(
    countries: dict[str, tuple[str, str, str]],
) -> tuple[dict[str, Country], Tally]:
    """Store the countries (ISO code → Vietnamese, Khmer, English names)."""
    tally = Tally()
    stored = {c.code: c for c in Country.objects.all()}
    for code, (name_vi, name_km, name_en) in countries.items():
        values = {"name_vi": name_vi, "name_km": name_km, "name_en": name_en}
        country = stored.get(code)
        if country is None:
            stored[code] = Country.objects.create(code=code, **values)
            tally.created += 1
        elif any(getattr(country, k) != v for k, v in values.items()):
            Country.objects.filter(pk=country.pk).update(**values)
            tally.updated += 1
        else:
            tally.unchanged += 1
    return stored, tally
