"""Vietnam's units from ``vietnam-provinces``: both eras and the succession between them.

Codes: provinces in force since 1 July 2025 keep their two-digit official code
(``75``), communes their five-digit code (``25432``); legacy units carry ``L``
(``L70``, ``L691``, ``L25432``). Province merges are derived from whole provinces:
each legacy province goes to the new province that receives most of its wards, a
ward's legacy province being read from its district. This sidesteps the package's
conversion table, which tags one ward of Tân An (Long An) as Tiền Giang and so lists
Tiền Giang among Tây Ninh's sources.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from vietnam_provinces import Province, Ward, legacy
from vietnam_provinces import _province_conversion_2025 as province_conversion
from vietnam_provinces import _ward_conversion_2025 as ward_conversion

from huunghi.geography.loading.tables import (
    CENTROIDS,
    VN_BORDER_CODES,
    VN_KINDS,
    VN_KINDS_EN,
    VN_LEGACY_BORDER_CODES,
    VN_NAMES_EN,
    VN_REORGANISATION,
)
from huunghi.geography.loading.upsert import SuccessionRow, UnitRow
from huunghi.geography.models import AdminLevel
from huunghi.geography.text import fold, unaccent


def new_province_code(code: int) -> str:
    return f"{code:02d}"


def new_commune_code(code: int) -> str:
    return f"{code:05d}"


def legacy_province_code(code: int) -> str:
    return f"L{code:02d}"


def legacy_district_code(code: int) -> str:
    return f"L{code:03d}"


def legacy_ward_code(code: int) -> str:
    return f"L{code:05d}"


def split_kind(full_name: str) -> tuple[str, str]:
    """``("Tỉnh", "Tây Ninh")`` from "Tỉnh Tây Ninh"; numbered units keep their type."""
    for kind in VN_KINDS:
        if full_name.startswith(kind + " "):
            rest = full_name[len(kind) + 1 :]
            return kind, full_name if rest[:1].isdigit() else rest
    return "", full_name


def english_name(kind: str, name_vi: str) -> str:
    """The English form: unaccented, "Ward 4" for a numbered ward."""
    if kind and name_vi.startswith(kind + " "):
        return f"{VN_KINDS_EN.get(kind, kind)} {name_vi[len(kind) + 1 :]}"
    return VN_NAMES_EN.get(name_vi, unaccent(name_vi))


def _unit_row(code: str, level: str, full_name: str, official: int, **extra: Any) -> UnitRow:
    kind, name_vi = split_kind(full_name)
    lat_lon = CENTROIDS.get(("VN", code), (None, None))
    return UnitRow(
        code=code,
        level=level,
        official_code=str(official),
        kind_name=kind,
        name_vi=name_vi,
        name_en=english_name(kind, name_vi),
        latitude=lat_lon[0],
        longitude=lat_lon[1],
        **extra,
    )


@dataclass
class VietnamData:
    """The package's data, indexed once."""

    @cached_property
    def provinces(self) -> list[Province]:
        return list(Province.iter_all())

    @cached_property
    def communes(self) -> list[Ward]:
        return list(Ward.iter_all())

    @cached_property
    def legacy_provinces(self) -> list[legacy.Province]:
        return list(legacy.Province.iter_all())

    @cached_property
    def legacy_districts(self) -> dict[int, legacy.District]:
        return {d.code.value: d for d in legacy.District.iter_all()}

    @cached_property
    def legacy_wards(self) -> dict[int, legacy.Ward]:
        return {w.code.value: w for w in legacy.Ward.iter_all()}

    @cached_property
    def commune_codes(self) -> set[int]:
        return {w.code.value for w in self.communes}

    def ward_province(self, ward_code: int) -> int:
        """The legacy province of a legacy ward, read from its district."""
        district = self.legacy_districts[self.legacy_wards[ward_code].district_code.value]
        return district.province_code.value

    def conversions(self) -> Iterator[tuple[int, Any]]:
        """Ward conversion entries whose old ward is in the legacy list."""
        for old_code, entry in ward_conversion.OLD_TO_NEW.items():
            if old_code in self.legacy_wards:
                yield old_code, entry

    @cached_property
    def province_merges(self) -> dict[int, int]:
        """Legacy province → the new province receiving most of its wards."""
        votes: dict[int, Counter[int]] = defaultdict(Counter)
        for old_code, entry in self.conversions():
            for new_ward in entry.new_wards:
                votes[self.ward_province(old_code)][new_ward.province_code] += 1
        merges = {old: counter.most_common(1)[0][0] for old, counter in votes.items()}
        for old, entry in province_conversion.OLD_TO_NEW.items():
            merges.setdefault(old, entry.new_provinces[0].code)
        return merges


def unit_rows(data: VietnamData) -> Iterator[UnitRow]:
    """Every Vietnamese unit of both eras."""
    yield from _new_rows(data)
    yield from _legacy_rows(data)


def _new_rows(data: VietnamData) -> Iterator[UnitRow]:
    for p in data.provinces:
        code = new_province_code(p.code.value)
        yield _unit_row(
            code,
            AdminLevel.PROVINCE,
            p.name,
            p.code.value,
            valid_from=VN_REORGANISATION,
            is_border=p.code.value in VN_BORDER_CODES,
        )
    for w in data.communes:
        province = new_province_code(w.province_code.value)
        yield _unit_row(
            new_commune_code(w.code.value),
            AdminLevel.COMMUNE,
            w.name,
            w.code.value,
            parent_code=province,
            province_code=province,
            valid_from=VN_REORGANISATION,
        )


def _legacy_rows(data: VietnamData) -> Iterator[UnitRow]:
    for p in data.legacy_provinces:
        yield _unit_row(
            legacy_province_code(p.code.value),
            AdminLevel.PROVINCE,
            p.name,
            p.code.value,
            valid_to=VN_REORGANISATION,
            is_border=p.code.value in VN_LEGACY_BORDER_CODES,
        )
    for d in data.legacy_districts.values():
        province = legacy_province_code(d.province_code.value)
        yield _unit_row(
            legacy_district_code(d.code.value),
            AdminLevel.DISTRICT,
            d.name,
            d.code.value,
            parent_code=province,
            province_code=province,
            valid_to=VN_REORGANISATION,
        )
    for w in data.legacy_wards.values():
        yield _unit_row(
            legacy_ward_code(w.code.value),
            AdminLevel.COMMUNE,
            w.name,
            w.code.value,
            parent_code=legacy_district_code(w.district_code.value),
            province_code=legacy_province_code(data.ward_province(w.code.value)),
            valid_to=VN_REORGANISATION,
        )


def succession_rows(data: VietnamData) -> Iterator[SuccessionRow]:
    """Legacy province → new province, legacy district → new province, ward → commune."""
    on = VN_REORGANISATION
    for old, new in data.province_merges.items():
        yield SuccessionRow(legacy_province_code(old), new_province_code(new), on)
    for d in data.legacy_districts.values():
        new = data.province_merges[d.province_code.value]
        yield SuccessionRow(legacy_district_code(d.code.value), new_province_code(new), on)
    for old_code, entry in data.conversions():
        targets = [nw.code for nw in entry.new_wards if nw.code in data.commune_codes]
        whole = len(targets) == 1 and not entry.old_ward.is_partly_merged
        for new_code in targets:
            yield SuccessionRow(legacy_ward_code(old_code), new_commune_code(new_code), on, whole)
    yield from _island_rows(data)


def _island_rows(data: VietnamData) -> Iterator[SuccessionRow]:
    """Island districts without wards → the special zone of the same name."""
    with_wards = {w.district_code.value for w in data.legacy_wards.values()}
    zones = {
        (w.province_code.value, fold(split_kind(w.name)[1])): w.code.value for w in data.communes
    }
    for d in data.legacy_districts.values():
        if d.code.value in with_wards:
            continue
        key = (data.province_merges[d.province_code.value], fold(split_kind(d.name)[1]))
        if key in zones:
            yield SuccessionRow(
                legacy_district_code(d.code.value),
                new_commune_code(zones[key]),
                VN_REORGANISATION,
            )
