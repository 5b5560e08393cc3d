"""Periods and due dates of each frequency."""

import datetime as dt

from huunghi.cycle.schedule import (
    due_date,
    period_containing,
    period_label,
    period_starting,
    periods_between,
)
from huunghi.reports.periods import Period


def test_periods_of_each_frequency_contain_the_day() -> None:
    day = dt.date(2025, 8, 14)
    assert period_containing("monthly", day) == Period.month(2025, 8)
    assert period_containing("quarterly", day) == Period.quarter(2025, 3)
    assert period_containing("six_monthly", day) == Period(dt.date(2025, 7, 1), dt.date(2026, 1, 1))
    assert period_containing("annual", day) == Period.year(2025)


def test_remains_season_runs_october_to_september(db) -> None:
    assert period_containing("remains_season", dt.date(2025, 8, 1)).start == dt.date(2024, 10, 1)
    assert period_containing("remains_season", dt.date(2025, 10, 1)).start == dt.date(2025, 10, 1)


def test_due_date_is_clamped_to_the_month_and_may_fall_later() -> None:
    q1 = Period.quarter(2025, 1)
    assert due_date(q1, 20) == dt.date(2025, 3, 20)
    assert due_date(Period.month(2025, 2), 31) == dt.date(2025, 2, 28)
    assert due_date(Period.year(2025), 15, months_after=1) == dt.date(2026, 1, 15)


def test_periods_between_keeps_whole_periods_only() -> None:
    found = periods_between("quarterly", dt.date(2025, 2, 1), dt.date(2026, 1, 1))
    assert [p.start.month for p in found] == [4, 7, 10]
    assert period_starting("quarterly", dt.date(2025, 5, 1)) is None


def test_labels() -> None:
    assert period_label("quarterly", Period.quarter(2025, 3)) == "Q3/2025"
    assert (
        period_label("six_monthly", Period(dt.date(2025, 1, 1), dt.date(2025, 7, 1))) == "H1/2025"
    )
    assert period_label("monthly", Period.month(2025, 7)) == "07/2025"
