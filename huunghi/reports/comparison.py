"""Records against reported figures, unit by unit, for one indicator and period: a report
page, since it values both through :func:`huunghi.reports.values.indicator_value`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from huunghi.figures import selectors
from huunghi.figures.forms import ComparisonForm
from huunghi.organisations.models import Unit
from huunghi.records.indicators import indicator as indicator_def
from huunghi.reports.periods import Period
from huunghi.reports.values import IndicatorValue, Origin, indicator_value

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader

MAX_DEPTH = 3


@dataclass(frozen=True)
class ComparisonRow:
    depth: int
    unit: Unit
    value: IndicatorValue
    covered: bool = False


def _has_data(value: IndicatorValue) -> bool:
    """Units with records or a figure (units with neither would only lengthen the table)."""
    return value.value is not None or value.figure is not None


def comparison_rows(
    *,
    user: Reader,
    unit: Unit,
    period: Period,
    indicator: str,
    approved_only: bool,
    unapproved: bool,
) -> list[ComparisonRow]:
    """The unit and its sub-units with data, down to three levels, each valued by
    :func:`huunghi.reports.values.indicator_value` (the same number as every other page)."""
    rows: list[ComparisonRow] = []

    def walk(current: Unit, depth: int, covered: bool) -> None:
        value = indicator_value(
            user=user,
            indicator=indicator,
            unit=current,
            period=period,
            approved_only=approved_only,
            by_child_units=depth < MAX_DEPTH,
            include_unapproved_figures=unapproved,
        )
        rows.append(ComparisonRow(depth, current, value, covered))
        below = covered or value.origin == Origin.FIGURE
        for child, child_value in value.children:
            if _has_data(child_value):
                walk(child, depth + 1, below)

    walk(unit, 0, False)
    return rows


@login_required
def comparison(request: HttpRequest) -> HttpResponse:
    """Records against reported figures, unit by unit, for one indicator and period."""
    form = ComparisonForm(request.GET or None, units=selectors.units_for_filter(user=request.user))
    context: dict[str, Any] = {"form": form, "rows": None}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        found = indicator_def(data["indicator"])
        rows = comparison_rows(
            user=request.user,
            unit=data["unit"],
            period=Period.between(data["period"].start, data["period"].end),
            indicator=found.code,
            approved_only=not data["drafts"],
            unapproved=data["unapproved"],
        )
        context.update(total=rows[0].value, rows=rows, indicator=found)
    return render(request, "reports/figure_comparison.html", context)
