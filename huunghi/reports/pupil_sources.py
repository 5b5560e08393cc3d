"""Sponsorship indicators for the reports engine (pupils supported, finished, money paid).

Providers count with :meth:`PupilPolicy.counts_visible`: reports show numbers, never
names, so every level that may count a pupil finds it in its totals. Registered from
:meth:`ReportsConfig.ready`; import this module only once apps are ready.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from huunghi.beneficiaries.models import Payment, Pupil
from huunghi.beneficiaries.permissions import PaymentPolicy, PupilPolicy
from huunghi.core.models import Status
from huunghi.organisations.models import PATH_SEGMENT_WIDTH
from huunghi.records.indicators import Nature, Source
from huunghi.reports.engine import Cell, Dim
from huunghi.reports.providers import count_stock, register_provider, time_buckets

Row = tuple[dt.date, Any, str, str, Any]  # day, amount, unit path, country, province id


def restrict(rows: QuerySet[Any], query: Any, unit_prefix: str) -> QuerySet[Any]:
    """Apply the report query's unit, country, province and synthetic filters."""
    if query.unit is not None:
        rows = rows.filter(**{f"{unit_prefix}unit__path__startswith": query.unit.path})
    if query.country:
        rows = rows.filter(**{f"{unit_prefix}unit__country__code": query.country})
    if query.provinces:
        rows = rows.filter(**{f"{unit_prefix}unit__place__province_id__in": query.provinces})
    if query.synthetic is not None:
        rows = rows.filter(is_synthetic=query.synthetic)
    return rows


def unit_child(request: Any, path: str) -> int | None:
    """The child of the query's unit (or the root) that ``path`` lies under."""
    base = request.query.unit
    rest = path[len(base.path) :] if base is not None else path
    segment = rest[:PATH_SEGMENT_WIDTH]
    if not segment:
        return base.pk if base is not None else None
    return int(segment)


def _dims(request: Any, day: dt.date, path: str, country: str, province: Any) -> tuple:
    values: list[Any] = []
    for dim in request.group_by:
        if dim in (Dim.MONTH, Dim.QUARTER, Dim.YEAR):
            buckets = time_buckets(request.query.period, dim)
            index = bisect.bisect_left([last for _, last in buckets], day)
            values.append(buckets[min(index, len(buckets) - 1)][0])
        elif dim == Dim.UNIT_CHILD:
            values.append(unit_child(request, path))
        elif dim == Dim.COUNTRY:
            values.append(country)
        elif dim == Dim.PROVINCE:
            values.append(province)
        else:
            values.append(None)
    return tuple(values)


def flow_cells(request: Any, rows: Iterable[Row]) -> dict[tuple, Any]:
    """Sum ``amount`` (None: count 1) per breakdown group; all values are exact."""
    cells: dict[tuple, Any] = defaultdict(Cell)
    for day, amount, path, country, province in rows:
        key = _dims(request, day, path, country, province)
        cells[key].add(Decimal(1 if amount is None else amount), 1, 0, 0)
    return dict(cells)


def _pupils(request: Any) -> QuerySet[Pupil]:
    pupils = restrict(PupilPolicy.counts_visible(request.user), request.query, "")
    if request.query.approved_only:
        pupils = pupils.filter(record_status=Status.APPROVED)
    filters = dict(request.indicator.filter)
    if "nationality" in filters:
        pupils = pupils.filter(nationality=filters["nationality"])
    return pupils


def pupils_provider(request: Any) -> dict[tuple, Any]:
    """Pupils sponsored as of the period's end (stock), or who finished school in it."""
    pupils = _pupils(request)
    fields = ("unit__path", "unit__country__code", "unit__place__province_id")
    if request.indicator.nature == Nature.STOCK:
        rows = pupils.values_list("start_date", "end_date", *fields)
        return count_stock(
            request,
            (
                (start, end, _stock_dims(request, path, country, province))
                for start, end, path, country, province in rows
            ),
        )
    period = request.query.period
    finished = pupils.filter(
        end_reason=dict(request.indicator.filter).get("end_reason", "finished"),
        end_date__gte=period.start,
        end_date__lt=period.end,
    ).values_list("end_date", *fields)
    return flow_cells(request, ((day, None, *rest) for day, *rest in finished))


def _stock_dims(request: Any, path: str, country: str, province: Any) -> dict[Any, Any]:
    return {Dim.UNIT_CHILD: unit_child(request, path), Dim.COUNTRY: country, Dim.PROVINCE: province}


def payments_provider(request: Any) -> dict[tuple, Any]:
    """Money paid (by payment date) in the period, in VND."""
    payments: QuerySet[Payment] = PaymentPolicy.counts_visible(request.user)
    query = request.query
    if query.unit is not None:
        payments = payments.filter(pupil__unit__path__startswith=query.unit.path)
    if query.country:
        payments = payments.filter(pupil__unit__country__code=query.country)
    if query.provinces:
        payments = payments.filter(pupil__unit__place__province_id__in=query.provinces)
    if query.synthetic is not None:
        payments = payments.filter(pupil__is_synthetic=query.synthetic)
    if query.approved_only:
        payments = payments.filter(pupil__record_status=Status.APPROVED)
    rows = payments.filter(
        paid_on__gte=query.period.start, paid_on__lt=query.period.end
    ).values_list(
        "paid_on",
        "amount",
        "pupil__unit__path",
        "pupil__unit__country__code",
        "pupil__unit__place__province_id",
    )
    return flow_cells(request, rows)


def register() -> None:
    """Make the reports engine ask this module for the pupil and payment indicators."""
    register_provider(Source.PUPILS, pupils_provider)
    register_provider(Source.PAYMENTS, payments_provider)
