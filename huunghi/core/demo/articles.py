"""The facts of the two source articles, entered as approved records.

Written in our own words. Only what the articles state is recorded: dates the
articles give loosely ("mid-May 2022", "in 2021") become the matching range, and
quantities keep their qualifier ("about", "more than"). Totals the articles quote
for a whole programme (32 post pairs, 631 pupils…) are *reported figures*, loaded by
the figures app, not records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction

from huunghi.accounts.models import User
from huunghi.core.demo.sources import FRIENDSHIP_2022, QK7_2022, Article
from huunghi.core.workflow import approve_as_loaded
from huunghi.geography.models import AdminLevel, AdminUnit
from huunghi.organisations.models import Unit
from huunghi.records import services
from huunghi.records.models import (
    Activity,
    ActivityKind,
    FacilityKind,
    Measure,
    SourceType,
    TwinningKind,
)
from huunghi.records.services import CounterpartIn, QuantityIn

K = ActivityKind
FESTIVAL_START, FESTIVAL_END = dt.date(2022, 5, 11), dt.date(2022, 5, 20)
YEAR_2021 = (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


class Loader:
    """Creates the article records once (keyed by ``import_key``), as the demo admin."""

    def __init__(self, actor: User) -> None:
        self.actor = actor
        self.units = {u.code: u for u in Unit.objects.filter(code__startswith="VN-")}
        self.units.update({u.code: u for u in Unit.objects.filter(code__startswith="KH-")})
        self.created = 0

    def unit(self, code: str) -> Unit:
        return self.units[code]

    def place(
        self,
        name: str,
        level: str,
        *,
        country: str = "VN",
        within: str = "",
        on: dt.date = FESTIVAL_START,
    ) -> AdminUnit | None:
        candidates = AdminUnit.objects.filter(
            country__code=country, level=level, name_vi=name
        ).select_related("province")
        for candidate in candidates:
            in_province = not within or (
                candidate.province and candidate.province.name_vi == within
            )
            if in_province and candidate.in_force_on(on):
                return candidate
        return None

    def activity(self, key: str, article: Article, **fields: Any) -> Activity:
        existing = Activity.objects.filter(import_key=key).first()
        if existing is not None:
            return existing
        activity = services.activity_create(
            acting_user=self.actor,
            import_key=key,
            source_type=SourceType.ENTERED,
            source_title=article.citation,
            **fields,
        )
        self.created += 1
        self._approve(activity)
        return activity

    def _approve(self, activity: Activity) -> None:
        approve_as_loaded(obj=activity, acting_user=self.actor, source=activity.source_title)

    def registry(self, obj: Any) -> Any:
        """A registry entry the articles state, entered as an approved fact."""
        return approve_as_loaded(obj=obj, acting_user=self.actor, source=FRIENDSHIP_2022.citation)


def _q(measure: str, value: int, qualifier: str = "exact") -> QuantityIn:
    return QuantityIn(measure=measure, value=Decimal(value), qualifier=qualifier)


def _festival(ld: Loader) -> None:
    loc_ninh = ld.place("Lộc Ninh", AdminLevel.DISTRICT, within="Bình Phước")
    snuol = ld.place("Snuol", AdminLevel.DISTRICT, country="KH")
    kratie = ld.place("Kratie", AdminLevel.PROVINCE, country="KH")
    gendarmerie = ld.unit("KH-GEND")
    common = {
        "place": loc_ninh,
        "start_date": FESTIVAL_START,
        "end_date": FESTIVAL_END,
        "counterpart_places": [p for p in (snuol, kratie) if p],
    }
    festival = ld.activity(
        "demo-2022-festival",
        FRIENDSHIP_2022,
        kind=K.FESTIVAL,
        unit=ld.unit("VN-BDBP"),
        title="Ngày hội giao lưu hữu nghị quốc phòng biên giới Việt Nam – Campuchia lần thứ nhất",
        description=(
            "Lần đầu tổ chức ngày hội giao lưu quốc phòng biên giới cấp Bộ Quốc phòng, đồng thời "
            "tại huyện Lộc Ninh (Bình Phước) và huyện Snuol (Kratie); bài báo ghi thời gian là "
            "trung tuần tháng 5/2022."
        ),
        details={"edition": 1, "level": "ministry"},
        counterparts=[CounterpartIn(unit=gendarmerie, shared=True)],
        **common,
    )
    children: list[tuple[str, str, str, dict[str, Any]]] = [
        (
            "marker-salute",
            K.MARKER_SALUTE,
            "Lễ chào cột mốc chủ quyền và tô son cột mốc",
            {"details": {"ceremony": "both"}},
        ),
        (
            "joint-patrol",
            K.JOINT_PATROL,
            "Chứng kiến tuần tra chung tại khu vực cột mốc",
            {"details": {"findings": "Lãnh đạo hai bên chứng kiến; bài báo không nêu chi tiết."}},
        ),
        ("tree-planting", K.TREE_PLANTING, "Trồng cây hữu nghị tại ngày hội", {}),
        (
            "school-visit",
            K.FRIENDSHIP_VISIT,
            "Thăm Trường Tiểu học Lộc Tấn A, huyện Lộc Ninh",
            {"details": {"visited": "Trường Tiểu học Lộc Tấn A"}},
        ),
    ]
    for key, kind, title, extra in children:
        ld.activity(
            f"demo-2022-festival-{key}",
            FRIENDSHIP_2022,
            kind=kind,
            unit=ld.unit("VN-BDBP-DN"),
            title=title,
            parent=festival,
            **common,
            **extra,
        )
    _festival_clinic(ld, festival, common)
    _festival_agreement(ld, festival, common)


def _festival_clinic(ld: Loader, festival: Activity, common: dict[str, Any]) -> None:
    name = "Trạm Y tế Quân dân y Hữu nghị Việt Nam – Campuchia"
    facility = (
        ld.registry(
            services.facility_create(
                acting_user=ld.actor,
                name=name,
                kind=FacilityKind.CLINIC,
                unit=ld.unit("VN-BDBP-DN"),
                place=common["place"],
                inaugurated_on=FESTIVAL_START,
            )
        )
        if not _exists_activity("demo-2022-festival-clinic")
        else None
    )
    ld.activity(
        "demo-2022-festival-clinic",
        FRIENDSHIP_2022,
        kind=K.FACILITY_INAUGURATION,
        unit=ld.unit("VN-BDBP-DN"),
        title=f"Khánh thành {name}",
        parent=festival,
        link=facility,
        **common,
    )


def _festival_agreement(ld: Loader, festival: Activity, common: dict[str, Any]) -> None:
    title = (
        "Thỏa thuận hợp tác giữa Bộ Tư lệnh Bộ đội Biên phòng Việt Nam "
        "và Bộ Tư lệnh Hiến binh Campuchia"
    )
    agreement = (
        ld.registry(
            services.agreement_create(
                acting_user=ld.actor,
                title=title,
                unit=ld.unit("VN-BDBP"),
                parties=[ld.unit("VN-BDBP"), ld.unit("KH-GEND")],
                signed_on=FESTIVAL_START,
                notes="Ngày ký: trong thời gian ngày hội (trung tuần tháng 5/2022).",
            )
        )
        if not _exists_activity("demo-2022-festival-agreement")
        else None
    )
    ld.activity(
        "demo-2022-festival-agreement",
        FRIENDSHIP_2022,
        kind=K.AGREEMENT,
        unit=ld.unit("VN-BDBP"),
        title=f"Ký {title[0].lower()}{title[1:]}",
        parent=festival,
        link=agreement,
        counterparts=[CounterpartIn(unit=ld.unit("KH-GEND"), shared=True)],
        **common,
    )


def _before_festival(ld: Loader) -> None:
    loc_thien = ld.place("Lộc Thiện", AdminLevel.COMMUNE, within="Bình Phước")
    loc_ninh = ld.place("Lộc Ninh", AdminLevel.DISTRICT, within="Bình Phước")
    tuan_lung = ld.place("Tuol Sambuor", AdminLevel.COMMUNE, country="KH")  # may be absent
    tbong_khmum = ld.place("Tbong Khmum", AdminLevel.PROVINCE, country="KH")
    pair = None
    if not _exists_activity("demo-2022-twinning-review"):
        pair = ld.registry(
            services.twinning_create(
                acting_user=ld.actor,
                kind=TwinningKind.CLUSTER_PAIR,
                unit=ld.unit("VN-BDBP-DN"),
                vn_place=loc_thien,
                vn_place_text="Ấp Vườn Bưởi, xã Lộc Thiện, huyện Lộc Ninh",
                kh_place=tuan_lung or tbong_khmum,
                kh_place_text="Phum Cốc Tho Mo, xã Tuần Lung, huyện Me Mốt, tỉnh Tbong Khmum",
                started_on=dt.date(2017, 5, 1),
                notes=(
                    "Ngày bắt đầu suy ra từ hội nghị sơ kết 5 năm (2022); "
                    "chưa có ngày ký chính thức."
                ),
            )
        )
    window = {"start_date": dt.date(2022, 5, 1), "end_date": FESTIVAL_END, "place": loc_ninh}
    ld.activity(
        "demo-2022-twinning-review",
        FRIENDSHIP_2022,
        kind=K.TWINNING_REVIEW,
        unit=ld.unit("VN-BDBP-DN"),
        title="Hội nghị sơ kết 5 năm kết nghĩa Ấp Vườn Bưởi – Phum Cốc Tho Mo",
        link=pair,
        details={"review_type": "interim", "period_years": 5},
        **window,
    )
    ld.activity(
        "demo-2022-medical",
        FRIENDSHIP_2022,
        kind=K.MEDICAL_OUTREACH,
        unit=ld.unit("VN-BDBP-DN"),
        title="Khám bệnh, cấp thuốc miễn phí cho người dân hai bên biên giới",
        quantities=[_q(Measure.PEOPLE_EXAMINED, 2000, "about")],
        details={"beneficiaries": "both"},
        **window,
    )
    ld.activity(
        "demo-2022-scholarships",
        FRIENDSHIP_2022,
        kind=K.SCHOLARSHIP,
        unit=ld.unit("VN-BDBP-DN"),
        title="Tặng học bổng cho học sinh nghèo",
        details={"recipients": "both"},
        **window,
    )
    ld.activity(
        "demo-2022-cattle",
        FRIENDSHIP_2022,
        kind=K.LIVELIHOOD_GIFT,
        unit=ld.unit("VN-BDBP-DN"),
        title="Tặng bò giống cho hộ khó khăn hai bên biên giới",
        details={"gift": "cattle", "recipients": "both"},
        **window,
    )


def _covid_aid(ld: Loader) -> None:
    ld.activity(
        "demo-covid-aid",
        FRIENDSHIP_2022,
        kind=K.AID,
        unit=ld.unit("VN-BDBP"),
        title=(
            "Hỗ trợ vật tư, trang thiết bị phòng, chống Covid-19 "
            "cho lực lượng bảo vệ biên giới Campuchia"
        ),
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2022, 7, 16),
        notes=(
            "Bài báo không nêu thời gian cụ thể; "
            "khoảng thời gian là giai đoạn dịch đến ngày đăng bài."
        ),
        quantities=[_q(Measure.VALUE_VND, 7_000_000_000, "at_least")],
        details={
            "goods_or_money": "goods",
            "funding_source": "self_mobilised",
            "recipient_type": "unit",
            "recipient": "Lực lượng bảo vệ biên giới Campuchia",
            "purpose": "Phòng, chống Covid-19",
        },
        counterparts=[CounterpartIn(unit=ld.unit("KH-GEND"), role="recipient", shared=True)],
    )


def _tay_ninh_2021(ld: Loader) -> None:
    chqs = ld.unit("VN-CHQS-TN")
    tay_ninh = ld.place("Tây Ninh", AdminLevel.PROVINCE, on=YEAR_2021[0])
    year = {
        "start_date": YEAR_2021[0],
        "end_date": YEAR_2021[1],
        "place": tay_ninh,
        "notes": "Bài báo chỉ nêu “trong năm 2021”.",
    }

    def province_aid(
        key: str, title: str, value_vnd: int, given: dict[str, str], **more: Any
    ) -> None:
        """Aid from the province budget in 2021 (the article gives only the year)."""
        details = {"funding_source": "province_budget", **given}
        quantities = [_q(Measure.VALUE_VND, value_vnd)]
        ld.activity(
            key,
            QK7_2022,
            kind=K.AID,
            unit=chqs,
            title=title,
            **year,
            **more,
            quantities=quantities,
            details=details,
        )

    province_aid(
        "demo-tn-2021-community",
        "Hỗ trợ cộng đồng người gốc Việt sinh sống tại Campuchia",
        500_000_000,
        {
            "goods_or_money": "money",
            "recipient_type": "community",
            "recipient": "Cộng đồng người gốc Việt tại Campuchia",
        },
    )
    counterparts = [ld.unit(c) for c in ("KH-TKQS-SVR", "KH-TKQS-PVG", "KH-TKQS-TBK")]
    province_aid(
        "demo-tn-2021-material",
        "Hỗ trợ vật chất cho các đơn vị bạn",
        262_000_000,
        {
            "goods_or_money": "goods",
            "recipient_type": "unit",
            "recipient": "Các đơn vị Quân đội Hoàng gia Campuchia giáp biên",
        },
        counterparts=[CounterpartIn(unit=u, role="recipient") for u in counterparts],
    )
    ld.activity(
        "demo-tn-2021-new-year",
        QK7_2022,
        kind=K.NEW_YEAR_VISIT,
        unit=chqs,
        title="Chúc Tết cổ truyền các đơn vị bạn",
        details={"occasion": "chol_chnam_thmey"},
        counterparts=[CounterpartIn(unit=u) for u in counterparts],
        **year,
    )
    ld.activity(
        "demo-tn-2021-briefing",
        QK7_2022,
        kind=K.BRIEFING_MEETING,
        unit=chqs,
        title=(
            "Giao ban trao đổi tình hình an ninh chính trị, trật tự an toàn xã hội tuyến biên giới"
        ),
        details={
            "topics": ["Tình hình an ninh chính trị, trật tự an toàn xã hội"],
            "periodicity": "ad_hoc",
        },
        counterparts=[CounterpartIn(unit=u) for u in counterparts],
        **year,
    )
    ld.activity(
        "demo-tn-2021-crime",
        QK7_2022,
        kind=K.CRIME_PREVENTION,
        unit=chqs,
        title="Phối hợp phòng, chống các loại tội phạm trên tuyến biên giới",
        details={"crime_types": ["other"]},
        **year,
    )
    ld.activity(
        "demo-tn-2021-government-funds",
        QK7_2022,
        kind=K.AID,
        unit=chqs,
        title="Phục vụ trao kinh phí hỗ trợ của Chính phủ Việt Nam cho các Quân khu 2, 4, 5 "
        "và 11 tỉnh, thành phố của Campuchia",
        details={
            "goods_or_money": "money",
            "funding_source": "government",
            "recipient_type": "military_region",
            "recipient": "Quân khu 2, 4, 5 và 11 tỉnh, thành phố của Campuchia",
        },
        counterparts=[
            CounterpartIn(unit=ld.unit(c), role="recipient") for c in ("KH-MR2", "KH-MR4", "KH-MR5")
        ],
        **year,
    )


def _exists_activity(key: str) -> bool:
    return Activity.objects.filter(import_key=key).exists()


STEPS: tuple[Callable[[Loader], None], ...] = (
    _festival,
    _before_festival,
    _covid_aid,
    _tay_ninh_2021,
)


@transaction.atomic
def load_article_records(actor: User) -> int:
    """Create the article records that do not exist yet; returns how many were created."""
    loader = Loader(actor)
    for step in STEPS:
        step(loader)
    return loader.created
