"""Providers of indicators that do not come from activities.

Each app that owns a source registers one provider for it, from its
``AppConfig.ready()``::

    from huunghi.reports.indicators import Source
    from huunghi.reports.providers import register_provider

    register_provider(Source.PUPILS, pupils_provider)

A provider gets a :class:`ProviderRequest` (reader, indicator, query, breakdown) and
returns ``{group values: Cell}`` using only what the reader may see. Dimensions it
cannot break down by are returned as ``None``. Twinning pairs and agreements are
provided here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from huunghi.records.models import Status, TwinningStatus
from huunghi.records.permissions import AgreementPolicy, TwinningPairPolicy
from huunghi.reports.engine import Cell, Dim, TotalsQuery
from huunghi.reports.indicators import Indicator, Source
from huunghi.reports.periods import Period, next_month

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader

GroupedCells = dict[tuple[Any, ...], Cell]


@dataclass(frozen=True)
class ProviderRequest:
    user: Reader
    indicator: Indicator
    query: TotalsQuery
    group_by: tuple[Dim, ...] = ()

    def as_of(self) -> dt.date:
        """The day a stock is counted on: the period's last day, but not after today."""
        return min(self.query.period.last, timezone.localdate())


Provider = Callable[[ProviderRequest], GroupedCells]
_PROVIDERS: dict[str, Provider] = {}


def register_provider(source: str, provider: Provider) -> None:
    """Make ``provider`` compute the indicators of ``source`` (a later call replaces it)."""
    _PROVIDERS[str(source)] = provider


def provider_for(source: str) -> Provider | None:
    return _PROVIDERS.get(str(source))


# --- stocks counted as of the end of each time bucket --------------------------------------


def time_buckets(period: Period, dim: Dim) -> list[tuple[Any, dt.date]]:
    """``(key, last day)`` of each month, quarter or year bucket inside ``period``."""
    step = {Dim.MONTH: 1, Dim.QUARTER: 3, Dim.YEAR: 12}[dim]
    buckets: list[tuple[Any, dt.date]] = []
    first = period.start.replace(day=1)
    while first < period.end:
        if dim == Dim.QUARTER:
            first = first.replace(month=3 * ((first.month - 1) // 3) + 1)
        elif dim == Dim.YEAR:
            first = first.replace(month=1)
        end = first
        for _ in range(step):
            end = next_month(end)
        last = min(end, period.end) - dt.timedelta(days=1)
        buckets.append((_time_key(first, dim), last))
        first = end
    return buckets


def _time_key(first: dt.date, dim: Dim) -> Any:
    if dim == Dim.MONTH:
        return f"{first:%Y-%m}"
    if dim == Dim.QUARTER:
        return f"{first.year}-Q{(first.month - 1) // 3 + 1}"
    return first.year


def count_stock(
    request: ProviderRequest,
    items: Iterable[tuple[dt.date, dt.date | None, dict[Dim, Any]]],
) -> GroupedCells:
    """Count items alive on each as-of day: ``(from, until or None, other dims)``."""
    time_dims = [d for d in request.group_by if d in (Dim.MONTH, Dim.QUARTER, Dim.YEAR)]
    today = timezone.localdate()
    if time_dims:
        buckets = [
            (k, min(day, today)) for k, day in time_buckets(request.query.period, time_dims[0])
        ]
    else:
        buckets = [(None, request.as_of())]
    cells: GroupedCells = defaultdict(Cell)
    for start, end, values in items:
        for key, day in buckets:
            if start <= day and (end is None or day < end):
                group = tuple(key if d in time_dims else values.get(d) for d in request.group_by)
                cells[group].add(Decimal(1), 1, 0, 0)
    return dict(cells)


def _unit_bucket(request: ProviderRequest, path: str) -> int | None:
    base = request.query.unit
    prefix = base.path if base is not None else ""
    segment = path[len(prefix) :].split(".", 1)[0]
    if not segment:
        return base.pk if base is not None else None
    return int(segment)


def _in_unit(rows: QuerySet[Any], request: ProviderRequest) -> QuerySet[Any]:
    if request.query.unit is not None:
        rows = rows.filter(unit__path__startswith=request.query.unit.path)
    if request.query.country:
        rows = rows.filter(unit__country__code=request.query.country)
    return rows


# --- twinning pairs and agreements -----------------------------------------------------------


def twinning_provider(request: ProviderRequest) -> GroupedCells:
    """Active twinning pairs (post pairs or cluster pairs) as of the period's end."""
    pairs = _in_unit(TwinningPairPolicy.visible(request.user), request)
    pairs = pairs.filter(**dict(request.indicator.filter))
    pairs = pairs.exclude(Q(status=TwinningStatus.ENDED, ended_on__isnull=True))
    return _dated_stock(
        request,
        _approval_and_origin(pairs, request).values_list(
            "started_on", "ended_on", "unit__path", "unit__country__code", "vn_place__province_id"
        ),
    )


def agreements_provider(request: ProviderRequest) -> GroupedCells:
    """Agreements signed and not expired as of the period's end."""
    agreements = _in_unit(AgreementPolicy.visible(request.user), request)
    return _dated_stock(
        request,
        _approval_and_origin(agreements, request).values_list(
            "signed_on",
            "expires_on",
            "unit__path",
            "unit__country__code",
            "unit__place__province_id",
        ),
    )


def _approval_and_origin(rows: QuerySet[Any], request: ProviderRequest) -> QuerySet[Any]:
    """Only approved rows if the query asks so; only synthetic or only real rows if it asks."""
    if request.query.approved_only:
        rows = rows.filter(record_status=Status.APPROVED)
    if request.query.synthetic is not None:
        rows = rows.filter(is_synthetic=request.query.synthetic)
    return rows


def _dated_stock(request: ProviderRequest, rows: Iterable[tuple[Any, ...]]) -> GroupedCells:
    """Count ``(from, until, unit path, country, province)`` rows in force at the period's
    end, by the query's dimensions."""
    return count_stock(
        request,
        (
            (
                start,
                end,
                {
                    Dim.UNIT_CHILD: _unit_bucket(request, path),
                    Dim.COUNTRY: country,
                    Dim.PROVINCE: province,
                },
            )
            for start, end, path, country, province in rows
        ),
    )


register_provider(Source.TWINNING, twinning_provider)
register_provider(Source.AGREEMENTS, agreements_provider)
