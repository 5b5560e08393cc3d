"""Factories for tests: small real-looking trees of places, units and accounts.

Tests that do not need the full national geography use these (milliseconds);
tests of the geography loader use the real packages.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from huunghi.accounts.models import Membership, Role, User
from huunghi.accounts.scope import forget_scope
from huunghi.core.actors import SYSTEM
from huunghi.geography.models import AdminLevel, AdminUnit, Country, PlaceSuccession
from huunghi.organisations.models import Unit, UnitKind
from huunghi.organisations.services import unit_create

_counter = itertools.count(1)
REFORM_DATE = dt.date(2025, 7, 1)


def country(code: str = "VN") -> Country:
    names = {
        "VN": ("Việt Nam", "វៀតណាម", "Vietnam"),
        "KH": ("Campuchia", "កម្ពុជា", "Cambodia"),
        "LA": ("Lào", "ឡាវ", "Laos"),
    }[code]
    obj, _ = Country.objects.get_or_create(
        code=code, defaults={"name_vi": names[0], "name_km": names[1], "name_en": names[2]}
    )
    return obj


def place(
    name: str,
    *,
    country_code: str = "VN",
    level: str = AdminLevel.PROVINCE,
    parent: AdminUnit | None = None,
    code: str | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> AdminUnit:
    unit = AdminUnit.objects.create(
        country=country(country_code),
        code=code or f"T{next(_counter)}",
        level=level,
        name_vi=name,
        name_en=name,
        search_name=name.lower(),
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    unit.province = parent.province if parent and parent.province else unit
    unit.save(update_fields=["province"])
    return unit


def org_unit(
    name: str,
    *,
    parent: Unit | None = None,
    kind: str = UnitKind.BORDER_POST,
    country_code: str = "VN",
    location: AdminUnit | None = None,
) -> Unit:
    return unit_create(
        code=f"U{next(_counter)}",
        name_vi=name,
        kind=kind,
        country=country(country_code),
        parent=parent,
        place=location,
        acting_user=SYSTEM,
    )


def user_with_role(role: str, unit: Unit, *, username: str | None = None) -> User:
    user = User.objects.create_user(
        username=username or f"user{next(_counter)}",
        password="Str0ng-pass-phrase!",  # noqa: S106 - test factory
    )
    Membership.objects.create(user=user, unit=unit, role=role)
    forget_scope(user)
    return user


@dataclass
class World:
    """A small two-country world: two provinces on the Vietnamese side, one post each,
    a legacy province merged into a new one, and a Cambodian counterpart tree."""

    vn: Country
    kh: Country
    tay_ninh: AdminUnit
    long_an_legacy: AdminUnit
    binh_phuoc_legacy: AdminUnit
    dong_nai: AdminUnit
    loc_ninh_legacy: AdminUnit
    svay_rieng: AdminUnit
    kratie: AdminUnit
    national: Unit
    bdbp_tay_ninh: Unit
    post_xa_mat: Unit
    bdbp_dong_nai: Unit
    post_hoa_lu: Unit
    kh_gendarmerie: Unit
    kh_svay_rieng: Unit
    kh_post_bavet: Unit

    def user(self, role: str, unit: Unit, **kwargs: Any) -> User:
        return user_with_role(role, unit, **kwargs)


def build_world() -> World:
    """Create the small world (about 30 queries)."""
    vn, kh = country("VN"), country("KH")
    tay_ninh = place("Tây Ninh", code="80", valid_from=REFORM_DATE)
    dong_nai = place("Đồng Nai", code="75", valid_from=REFORM_DATE)
    long_an = place("Long An", code="L80", valid_to=REFORM_DATE)
    binh_phuoc = place("Bình Phước", code="L70", valid_to=REFORM_DATE)
    loc_ninh = place(
        "Lộc Ninh",
        code="L0693",
        level=AdminLevel.DISTRICT,
        parent=binh_phuoc,
        valid_to=REFORM_DATE,
    )
    for old, new in ((long_an, tay_ninh), (binh_phuoc, dong_nai)):
        PlaceSuccession.objects.create(predecessor=old, successor=new, on_date=REFORM_DATE)
    PlaceSuccession.objects.create(
        predecessor=loc_ninh, successor=dong_nai, on_date=REFORM_DATE, whole=True
    )
    svay_rieng = place("Svay Rieng", country_code="KH", code="20")
    kratie = place("Kratie", country_code="KH", code="10")
    national = org_unit("Bộ Tư lệnh Bộ đội Biên phòng", kind=UnitKind.COMMAND)
    bdbp_tn = org_unit(
        "BĐBP tỉnh Tây Ninh",
        parent=national,
        kind=UnitKind.PROVINCIAL_BORDER_GUARD,
        location=tay_ninh,
    )
    bdbp_dn = org_unit(
        "BĐBP tỉnh Đồng Nai",
        parent=national,
        kind=UnitKind.PROVINCIAL_BORDER_GUARD,
        location=dong_nai,
    )
    kh_root = org_unit(
        "Bộ Tư lệnh Hiến binh Campuchia", kind=UnitKind.GENDARMERIE, country_code="KH"
    )
    kh_sr = org_unit(
        "Hiến binh tỉnh Svay Rieng",
        parent=kh_root,
        kind=UnitKind.GENDARMERIE,
        country_code="KH",
        location=svay_rieng,
    )
    return World(
        vn=vn,
        kh=kh,
        tay_ninh=tay_ninh,
        long_an_legacy=long_an,
        binh_phuoc_legacy=binh_phuoc,
        dong_nai=dong_nai,
        loc_ninh_legacy=loc_ninh,
        svay_rieng=svay_rieng,
        kratie=kratie,
        national=national,
        bdbp_tay_ninh=bdbp_tn,
        post_xa_mat=org_unit("Đồn Biên phòng Cửa khẩu Xa Mát", parent=bdbp_tn, location=tay_ninh),
        bdbp_dong_nai=bdbp_dn,
        post_hoa_lu=org_unit("Đồn Biên phòng Cửa khẩu Hoa Lư", parent=bdbp_dn, location=dong_nai),
        kh_gendarmerie=kh_root,
        kh_svay_rieng=kh_sr,
        kh_post_bavet=org_unit(
            "Đồn Cảnh sát biên giới Bavet",
            parent=kh_sr,
            kind=UnitKind.BORDER_POLICE,
            country_code="KH",
            location=svay_rieng,
        ),
    )


ROLES = tuple(Role)
