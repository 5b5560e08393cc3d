"""Periods of reported figures: how clerks write them, and the dates they stand for.

A clerk types a period the way reports write it; :func:`parse_period` turns it into
a kind and two dates:

===========================  =======  =========================
typed                        kind     dates
===========================  =======  =========================
``11/05/2022``, 2022-05-11   day      11/05/2022 – 11/05/2022
``05/2022``, ``2022-05``     month    01/05/2022 – 31/05/2022
``Q2/2022``, ``quý 2/2022``  quarter  01/04/2022 – 30/06/2022
``2021``                     year     01/01/2021 – 31/12/2021
``11/05/2022 - 20/05/2022``  range    11/05/2022 – 20/05/2022
``2020 - 2021``              range    01/01/2020 – 31/12/2021
===========================  =======  =========================
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class PeriodKind(models.TextChoices):
    """How the period was given; the dates are always stored in full."""

    DAY = "day", gettext_lazy("day")
    MONTH = "month", gettext_lazy("month")
    QUARTER = "quarter", gettext_lazy("quarter")
    YEAR = "year", gettext_lazy("year")
    RANGE = "range", gettext_lazy("date range")
    AS_OF = "as_of", gettext_lazy("as of a date")


@dataclass(frozen=True)
class Period:
    """An inclusive date range (reports pass these to the figures selectors)."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(dt.date(year, month, 1), _month_end(year, month))

    def contains(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= start and end <= self.end

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return start <= self.end and end >= self.start

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first_month = 3 * (quarter - 1) + 1
    return dt.date(year, first_month, 1), _month_end(year, first_month + 2)


_DAY_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_DAY_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH_MY = re.compile(r"^(\d{1,2})[/.](\d{4})$")
_MONTH_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(?:q|quý|quy)\s*([1-4])\s*[/\s-]?\s*(\d{4})$", re.IGNORECASE)
_QUARTER_ISO = re.compile(r"^(\d{4})\s*-?\s*q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:năm\s*)?(\d{4})$", re.IGNORECASE)
_RANGE_SEPARATOR = re.compile(r"\s*(?:\.\.|–|—|\s-\s|\bto\b|\bđến\b)\s*", re.IGNORECASE)
_COMPACT_RANGE = re.compile(r"^([\d/.]+)-([\d/.]+)$")


def _single(text: str) -> tuple[str, dt.date, dt.date]:
    """One period written without a range separator."""
    text = text.strip()
    if m := _DAY_DMY.match(text):
        day = dt.date(int(m[3]), int(m[2]), int(m[1]))
        return PeriodKind.DAY, day, day
    if m := _DAY_ISO.match(text):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return PeriodKind.DAY, day, day
    if m := _MONTH_MY.match(text) or _MONTH_ISO.match(text):
        year, month = (
            (int(m[2]), int(m[1])) if "/" in text or "." in text else (int(m[1]), int(m[2]))
        )
        return PeriodKind.MONTH, dt.date(year, month, 1), _month_end(year, month)
    if m := _QUARTER.match(text):
        return PeriodKind.QUARTER, *_quarter(int(m[2]), int(m[1]))
    if m := _QUARTER_ISO.match(text):
        return PeriodKind.QUARTER, *_quarter(int(m[1]), int(m[2]))
    if m := _YEAR.match(text):
        return PeriodKind.YEAR, dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    raise ValueError(text)


def _split_range(text: str) -> list[str]:
    parts = [p for p in _RANGE_SEPARATOR.split(text) if p.strip()]
    if len(parts) == 1 and (m := _COMPACT_RANGE.match(text.strip())):
        parts = [m[1], m[2]]
    return parts


def parse_period(text: str) -> tuple[str, dt.date, dt.date]:
    """``(kind, start, end)`` for a period typed by a clerk; ``ValueError`` with a message."""
    text = (text or "").strip()
    try:
        return _single(text)
    except ValueError:
        pass
    parts = _split_range(text)
    try:
        if len(parts) == 2:
            start, end = _single(parts[0])[1], _single(parts[1])[2]
            return PeriodKind.RANGE, start, end
    except ValueError:
        pass
    raise ValueError(
        _(
            "Write the period as a day (11/05/2022), a month (05/2022), a quarter (Q2/2022), "
            "a year (2021) or a range (11/05/2022 - 20/05/2022)."
        )
    )


def bounds_match_kind(kind: str, start: dt.date, end: dt.date) -> bool:
    """Whether ``start``–``end`` is a whole day, month, quarter or year as ``kind`` says."""
    if kind == PeriodKind.DAY:
        return start == end
    if kind == PeriodKind.MONTH:
        return start.day == 1 and end == _month_end(start.year, start.month)
    if kind == PeriodKind.QUARTER:
        return start.month % 3 == 1 and (start, end) == _quarter(start.year, start.month // 3 + 1)
    if kind == PeriodKind.YEAR:
        return (start, end) == (dt.date(start.year, 1, 1), dt.date(start.year, 12, 31))
    return kind == PeriodKind.RANGE


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def period_text(kind: str, start: dt.date | None, end: dt.date | None) -> str:
    """The period in the form :func:`parse_period` reads back."""
    if start is None or end is None:
        return ""
    if kind == PeriodKind.DAY:
        return _d(start)
    if kind == PeriodKind.MONTH:
        return start.strftime("%m/%Y")
    if kind == PeriodKind.QUARTER:
        return f"Q{(start.month - 1) // 3 + 1}/{start.year}"
    if kind == PeriodKind.YEAR:
        return str(start.year)
    return f"{_d(start)} - {_d(end)}"


def period_label(
    kind: str, start: dt.date | None, end: dt.date | None, as_of: dt.date | None
) -> str:
    """The period for display: ``05/2022``, ``Q2/2022``, ``2021``, ``as of 16/07/2022``."""
    if kind == PeriodKind.AS_OF and as_of is not None:
        return _("as of %(date)s") % {"date": _d(as_of)}
    return period_text(kind, start, end).replace(" - ", " – ")
