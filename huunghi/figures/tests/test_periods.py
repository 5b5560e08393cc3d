"""Periods typed by clerks and their display."""

import datetime as dt

import pytest

from huunghi.figures.periods import (
    Period,
    PeriodKind,
    bounds_match_kind,
    parse_period,
    period_label,
    period_text,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11/05/2022", (PeriodKind.DAY, D(2022, 5, 11), D(2022, 5, 11))),
        ("2022-05-11", (PeriodKind.DAY, D(2022, 5, 11), D(2022, 5, 11))),
        ("05/2022", (PeriodKind.MONTH, D(2022, 5, 1), D(2022, 5, 31))),
        ("2022-02", (PeriodKind.MONTH, D(2022, 2, 1), D(2022, 2, 28))),
        ("Q2/2022", (PeriodKind.QUARTER, D(2022, 4, 1), D(2022, 6, 30))),
        ("quý 4/2021", (PeriodKind.QUARTER, D(2021, 10, 1), D(2021, 12, 31))),
        ("2022-Q1", (PeriodKind.QUARTER, D(2022, 1, 1), D(2022, 3, 31))),
        ("2021", (PeriodKind.YEAR, D(2021, 1, 1), D(2021, 12, 31))),
        ("11/05/2022 - 20/05/2022", (PeriodKind.RANGE, D(2022, 5, 11), D(2022, 5, 20))),
        ("11/05/2022-20/05/2022", (PeriodKind.RANGE, D(2022, 5, 11), D(2022, 5, 20))),
        ("2020 – 2021", (PeriodKind.RANGE, D(2020, 1, 1), D(2021, 12, 31))),
        ("2020-2021", (PeriodKind.RANGE, D(2020, 1, 1), D(2021, 12, 31))),
        ("2022-05-11..2022-05-20", (PeriodKind.RANGE, D(2022, 5, 11), D(2022, 5, 20))),
    ],
)
def test_parse_period_reads_what_clerks_write(text, expected):
    """Days, months, quarters, years and ranges in the usual Vietnamese and ISO forms."""
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["", "May", "13/2022", "31/02/2022", "2022 - May"])
def test_parse_period_refuses_nonsense_with_a_message(text):
    """Anything else is refused with an example of each accepted form."""
    with pytest.raises(ValueError, match="05/2022"):
        parse_period(text)


def test_text_and_label_read_back():
    """What the form shows for a stored period parses back to the same dates."""
    for kind, start, end in [
        parse_period("05/2022"),
        parse_period("Q3/2022"),
        parse_period("2021"),
        parse_period("11/05/2022 - 20/05/2022"),
        parse_period("01/01/2022"),
    ]:
        assert parse_period(period_text(kind, start, end)) == (kind, start, end)
    assert period_label(PeriodKind.AS_OF, None, None, D(2022, 7, 16)) == "as of 16/07/2022"


def test_bounds_match_kind():
    """A month must be a whole month, and so on."""
    assert bounds_match_kind(PeriodKind.MONTH, D(2022, 5, 1), D(2022, 5, 31))
    assert not bounds_match_kind(PeriodKind.MONTH, D(2022, 5, 2), D(2022, 5, 31))
    assert bounds_match_kind(PeriodKind.QUARTER, D(2022, 10, 1), D(2022, 12, 31))
    assert not bounds_match_kind(PeriodKind.YEAR, D(2022, 1, 1), D(2022, 12, 30))
    assert bounds_match_kind(PeriodKind.RANGE, D(2022, 1, 3), D(2022, 2, 5))


def test_period_helpers():
    assert Period.year(2022).days == 365
    assert Period.month(2024, 2).end == D(2024, 2, 29)
