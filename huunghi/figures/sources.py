"""Totals published by the project's sources, loaded as reported figures.

The two articles (``Hữu nghị Bốn phương kết bạn``, 16/07/2022; ``Quân khu 7 Online``,
03/09/2022) and the domain brief give totals, not named activities: each becomes one
approved reported figure of the unit that reported it, citing site, title, author and
date. No individual record is invented from them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from huunghi.core.actors import SYSTEM
from huunghi.core.models import Qualifier
from huunghi.figures.models import ReportedFigure, SourceKind
from huunghi.figures.periods import PeriodKind
from huunghi.figures.services import FigureInput, OnOverlap, figure_import
from huunghi.geography.models import AdminLevel, AdminUnit, Country
from huunghi.organisations.models import Unit, UnitKind
from huunghi.organisations.services import unit_create


@dataclass(frozen=True)
class SourceUnit:
    code: str
    name_vi: str
    kind: str
    parent: str | None
    name_en: str
    province: str = ""


# The same codes, names and parents as the demo unit tree (huunghi.core.demo.organisations).
SOURCE_UNITS = (
    SourceUnit("VN-MOD", "Bộ Quốc phòng", UnitKind.MINISTRY, None, "Ministry of National Defence"),
    SourceUnit(
        "VN-BDBP",
        "Bộ Tư lệnh Bộ đội Biên phòng",
        UnitKind.COMMAND,
        "VN-MOD",
        "Border Guard Command",
    ),
    SourceUnit(
        "VN-BCD515",
        "Ban Chỉ đạo 515 Quốc gia",
        UnitKind.STEERING_COMMITTEE,
        "VN-MOD",
        "National Steering Committee 515",
    ),
    SourceUnit("VN-QK7", "Quân khu 7", UnitKind.MILITARY_REGION, "VN-MOD", "Military Region 7"),
    SourceUnit(
        "VN-CHQS-TN",
        "Bộ Chỉ huy Quân sự tỉnh Tây Ninh",
        UnitKind.PROVINCIAL_COMMAND,
        "VN-QK7",
        "Tây Ninh Provincial Military Command",
        "Tây Ninh",
    ),
    SourceUnit(
        "VN-BCD515-TN",
        "Ban Chỉ đạo 515 tỉnh Tây Ninh",
        UnitKind.STEERING_COMMITTEE,
        "VN-CHQS-TN",
        "Tây Ninh Steering Committee 515",
        "Tây Ninh",
    ),
    *(
        SourceUnit(
            f"VN-{team}",
            f"Đội {team}",
            UnitKind.SEARCH_TEAM,
            "VN-BCD515-TN",
            f"Team {team}",
            "Tây Ninh",
        )
        for team in ("K70", "K71", "K73")
    ),
)


def _vietnam() -> Country:
    country, _created = Country.objects.get_or_create(
        code="VN", defaults={"name_vi": "Việt Nam", "name_km": "វៀតណាម", "name_en": "Vietnam"}
    )
    return country


def _current_province(name: str) -> AdminUnit | None:
    if not name:
        return None
    return AdminUnit.objects.filter(
        country__code="VN", level=AdminLevel.PROVINCE, valid_to__isnull=True, name_vi=name
    ).first()


@transaction.atomic
def ensure_source_units() -> dict[str, Unit]:
    """The units the sources name, by code; missing ones are created (parents first).

    Units that already exist (e.g. from the demo tree) are used as they are.
    """
    units = {u.code: u for u in Unit.objects.filter(code__in=[s.code for s in SOURCE_UNITS])}
    country = _vietnam()
    for spec in SOURCE_UNITS:
        if spec.code in units:
            continue
        units[spec.code] = unit_create(
            code=spec.code,
            name_vi=spec.name_vi,
            kind=spec.kind,
            country=country,
            parent=units.get(spec.parent) if spec.parent else None,
            place=_current_province(spec.province),
            name_en=spec.name_en,
            acting_user=SYSTEM,
        )
    return units


def national_remains_unit(units: dict[str, Unit]) -> Unit:
    """The lowest unit whose subtree holds the national and Tây Ninh's 515 committees.

    A figure covers its unit's subtree; the national remains totals include the
    teams of Tây Ninh's committee, so they belong where that committee lies below.
    """
    national, provincial = units["VN-BCD515"], units["VN-BCD515-TN"]
    if provincial.path.startswith(national.path):
        return national
    shared = [p for p in national.ancestor_paths() if provincial.path.startswith(p)]
    return Unit.objects.get(path=shared[-1]) if shared else national


@dataclass(frozen=True)
class Citation:
    kind: str
    title: str
    site: str = ""
    section: str = ""
    author: str = ""
    date: dt.date | None = None
    published: str = ""
    url: str = ""


HNBP = Citation(
    kind=SourceKind.NEWS,
    site="Hữu nghị Bốn phương kết bạn",
    title="Hợp tác quốc phòng: Trụ cột quan trọng trong quan hệ Việt Nam - Campuchia",
    author="Hải An",
    date=dt.date(2022, 7, 16),
    published="16/07/2022 09:14 GMT+7",
)
QK7 = Citation(
    kind=SourceKind.NEWS,
    site="Quân khu 7 Online",
    section="Quốc phòng - An ninh > Đối ngoại Quốc phòng",
    title="Đẩy mạnh đối ngoại quốc phòng xây dựng biên giới hòa bình ổn định",
    author="Quang Huy",
    date=dt.date(2022, 9, 3),
    published="03/09/2022 10:57 GMT+7",
)
BRIEF = Citation(
    kind=SourceKind.DOCUMENT,
    site="Hữu Nghị project",
    title="Domain brief: border defence-cooperation and friendship programmes",
    section="Geography > Remains",
)
VNP_SEASON_XXIV = Citation(
    kind=SourceKind.NEWS,
    site="VietnamPlus (TTXVN)",
    title="Nỗ lực phối hợp tìm kiếm, quy tập hài cốt liệt sỹ Việt Nam hy sinh tại Campuchia",
    date=dt.date(2025, 9, 26),
    url="https://www.vietnamplus.vn/no-luc-phoi-hop-tim-kiem-quy-tap-hai-cot-liet-sy-viet-nam-hy-sinh-tai-campuchia-post1064205.vnp",
)
VNP_TAY_NINH_XXIV = Citation(
    kind=SourceKind.NEWS,
    site="VietnamPlus (TTXVN)",
    title="Tây Ninh quy tập 490 hài cốt liệt sỹ hy sinh tại Campuchia",
    date=dt.date(2025, 10, 17),
    url="https://www.vietnamplus.vn/tay-ninh-quy-tap-490-hai-cot-liet-sy-hy-sinh-tai-campuchia-post1070922.vnp",
)
VNP_XXV_PHASE_1 = Citation(
    kind=SourceKind.NEWS,
    site="VietnamPlus (TTXVN)",
    title="Đón hài cốt liệt sỹ quân tình nguyện Việt Nam hy sinh tại Campuchia về nước",
    date=dt.date(2025, 12, 11),
    url="https://www.vietnamplus.vn/don-hai-cot-liet-sy-quan-tinh-nguyen-viet-nam-hy-sinh-tai-campuchia-ve-nuoc-post1082318.vnp",
)


@dataclass(frozen=True)
class CitedFigure:
    key: str
    unit: str
    indicator: str
    value: int
    citation: Citation
    note: str
    qualifier: str = Qualifier.EXACT
    period: tuple[str, dt.date, dt.date] | None = None
    as_of: dt.date | None = None
    place_district: str = ""
    nested: bool = False


D = dt.date
NATIONAL = "national-remains"
ARTICLE_DAY = D(2022, 7, 16)
SEASON_XXIV = (PeriodKind.RANGE, D(2024, 10, 1), D(2025, 7, 31))
SEASON_XXV_1 = (PeriodKind.RANGE, D(2025, 11, 6), D(2025, 12, 10))
SEASON_XXIV_NOTE = (
    "Season XXIV (dry season 2024–2025). The brief gives no dates: stored as "
    "October 2024 – July 2025."
)
SEASON_XXV_NOTE = (
    "Season XXV (dry season 2025–2026), phase 1: in Cambodia from 6 November to "
    "10 December 2025, as published when the teams returned."
)

CITED_FIGURES = (
    CitedFigure(
        "hnbp-2022-07-16:twinning_pairs_post",
        "VN-BDBP",
        "twinning_pairs_post",
        32,
        HNBP,
        "Border post and station pairs twinned by the border forces of both countries.",
        as_of=ARTICLE_DAY,
    ),
    CitedFigure(
        "hnbp-2022-07-16:twinning_pairs_cluster",
        "VN-BDBP",
        "twinning_pairs_cluster",
        45,
        HNBP,
        "Residential cluster pairs twinned on both sides of the border.",
        as_of=ARTICLE_DAY,
    ),
    CitedFigure(
        "hnbp-2022-07-16:people_examined",
        "VN-BDBP",
        "people_examined",
        2000,
        HNBP,
        "Free examination and medicines for people of both sides, among the activities of the "
        "first border defence friendship exchange (Lộc Ninh, Bình Phước – Snuol, Kratie) in "
        "mid-May 2022, stored as 11–20 May. The exchange was held at Ministry of Defence "
        "level, but the article lists the examinations among the activities before it, run by "
        "the border forces in Lộc Ninh: recorded at the Border Guard Command, so its viewers "
        "and the Ministry (above it) both count it.",
        qualifier=Qualifier.ABOUT,
        period=(PeriodKind.RANGE, D(2022, 5, 11), D(2022, 5, 20)),
        place_district="Lộc Ninh",
    ),
    CitedFigure(
        "hnbp-2022-07-16:pupils_supported_vn",
        "VN-BDBP",
        "pupils_supported_vn",
        631,
        HNBP,
        "Vietnamese pupils in the border area sponsored until they finish school under "
        "“Nâng bước em tới trường”.",
        as_of=ARTICLE_DAY,
    ),
    CitedFigure(
        "hnbp-2022-07-16:pupils_supported_kh",
        "VN-BDBP",
        "pupils_supported_kh",
        84,
        HNBP,
        "Cambodian pupils in the border area sponsored until they finish school under "
        "“Nâng bước em tới trường”.",
        as_of=ARTICLE_DAY,
    ),
    CitedFigure(
        "hnbp-2022-07-16:aid_value_vnd",
        "VN-BDBP",
        "aid_value_vnd",
        7_000_000_000,
        HNBP,
        "Covid-19 prevention supplies and equipment given by border guard units to Cambodia's "
        "border protection forces from funds the units raised themselves (“more than 7 billion "
        "VND”). The article gives no period: stored as from the start of the pandemic in 2020 "
        "to the article's date.",
        qualifier=Qualifier.AT_LEAST,
        period=(PeriodKind.RANGE, D(2020, 1, 1), ARTICLE_DAY),
    ),
    CitedFigure(
        "qk7-2022-09-03:community_support_vnd",
        "VN-CHQS-TN",
        "community_support_vnd",
        500_000_000,
        QK7,
        "Support to the Vietnamese-origin community living in Cambodia, given by the provincial "
        "people's committee on the provincial military command's advice (2021).",
        period=(PeriodKind.YEAR, D(2021, 1, 1), D(2021, 12, 31)),
    ),
    CitedFigure(
        "qk7-2022-09-03:counterpart_support_vnd",
        "VN-CHQS-TN",
        "counterpart_support_vnd",
        262_000_000,
        QK7,
        "Material support to Cambodian counterpart units (2021).",
        period=(PeriodKind.YEAR, D(2021, 1, 1), D(2021, 12, 31)),
    ),
    CitedFigure(
        "brief:remains_recovered:2021-2025",
        NATIONAL,
        "remains_recovered",
        2899,
        BRIEF,
        "Remains of Vietnamese volunteer soldiers and experts recovered from Cambodia in "
        "2021–2025, national total (National Steering Committee 515).",
        period=(PeriodKind.RANGE, D(2021, 1, 1), D(2025, 12, 31)),
        nested=True,
    ),
    CitedFigure(
        "brief:remains_recovered:season-xxiv",
        NATIONAL,
        "remains_recovered",
        781,
        VNP_SEASON_XXIV,
        f"National total of the season. {SEASON_XXIV_NOTE}",
        period=SEASON_XXIV,
        nested=True,
    ),
    CitedFigure(
        "brief:remains_recovered:season-xxiv:tay-ninh",
        "VN-BCD515-TN",
        "remains_recovered",
        490,
        VNP_TAY_NINH_XXIV,
        f"Tây Ninh's teams, part of the national 781. {SEASON_XXIV_NOTE}",
        period=SEASON_XXIV,
    ),
    *(
        CitedFigure(
            f"brief:remains_recovered:season-xxv-1:{team.lower()}",
            f"VN-{team}",
            "remains_recovered",
            value,
            VNP_XXV_PHASE_1,
            f"Team {team}. {SEASON_XXV_NOTE}",
            period=SEASON_XXV_1,
        )
        for team, value in (("K70", 16), ("K71", 140), ("K73", 24))
    ),
)


def _district(name: str) -> AdminUnit | None:
    if not name:
        return None
    return (
        AdminUnit.objects.filter(
            country__code="VN", level=AdminLevel.DISTRICT, name_vi__iendswith=name
        )
        .order_by("valid_to")
        .first()
    )


def _input(cited: CitedFigure) -> FigureInput:
    citation = cited.citation
    kind, start, end = cited.period or (PeriodKind.AS_OF, None, None)
    published = f" Published {citation.published}." if citation.published else ""
    return FigureInput(
        indicator=cited.indicator,
        value=Decimal(cited.value),
        qualifier=cited.qualifier,
        period_kind=kind,
        period_start=start,
        period_end=end,
        as_of=cited.as_of,
        place=_district(cited.place_district),
        note=cited.note + published,
        source_kind=citation.kind,
        source_title=citation.title,
        source_site=citation.site,
        source_section=citation.section,
        source_author=citation.author,
        source_date=citation.date,
        source_url=citation.url,
    )


def load_reported_figures() -> list[tuple[ReportedFigure, bool]]:
    """Load every cited figure once; ``(figure, created)`` for each, in order."""
    units = ensure_source_units()
    units[NATIONAL] = national_remains_unit(units)
    results = []
    for cited in CITED_FIGURES:
        results.append(
            figure_import(
                unit=units[cited.unit],
                data=_input(cited),
                import_key=f"src:{cited.key}",
                on_overlap=OnOverlap.KEEP_NESTED if cited.nested else OnOverlap.REFUSE,
            )
        )
    return results
