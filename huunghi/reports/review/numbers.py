"""Every number of a review report, from one place.

:func:`indicator_lines` is the only function of the review report that asks for
numbers. It returns, for each indicator, the value of the period, the value of the
same period one comparison step earlier ("so với cùng kỳ") and the values of the
unit's direct subordinates, each with where it comes from (records, a reported
figure, or both with their difference) and the figure's citation. Everything it
returns is plain data that goes into an issued report's snapshot unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from huunghi.core.models import Qualifier
from huunghi.organisations.models import Unit
from huunghi.reports.periods import Period

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader


@dataclass
class Number:
    """One value: ``value`` None means "not recorded" (told apart from a recorded 0)."""

    value: Decimal | None
    qualifier: str = Qualifier.EXACT
    source: str = "none"
    figure: Decimal | None = None
    figure_qualifier: str = Qualifier.EXACT
    difference: Decimal | None = None
    citations: list[str] = field(default_factory=list)


@dataclass
class Line:
    """One indicator of the report with its comparison and breakdown."""

    code: str
    label: str
    unit_label: str
    nature: str
    current: Number
    previous: Number
    children: list[tuple[str, Number]] = field(default_factory=list)


def comparison_period(period: Period) -> Period:
    """The same period shifted back by its length in whole years (at least one)."""
    years = max(1, round((period.end - period.start).days / 365.25))
    return Period(_years_back(period.start, years), _years_back(period.end, years))


def _years_back(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def indicator_lines(
    *, user: Reader, unit: Unit, period: Period, approved_only: bool, side: str, language: str
) -> list[Line]:
    """The report's numbers for ``unit`` as ``user`` may see them.

    ``side`` is the unit's country code: a Cambodian unit's values count the records
    shared with it.
    """
    now = _values(user, unit, period, approved_only, side, by_child_units=True)
    before = _values(
        user, unit, comparison_period(period), approved_only, side, by_child_units=False
    )
    return [
        Line(
            code=value.code,
            label=str(value.indicator.label),
            unit_label=str(value.indicator.unit),
            nature=str(value.indicator.nature),
            current=_number(value),
            previous=_number(before[value.code]) if value.code in before else Number(None),
            children=[(unit_name(child, language), _number(v)) for child, v in value.children],
        )
        for value in now.values()
    ]


def _values(
    user: Reader,
    unit: Unit,
    period: Period,
    approved_only: bool,
    side: str,
    *,
    by_child_units: bool,
) -> dict[str, Any]:
    """The single values selector, asked once per period (the only place numbers come from)."""
    from huunghi.reports.values import indicator_values

    values = indicator_values(
        user=user,
        unit=unit,
        period=period,
        approved_only=approved_only,
        side=side,
        by_child_units=by_child_units,
    )
    return {v.code: v for v in values if v.available}


def _number(value: Any) -> Number:
    return Number(
        value=value.value,
        qualifier=value.qualifier,
        source=str(value.origin),
        figure=value.figure_value,
        figure_qualifier=value.figure_qualifier,
        difference=value.difference,
        citations=[source.citation for source in value.sources],
    )


def unit_name(unit: Unit, language: str) -> str:
    """The unit's name in ``language`` (Vietnamese where that name is missing)."""
    names = {"km": unit.name_km, "en": unit.name_en}
    return str(names.get(language) or unit.name_vi)
