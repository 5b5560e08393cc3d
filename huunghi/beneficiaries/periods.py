"""Months and school years: the periods in which sponsorship is paid and progress is recorded.

A school year is written ``"2025-2026"`` and runs from 1 September to 31 August, the
Vietnamese school calendar; sponsorship months are stored as their first day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SCHOOL_YEAR_START_MONTH = 9
SCHOOL_YEAR_PATTERN = re.compile(r"^(\d{4})-(\d{4})$")


def month_start(day: dt.date) -> dt.date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def months_from(first: dt.date, until: dt.date) -> Iterator[dt.date]:
    """First days of the months from ``first``'s month up to and excluding ``until``'s."""
    current, stop = month_start(first), month_start(until)
    while current < stop:
        yield current
        current = add_months(current, 1)


def school_year_first_year(label: str) -> int:
    """The calendar year in which school year ``label`` starts (ValueError if malformed)."""
    match = SCHOOL_YEAR_PATTERN.match(label or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValueError(label)
    return int(match.group(1))


def validate_school_year(label: str) -> None:
    """Model-field validator for labels such as ``2025-2026``."""
    try:
        school_year_first_year(label)
    except ValueError as exc:
        raise ValidationError(
            _("Write the school year as two consecutive years, e.g. 2025-2026."),
            code="invalid_school_year",
        ) from exc


def school_year_label(first_year: int) -> str:
    return f"{first_year}-{first_year + 1}"


def school_year_of(day: dt.date) -> str:
    """The school year that contains ``day``."""
    first = day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1
    return school_year_label(first)


def previous_school_year(day: dt.date) -> str:
    """The school year before the one containing ``day``."""
    return school_year_label(school_year_first_year(school_year_of(day)) - 1)


def school_year_bounds(label: str) -> tuple[dt.date, dt.date]:
    """First and last day of school year ``label``."""
    first = school_year_first_year(label)
    start = dt.date(first, SCHOOL_YEAR_START_MONTH, 1)
    return start, add_months(start, 12) - dt.timedelta(days=1)
