"""What a review report says, as plain data that an issued report freezes.

:func:`gather` asks for every number once (:mod:`.numbers`), adds the notable
activities, the chart and the unit's typed paragraphs and signer, and returns a
:class:`ReviewContent`. :func:`to_snapshot` / :func:`from_snapshot` turn it into
JSON and back without loss, so an issued report renders from its snapshot alone.

The layout follows the unit's country: a Vietnamese unit's report is a Decree
30/2020/NĐ-CP document (national name and motto top right, issuing body top left,
"Tây Ninh, ngày 05 tháng 02 năm 2026"); a Cambodian unit's report carries the
Kingdom of Cambodia's heading centred at the top, the issuing unit in Khmer top left
and a Khmer date, and never Vietnam's state name or motto. The body is in the
requester's language (:mod:`.words`).
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import translation

from huunghi.geography.models import AdminUnit
from huunghi.organisations.models import Unit, UnitKind
from huunghi.reports.models import ReviewKind
from huunghi.reports.periods import Period
from huunghi.reports.review import words as w
from huunghi.reports.review.numbers import (
    Line,
    Number,
    comparison_period,
    indicator_lines,
    unit_name,
)
from huunghi.reports.review.words import VN_MOTTO as MOTTO
from huunghi.reports.review.words import VN_NATIONAL_NAME as NATIONAL_NAME
from huunghi.reports.review.words import vietnamese_date

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader

__all__ = ["MOTTO", "NATIONAL_NAME", "ReviewContent", "gather", "vietnamese_date"]

VIETNAM, CAMBODIA = "VN", "KH"
SYMBOLS: dict[str, str] = {
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
PER_KIND_PREFIX = "activities_"
SNAPSHOT_VERSION = 1


@dataclass
class Notable:
    day: dt.date
    title: str
    unit: str
    place: str
    kind: str


@dataclass
class Narrative:
    """The paragraphs and signature the unit types before issuing."""

    situation: str = ""
    shortcomings: str = ""
    lessons: str = ""
    next_steps: str = ""
    signer_title: str = ""
    signer_rank: str = ""
    signer_name: str = ""
    recipients: str = ""
    document_number: str = ""


@dataclass
class ReviewContent:
    """Everything a review report shows; rendering reads nothing else."""

    side: str
    language: str
    superior: str
    unit_name: str
    unit_name_vi: str
    symbol: str
    place_name: str
    issued_on: dt.date
    review_kind: str
    period_start: dt.date
    period_last: dt.date
    previous_start: dt.date
    previous_last: dt.date
    approved_only: bool
    lines: list[Line] = field(default_factory=list)
    by_kind: list[tuple[str, float]] = field(default_factory=list)
    notable: list[Notable] = field(default_factory=list)
    narrative: Narrative = field(default_factory=Narrative)
    chart_png: bytes = b""
    created: str = ""
    is_draft: bool = True

    # --- the words of the document ---------------------------------------------------

    @property
    def words(self) -> dict[str, str]:
        return w.words(self.language)

    @property
    def is_cambodian(self) -> bool:
        return self.side == CAMBODIA

    @property
    def national_name(self) -> str:
        return w.KH_NATIONAL_NAME if self.is_cambodian else w.VN_NATIONAL_NAME

    @property
    def motto(self) -> str:
        return w.KH_MOTTO if self.is_cambodian else w.VN_MOTTO

    @property
    def title(self) -> str:
        return self.words["title"]

    @property
    def subtitle(self) -> str:
        return self.words.get(self.review_kind, self.words[ReviewKind.PERIODIC])

    @property
    def number_line(self) -> str:
        number = self.narrative.document_number
        if self.is_cambodian:
            return f"{w.KH_NUMBER} {w.khmer_numerals(number)}" if number else w.KH_NUMBER + " ………"
        label = self.words["number"] if self.language != "km" else w.WORDS["vi"]["number"]
        return f"{label} {number}" if number else f"{label}        /BC-{self.symbol}"

    @property
    def date_line(self) -> str:
        if self.is_cambodian:
            where = f"ធ្វើនៅ{self.place_name} " if self.place_name else ""
            return where + w.khmer_date(self.issued_on)
        return f"{self.place_name}, {vietnamese_date(self.issued_on)}"

    @property
    def period_line(self) -> str:
        return self.words["period"].format(
            start=self.short(self.period_start), end=self.short(self.period_last)
        )

    @property
    def previous_line(self) -> str:
        return self.words["previous_period"].format(
            start=self.short(self.previous_start), end=self.short(self.previous_last)
        )

    @property
    def scope_line(self) -> str:
        return self.words["flows"].format(
            scope=self.words["approved" if self.approved_only else "all"]
        )

    @property
    def stock_line(self) -> str:
        return self.words["stocks"].format(day=self.short(self.stock_date))

    @property
    def chart_title(self) -> str:
        return self.words["chart_title"]

    @property
    def stock_date(self) -> dt.date:
        return min(self.period_last, self.issued_on)

    @property
    def recipients(self) -> list[str]:
        text = self.narrative.recipients.strip() or self.words["default_recipients"]
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def signer_title(self) -> str:
        return self.narrative.signer_title.strip() or self.words["signer_title"]

    @property
    def signer_line(self) -> str:
        parts = [self.narrative.signer_rank.strip(), self.narrative.signer_name.strip()]
        return " ".join(p for p in parts if p)

    @property
    def sections(self) -> list[tuple[str, list[str]]]:
        """The typed sections: (heading, paragraphs), placeholder where empty."""
        return [
            (self.words[key], self.paragraphs(getattr(self.narrative, key)))
            for key in ("shortcomings", "lessons", "next_steps")
        ]

    @property
    def situation(self) -> list[str]:
        return self.paragraphs(self.narrative.situation)

    def paragraphs(self, text: str) -> list[str]:
        found = [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
        return found or [self.words["empty_text"]]

    def short(self, day: dt.date) -> str:
        return w.short_date(day, self.language)

    def amount(self, number: Number) -> str:
        return w.amount_text(number.value, number.qualifier, self.language)

    def digits(self, value: int | str) -> str:
        return w.khmer_numerals(str(value)) if self.language == "km" else str(value)

    # --- tables ------------------------------------------------------------------------

    @property
    def flows(self) -> list[Line]:
        return [line for line in self.lines if line.nature == "flow" and _shown(line)]

    @property
    def stocks(self) -> list[Line]:
        return [line for line in self.lines if line.nature == "stock" and _shown(line)]

    @property
    def footnotes(self) -> list[str]:
        """Numbered notes on reported figures: what the figure says and where it is from."""
        return [note for _line, note in self._notes()]

    @property
    def numbered_footnotes(self) -> list[str]:
        return [f"[{self.digits(i)}] {note}" for i, note in enumerate(self.footnotes, start=1)]

    @property
    def notable_lines(self) -> list[str]:
        """``1. 05/02/2024 – title (kind; unit, place).`` for each notable activity."""
        lines = []
        for index, item in enumerate(self.notable, start=1):
            where = f", {item.place}" if item.place else ""
            day = self.short(item.day)
            lines.append(
                f"{self.digits(index)}. {day} – {item.title} ({item.kind}; {item.unit}{where})."
            )
        return lines

    def note_number(self, line: Line) -> str:
        """The footnote marker of a line ("" if it has none)."""
        for index, (noted, _note) in enumerate(self._notes(), start=1):
            if noted.code == line.code:
                return self.digits(index)
        return ""

    def _notes(self) -> list[tuple[Line, str]]:
        notes = []
        for line in [*self.flows, *self.stocks]:
            current = line.current
            if not current.citations and current.figure is None:
                continue
            parts = [line.label]
            if current.figure is not None:
                figure = w.amount_text(current.figure, current.figure_qualifier, self.language)
                parts.append(self.words["figure_note"].format(figure=figure))
            if current.difference is not None:
                difference = w.signed_text(current.difference, self.language)
                parts.append(self.words["difference_note"].format(difference=difference))
            notes.append((line, "; ".join(parts) + ". " + "; ".join(current.citations)))
        return notes

    def row_cells(self, index: int, line: Line) -> list[str]:
        """No., indicator, unit, this period (with note marker), same period, change."""
        marker = self.note_number(line)
        return [
            self.digits(index),
            line.label,
            line.unit_label,
            self.amount(line.current) + (f" [{marker}]" if marker else ""),
            self.amount(line.previous),
            self.change(line),
        ]

    @property
    def flow_rows(self) -> list[list[str]]:
        return [self.row_cells(i, line) for i, line in enumerate(self.flows, start=1)]

    @property
    def stock_rows(self) -> list[list[str]]:
        return [self.row_cells(i, line) for i, line in enumerate(self.stocks, start=1)]

    def change(self, line: Line) -> str:
        if line.current.value is None or line.previous.value is None:
            return self.words["none"]
        return w.signed_text(line.current.value - line.previous.value, self.language)

    @property
    def child_rows(self) -> list[tuple[str, str, str]]:
        """(subordinate, indicator, value) for every subordinate value that is not empty."""
        rows = []
        for line in [*self.flows, *self.stocks]:
            for name, number in line.children:
                if number.value:
                    rows.append((name, line.label, self.amount(number)))
        return sorted(rows, key=lambda row: row[0])

    @property
    def headers(self) -> list[str]:
        said = self.words
        return [
            said["no"],
            said["indicator"],
            said["measure"],
            said["current"],
            said["previous"],
            said["change"],
        ]

    @property
    def author(self) -> str:
        return self.unit_name_vi if not self.is_cambodian else self.unit_name

    @property
    def created_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.created)


def _shown(line: Line) -> bool:
    """Per-kind activity counts only when there is something to say; others always."""
    if not line.code.startswith(PER_KIND_PREFIX):
        return True
    return bool(line.current.value or line.previous.value)


# --- gathering -------------------------------------------------------------------------


def side_of(unit: Unit) -> str:
    """ "KH" for a Cambodian unit, "VN" otherwise (the layout and what is counted)."""
    country = getattr(unit.country, "code", "") if unit.country_id else ""
    return CAMBODIA if country == CAMBODIA else VIETNAM


def symbol_of(unit: Unit) -> str:
    return unit.short_name.upper() if unit.short_name else SYMBOLS.get(unit.kind, "ĐV")


def place_of(unit: Unit, side: str) -> str:
    """The province of the unit (or of its nearest located ancestor), for the date line."""
    located = unit if unit.place_id else None
    if located is None:
        located = (
            Unit.objects.filter(path__in=unit.ancestor_paths(), place__isnull=False)
            .order_by("-depth")
            .first()
        )
    if located is None or located.place is None:
        return "" if side == CAMBODIA else "……"
    place: AdminUnit = located.place
    province = place.province if place.province is not None else place
    if side == CAMBODIA:
        return f"ខេត្ត{province.name_km}" if province.name_km else ""
    return str(province.name_vi)


def _header_names(unit: Unit, side: str, language: str) -> tuple[str, str]:
    """(superior, unit) for the top left: Khmer for a Cambodian unit, capitals for Vietnam."""
    parent = unit.parent
    if side == CAMBODIA:
        return (unit_name(parent, "km") if parent else "", unit_name(unit, "km"))
    return (str(parent.name_vi).upper() if parent else "", str(unit.name_vi).upper())


def gather(
    *,
    user: Reader,
    unit: Unit,
    period: Period,
    review_kind: str,
    approved_only: bool,
    issued_on: dt.date,
    language: str = "vi",
    narrative: Narrative | None = None,
    created: dt.datetime | None = None,
) -> ReviewContent:
    """The content of ``unit``'s review report over ``period`` as ``user`` may see it."""
    side = side_of(unit)
    superior, name = _header_names(unit, side, language)
    previous = comparison_period(period)
    with translation.override(language):
        data = ReviewContent(
            side=side,
            language=language,
            superior=superior,
            unit_name=name,
            unit_name_vi=str(unit.name_vi),
            symbol=symbol_of(unit),
            place_name=place_of(unit, side),
            issued_on=issued_on,
            review_kind=review_kind,
            period_start=period.start,
            period_last=period.last,
            previous_start=previous.start,
            previous_last=previous.last,
            approved_only=approved_only,
            narrative=narrative or Narrative(),
            created=(created or _midnight(issued_on)).isoformat(),
        )
        data.lines = indicator_lines(
            user=user,
            unit=unit,
            period=period,
            approved_only=approved_only,
            side=side,
            language=language,
        )
        data.by_kind = _by_kind(data.lines)
        data.notable = _notable(user, unit, period, approved_only, side, language)
    return data


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _by_kind(lines: list[Line]) -> list[tuple[str, float]]:
    """Activity counts per kind, from the same numbers as the tables."""
    rows = [
        (line.label, float(line.current.value))
        for line in lines
        if line.code.startswith(PER_KIND_PREFIX) and line.current.value
    ]
    return sorted(rows, key=lambda row: -row[1])


def _notable(
    user: Reader, unit: Unit, period: Period, approved_only: bool, side: str, language: str
) -> list[Notable]:
    from huunghi.reports.engine import TotalsQuery
    from huunghi.reports.selectors import notable_activities

    # A Cambodian unit's notable activities are the records shared with it: the
    # reader's visible records, wherever they were reported.
    query = TotalsQuery(
        period=period, unit=None if side == CAMBODIA else unit, approved_only=approved_only
    )
    activities = notable_activities(user=user, query=query)
    if side == CAMBODIA:
        shared = set(shared_activity_ids(unit))
        activities = [a for a in activities if a.pk in shared]
    return [
        Notable(
            a.start_date,
            a.title,
            unit_name(a.unit, language),
            a.place_text or _place_name(a.place, language),
            a.get_kind_display(),
        )
        for a in activities
    ]


def _place_name(place: AdminUnit | None, language: str) -> str:
    if place is None:
        return ""
    names = {"km": place.name_km, "en": place.name_en}
    return str(names.get(language) or place.name_vi)


def shared_activity_ids(unit: Unit) -> list[int]:
    """Activities shared with ``unit`` or a unit beneath it."""
    from huunghi.records.models import ActivityCounterpart

    return list(
        ActivityCounterpart.objects.filter(unit__path__startswith=unit.path, shared=True)
        .values_list("activity_id", flat=True)
        .distinct()
    )


# --- snapshot --------------------------------------------------------------------------


def to_snapshot(data: ReviewContent) -> dict[str, Any]:
    """JSON-ready data of ``data`` (decimals and dates as text, the chart as base64)."""
    result: dict[str, Any] = {"version": SNAPSHOT_VERSION}
    for item in fields(data):
        result[item.name] = _plain(getattr(data, item.name))
    result["chart_png"] = base64.b64encode(data.chart_png).decode("ascii")
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def from_snapshot(data: dict[str, Any]) -> ReviewContent:
    """The :class:`ReviewContent` that :func:`to_snapshot` wrote."""
    values = {k: v for k, v in data.items() if k != "version"}
    for name in ("issued_on", "period_start", "period_last", "previous_start", "previous_last"):
        values[name] = dt.date.fromisoformat(values[name])
    values["lines"] = [_line(line) for line in values["lines"]]
    values["by_kind"] = [(label, float(count)) for label, count in values["by_kind"]]
    values["notable"] = [
        Notable(**{**n, "day": dt.date.fromisoformat(n["day"])}) for n in values["notable"]
    ]
    values["narrative"] = Narrative(**values["narrative"])
    values["chart_png"] = base64.b64decode(values["chart_png"])
    return ReviewContent(**values)


def _line(raw: dict[str, Any]) -> Line:
    return Line(
        code=raw["code"],
        label=raw["label"],
        unit_label=raw["unit_label"],
        nature=raw["nature"],
        current=_number(raw["current"]),
        previous=_number(raw["previous"]),
        children=[(name, _number(number)) for name, number in raw["children"]],
    )


def _number(raw: dict[str, Any]) -> Number:
    def decimal(value: Any) -> Decimal | None:
        return None if value is None else Decimal(value)

    return Number(
        value=decimal(raw["value"]),
        qualifier=raw["qualifier"],
        source=raw["source"],
        figure=decimal(raw["figure"]),
        figure_qualifier=raw["figure_qualifier"],
        difference=decimal(raw["difference"]),
        citations=list(raw["citations"]),
    )
