"""Records totals per unit for the comparison page, until the reports engine provides them.

:func:`huunghi.figures.combine.combine` takes the records totals as an input, so
the reports engine can pass its own. This module is the interim input for the
figures pages: own approved activities of each unit, for indicators computed from
activities. Other sources (twinning pairs, pupils, remains) give no records here;
the reports engine replaces this module once it lands.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q

from huunghi.core.models import Qualifier
from huunghi.figures.selectors import PeriodLike, combine_qualifiers
from huunghi.organisations.models import Unit
from huunghi.records.models import Activity, ActivityQuantity, Status
from huunghi.reports.indicators import COUNT, Indicator, Source


def _activity_q(found: Indicator, unit: Unit, period: PeriodLike, prefix: str = "") -> Q:
    conditions: dict[str, Any] = {
        f"{prefix}unit__path__startswith": unit.path,
        f"{prefix}status": Status.APPROVED,
        f"{prefix}start_date__gte": period.start,
        f"{prefix}start_date__lte": period.end,
    }
    if found.kinds:
        conditions[f"{prefix}kind__in"] = list(found.kinds)
    for key, value in found.filter:
        conditions[f"{prefix}details__{key}"] = value
    return Q(**conditions)


def activity_own_totals(
    *, found: Indicator, unit: Unit, period: PeriodLike
) -> dict[int, tuple[Decimal, str]]:
    """``unit_id → (value, qualifier)`` of each unit's own approved activities."""
    if found.source != Source.ACTIVITIES:
        return {}
    if found.measure == COUNT:
        rows = (
            Activity.objects.filter(_activity_q(found, unit, period))
            .values("unit_id")
            .annotate(n=Count("id"))
        )
        return {row["unit_id"]: (Decimal(row["n"]), Qualifier.EXACT) for row in rows}
    quantities = ActivityQuantity.objects.filter(
        _activity_q(found, unit, period, "activity__"), measure=found.measure
    ).values_list("activity__unit_id", "value", "qualifier")
    values: dict[int, Decimal] = defaultdict(Decimal)
    qualifiers: dict[int, list[str]] = defaultdict(list)
    for unit_id, value, qualifier in quantities:
        values[unit_id] += value
        qualifiers[unit_id].append(qualifier)
    return {uid: (values[uid], combine_qualifiers(qualifiers[uid])) for uid in values}
