"""Reads of reported figures, always starting from what the reader may see.

:func:`figure_amounts_by_unit` is the provider reports call to ask "figures for
indicator X in the subtree of unit Y over period P"; :mod:`huunghi.figures.combine`
puts those figures beside the records totals without double counting.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.db.models import Q, QuerySet

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Reader
from huunghi.core.amounts import combine_qualifiers
from huunghi.core.models import Qualifier
from huunghi.figures.models import ReportedFigure
from huunghi.figures.permissions import ReportedFigurePolicy
from huunghi.organisations.models import Unit
from huunghi.organisations.permissions import UnitPolicy
from huunghi.records.indicators import Nature, indicator
from huunghi.records.models import Status


class PeriodLike(Protocol):
    """Anything with inclusive ``start`` and ``end`` dates (e.g. :class:`~.periods.Period`)."""

    @property
    def start(self) -> dt.date: ...

    @property
    def end(self) -> dt.date: ...


@dataclass(frozen=True)
class FigureFilters:
    indicator: str = ""
    unit: Unit | None = None
    period: PeriodLike | None = None
    status: str = ""
    include_superseded: bool = False
    synthetic: bool | None = None


def figure_list(*, user: Reader, filters: FigureFilters | None = None) -> QuerySet[ReportedFigure]:
    """Figures the user may see, filtered; superseded versions only on request."""
    filters = filters or FigureFilters()
    figures = ReportedFigurePolicy.visible(user).select_related("unit", "place")
    if filters.indicator:
        figures = figures.filter(indicator=filters.indicator)
    if filters.unit is not None:
        figures = figures.filter(unit__path__startswith=filters.unit.path)
    if filters.period is not None:
        figures = figures.filter(_touches(filters.period))
    if filters.status:
        figures = figures.filter(status=filters.status)
    if not filters.include_superseded:
        figures = figures.filter(superseded_by__isnull=True)
    if filters.synthetic is not None:
        figures = figures.filter(is_synthetic=filters.synthetic)
    return figures.order_by("-period_end", "-as_of", "-id")


def _touches(period: PeriodLike) -> Q:
    """Flows whose period overlaps ``period``; stocks dated inside it."""
    return Q(period_start__lte=period.end, period_end__gte=period.start) | Q(
        as_of__gte=period.start, as_of__lte=period.end
    )


def figure_get(*, user: Reader, pk: Any) -> ReportedFigure:
    """One visible figure or 404 (missing and forbidden look the same)."""
    return ReportedFigurePolicy.get_visible(user, pk)


def figure_versions(figure: ReportedFigure) -> list[ReportedFigure]:
    """Every version of the figure, newest first (follows ``superseded_by`` both ways)."""
    newest = figure
    while newest.superseded_by_id is not None:
        newest = ReportedFigure.objects.get(pk=newest.superseded_by_id)
    versions, frontier = [newest], [newest]
    while frontier:
        older = list(ReportedFigure.objects.filter(superseded_by__in=frontier).order_by("-id"))
        versions += older
        frontier = older
    return versions


def figure_overlapping(
    *,
    indicator_code: str,
    unit: Unit,
    period_start: dt.date | None,
    period_end: dt.date | None,
    as_of: dt.date | None,
    exclude_pk: int | None = None,
) -> list[ReportedFigure]:
    """Current figures of ``unit`` for the indicator that the given period would overlap.

    A rule of the data, not a read for display: it looks at every figure of the
    unit, whoever asks (a clerk who may enter figures for the unit sees them all).
    """
    figures = ReportedFigure.objects.filter(
        indicator=indicator_code, unit=unit, superseded_by__isnull=True
    )
    if as_of is not None:
        figures = figures.filter(as_of=as_of)
    else:
        figures = figures.filter(period_start__lte=period_end, period_end__gte=period_start)
    if exclude_pk is not None:
        figures = figures.exclude(pk=exclude_pk)
    return list(figures.order_by("period_start", "as_of", "id"))


def units_for_entry(*, user: Reader) -> QuerySet[Unit]:
    """Active units for which the user may enter figures."""
    scope = scope_for(user)
    if scope.is_anonymous or not scope.has_any(Capability.EDIT):
        return Unit.objects.none()
    return (
        Unit.objects.filter(scope.unit_q(Capability.EDIT, ""), valid_to__isnull=True)
        .select_related("country")
        .order_by("path")
    )


def units_for_filter(*, user: Reader) -> QuerySet[Unit]:
    """Units the user may pick in the list and comparison filters."""
    return UnitPolicy.visible(user).select_related("country").order_by("path")


# The provider for reports ---------------------------------------------------------------


@dataclass
class FigureAmount:
    """What one unit's own figures say for a period.

    ``partial``: the figures cover only part of a flow period (the sum is then a
    lower bound for the whole period). ``left_out``: figures that overlap the period
    without lying inside it; they cannot be split, so they are not counted.
    ``value`` is None when only such figures exist.
    """

    value: Decimal | None
    qualifier: str
    figures: list[ReportedFigure] = field(default_factory=list)
    partial: bool = False
    left_out: list[ReportedFigure] = field(default_factory=list)


COUNTED_STATUSES = (Status.APPROVED,)
OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED)


def figures_in_subtree(
    *,
    user: Reader,
    indicator_code: str,
    unit: Unit,
    period: PeriodLike,
    include_unapproved: bool = False,
) -> QuerySet[ReportedFigure]:
    """Current figures visible to ``user`` in ``unit``'s subtree that touch ``period``."""
    statuses = OPEN_STATUSES if include_unapproved else COUNTED_STATUSES
    return (
        ReportedFigurePolicy.visible(user)
        .filter(
            indicator=indicator_code,
            unit__path__startswith=unit.path,
            superseded_by__isnull=True,
            status__in=statuses,
        )
        .filter(_touches(period))
        .select_related("unit")
    )


def figure_amounts_by_unit(
    *,
    user: Reader,
    indicator_code: str,
    unit: Unit,
    period: PeriodLike,
    include_unapproved: bool = False,
) -> dict[int, FigureAmount]:
    """For each unit in the subtree that reported, what its own figures say for ``period``.

    Flow: figures whose period lies inside ``period``; a figure inside another figure
    of the same unit (a breakdown) is not added to it. Stock: the latest figure dated
    inside ``period``. A unit's figure covers its whole subtree; combining it with
    records and sub-units' figures is :func:`huunghi.figures.combine.combine`'s job.
    """
    by_unit: dict[int, list[ReportedFigure]] = defaultdict(list)
    figures = figures_in_subtree(
        user=user,
        indicator_code=indicator_code,
        unit=unit,
        period=period,
        include_unapproved=include_unapproved,
    )
    for figure in figures:
        by_unit[figure.unit_id].append(figure)
    pick = _stock_amount if indicator(indicator_code).nature == Nature.STOCK else _flow_amount
    amounts = {unit_id: pick(figs, period) for unit_id, figs in by_unit.items()}
    return {unit_id: amount for unit_id, amount in amounts.items() if amount is not None}


def _stock_amount(figures: list[ReportedFigure], period: PeriodLike) -> FigureAmount | None:
    latest = max(figures, key=lambda f: (f.as_of, f.pk))
    return FigureAmount(value=latest.value, qualifier=latest.qualifier, figures=[latest])


def _span(figure: ReportedFigure) -> tuple[dt.date, dt.date]:
    """A flow figure's dates (never None: the ``figure_as_of_or_period`` constraint)."""
    assert figure.period_start is not None and figure.period_end is not None
    return figure.period_start, figure.period_end


def _days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1


def _flow_amount(figures: list[ReportedFigure], period: PeriodLike) -> FigureAmount | None:
    inside = [f for f in figures if period.start <= _span(f)[0] and _span(f)[1] <= period.end]
    left_out = [f for f in figures if f not in inside]
    chosen = _outermost(inside)
    if not chosen:
        return FigureAmount(None, Qualifier.EXACT, [], True, left_out) if left_out else None
    covered = sum(_days(*_span(f)) for f in chosen)
    return FigureAmount(
        value=sum((f.value for f in chosen), Decimal(0)),
        qualifier=combine_qualifiers(f.qualifier for f in chosen),
        figures=chosen,
        partial=covered < _days(period.start, period.end),
        left_out=left_out,
    )


def _outermost(figures: list[ReportedFigure]) -> list[ReportedFigure]:
    """Figures not lying inside (or overlapping) an earlier, longer one: never add a
    breakdown to its total."""
    chosen: list[ReportedFigure] = []
    for figure in sorted(figures, key=lambda f: (_span(f)[0], -_span(f)[1].toordinal())):
        if chosen and _span(figure)[0] <= _span(chosen[-1])[1]:
            continue
        chosen.append(figure)
    return chosen
