"""Remains indicators for the reports engine, and the season bounds of report periods.

``remains_recovered`` sums recovered counts of excavations that were not cancelled, by
start date; ``remains_repatriated`` sums the remains handed over, by ceremony date.
Registered from :meth:`ReportsConfig.ready`; import this module only once apps are ready.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from huunghi.core.models import Status
from huunghi.records.indicators import Source
from huunghi.remains.models import ExcavationStatus, Season
from huunghi.remains.permissions import ExcavationPolicy, HandoverPolicy
from huunghi.remains.selectors import season_days
from huunghi.reports.periods import register_remains_season
from huunghi.reports.providers import register_provider
from huunghi.reports.pupil_sources import flow_cells


def _restrict(rows: QuerySet[Any], query: Any, unit_field: str) -> QuerySet[Any]:
    if query.unit is not None:
        rows = rows.filter(**{f"{unit_field}__path__startswith": query.unit.path})
    if query.country:
        rows = rows.filter(**{f"{unit_field}__country__code": query.country})
    if query.synthetic is not None:
        rows = rows.filter(is_synthetic=query.synthetic)
    if query.approved_only:
        rows = rows.filter(record_status=Status.APPROVED)
    return rows


def _recovered(request: Any) -> dict[tuple, Any]:
    query = request.query
    rows = (
        _restrict(ExcavationPolicy.visible(request.user), query, "team")
        .exclude(status=ExcavationStatus.CANCELLED)
        .filter(start_date__gte=query.period.start, start_date__lt=query.period.end)
    )
    if query.provinces:
        rows = rows.filter(site__place__province_id__in=query.provinces)
    return flow_cells(
        request,
        rows.values_list(
            "start_date",
            "recovered_count",
            "team__path",
            "team__country__code",
            "site__place__province_id",
        ),
    )


def _repatriated(request: Any) -> dict[tuple, Any]:
    query = request.query
    rows = _restrict(HandoverPolicy.visible(request.user), query, "unit").filter(
        held_on__gte=query.period.start, held_on__lt=query.period.end
    )
    if query.provinces:
        rows = rows.filter(vn_province_id__in=query.provinces)
    return flow_cells(
        request,
        rows.values_list(
            "held_on",
            "remains_count",
            "unit__path",
            "unit__country__code",
            "vn_province_id",
        ),
    )


def remains_provider(request: Any) -> dict[tuple, Any]:
    """Remains recovered, or (``stage=repatriated``) handed over, in the period."""
    if dict(request.indicator.filter).get("stage") == "repatriated":
        return _repatriated(request)
    return _recovered(request)


def season_bounds(start_year: int) -> tuple[dt.date, dt.date]:
    """The days of the season starting in ``start_year`` as a half-open range: October
    to September, widened to cover its phases if any lies outside."""
    season = Season.objects.filter(start_year=start_year).first()
    if season is None:
        return dt.date(start_year, 10, 1), dt.date(start_year + 1, 10, 1)
    days = season_days(season)
    return days.start, days.end + dt.timedelta(days=1)


def register() -> None:
    register_provider(Source.REMAINS, remains_provider)
    register_remains_season(season_bounds)
