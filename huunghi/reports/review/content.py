"""What a review report says: header lines, totals by indicator, notable activities.

Decree 30/2020/NĐ-CP fixes the layout of an administrative document: the national
name and motto (top right), the issuing unit under its superior (top left), the
number and symbol ("Số: …/BC-…"), place and date ("Tây Ninh, ngày 05 tháng 02 năm
2026": days below 10 and months below 3 take a leading zero), then the title. The
national name, motto and the words of the date line are fixed Vietnamese text of
that format, not interface strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from huunghi.core.models import Qualifier
from huunghi.geography.models import AdminUnit
from huunghi.organisations.models import Unit, UnitKind
from huunghi.reports.dashboard import format_amount
from huunghi.reports.engine import COUNT, Dim, TotalsQuery
from huunghi.reports.indicators import Nature
from huunghi.reports.models import ReviewKind
from huunghi.reports.periods import Period
from huunghi.reports.selectors import activity_totals, indicator_values, notable_activities

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SYMBOLS = {
    UnitKind.MINISTRY: "BQP",
    UnitKind.COMMAND: "BTL",
    UnitKind.MILITARY_REGION: "BTL",
    UnitKind.PROVINCIAL_COMMAND: "BCH",
    UnitKind.PROVINCIAL_BORDER_GUARD: "BĐBP",
    UnitKind.BORDER_POST: "ĐBP",
    UnitKind.STATION: "TBP",
    UnitKind.STEERING_COMMITTEE: "BCĐ",
    UnitKind.SEARCH_TEAM: "ĐTK",
}
SUBTITLES = {
    ReviewKind.INTERIM: "Sơ kết công tác đối ngoại quốc phòng",
    ReviewKind.FINAL: "Tổng kết công tác đối ngoại quốc phòng",
    ReviewKind.PERIODIC: "Kết quả công tác đối ngoại quốc phòng",
}
PER_KIND_PREFIX = "activities_"


@dataclass
class Row:
    number: int
    label: str
    unit: str
    value: Decimal
    qualifier: str

    @property
    def text(self) -> str:
        return format_amount(self.value, self.qualifier)


@dataclass
class Notable:
    day: dt.date
    title: str
    unit: str
    place: str
    kind: str


@dataclass
class ReviewContent:
    superior: str
    unit_name: str
    symbol: str
    place_name: str
    issued_on: dt.date
    subtitle: str
    period: Period
    approved_only: bool
    flows: list[Row] = field(default_factory=list)
    stocks: list[Row] = field(default_factory=list)
    by_kind: list[tuple[str, float]] = field(default_factory=list)
    notable: list[Notable] = field(default_factory=list)
    chart_png: bytes = b""

    @property
    def number_line(self) -> str:
        return f"Số:        /BC-{self.symbol}"

    @property
    def date_line(self) -> str:
        return f"{self.place_name}, {vietnamese_date(self.issued_on)}"

    @property
    def period_line(self) -> str:
        return f"(Từ ngày {self.period.start:%d/%m/%Y} đến ngày {self.period.last:%d/%m/%Y})"

    @property
    def chart_title(self) -> str:
        return _("Activities by kind")

    @property
    def stock_date(self) -> dt.date:
        return min(self.period.last, self.issued_on)


def vietnamese_date(day: dt.date) -> str:
    """``ngày 05 tháng 02 năm 2026`` (Decree 30: leading zero for days < 10, months < 3)."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day_text} tháng {month_text} năm {day.year}"


def symbol_of(unit: Unit) -> str:
    return unit.short_name.upper() if unit.short_name else SYMBOLS.get(unit.kind, "ĐV")


def place_of(unit: Unit) -> str:
    """The province of the unit (or of its nearest located ancestor), for the date line."""
    located = unit if unit.place_id else None
    if located is None:
        located = (
            Unit.objects.filter(path__in=unit.ancestor_paths(), place__isnull=False)
            .order_by("-depth")
            .first()
        )
    if located is None or located.place is None:
        return "……"
    place: AdminUnit = located.place
    province = place.province if place.province_id else place
    return str(province.name_vi)


def gather(
    *,
    user: Any,
    unit: Unit,
    period: Period,
    review_kind: str,
    approved_only: bool,
    issued_on: dt.date,
) -> ReviewContent:
    query = TotalsQuery(period=period, unit=unit, approved_only=approved_only)
    data = ReviewContent(
        superior=str(unit.parent.name_vi).upper() if unit.parent else "",
        unit_name=str(unit.name_vi).upper(),
        symbol=symbol_of(unit),
        place_name=place_of(unit),
        issued_on=issued_on,
        subtitle=SUBTITLES.get(review_kind, SUBTITLES[ReviewKind.PERIODIC]),
        period=period,
        approved_only=approved_only,
    )
    values = [v for v in indicator_values(user=user, query=query) if v.available]
    data.flows = _rows(v for v in values if v.indicator.nature == Nature.FLOW)
    data.stocks = _rows(v for v in values if v.indicator.nature == Nature.STOCK)
    data.by_kind = _by_kind(user, query)
    data.notable = [
        Notable(
            a.start_date,
            a.title,
            str(a.unit),
            a.place_text or str(a.place or ""),
            a.get_kind_display(),
        )
        for a in notable_activities(user=user, query=query)
    ]
    return data


def _rows(values: Any) -> list[Row]:
    """Indicator rows; per-kind counts only when non-zero, other indicators always."""
    rows = []
    for value in values:
        total = value.total
        per_kind = value.indicator.code.startswith(PER_KIND_PREFIX) and value.indicator.kinds
        if per_kind and not total.value:
            continue
        rows.append(
            Row(
                len(rows) + 1,
                str(value.indicator.label),
                str(value.indicator.unit),
                total.value,
                total.qualifier if total.rows else Qualifier.EXACT,
            )
        )
    return rows


def _by_kind(user: Any, query: TotalsQuery) -> list[tuple[str, float]]:
    from huunghi.records.models import ActivityKind

    totals = activity_totals(
        user=user, query=replace(query, measures=(COUNT,)), group_by=[Dim.KIND]
    ).by(COUNT)
    rows = [(str(ActivityKind(k[0]).label), float(c.value)) for k, c in totals.items()]
    return sorted(rows, key=lambda row: -row[1])
