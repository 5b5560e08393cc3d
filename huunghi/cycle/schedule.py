"""Reporting periods and due dates of an obligation's schedule (no database access
except the remains season, whose bounds the remains app defines).

A period is a :class:`~huunghi.reports.periods.Period` (half-open ``[start, end)``);
it is identified by its frequency and first day. The due date is ``due_day`` of the
period's last month, ``months_after`` months later, clamped to the month's length.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from huunghi.reports.periods import Period


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    SIX_MONTHLY = "six_monthly", _("six-monthly review (sơ kết)")
    ANNUAL = "annual", _("annual review (tổng kết)")
    REMAINS_SEASON = "remains_season", _("remains season")


MONTHS_PER_PERIOD = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.SIX_MONTHLY: 6,
    Frequency.ANNUAL: 12,
}


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_containing(frequency: str, day: dt.date) -> Period:
    """The period of ``frequency`` that contains ``day``."""
    if frequency == Frequency.REMAINS_SEASON:
        season = Period.remains_season(day.year)
        return season if season.start <= day else Period.remains_season(day.year - 1)
    size = MONTHS_PER_PERIOD[Frequency(frequency)]
    first_month = (day.month - 1) // size * size + 1
    start = dt.date(day.year, first_month, 1)
    return Period(start, _add_months(start, size))


def period_starting(frequency: str, start: dt.date) -> Period | None:
    """The period of ``frequency`` that begins on ``start``, or None if none does."""
    period = period_containing(frequency, start)
    return period if period.start == start else None


def next_period(frequency: str, period: Period) -> Period:
    return period_containing(frequency, period.end)


def periods_between(frequency: str, start: dt.date, end: dt.date) -> list[Period]:
    """Periods lying wholly inside ``[start, end)``, oldest first."""
    period = period_containing(frequency, start)
    if period.start < start:
        period = next_period(frequency, period)
    found = []
    while period.end <= end:
        found.append(period)
        period = next_period(frequency, period)
    return found


def due_date(period: Period, due_day: int, months_after: int = 0) -> dt.date:
    """``due_day`` of the period's last month (``months_after`` months later)."""
    month = _add_months(period.last.replace(day=1), months_after)
    last_day = calendar.monthrange(month.year, month.month)[1]
    return month.replace(day=min(due_day, last_day))


def period_label(frequency: str, period: Period) -> str:
    """``Q3/2025``, ``07/2025``, ``2025``… as people name the reporting period."""
    start = period.start
    if frequency == Frequency.MONTHLY:
        return f"{start:%m/%Y}"
    if frequency == Frequency.QUARTERLY:
        return gettext("Q%(quarter)s/%(year)s") % {
            "quarter": (start.month - 1) // 3 + 1,
            "year": start.year,
        }
    if frequency == Frequency.SIX_MONTHLY:
        return gettext("H%(half)s/%(year)s") % {"half": 1 + (start.month > 6), "year": start.year}
    if frequency == Frequency.ANNUAL:
        return str(start.year)
    return gettext("Season %(first)s–%(second)s") % {
        "first": start.year,
        "second": start.year + 1,
    }
