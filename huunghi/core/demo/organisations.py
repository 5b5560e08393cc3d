"""The demo unit tree along the Vietnam–Cambodia border.

Units are the real kinds of organisation named in the domain brief (commands,
provincial commands, posts at the international gates, remains teams and their
steering committees, Cambodian counterparts). Post names follow the gate names;
no figures are implied by the tree itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from huunghi.core.actors import SYSTEM
from huunghi.geography.models import AdminLevel, AdminUnit, Country
from huunghi.organisations.models import Unit, UnitKind
from huunghi.organisations.services import unit_create


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name_vi: str
    kind: str
    parent: str | None
    country: str = "VN"
    province: str = ""
    name_en: str = ""
    name_km: str = ""


K = UnitKind
VN_BORDER_PROVINCES = (
    ("QNG", "Quảng Ngãi"),
    ("GL", "Gia Lai"),
    ("DL", "Đắk Lắk"),
    ("LD", "Lâm Đồng"),
    ("DN", "Đồng Nai"),
    ("TN", "Tây Ninh"),
    ("DT", "Đồng Tháp"),
    ("AG", "An Giang"),
)
KH_BORDER_PROVINCES = (
    ("RTK", "Ratanakiri", "រតនគិរី"),
    ("MDK", "Mondulkiri", "មណ្ឌលគិរី"),
    ("KRT", "Kratie", "ក្រចេះ"),
    ("TBK", "Tbong Khmum", "ត្បូងឃ្មុំ"),
    ("PVG", "Prey Veng", "ព្រៃវែង"),
    ("SVR", "Svay Rieng", "ស្វាយរៀង"),
    ("KDL", "Kandal", "កណ្ដាល"),
    ("TKO", "Takeo", "តាកែវ"),
    ("KPT", "Kampot", "កំពត"),
)
# Posts at the international gates (Vietnamese side) and their Cambodian counterparts.
GATE_POSTS = (
    ("GL", "LETHANH", "Lệ Thanh", "RTK", "OYADAV", "O Yadav"),
    ("DN", "HOALU", "Hoa Lư", "KRT", "TRAPEANGSRE", "Trapeang Sre"),
    ("TN", "XAMAT", "Xa Mát", "TBK", "TRAPEANGPHLONG", "Trapeang Phlong"),
    ("TN", "MOCBAI", "Mộc Bài", "SVR", "BAVET", "Bavet"),
    ("TN", "BINHHIEP", "Bình Hiệp", "SVR", "PREYVOR", "Prey Vor"),
    ("DT", "DINHBA", "Dinh Bà", "PVG", "BONTIACHAKCRY", "Bon Tia Chak Cry"),
    ("DT", "THUONGPHUOC", "Thường Phước", "KDL", "KAOHROKA", "Kaoh Roka"),
    ("AG", "VINHXUONG", "Vĩnh Xương", "KDL", "KAAMSAMNOR", "Kaam Samnor"),
    ("AG", "TINHBIEN", "Tịnh Biên", "TKO", "PHNOMDEN", "Phnom Den"),
    ("AG", "XAXIA", "Xà Xía", "KPT", "PREKCHAK", "Prek Chak"),
)
SEARCH_TEAMS = (
    # code, owning 515 committee (province code), military region
    ("K70", "TN"),
    ("K71", "TN"),
    ("K73", "TN"),
    ("K72", "DN"),
    ("K51", "DL"),
    ("K52", "GL"),
    ("K53", "QNG"),
    ("K91", "DT"),
    ("K92", "AG"),
    ("K93", "AG"),
)
MILITARY_REGIONS = {"QK5": "Quân khu 5", "QK7": "Quân khu 7", "QK9": "Quân khu 9"}
PROVINCE_REGION = {
    "QNG": "QK5",
    "GL": "QK5",
    "DL": "QK5",
    "LD": "QK7",
    "DN": "QK7",
    "TN": "QK7",
    "DT": "QK9",
    "AG": "QK9",
}
KH_REGION = {
    "RTK": "MR1",
    "MDK": "MR1",
    "KRT": "MR1",
    "TBK": "MR2",
    "PVG": "MR2",
    "SVR": "MR2",
    "KDL": "MR2",
    "TKO": "MR3",
    "KPT": "MR3",
}


def _vietnam_specs() -> list[UnitSpec]:
    specs = [
        UnitSpec(
            "VN-MOD", "Bộ Quốc phòng", K.MINISTRY, None, name_en="Ministry of National Defence"
        ),
        UnitSpec(
            "VN-BDBP",
            "Bộ Tư lệnh Bộ đội Biên phòng",
            K.COMMAND,
            "VN-MOD",
            name_en="Border Guard Command",
        ),
        UnitSpec(
            "VN-BCD515",
            "Ban Chỉ đạo 515 Quốc gia",
            K.STEERING_COMMITTEE,
            "VN-MOD",
            name_en="National Steering Committee 515",
        ),
    ]
    for code, name in MILITARY_REGIONS.items():
        specs.append(
            UnitSpec(
                f"VN-{code}",
                name,
                K.MILITARY_REGION,
                "VN-MOD",
                name_en=f"Military Region {code[2:]}",
            )
        )
    for code, name in VN_BORDER_PROVINCES:
        specs += [
            UnitSpec(
                f"VN-BDBP-{code}",
                f"Bộ đội Biên phòng tỉnh {name}",
                K.PROVINCIAL_BORDER_GUARD,
                "VN-BDBP",
                province=name,
                name_en=f"{name} Provincial Border Guard",
            ),
            UnitSpec(
                f"VN-CHQS-{code}",
                f"Bộ Chỉ huy Quân sự tỉnh {name}",
                K.PROVINCIAL_COMMAND,
                f"VN-{PROVINCE_REGION[code]}",
                province=name,
                name_en=f"{name} Provincial Military Command",
            ),
            UnitSpec(
                f"VN-BCD515-{code}",
                f"Ban Chỉ đạo 515 tỉnh {name}",
                K.STEERING_COMMITTEE,
                f"VN-CHQS-{code}",
                province=name,
                name_en=f"{name} Steering Committee 515",
            ),
        ]
    names = dict(VN_BORDER_PROVINCES)
    for province, post, post_name, *_ in GATE_POSTS:
        specs.append(
            UnitSpec(
                f"VN-DBP-{post}",
                f"Đồn Biên phòng Cửa khẩu Quốc tế {post_name}",
                K.BORDER_POST,
                f"VN-BDBP-{province}",
                province=names[province],
                name_en=f"{post_name} International Border Gate Post",
            )
        )
    specs.append(
        UnitSpec(
            "VN-DBP-LOCTHIEN",
            "Đồn Biên phòng Lộc Thiện",
            K.BORDER_POST,
            "VN-BDBP-DN",
            province="Đồng Nai",
            name_en="Lộc Thiện Border Post",
        )
    )
    for team, province in SEARCH_TEAMS:
        specs.append(
            UnitSpec(
                f"VN-{team}",
                f"Đội {team}",
                K.SEARCH_TEAM,
                f"VN-BCD515-{province}",
                province=names[province],
                name_en=f"Team {team}",
            )
        )
    specs.append(UnitSpec("VN-K90", "Đội K90", K.SEARCH_TEAM, "VN-QK9", name_en="Team K90"))
    specs.append(
        UnitSpec(
            "VN-LHHN",
            "Liên hiệp các tổ chức hữu nghị Việt Nam",
            K.ASSOCIATION,
            None,
            name_en="Viet Nam Union of Friendship Organisations",
        )
    )
    return specs


def _cambodia_specs() -> list[UnitSpec]:
    specs = [
        UnitSpec(
            "KH-RCAF",
            "Quân đội Hoàng gia Campuchia",
            K.COMMAND,
            None,
            "KH",
            name_en="Royal Cambodian Armed Forces",
            name_km="កងយោធពលខេមរភូមិន្ទ",
        ),
        UnitSpec(
            "KH-GEND",
            "Bộ Tư lệnh Hiến binh Hoàng gia Campuchia",
            K.GENDARMERIE,
            None,
            "KH",
            name_en="Royal Gendarmerie Command",
            name_km="បញ្ជាការដ្ឋានកងរាជអាវុធហត្ថ",
        ),
    ]
    for region in ("MR1", "MR2", "MR3", "MR4", "MR5"):
        specs.append(
            UnitSpec(
                f"KH-{region}",
                f"Quân khu {region[2:]} (Campuchia)",
                K.MILITARY_REGION,
                "KH-RCAF",
                "KH",
                name_en=f"Military Region {region[2:]}",
                name_km=f"តំបន់ប្រតិបត្តិការសឹករងទី{region[2:]}",
            )
        )
    for code, name, khmer in KH_BORDER_PROVINCES:
        specs += [
            UnitSpec(
                f"KH-TKQS-{code}",
                f"Tiểu khu Quân sự tỉnh {name}",
                K.MILITARY_SUBREGION,
                f"KH-{KH_REGION[code]}",
                "KH",
                name,
                name_en=f"{name} Provincial Military Sub-region",
                name_km=f"អនុតំបន់ប្រតិបត្តិការសឹកខេត្ត{khmer}",
            ),
            UnitSpec(
                f"KH-HB-{code}",
                f"Hiến binh tỉnh {name}",
                K.GENDARMERIE,
                "KH-GEND",
                "KH",
                name,
                name_en=f"{name} Provincial Gendarmerie",
                name_km=f"កងរាជអាវុធហត្ថខេត្ត{khmer}",
            ),
        ]
    kh_names = {code: name for code, name, _ in KH_BORDER_PROVINCES}
    for _, _, _, province, post, post_name in GATE_POSTS:
        specs.append(
            UnitSpec(
                f"KH-CSBG-{post}",
                f"Đồn Cảnh sát biên giới {post_name}",
                K.BORDER_POLICE,
                f"KH-HB-{province}",
                "KH",
                kh_names[province],
                name_en=f"{post_name} Border Police Post",
            )
        )
    return specs


def demo_unit_specs() -> list[UnitSpec]:
    """Every unit of the demo tree, parents before children."""
    return _vietnam_specs() + _cambodia_specs()


def find_current_province(country: Country, name: str) -> AdminUnit | None:
    """The province of ``name`` in force today, if the geography is loaded."""
    return (
        AdminUnit.objects.filter(
            country=country, level=AdminLevel.PROVINCE, valid_to__isnull=True, name_vi=name
        )
        .order_by("-valid_from")
        .first()
    )


@transaction.atomic
def load_demo_units() -> int:
    """Create the demo tree; existing codes are left as they are. Returns units created."""
    countries = {c.code: c for c in Country.objects.filter(code__in=["VN", "KH"])}
    existing = {
        u.code: u for u in Unit.objects.filter(code__in=[s.code for s in demo_unit_specs()])
    }
    created = 0
    for spec in demo_unit_specs():
        if spec.code in existing:
            continue
        country = countries[spec.country]
        existing[spec.code] = unit_create(
            code=spec.code,
            name_vi=spec.name_vi,
            kind=spec.kind,
            country=country,
            parent=existing[spec.parent] if spec.parent else None,
            place=find_current_province(country, spec.province) if spec.province else None,
            name_en=spec.name_en,
            name_km=spec.name_km,
            acting_user=SYSTEM,
        )
        created += 1
    return created
