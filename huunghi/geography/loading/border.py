"""Reference data about the Vietnam–Cambodia land border.

Facing provinces are stated per pre-2025 Vietnamese province (the segment it held) and
linked to the province in force since 1 July 2025. Published figures keep their
qualifier ("khoảng" = about, "hơn" = more than) and cite where they were read.
No named marker is loaded: the marker table starts empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from huunghi.core.models import Qualifier
from huunghi.geography.loading.upsert import Tally
from huunghi.geography.models import (
    AdminLevel,
    AdminUnit,
    BorderGatePair,
    BorderProvincePair,
    GateLevel,
    ReferenceFact,
)


@dataclass(frozen=True)
class Source:
    """Where a figure or pairing was read."""

    title: str
    site: str = ""
    url: str = ""
    date: dt.date | None = None

    def citation(self) -> str:
        parts = [self.site, f"“{self.title}”", self.date.isoformat() if self.date else ""]
        return ", ".join(p for p in parts if p)


DOMAIN_BRIEF = Source("Hữu Nghị domain brief (reference geography)")
QK7_TAY_NINH = Source(
    "Đẩy mạnh đối ngoại quốc phòng xây dựng biên giới hòa bình ổn định",
    "Quân khu 7 Online",
    "",
    dt.date(2022, 9, 3),
)
QDND_BINH_PHUOC = Source(
    "Report on Bình Phước's auxiliary border markers (Chinese edition; title not recorded)",
    "Quân đội Nhân dân",
    "https://cn.qdnd.vn/cid-6153/7224/nid-559431.html",
)
BAO_LONG_AN_DAK_NONG = Source(
    "Xây dựng hệ thống mốc phụ tuyến biên giới Việt Nam-Campuchia",
    "Báo Long An",
    "https://baolongan.vn/xay-dung-he-thong-moc-phu-tuyen-bien-gioi-viet-nam-campuchia-a32453.html",
)
NLD_2015 = Source(
    "Việt Nam - Campuchia sắp hoàn tất phân giới, cắm mốc",
    "Người Lao Động",
    "https://nld.com.vn/Print.aspx?NewsID=20150709232728519",
    dt.date(2015, 7, 9),
)
GDTD_2020 = Source(
    "Cắm mốc 1.045km đường biên giới đất liền Việt Nam - Campuchia",
    "Giáo dục và Thời đại",
    "https://giaoducthoidai.vn/thoi-su/cam-moc-1045km-duong-bien-gioi-dat-lien-viet-nam-campuchia-4058073-v.html",
    dt.date(2020, 1, 9),
)
AN_GIANG_DOIT = Source(
    "Thông tin cần biết về biên giới Việt Nam – Campuchia",
    "Sở Công Thương An Giang",
    "https://socongthuong.angiang.gov.vn/wps/portal/Home/trang-chu/chi-tiet/logistics-bien-gioi/"
    "a4d6bdb8-4e4d-466f-9503-dc61491e1216",
)
GATES_SOURCE = Source(
    "Hữu Nghị domain brief (gate list); provinces as reported by VNA/VietnamPlus and Viet Nam News"
)

#: (pre-2025 VN province, VN province since 2025, KH province, length km, source)
PROVINCE_PAIRS: tuple[tuple[str, str, str, Decimal | None, Source], ...] = (
    ("L62", "51", "16", None, DOMAIN_BRIEF),  # Kon Tum – Ratanakiri
    ("L64", "52", "16", None, DOMAIN_BRIEF),  # Gia Lai – Ratanakiri
    ("L66", "66", "11", None, DOMAIN_BRIEF),  # Đắk Lắk – Mondulkiri
    ("L67", "68", "11", None, BAO_LONG_AN_DAK_NONG),  # Đắk Nông – Mondulkiri
    ("L70", "75", "10", None, QDND_BINH_PHUOC),  # Bình Phước – Kratie
    ("L70", "75", "11", None, QDND_BINH_PHUOC),  # Bình Phước – Mondulkiri
    ("L70", "75", "25", None, QDND_BINH_PHUOC),  # Bình Phước – Tbong Khmum
    ("L72", "80", "20", None, QK7_TAY_NINH),  # Tây Ninh – Svay Rieng
    ("L72", "80", "14", None, QK7_TAY_NINH),  # Tây Ninh – Prey Veng
    ("L72", "80", "25", None, QK7_TAY_NINH),  # Tây Ninh – Tbong Khmum
    ("L80", "80", "20", None, DOMAIN_BRIEF),  # Long An – Svay Rieng
    ("L80", "80", "14", None, DOMAIN_BRIEF),  # Long An – Prey Veng
    ("L87", "82", "14", None, DOMAIN_BRIEF),  # Đồng Tháp – Prey Veng
    ("L89", "91", "08", None, DOMAIN_BRIEF),  # An Giang – Kandal
    ("L89", "91", "21", None, DOMAIN_BRIEF),  # An Giang – Takeo
    ("L91", "91", "07", None, DOMAIN_BRIEF),  # Kiên Giang – Kampot
    ("L91", "91", "21", None, DOMAIN_BRIEF),  # Kiên Giang – Takeo
)

#: (VN gate, KH gate, pre-2025 VN province, VN province since 2025, KH province, lat, lon)
GATE_PAIRS: tuple[tuple[str, str, str, str, str, float, float], ...] = (
    ("Lệ Thanh", "O Yadav", "L64", "52", "16", 13.80, 107.48),
    ("Hoa Lư", "Trapeang Sre", "L70", "75", "10", 11.97, 106.44),
    ("Xa Mát", "Trapeang Phlong", "L72", "80", "25", 11.72, 105.98),
    ("Mộc Bài", "Bavet", "L72", "80", "20", 11.07, 106.18),
    ("Tân Nam", "Meun Chey", "L72", "80", "14", 11.45, 105.90),
    ("Bình Hiệp", "Prey Vor", "L80", "80", "20", 10.86, 105.91),
    ("Dinh Bà", "Bon Tia Chak Cry", "L87", "82", "14", 10.95, 105.44),
    ("Thường Phước", "Kaoh Roka", "L87", "82", "14", 10.90, 105.24),
    ("Vĩnh Xương", "Kaam Samnor", "L89", "91", "08", 10.93, 105.17),
    ("Tịnh Biên", "Phnom Den", "L89", "91", "21", 10.59, 104.94),
    ("Xà Xía", "Prek Chak", "L91", "91", "07", 10.42, 104.46),
)

SIGNING_2019 = dt.date(2019, 10, 5)

#: Source titles written in English here (the project's own notes, not a published
#: title), translated when shown; stored rows keep the English text.
ENGLISH_TITLES = {
    DOMAIN_BRIEF.title: _("Hữu Nghị domain brief (reference geography)"),
    QDND_BINH_PHUOC.title: _(
        "Report on Bình Phước's auxiliary border markers (Chinese edition; title not recorded)"
    ),
    GATES_SOURCE.title: _(
        "Hữu Nghị domain brief (gate list); provinces as reported by VNA/VietnamPlus and "
        "Viet Nam News"
    ),
}


#: Notes of the published figures, stored in English and translated when shown.
NOTE_LABELS = {
    "Figure from the project brief; not found in the stored press sources.": _(
        "Figure from the project brief; not found in the stored press sources."
    ),
    "Main and auxiliary markers and marker posts; excludes the tripoint marker.": _(
        "Main and auxiliary markers and marker posts; excludes the tripoint marker."
    ),
    "Faces Svay Rieng, Prey Veng and Tbong Khmum.": _(
        "Faces Svay Rieng, Prey Veng and Tbong Khmum."
    ),
    "Faces Kratie, Mondulkiri and Tbong Khmum.": _("Faces Kratie, Mondulkiri and Tbong Khmum."),
    "Faces Mondulkiri.": _("Faces Mondulkiri."),
}


def source_label(text: str) -> str:
    """A stored source or citation with the project's English titles translated."""
    for english, translated in ENGLISH_TITLES.items():
        if english in text:
            text = text.replace(english, str(translated))
    return text


@dataclass(frozen=True)
class FactRow:
    """A published figure as loaded; ``place`` is a Vietnamese province code."""

    key: str
    value: str
    unit: str
    source: Source
    qualifier: str = Qualifier.EXACT
    as_of: dt.date | None = None
    place: str | None = None
    notes: str = ""


#: Translated labels of the figures; the English text is stored as the description.
FACT_LABELS = {
    "border-length": _("Vietnam–Cambodia land border length"),
    "demarcated-share": _("Share of the land border demarcated"),
    "demarcated-length": _("Length of the land border demarcated"),
    "main-markers": _("Main markers built"),
    "main-marker-locations": _("Locations of the main markers"),
    "auxiliary-markers": _("Auxiliary markers built"),
    "marker-posts": _("Marker posts built"),
    "markers-total": _("Markers and marker posts in all"),
    "marker-locations-total": _("Locations of all markers and marker posts"),
    "segment-tay-ninh": _("Border segment of Tây Ninh (before 2025)"),
    "segment-binh-phuoc": _("Border segment of Bình Phước (before 2025)"),
    "segment-dak-nong": _("Border segment of Đắk Nông (before 2025)"),
}

FACTS: tuple[FactRow, ...] = (
    FactRow("border-length", "1137", "km", NLD_2015, Qualifier.ABOUT, NLD_2015.date),
    FactRow("demarcated-share", "84", "%", AN_GIANG_DOIT, Qualifier.ABOUT, SIGNING_2019),
    FactRow("demarcated-length", "1045", "km", GDTD_2020, Qualifier.ABOUT, SIGNING_2019),
    FactRow("main-markers", "315", "markers", GDTD_2020, as_of=SIGNING_2019),
    FactRow(
        "main-marker-locations",
        "264",
        "locations",
        DOMAIN_BRIEF,
        as_of=SIGNING_2019,
        notes="Figure from the project brief; not found in the stored press sources.",
    ),
    FactRow("auxiliary-markers", "1511", "markers", GDTD_2020, as_of=SIGNING_2019),
    FactRow("marker-posts", "221", "posts", GDTD_2020, as_of=SIGNING_2019),
    FactRow(
        "markers-total",
        "2047",
        "markers",
        AN_GIANG_DOIT,
        as_of=SIGNING_2019,
        notes="Main and auxiliary markers and marker posts; excludes the tripoint marker.",
    ),
    FactRow("marker-locations-total", "1553", "locations", AN_GIANG_DOIT, as_of=SIGNING_2019),
    FactRow(
        "segment-tay-ninh",
        "240",
        "km",
        QK7_TAY_NINH,
        as_of=QK7_TAY_NINH.date,
        place="L72",
        notes="Faces Svay Rieng, Prey Veng and Tbong Khmum.",
    ),
    FactRow(
        "segment-binh-phuoc",
        "260",
        "km",
        QDND_BINH_PHUOC,
        place="L70",
        notes="Faces Kratie, Mondulkiri and Tbong Khmum.",
    ),
    FactRow(
        "segment-dak-nong",
        "130",
        "km",
        BAO_LONG_AN_DAK_NONG,
        Qualifier.AT_LEAST,
        place="L67",
        notes="Faces Mondulkiri.",
    ),
)
UNIT_LABELS = {
    "km": _("km"),
    "%": _("%"),
    "markers": _("markers"),
    "locations": _("locations"),
    "posts": _("posts"),
}


def provinces_by_code() -> dict[tuple[str, str], AdminUnit]:
    """Provinces of Vietnam and Cambodia by (country, code)."""
    units = AdminUnit.objects.filter(
        level=AdminLevel.PROVINCE, country__code__in=["VN", "KH"]
    ).select_related("country")
    return {(u.country.code, u.code): u for u in units}


def _store(
    model: type[Model], lookup: dict[str, Any], values: dict[str, Any], tally: Tally
) -> None:
    """Create, update or leave one row, counting which."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        model._default_manager.create(**lookup, **values)
        tally.created += 1
    elif any(getattr(obj, k) != v for k, v in values.items()):
        model._default_manager.filter(pk=obj.pk).update(**values)
        tally.updated += 1
    else:
        tally.unchanged += 1


def load_province_pairs(provinces: dict[tuple[str, str], AdminUnit]) -> Tally:
    tally = Tally()
    for legacy_code, new_code, kh_code, length, source in PROVINCE_PAIRS:
        lookup = {
            "vn_legacy_province": provinces["VN", legacy_code],
            "kh_province": provinces["KH", kh_code],
        }
        values = {
            "vn_province": provinces["VN", new_code],
            "length_km": length,
            "source": source.citation(),
        }
        _store(BorderProvincePair, lookup, values, tally)
    return tally


def load_gate_pairs(provinces: dict[tuple[str, str], AdminUnit]) -> Tally:
    tally = Tally()
    for vn_name, kh_name, legacy_code, new_code, kh_code, lat, lon in GATE_PAIRS:
        values = {
            "vn_province": provinces["VN", new_code],
            "vn_legacy_province": provinces["VN", legacy_code],
            "kh_province": provinces["KH", kh_code],
            "level": GateLevel.INTERNATIONAL,
            "latitude": lat,
            "longitude": lon,
            "source": GATES_SOURCE.citation(),
        }
        _store(BorderGatePair, {"vn_name": vn_name, "kh_name": kh_name}, values, tally)
    return tally


def load_facts(provinces: dict[tuple[str, str], AdminUnit]) -> Tally:
    tally = Tally()
    for fact in FACTS:
        with translation.override("en"):
            description = str(FACT_LABELS[fact.key])
        values = {
            "description": description,
            "value": Decimal(fact.value),
            "qualifier": fact.qualifier,
            "unit": fact.unit,
            "as_of": fact.as_of,
            "place": provinces["VN", fact.place] if fact.place else None,
            "source_title": fact.source.title,
            "source_site": fact.source.site,
            "source_url": fact.source.url,
            "source_date": fact.source.date,
            "notes": fact.notes,
        }
        _store(ReferenceFact, {"key": fact.key}, values, tally)
    return tally
