"""The totals engine: sums of activities and quantities over any slice.

Two ways to the same numbers:

- ``summary``: whole months from the maintained roll-up rows
  (:class:`~huunghi.reports.models.ActivitySummary`), partial months at the edges of a
  custom range from the raw tables;
- ``raw``: everything by scanning ``Activity`` and ``ActivityQuantity`` (the oracle
  of the tests and the baseline of the benchmark).

Records visible only through sharing always come from the raw tables. A total keeps
its qualifier: it is "about" if any part was about, otherwise "at least" if any
part was a lower bound.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Substr

from huunghi.geography.models import AdminUnit, Country
from huunghi.organisations.models import PATH_SEGMENT_WIDTH, Unit
from huunghi.records.models import Activity, ActivityKind, ActivityQuantity, Status
from huunghi.reports.models import (
    ALL_KINDS,
    ALL_KINDS_MAX_DEPTH,
    COUNT,
    SUMMARY_MAX_DEPTH,
    ActivityRollup,
    ActivitySummary,
    RollupGeography,
    qualifier_of,
)
from huunghi.reports.periods import Period
from huunghi.reports.permissions import Reach
from huunghi.reports.sql import DATE_KEYS

CENT = Decimal("0.01")
READ_STATS: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar(
    "huunghi_totals_read_stats", default=None
)
"""Set to a dict to count the maintained rows each computation reads (the benchmark's
rows-read figure); ``None`` (the default) counts nothing and costs nothing."""


class Geography(StrEnum):
    THEN = "then"
    NOW = "now"


class Dim(StrEnum):
    """Dimensions a total can be broken down by."""

    PROVINCE = "province"
    QUARTER = "quarter"
    MONTH = "month"
    YEAR = "year"
    KIND = "kind"
    UNIT_CHILD = "unit_child"
    COUNTRY = "country"


@dataclass(frozen=True)
class TotalsQuery:
    """What to add up. Empty tuples mean "no restriction"."""

    period: Period
    unit: Unit | None = None
    kinds: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    country: str = ""
    provinces: tuple[int, ...] = ()
    place: AdminUnit | None = None
    approved_only: bool = False
    geography: Geography = Geography.NOW
    synthetic: bool | None = None
    details: tuple[tuple[str, str], ...] = ()

    @property
    def needs_raw(self) -> bool:
        """Filters the summary rows cannot answer (a place below province, details)."""
        below_province = self.place is not None and self.place.province_id != self.place.pk
        return below_province or bool(self.details)

    @property
    def province_field(self) -> str:
        return "province_then" if self.geography == Geography.THEN else "province_now"


@dataclass
class Cell:
    """A summed value with the number of rows behind it and their qualifiers."""

    value: Decimal = Decimal(0)
    rows: int = 0
    rows_about: int = 0
    rows_at_least: int = 0

    def add(self, value: Any, rows: int, about: int, at_least: int, sign: int = 1) -> None:
        if isinstance(value, float):
            value = Decimal(repr(value))
        elif not isinstance(value, Decimal):
            value = Decimal(value or 0)
        self.value += sign * value
        self.rows += sign * int(rows or 0)
        self.rows_about += sign * int(about or 0)
        self.rows_at_least += sign * int(at_least or 0)

    def merge(self, other: Cell) -> None:
        self.add(other.value, other.rows, other.rows_about, other.rows_at_least)

    @property
    def qualifier(self) -> str:
        return qualifier_of(self.rows_about, self.rows_at_least)


@dataclass
class Totals:
    """Cells keyed by ``(measure, *values of group_by)``."""

    group_by: tuple[Dim, ...] = ()
    cells: dict[tuple[Any, ...], Cell] = field(default_factory=lambda: defaultdict(Cell))

    def add(
        self, key: tuple[Any, ...], value: Any, rows: int, about: int, at_least: int, sign: int = 1
    ) -> None:
        self.cells[key].add(value, rows, about, at_least, sign)

    def cleaned(self) -> Totals:
        """Without empty cells, values rounded to cents (SQLite sums floats)."""
        cells: dict[tuple[Any, ...], Cell] = defaultdict(Cell)
        for key, cell in self.cells.items():
            if cell.rows:
                cells[key] = Cell(cell.value.quantize(CENT), *_counts(cell))
        return Totals(self.group_by, cells)

    def clean(self) -> Totals:
        """:meth:`cleaned` in place (the engine's own, freshly computed totals): no
        second dictionary and no second :class:`Cell` per cell of a national report."""
        empty = []
        for key, cell in self.cells.items():
            if cell.rows:
                cell.value = cell.value.quantize(CENT)
            else:
                empty.append(key)
        for key in empty:
            del self.cells[key]
        return self

    def total(self, measure: str = COUNT) -> Cell:
        result = Cell()
        for key, cell in self.cells.items():
            if key[0] == measure:
                result.merge(cell)
        return result

    def by(self, measure: str = COUNT) -> dict[tuple[Any, ...], Cell]:
        """The cells of one measure keyed by the group values alone."""
        return {key[1:]: cell for key, cell in self.cells.items() if key[0] == measure}

    def plain(self) -> dict[tuple[Any, ...], tuple[Decimal, str]]:
        """``{key: (value, qualifier)}``, for comparing two computations."""
        return {k: (c.value.quantize(CENT), c.qualifier) for k, c in self.cleaned().cells.items()}


def _counts(cell: Cell) -> tuple[int, int, int]:
    return cell.rows, cell.rows_about, cell.rows_at_least


def compute_totals(
    *, reach: Reach, query: TotalsQuery, group_by: Iterable[Dim] = (), method: str = "summary"
) -> Totals:
    """Totals of ``query`` for a reader's ``reach`` broken down by ``group_by``."""
    totals = Totals(tuple(group_by))
    if reach.is_empty:
        return totals
    context = _Context(reach, query, totals.group_by)
    if method == "raw" or query.needs_raw or not context.summarised():
        context.add_raw(totals, reach.anchor_q, query.period.start, query.period.end)
    else:
        months = query.period.whole_months()
        if months is not None:
            context.add_whole_months(totals, *months)
        for start, end in query.period.partial_ranges():
            context.add_raw(totals, reach.anchor_q, start, end)
    if reach.shared is not None:
        shared = reach.shared
        context.add_raw(
            totals, lambda prefix: _shared_q(shared, prefix), query.period.start, query.period.end
        )
    return totals.clean()


def compute_own_totals(*, reach: Reach, query: TotalsQuery, measure: str) -> dict[int, Cell]:
    """``unit id → Cell`` of each unit's own records (not its sub-units').

    From the raw tables: summary rows are kept for the units nearest the roots only
    (:data:`~huunghi.reports.models.SUMMARY_MAX_DEPTH`), so a roll-up minus its
    children's cannot tell a post's own records from its stations'.
    """
    result: dict[int, Cell] = defaultdict(Cell)
    if reach.is_empty:
        return result
    context = _Context(reach, replace(query, measures=(measure,)), ())
    context.add_own_raw(result, reach.anchor_q, query.period.start, query.period.end)
    if reach.shared is not None:
        shared = reach.shared
        context.add_own_raw(
            result, lambda prefix: _shared_q(shared, prefix), query.period.start, query.period.end
        )
    return {unit_id: cell for unit_id, cell in result.items() if cell.rows}


def _unit_sums(rows: QuerySet[Any], unit: str) -> Any:
    return rows.order_by().values_list(f"{unit}_id").annotate(**_raw_sums(unit == "unit"))


def _raw_sums(count: bool) -> dict[str, Any]:
    if count:
        return {"v": Count("pk"), "r": Count("pk"), "a": Value(0), "l": Value(0)}
    return {
        "v": Sum("value"),
        "r": Count("pk"),
        "a": Count("pk", filter=Q(qualifier="about")),
        "l": Count("pk", filter=Q(qualifier="at_least")),
    }


def _shared_q(shared: Q, prefix: str) -> Q:
    if not prefix:
        return shared
    return Q(activity__in=Activity.objects.filter(shared).values("pk"))


class _Context:
    """One computation: resolves filters and group keys for both sources."""

    def __init__(self, reach: Reach, query: TotalsQuery, group_by: tuple[Dim, ...]) -> None:
        self.reach, self.query, self.group_by = reach, query, group_by
        self._aliases = [(Dim(d), _alias(Dim(d))) for d in group_by]
        self._country_id: int | None = None
        self._country_codes: dict[int, str] | None = None

    def summarised(self) -> bool:
        """Whether the summary rows hold the answer: every anchor keeps rows, and so do
        the children a breakdown by subordinate unit reads (deeper units are read from
        the raw tables, :data:`~huunghi.reports.models.SUMMARY_MAX_DEPTH`)."""
        anchors = self.reach.anchors
        if any(a.depth > SUMMARY_MAX_DEPTH for a in anchors):
            return False
        base = self.reach.base_unit
        if Dim.UNIT_CHILD in self.group_by and base is not None:
            return not any(a.id == base.pk for a in anchors) or base.depth < SUMMARY_MAX_DEPTH
        return True

    # --- quarterly roll-up rows ------------------------------------------------------

    def add_whole_months(self, totals: Totals, first: dt.date, end: dt.date) -> None:
        """Whole months ``first <= m < end``: whole quarters from the roll-up rows where
        they can answer, the months around them from the monthly rows."""
        quarters = self._rollup_quarters(first, end)
        if quarters is None:
            self.add_summary(totals, first, end)
            return
        q_first, q_end = quarters
        if first < q_first:
            self.add_summary(totals, first, q_first)
        self.add_rollup(totals, q_first, q_end)
        if q_end < end:
            self.add_summary(totals, q_end, end)

    def _needs_places(self) -> bool:
        q, by = self.query, self.group_by
        return bool(
            q.country
            or q.provinces
            or q.place is not None
            or Dim.PROVINCE in by
            or Dim.COUNTRY in by
        )

    def _needs_kinds(self) -> bool:
        return bool(self.query.kinds) or Dim.KIND in self.group_by

    def _rollup_quarters(self, first: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
        """The whole quarters inside the months, if the roll-up rows can answer."""
        if Dim.UNIT_CHILD in self.group_by or Dim.MONTH in self.group_by:
            return None
        if any(a.depth > ALL_KINDS_MAX_DEPTH for a in self.reach.anchors):
            return None
        if self._needs_places() and self._needs_kinds():
            return None
        q_first = _quarter_on_or_after(first)
        q_end = dt.date(end.year, (end.month - 1) // 3 * 3 + 1, 1)
        return (q_first, q_end) if q_first < q_end else None

    def add_rollup(self, totals: Totals, first: dt.date, end: dt.date) -> None:
        q = self.query
        rows = ActivityRollup.objects.filter(
            unit_id__in=[a.id for a in self.reach.anchors],
            approved_only=q.approved_only,
            quarter__gte=first,
            quarter__lt=end,
        )
        if self._needs_places():
            rows = rows.filter(geography=str(q.geography), kind=ALL_KINDS)
        elif self._needs_kinds():
            rows = rows.filter(geography=RollupGeography.ANY, kind__in=self._kinds())
        else:
            rows = rows.filter(geography=RollupGeography.ANY, kind=ALL_KINDS)
        if q.measures:
            rows = rows.filter(measure__in=q.measures)
        if q.country:
            rows = rows.filter(country_id=self.country_id() or 0)
        if q.provinces:
            rows = rows.filter(province_id__in=q.provinces)
        if q.place is not None:
            rows = rows.filter(province_id=q.place.pk)
        if q.synthetic is not None:
            rows = rows.filter(is_synthetic=q.synthetic)
        dims = {d: self._rollup_dim(d) for d in self.group_by}
        self._add_rows(totals, rows, dims)

    def _add_rows(self, totals: Totals, rows: QuerySet[Any], dims: dict[Dim, Any]) -> None:
        """The roll-up rows straight into :attr:`Totals.cells`, in one lean loop.

        A national report returns thousands of cells, about one roll-up row each, so
        the rows are read as they are stored (no ``GROUP BY``: SQLite would sort them in
        a temporary B-tree, several times the cost of reading them) and the few rows
        of one cell (real and synthetic, several anchors) are added up here, where
        each row lands in its cell anyway. Per row: one tuple slice as the key, one
        ``Decimal``, one :class:`Cell` made directly.
        """
        width = len(dims) + 1
        codes = self.country_codes() if Dim.COUNTRY in dims else None
        country_at = list(dims).index(Dim.COUNTRY) + 1 if codes is not None else -1
        cells = totals.cells
        for row in _plain_rows(rows, dims):
            key = row[:width]
            if codes is not None:
                key = (*key[:country_at], codes.get(key[country_at]), *key[country_at + 1 :])
            value, rows_, about, at_least = row[width:]
            if type(value) is not Decimal:
                value = Decimal(repr(value)) if type(value) is float else Decimal(value or 0)
            cell = cells.get(key)
            if cell is None:
                cells[key] = Cell(value, rows_, about, at_least)
            else:
                cell.add(value, rows_, about, at_least)

    @staticmethod
    def _rollup_dim(dim: Dim) -> Any:
        if dim == Dim.PROVINCE:
            return F("province_id")
        if dim in DATE_KEYS:
            return DATE_KEYS[dim]("quarter")
        if dim == Dim.COUNTRY:
            return F("country_id")
        return F("kind")

    # --- summary rows ---------------------------------------------------------------

    def add_summary(self, totals: Totals, first: dt.date, end: dt.date) -> None:
        rows = ActivitySummary.objects.filter(month__gte=first, month__lt=end)
        rows = rows.filter(self.summary_filters())
        dims: dict[Dim, Any] = {
            d: self._summary_dim(d) for d in self.group_by if d != Dim.UNIT_CHILD
        }
        anchors = {a.id: a for a in self.reach.anchors}
        depths = {a.id: a.depth for a in self.reach.anchors}
        if Dim.UNIT_CHILD not in self.group_by:
            for values in _grouped(rows.filter(self._units_q(depths)), dims, {}):
                totals.add(self._key(values, None), *_amounts(values))
            return
        base = self.reach.base_unit
        if base is not None and base.pk in anchors:
            self._add_split(totals, rows, dims, base)
            return
        extra = {"_unit": F("unit_id")}
        for values in _grouped(rows.filter(self._units_q(depths)), dims, extra):
            bucket = self._bucket_of_path(anchors[values["_unit"]].path)
            totals.add(self._key(values, bucket), *_amounts(values))

    def _add_split(
        self, totals: Totals, rows: QuerySet[Any], dims: dict[Dim, Any], base: Unit
    ) -> None:
        """Roll-up of ``base`` itself, split into its children and its own records."""
        own = rows.filter(self._units_q({base.pk: base.depth}))
        for values in _grouped(own, dims, {}):
            totals.add(self._key(values, base.pk), *_amounts(values))
        children = Unit.objects.filter(parent_id=base.pk).values("pk")
        below = rows.filter(self._units_q({}, children=(children, base.depth + 1)))
        for values in _grouped(below, dims, {"_unit": F("unit_id")}):
            amounts = _amounts(values)
            totals.add(self._key(values, values["_unit"]), *amounts)
            totals.add(self._key(values, base.pk), *amounts, sign=-1)

    def _units_q(self, depths: dict[int, int], children: tuple[Any, int] | None = None) -> Q:
        """Summary rows of these units: all-kinds rows where they exist and serve.

        A unit near the roots has both per-kind and all-kinds rows; a total that
        neither filters nor breaks down by kind reads only the all-kinds ones.
        """
        merged = not self.query.kinds and Dim.KIND not in self.group_by
        shallow = [u for u, d in depths.items() if merged and d <= ALL_KINDS_MAX_DEPTH]
        deep = [u for u in depths if u not in shallow]
        query = Q(pk__in=[])
        if shallow:
            query |= Q(unit_id__in=shallow, kind=ALL_KINDS)
        if deep:
            query |= Q(unit_id__in=deep, kind__in=self._kinds())
        if children is not None:
            units, depth = children
            if merged and depth <= ALL_KINDS_MAX_DEPTH:
                query |= Q(unit_id__in=units, kind=ALL_KINDS)
            else:
                query |= Q(unit_id__in=units, kind__in=self._kinds())
        return query

    def _kinds(self) -> list[str]:
        """The per-kind rows to read, listed so the (unit, kind, month) index seeks."""
        return list(self.query.kinds or ActivityKind.values)

    def add_own_raw(
        self, result: dict[int, Cell], where: Any, start: dt.date, end: dt.date
    ) -> None:
        """Add raw records dated ``start <= d < end`` to their own unit's cell."""
        measure = self.query.measures[0]
        rows: QuerySet[Any]
        if measure == COUNT:
            rows = Activity.objects.filter(where(""), self._raw_filters("", start, end))
            grouped = _unit_sums(rows, "unit")
        else:
            rows = ActivityQuantity.objects.filter(
                where("activity__"), self._raw_filters("activity__", start, end), measure=measure
            )
            grouped = _unit_sums(rows, "activity__unit")
        for unit_id, *amounts in grouped:
            result[unit_id].add(*amounts)

    def summary_filters(self) -> Q:
        q = self.query
        query = Q()
        if q.kinds:
            query &= Q(kind__in=q.kinds)
        if q.measures:
            query &= Q(measure__in=q.measures)
        if q.country:
            query &= Q(country_id=self.country_id())
        if q.provinces:
            query &= Q(**{f"{q.province_field}_id__in": q.provinces})
        if q.place is not None:
            query &= Q(**{f"{q.province_field}_id": q.place.pk})
        if q.approved_only:
            query &= Q(approved=True)
        if q.synthetic is not None:
            query &= Q(is_synthetic=q.synthetic)
        return query

    def _summary_dim(self, dim: Dim) -> Any:
        if dim == Dim.PROVINCE:
            return F(f"{self.query.province_field}_id")
        if dim in DATE_KEYS:
            return DATE_KEYS[dim]("month")
        if dim == Dim.COUNTRY:
            return F("country_id")
        return F("kind")

    # --- raw rows -------------------------------------------------------------------

    def add_raw(self, totals: Totals, where: Any, start: dt.date, end: dt.date) -> None:
        """Add raw activities (``where(prefix)`` selects them) dated ``start <= d < end``."""
        measures = self.query.measures
        if not measures or COUNT in measures:
            activities = Activity.objects.filter(where(""), self._raw_filters("", start, end))
            for values in self._raw_grouped(activities, "", count=True):
                totals.add(self._key(values, values.pop("_bucket", None)), *_amounts(values))
        if not measures or set(measures) - {COUNT}:
            quantities = ActivityQuantity.objects.filter(
                where("activity__"), self._raw_filters("activity__", start, end)
            )
            if measures:
                quantities = quantities.filter(measure__in=measures)
            for values in self._raw_grouped(quantities, "activity__", count=False):
                totals.add(self._key(values, values.pop("_bucket", None)), *_amounts(values))

    def _raw_filters(self, prefix: str, start: dt.date, end: dt.date) -> Q:
        q, p = self.query, prefix
        query = Q(**{f"{p}start_date__gte": start, f"{p}start_date__lt": end})
        if q.kinds:
            query &= Q(**{f"{p}kind__in": q.kinds})
        if q.country:
            query &= Q(**{f"{p}country_id": self.country_id()})
        if q.provinces:
            query &= Q(**{f"{p}{q.province_field}_id__in": q.provinces})
        if q.place is not None and q.needs_raw:
            query &= _place_q(q.place, prefix)
        elif q.place is not None:
            query &= Q(**{f"{p}{q.province_field}_id": q.place.pk})
        if q.approved_only:
            query &= Q(**{f"{p}status": Status.APPROVED})
        if q.synthetic is not None:
            query &= Q(**{f"{p}is_synthetic": q.synthetic})
        for key, value in q.details:
            query &= Q(**{f"{p}details__{key}": value})
        return query

    def _raw_grouped(self, rows: QuerySet[Any], prefix: str, *, count: bool) -> Iterator[dict]:
        dims = {d: self._raw_dim(d, prefix) for d in self.group_by if d != Dim.UNIT_CHILD}
        extra = {"_bucket": self._raw_bucket(prefix)} if Dim.UNIT_CHILD in self.group_by else {}
        if count:
            aggregates = {
                "_value": Count("pk"),
                "_rows": Count("pk"),
                "_about": Value(0),
                "_at_least": Value(0),
            }
            rows = rows.annotate(_measure=Value(COUNT))
        else:
            aggregates = {
                "_value": Sum("value"),
                "_rows": Count("pk"),
                "_about": Count("pk", filter=Q(qualifier="about")),
                "_at_least": Count("pk", filter=Q(qualifier="at_least")),
            }
            rows = rows.annotate(_measure=F("measure"))
        names = [_alias(d) for d in dims] + list(extra) + ["_measure"]
        rows = rows.annotate(**{_alias(k): v for k, v in dims.items()}, **extra)
        yield from rows.order_by().values(*names).annotate(**aggregates)

    def _raw_dim(self, dim: Dim, prefix: str) -> Any:
        if dim == Dim.PROVINCE:
            return F(f"{prefix}{self.query.province_field}_id")
        if dim in DATE_KEYS:
            return DATE_KEYS[dim](f"{prefix}start_date")
        if dim == Dim.COUNTRY:
            return F(f"{prefix}country_id")
        return F(f"{prefix}kind")

    def _raw_bucket(self, prefix: str) -> Any:
        """SQL for the unit-child bucket of a raw row."""
        base = self.reach.base_unit
        if base is not None:
            start = len(base.path) + 1
            return Substr(f"{prefix}unit__path", start, PATH_SEGMENT_WIDTH)
        whens = [
            When(**{f"{prefix}unit__path__startswith": a.path}, then=Value(a.id))
            for a in self.reach.anchors
        ]
        return Case(*whens, default=Value(None), output_field=IntegerField())

    # --- keys -----------------------------------------------------------------------

    def _bucket_of_path(self, path: str) -> int | None:
        """The unit-child bucket of a unit with ``path`` (None: outside the base unit)."""
        base = self.reach.base_unit
        if base is None:
            return int(path.rstrip(".").rsplit(".", 1)[-1])
        if not path.startswith(base.path):
            return None
        segment = path[len(base.path) : len(base.path) + PATH_SEGMENT_WIDTH]
        return int(segment) if segment else base.pk

    def _key(self, values: dict[str, Any], bucket: Any) -> tuple[Any, ...]:
        key: list[Any] = [values["_measure"]]
        for dim, alias in self._aliases:
            if dim is Dim.UNIT_CHILD:
                key.append(self._normal_bucket(bucket))
            elif dim is Dim.COUNTRY:
                key.append(self.country_codes().get(values[alias]))
            else:
                key.append(values[alias])
        return tuple(key)

    def _normal_bucket(self, bucket: Any) -> int | None:
        base = self.reach.base_unit
        if isinstance(bucket, str):
            return int(bucket) if bucket.strip(".") else (base.pk if base else None)
        return bucket

    def country_id(self) -> int | None:
        if self._country_id is None:
            self._country_id = (
                Country.objects.filter(code=self.query.country).values_list("pk", flat=True).first()
            )
        return self._country_id

    def country_codes(self) -> dict[int, str]:
        if self._country_codes is None:
            self._country_codes = dict(Country.objects.values_list("pk", "code"))
        return self._country_codes


def _quarter_on_or_after(day: dt.date) -> dt.date:
    """``day`` if it starts a quarter, else the first day of the next quarter."""
    start = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if start == day:
        return start
    month = start.month + 3
    return dt.date(start.year + (month > 12), (month - 1) % 12 + 1, 1)


def _grouped(rows: QuerySet[Any], dims: dict[Dim, Any], extra: dict[str, Any]) -> Iterator[dict]:
    stats = READ_STATS.get()
    if stats is not None:
        stats["rows_read"] = stats.get("rows_read", 0) + rows.count()
    annotated = rows.annotate(**{_alias(k): v for k, v in dims.items()}, **extra)
    annotated = annotated.annotate(_measure=F("measure"))
    names = [_alias(d) for d in dims] + list(extra) + ["_measure"]
    grouped = (
        annotated.order_by()
        .values(*names)
        .annotate(
            _value=Sum("value"),
            _rows=Sum("rows"),
            _about=Sum("rows_about"),
            _at_least=Sum("rows_at_least"),
        )
    )
    yield from _fetch(grouped)


def _plain_rows(rows: QuerySet[Any], dims: dict[Dim, Any]) -> list[tuple[Any, ...]]:
    """Plain tuples ``(measure, *dims, value, rows, about, at_least)``, one per stored
    row (not grouped: the caller adds up rows of the same key)."""
    stats = READ_STATS.get()
    if stats is not None:
        stats["rows_read"] = stats.get("rows_read", 0) + rows.count()
    names = [_alias(d) for d in dims]
    plain = (
        rows.annotate(_measure=F("measure"), **{_alias(k): v for k, v in dims.items()})
        .order_by()
        .values_list("_measure", *names, "value", "rows", "rows_about", "rows_at_least")
    )
    try:
        sql, params = plain.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connections[plain.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _fetch(rows: QuerySet[Any]) -> Iterator[dict]:
    """Rows as dicts straight from the cursor.

    Skips the ORM's per-value converters (a Decimal quantized per sum), which cost
    more than the query itself on a national total; :meth:`Cell.add` converts once.
    """
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:
        return
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        for row in cursor.fetchall():
            yield dict(zip(names, row, strict=True))


_ALIASES = {dim: f"_d_{dim.value}" for dim in Dim}


def _alias(dim: Dim) -> str:
    """Annotation name of a dimension (plain names clash with model fields)."""
    return _ALIASES[dim]


def _amounts(values: dict[str, Any]) -> tuple[Any, int, int, int]:
    return values["_value"], values["_rows"], values["_about"], values["_at_least"]


def _place_q(place: AdminUnit, prefix: str) -> Q:
    """Records at ``place`` or any place inside it (up to three levels down)."""
    field = f"{prefix}place"
    query = Q(**{f"{field}_id": place.pk})
    for depth in range(1, 4):
        query |= Q(**{f"{field}{'__parent' * depth}_id": place.pk})
    return query
