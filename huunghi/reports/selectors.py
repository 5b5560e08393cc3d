"""Reads for reports: totals and indicator values limited to what the reader may see.

Every function takes the reading ``user``; nothing here returns a number that
includes a record the user could not open (see :mod:`huunghi.reports.permissions`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.db.models import Max, Q, QuerySet

from huunghi.accounts.scope import Capability, scope_for
from huunghi.figures.permissions import ReportedFigurePolicy
from huunghi.organisations.models import Unit
from huunghi.records.models import Activity, ActivityKind, Measure, Status
from huunghi.records.permissions import ActivityPolicy
from huunghi.reports import totals_cache
from huunghi.reports.engine import (
    COUNT,
    Cell,
    Dim,
    Totals,
    TotalsQuery,
    compute_own_totals,
    compute_totals,
)
from huunghi.reports.indicators import BY_CODE, INDICATORS, Indicator, Nature, Source
from huunghi.reports.models import IssuedReport, IssuedReportStatus, ReportJob
from huunghi.reports.periods import Period
from huunghi.reports.permissions import IssuedReportPolicy, Reach, ReportJobPolicy, reach_for
from huunghi.reports.providers import ProviderRequest, provider_for

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader


def activity_totals(
    *,
    user: Reader,
    query: TotalsQuery,
    group_by: Iterable[Dim] = (),
    method: str = "summary",
    reach: Reach | None = None,
) -> Totals:
    """Activity counts and quantity sums of ``query`` as ``user`` may see them.

    ``reach``: where the records come from, when not the reader's own view of
    ``query.unit`` (a counterpart unit's shared records, see :mod:`.values`).
    """
    group = tuple(group_by)
    if reach is not None:
        return compute_totals(reach=reach, query=query, group_by=group, method=method)
    key = _reach_key(user)
    if key is None:
        own = reach_for(user, query.unit)
        return compute_totals(reach=own, query=query, group_by=group, method=method)
    kept = totals_cache.cached(
        ("activity_totals", key, _unit_key(query.unit), query, group, method),
        lambda: compute_totals(
            reach=reach_for(user, query.unit), query=query, group_by=group, method=method
        ),
    )
    return Totals(kept.group_by, defaultdict(Cell, kept.cells))


def _reach_key(user: Reader) -> tuple[Any, ...] | None:
    """What a reader's own reach depends on (their view paths), or None: not kept."""
    scope = scope_for(user)
    if scope.is_anonymous or not scope.has_any(Capability.VIEW):
        return None
    if scope.is_global:
        return ("global",)
    return ("paths", tuple(sorted(scope.paths.get(Capability.VIEW, ()))))


def _unit_key(unit: Unit | None) -> tuple[Any, ...]:
    return () if unit is None else (unit.pk, unit.path)


@dataclass
class IndicatorValue:
    """One indicator's cells, keyed by the values of the breakdown."""

    indicator: Indicator
    cells: dict[tuple[Any, ...], Cell] = field(default_factory=dict)
    available: bool = True

    @property
    def total(self) -> Cell:
        """The sum of all cells (for a stock broken down by time: the last bucket's)."""
        result = Cell()
        for cell in self.cells.values():
            result.merge(cell)
        return result


def indicator_values(
    *,
    user: Reader,
    query: TotalsQuery,
    codes: Sequence[str] | None = None,
    group_by: Sequence[Dim] = (),
    method: str = "summary",
    reach: Reach | None = None,
) -> list[IndicatorValue]:
    """Cells of the indicators ``codes`` (all by default), records only, in the order asked.

    Reported figures are not in these cells: :func:`huunghi.reports.values.indicator_values`
    puts them beside the records, and every surface calls that.
    """
    chosen = [BY_CODE[c] for c in codes] if codes is not None else list(INDICATORS)
    group = tuple(group_by)
    simple = [i for i in chosen if i.source == Source.ACTIVITIES and not i.filter]
    results: dict[str, IndicatorValue] = {}
    if simple:
        results |= _from_activities(user, query, simple, group, method, reach)
    for found in chosen:
        if found.code in results:
            continue
        if found.source == Source.ACTIVITIES:
            results[found.code] = _filtered_activities(user, query, found, group, method, reach)
        else:
            results[found.code] = _from_provider(user, query, found, group)
    return [results[i.code] for i in chosen]


def _from_activities(
    user: Reader,
    query: TotalsQuery,
    chosen: list[Indicator],
    group: tuple[Dim, ...],
    method: str,
    reach: Reach | None = None,
) -> dict[str, IndicatorValue]:
    """All simple activity indicators from one totals computation broken down by kind."""
    kinds = {k for i in chosen for k in i.kinds} if all(i.kinds for i in chosen) else set()
    narrowed = replace(
        query,
        kinds=tuple(sorted(kinds)) if kinds and not query.kinds else query.kinds,
        measures=tuple(sorted({i.measure for i in chosen})),
    )
    totals = activity_totals(
        user=user, query=narrowed, group_by=(Dim.KIND, *group), method=method, reach=reach
    )
    values = {i.code: IndicatorValue(i, defaultdict(Cell)) for i in chosen}
    by_measure: dict[str, list[Indicator]] = defaultdict(list)
    for found in chosen:
        by_measure[found.measure].append(found)
    for (measure, kind, *rest), cell in totals.cells.items():
        for found in by_measure.get(measure, ()):
            if not found.kinds or kind in found.kinds:
                values[found.code].cells[tuple(rest)].merge(cell)
    return {code: IndicatorValue(v.indicator, dict(v.cells)) for code, v in values.items()}


def _filtered_activities(
    user: Reader,
    query: TotalsQuery,
    found: Indicator,
    group: tuple[Dim, ...],
    method: str,
    reach: Reach | None = None,
) -> IndicatorValue:
    """An activity indicator restricted by details (answered from the raw records)."""
    narrowed = replace(
        query, kinds=found.kinds or query.kinds, measures=(found.measure,), details=found.filter
    )
    totals = activity_totals(user=user, query=narrowed, group_by=group, method=method, reach=reach)
    return IndicatorValue(found, totals.by(found.measure))


def _from_provider(
    user: Reader, query: TotalsQuery, found: Indicator, group: tuple[Dim, ...]
) -> IndicatorValue:
    provider = provider_for(found.source)
    if provider is None:
        return IndicatorValue(found, available=False)
    return IndicatorValue(found, provider(ProviderRequest(user, found, query, group)))


def latest_year_with_data(*, user: Reader, unit: Unit | None, today: dt.date) -> Period:
    """The latest calendar year (not after today's) holding a record or a reported figure
    the reader may see in ``unit``'s subtree; this year when there is none.

    Kept per scope until the data changes (:mod:`.totals_cache`)."""
    key = totals_cache.scope_key(scope_for(user))
    if key is None:
        return _latest_year_with_data(user=user, unit=unit, today=today)
    return totals_cache.cached(
        ("latest_year", key, _unit_key(unit), today),
        lambda: _latest_year_with_data(user=user, unit=unit, today=today),
    )


def _latest_year_with_data(*, user: Reader, unit: Unit | None, today: dt.date) -> Period:
    activities = ActivityPolicy.visible(user).filter(start_date__lte=today)
    figures = ReportedFigurePolicy.visible(user).filter(superseded_by__isnull=True)
    if unit is not None:
        activities = activities.filter(unit__path__startswith=unit.path)
        figures = figures.filter(unit__path__startswith=unit.path)
    latest = figures.aggregate(
        period=Max("period_end", filter=Q(period_start__lte=today)),
        as_of=Max("as_of", filter=Q(as_of__lte=today)),
    )
    days = [activities.aggregate(day=Max("start_date"))["day"], *latest.values()]
    found = [min(day, today) for day in days if day is not None]
    return Period.year(max(found).year if found else today.year)


def flow_and_stock(values: Iterable[IndicatorValue]) -> tuple[list[IndicatorValue], ...]:
    """Split indicator values into flows and stocks (for report tables)."""
    items = list(values)
    return (
        [v for v in items if v.indicator.nature == Nature.FLOW],
        [v for v in items if v.indicator.nature == Nature.STOCK],
    )


def own_totals_by_unit(
    *, user: Reader, query: TotalsQuery, measure: str = COUNT
) -> dict[int, Cell]:
    """Each visible unit's *own* records (not its sub-units'), in ``query.unit``'s subtree.

    The input :func:`huunghi.figures.combine.combine` expects: it puts reported
    figures where no records exist.
    """
    reach = reach_for(user, query.unit)
    return compute_own_totals(reach=reach, query=query, measure=measure)


NOTABLE_KINDS = (
    ActivityKind.FESTIVAL,
    ActivityKind.AGREEMENT,
    ActivityKind.FACILITY_INAUGURATION,
    ActivityKind.DELEGATION_IN,
    ActivityKind.DELEGATION_OUT,
    ActivityKind.TWINNING_REVIEW,
)


def notable_activities(*, user: Reader, query: TotalsQuery, limit: int = 30) -> list[Activity]:
    """Activities worth naming in a review: festivals, agreements, inaugurations,
    delegations, twinning reviews, and the largest aid and medical outreach."""
    visible = ActivityPolicy.visible(user).filter(
        start_date__gte=query.period.start, start_date__lt=query.period.end
    )
    if query.unit is not None:
        visible = visible.filter(unit__path__startswith=query.unit.path)
    if query.approved_only:
        visible = visible.filter(status=Status.APPROVED)
    if query.synthetic is not None:
        visible = visible.filter(is_synthetic=query.synthetic)
    chosen = list(
        visible.filter(kind__in=NOTABLE_KINDS)
        .select_related("unit", "place")
        .order_by("start_date", "pk")[:limit]
    )
    largest = (
        visible.filter(quantities__measure=Measure.VALUE_VND)
        .exclude(kind__in=NOTABLE_KINDS)
        .select_related("unit", "place")
        .order_by("-quantities__value", "pk")[: max(0, limit - len(chosen)) // 2]
    )
    return sorted({a.pk: a for a in [*chosen, *largest]}.values(), key=lambda a: a.start_date)


def report_jobs(*, user: Reader) -> QuerySet[ReportJob]:
    """Report jobs the user may see, newest first."""
    return ReportJobPolicy.visible(user).select_related("unit", "requested_by")


def report_job_get(*, user: Reader, pk: Any) -> ReportJob:
    """One visible report job or 404."""
    return ReportJobPolicy.get_visible(user, pk)


def issued_reports(
    *, user: Reader, unit: Any = None, issued_only: bool = False
) -> QuerySet[IssuedReport]:
    """Review reports (drafts and issued versions) the user may read, newest first.

    ``unit`` keeps one unit's own reports; ``issued_only`` drops drafts.
    """
    reports = IssuedReportPolicy.visible(user).select_related("unit", "issued_by", "created_by")
    if unit is not None:
        reports = reports.filter(unit=unit)
    if issued_only:
        reports = reports.filter(status=IssuedReportStatus.ISSUED)
    return reports.order_by("-period_end", "-version", "-pk")


def issued_report_get(*, user: Reader, pk: Any) -> IssuedReport:
    """One review report the user may read, or 404 (missing and forbidden alike)."""
    return IssuedReportPolicy.get_visible(user, pk)
