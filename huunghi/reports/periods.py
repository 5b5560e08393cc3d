"""Reporting periods: months, quarters, years, school years, remains seasons, any range.

A :class:`Period` is a half-open date range ``[start, end)``. Summary rows are kept
per month, so a period splits into the whole months it covers (read from the
summaries) and at most two partial months at its edges (read from the raw records).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SeasonBounds = Callable[[int], tuple[dt.date, dt.date]]
_season_bounds: SeasonBounds | None = None


def register_remains_season(bounds: SeasonBounds) -> None:
    """Let the remains app define its seasons: ``bounds(start_year) -> (first day, end)``."""
    global _season_bounds
    _season_bounds = bounds


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after ``day``'s month."""
    if day.month == 12:
        return dt.date(day.year + 1, 1, 1)
    return dt.date(day.year, day.month + 1, 1)


@dataclass(frozen=True)
class Period:
    """The days ``start <= day < end``."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("A period must end after it starts.")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = dt.date(year, month, 1)
        return cls(first, next_month(first))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = dt.date(year, 3 * (quarter - 1) + 1, 1)
        return cls(first, next_month(next_month(next_month(first))))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year + 1, 1, 1))

    @classmethod
    def years(cls, first_year: int, last_year: int) -> Period:
        return cls(dt.date(first_year, 1, 1), dt.date(last_year + 1, 1, 1))

    @classmethod
    def school_year(cls, start_year: int) -> Period:
        """September of ``start_year`` to the end of August of the next year."""
        return cls(dt.date(start_year, 9, 1), dt.date(start_year + 1, 9, 1))

    @classmethod
    def remains_season(cls, start_year: int) -> Period:
        """A search season: October to September unless the remains app says otherwise."""
        if _season_bounds is not None:
            return cls(*_season_bounds(start_year))
        return cls(dt.date(start_year, 10, 1), dt.date(start_year + 1, 10, 1))

    @classmethod
    def between(cls, first: dt.date, last: dt.date) -> Period:
        """A custom range with both ``first`` and ``last`` included."""
        return cls(first, last + dt.timedelta(days=1))

    @property
    def last(self) -> dt.date:
        """The last day included."""
        return self.end - dt.timedelta(days=1)

    def whole_months(self) -> tuple[dt.date, dt.date] | None:
        """``(first, end)`` month starts of the whole months inside the period, if any."""
        first = self.start if self.start.day == 1 else next_month(self.start)
        end = month_start(self.end)
        return (first, end) if first < end else None

    def partial_ranges(self) -> list[tuple[dt.date, dt.date]]:
        """Half-open day ranges not covered by :meth:`whole_months`."""
        months = self.whole_months()
        if months is None:
            return [(self.start, self.end)]
        ranges = []
        if self.start < months[0]:
            ranges.append((self.start, months[0]))
        if months[1] < self.end:
            ranges.append((months[1], self.end))
        return ranges

    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.last:%d/%m/%Y}"


PRESETS = {
    "year": _("This year"),
    "last_year": _("Last year"),
    "quarter": _("This quarter"),
    "month": _("This month"),
    "school_year": _("This school year"),
    "remains_season": _("This remains season"),
    "seven_years": _("Last seven years"),
    "custom": _("Custom range"),
}


def preset_period(name: str, today: dt.date) -> Period:
    """The period a dashboard preset stands for on ``today`` (unknown names: this year)."""
    builders: dict[str, Callable[[], Period]] = {
        "last_year": lambda: Period.year(today.year - 1),
        "quarter": lambda: Period.quarter(today.year, (today.month - 1) // 3 + 1),
        "month": lambda: Period.month(today.year, today.month),
        "school_year": lambda: Period.school_year(today.year - (today.month < 9)),
        "remains_season": lambda: _current_season(today),
        "seven_years": lambda: Period.years(today.year - 6, today.year),
    }
    return builders.get(name, lambda: Period.year(today.year))()


def _current_season(today: dt.date) -> Period:
    season = Period.remains_season(today.year)
    return season if season.start <= today else Period.remains_season(today.year - 1)
