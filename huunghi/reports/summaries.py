"""Maintained summary rows (unit subtree × month × kind × measure …), kept in step
with the records.

Record services call :func:`summary_before` before a change and
:func:`summary_after` after it, inside the same transaction, so totals are live
and their cost does not grow with the raw table::

    before = summary_before(activity)          # reads the stored state
    ... save the activity, its quantities, its status ...
    summary_after(before=before, activity=activity)   # activity=None: deleted

Both read the *stored* rows, never the instance in memory, so it does not matter
which fields or related quantities the service changed or in which order.

Each activity contributes one ``count`` row plus one row per quantity, to the
summary of its ancestors nearest the roots (depth ≤ ``SUMMARY_MAX_DEPTH``; their ids
are the first segments of the unit's materialized path); deeper units keep no rows.
:func:`summary_after` applies the difference with
``INSERT … ON CONFLICT … DO UPDATE SET value = value + excluded.value`` (SQLite ≥
3.24 and PostgreSQL alike) and deletes the rows that no longer count anything.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.models import Count, Sum

from huunghi.core.hooks import (
    ACTIVITIES_BULK_LOADED,
    ACTIVITY_CHANGED,
    UNIT_MOVED,
    register_write_hook,
)
from huunghi.core.models import Qualifier
from huunghi.organisations.models import Unit
from huunghi.records.models import Activity, ActivityQuantity, Status
from huunghi.reports.models import (
    ALL_KINDS,
    ALL_KINDS_MAX_DEPTH,
    COUNT,
    SUMMARY_MAX_DEPTH,
    ActivityRollup,
    ActivitySummary,
    RollupGeography,
)
from huunghi.reports.rebuild import rollups_rebuild
from huunghi.reports.sql import MonthStart


class SummaryKey(NamedTuple):
    unit_id: int
    month: dt.date
    kind: str
    measure: str
    country_id: int
    province_then_id: int | None
    province_now_id: int | None
    approved: bool
    is_synthetic: bool


class RollupKey(NamedTuple):
    unit_id: int
    geography: str
    approved_only: bool
    quarter: dt.date
    kind: str
    measure: str
    country_id: int | None
    province_id: int | None
    is_synthetic: bool


@dataclass
class Delta:
    value: Decimal = Decimal(0)
    rows: int = 0
    rows_about: int = 0
    rows_at_least: int = 0

    def add(self, other: Delta, sign: int = 1) -> None:
        self.value += sign * other.value
        self.rows += sign * other.rows
        self.rows_about += sign * other.rows_about
        self.rows_at_least += sign * other.rows_at_least

    @property
    def is_zero(self) -> bool:
        return not (self.value or self.rows or self.rows_about or self.rows_at_least)


@dataclass
class Contribution:
    """What one activity adds to the summary table, per summary key."""

    parts: dict[SummaryKey, Delta] = field(default_factory=dict)
    rollup: dict[RollupKey, Delta] = field(default_factory=dict)

    def minus(self, other: Contribution) -> dict[SummaryKey, Delta]:
        """``self - other``, without keys whose difference is zero."""
        return _difference(self.parts, other.parts)

    def rollup_minus(self, other: Contribution) -> dict[RollupKey, Delta]:
        """The same for the quarterly roll-up rows."""
        return _difference(self.rollup, other.rollup)


def _difference(mine: dict[Any, Delta], theirs: dict[Any, Delta]) -> dict[Any, Delta]:
    result: dict[Any, Delta] = defaultdict(Delta)
    for key, delta in mine.items():
        result[key].add(delta)
    for key, delta in theirs.items():
        result[key].add(delta, sign=-1)
    return {k: d for k, d in result.items() if not d.is_zero}


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def _rollup_parts(
    unit_id: int,
    activity: tuple[Any, ...],
    measures: list[tuple[str, Delta]],
) -> dict[RollupKey, Delta]:
    """What one activity adds to one shallow unit's quarterly row sets."""
    quarter, kind, country_id, then_id, now_id, approved, synthetic = activity
    parts: dict[RollupKey, Delta] = {}
    places = (
        (RollupGeography.NOW, ALL_KINDS, country_id, now_id),
        (RollupGeography.THEN, ALL_KINDS, country_id, then_id),
        (RollupGeography.ANY, ALL_KINDS, None, None),
        (RollupGeography.ANY, kind, None, None),
    )
    for only in (False, True) if approved else (False,):
        for measure, delta in measures:
            for geography, key_kind, country, province in places:
                key = RollupKey(
                    unit_id,
                    geography,
                    only,
                    quarter,
                    key_kind,
                    measure,
                    country,
                    province,
                    synthetic,
                )
                parts[key] = delta
    return parts


def ancestor_ids(path: str) -> list[int]:
    """Ids of the unit and its ancestors: the segments of its materialized path."""
    return [int(segment) for segment in path.split(".") if segment]


def quantity_delta(value: Decimal, qualifier: str) -> Delta:
    return Delta(
        value=Decimal(value),
        rows=1,
        rows_about=int(qualifier == Qualifier.ABOUT),
        rows_at_least=int(qualifier == Qualifier.AT_LEAST),
    )


_ACTIVITY_FIELDS = (
    "unit__path",
    "start_date",
    "kind",
    "country_id",
    "province_then_id",
    "province_now_id",
    "status",
    "is_synthetic",
)


def stored_contribution(activity_id: int | None) -> Contribution:
    """The contribution of the activity as stored in the database (empty if absent)."""
    if activity_id is None:
        return Contribution()
    row = Activity.objects.filter(pk=activity_id).values_list(*_ACTIVITY_FIELDS).first()
    if row is None:
        return Contribution()
    path, start, kind, country_id, then_id, now_id, status, synthetic = row
    measures: list[tuple[str, Delta]] = [(COUNT, Delta(Decimal(1), 1))]
    quantities = ActivityQuantity.objects.filter(activity_id=activity_id)
    for measure, value, qualifier in quantities.values_list("measure", "value", "qualifier"):
        measures.append((measure, quantity_delta(value, qualifier)))
    parts: dict[SummaryKey, Delta] = {}
    rollup: dict[RollupKey, Delta] = {}
    month = start.replace(day=1)
    approved = status == Status.APPROVED
    shallow = (quarter_start(month), kind, country_id, then_id, now_id, approved, synthetic)
    for depth, unit_id in enumerate(ancestor_ids(path)[: SUMMARY_MAX_DEPTH + 1]):
        kinds = (kind, ALL_KINDS) if depth <= ALL_KINDS_MAX_DEPTH else (kind,)
        if depth <= ALL_KINDS_MAX_DEPTH:
            rollup |= _rollup_parts(unit_id, shallow, measures)
        for measure, delta in measures:
            for key_kind in kinds:
                key = SummaryKey(
                    unit_id,
                    month,
                    key_kind,
                    measure,
                    country_id,
                    then_id,
                    now_id,
                    approved,
                    synthetic,
                )
                parts[key] = delta
    return Contribution(parts, rollup)


def summary_before(activity: Any) -> Contribution:
    """Capture the activity's current contribution to the summaries (empty if new)."""
    return stored_contribution(getattr(activity, "pk", None))


def summary_after(*, before: Contribution | None, activity: Any | None) -> None:
    """Replace the old contribution with the activity's new one (None: deleted)."""
    after = stored_contribution(getattr(activity, "pk", None))
    before = before or Contribution()
    apply_deltas(after.minus(before), after.rollup_minus(before))


_COLUMNS = (
    "unit_id",
    "month",
    "kind",
    "measure",
    "country_id",
    "province_then_id",
    "province_now_id",
    "approved",
    "is_synthetic",
    "value",
    "rows",
    "rows_about",
    "rows_at_least",
)
_CONFLICT = (
    "unit_id, kind, month, measure, country_id, (COALESCE(province_then_id, 0)), "
    "(COALESCE(province_now_id, 0)), approved, is_synthetic"
)


_ADDED = ("value", "rows", "rows_about", "rows_at_least")


def _adding_upsert(table: str, columns: tuple[str, ...], conflict: str) -> str:
    """One row's INSERT that adds its amounts to the row of the same key if there is one."""
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in _ADDED)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    )


def upsert_sql() -> str:
    return _adding_upsert(ActivitySummary._meta.db_table, _COLUMNS, _CONFLICT)


def _params(key: SummaryKey, delta: Delta) -> tuple[Any, ...]:
    ops = connection.ops
    return (
        key.unit_id,
        ops.adapt_datefield_value(key.month),
        key.kind,
        key.measure,
        key.country_id,
        key.province_then_id,
        key.province_now_id,
        key.approved,
        key.is_synthetic,
        ops.adapt_decimalfield_value(delta.value, 24, 2),
        delta.rows,
        delta.rows_about,
        delta.rows_at_least,
    )


_ROLLUP_COLUMNS = (
    "unit_id",
    "geography",
    "approved_only",
    "quarter",
    "kind",
    "measure",
    "country_id",
    "province_id",
    "is_synthetic",
    "value",
    "rows",
    "rows_about",
    "rows_at_least",
)
_ROLLUP_CONFLICT = (
    "unit_id, geography, approved_only, quarter, kind, measure, (COALESCE(country_id, 0)), "
    "(COALESCE(province_id, 0)), is_synthetic"
)


def rollup_upsert_sql() -> str:
    return _adding_upsert(ActivityRollup._meta.db_table, _ROLLUP_COLUMNS, _ROLLUP_CONFLICT)


def _rollup_params(key: RollupKey, delta: Delta) -> tuple[Any, ...]:
    ops = connection.ops
    return (
        key.unit_id,
        key.geography,
        key.approved_only,
        ops.adapt_datefield_value(key.quarter),
        key.kind,
        key.measure,
        key.country_id,
        key.province_id,
        key.is_synthetic,
        ops.adapt_decimalfield_value(delta.value, 24, 2),
        delta.rows,
        delta.rows_about,
        delta.rows_at_least,
    )


def apply_deltas(
    deltas: dict[SummaryKey, Delta], rollup: dict[RollupKey, Delta] | None = None
) -> None:
    """Add ``deltas`` (and ``rollup`` deltas) to the summary rows and drop rows left
    counting nothing."""
    if not deltas and not rollup:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        # One global order, so two transactions touching the same rows cannot deadlock.
        if deltas:
            ordered = sorted(deltas.items(), key=lambda item: _sort_key(item[0]))
            cursor.executemany(upsert_sql(), [_params(k, d) for k, d in ordered])
            if any(d.rows < 0 for d in deltas.values()):
                _delete_empty(deltas)
        if rollup:
            ranked = sorted(rollup.items(), key=lambda item: _sort_key(item[0]))
            cursor.executemany(rollup_upsert_sql(), [_rollup_params(k, d) for k, d in ranked])
            if any(d.rows < 0 for d in rollup.values()):
                _delete_empty_rollup(rollup)


def _delete_empty_rollup(deltas: dict[RollupKey, Delta]) -> None:
    emptied = [k for k, d in deltas.items() if d.rows < 0]
    ActivityRollup.objects.filter(
        unit_id__in={k.unit_id for k in emptied},
        quarter__in={k.quarter for k in emptied},
        rows__lte=0,
    ).delete()


def _sort_key(key: SummaryKey | RollupKey) -> tuple[Any, ...]:
    return tuple(-1 if value is None else value for value in key)


def _delete_empty(deltas: dict[SummaryKey, Delta]) -> None:
    """Delete the touched rows left counting nothing (seeks the unit, kind, month index)."""
    emptied = [k for k, d in deltas.items() if d.rows < 0]
    ActivitySummary.objects.filter(
        unit_id__in={k.unit_id for k in emptied},
        kind__in={k.kind for k in emptied},
        month__in={k.month for k in emptied},
        rows__lte=0,
    ).delete()


@dataclass(frozen=True)
class MoveSnapshot:
    """A unit's ancestors before it moves (see :func:`summary_unit_move_before`)."""

    unit_id: int
    old_ancestors: frozenset[int]


def _strict_ancestors(unit_id: int) -> frozenset[int]:
    path = Unit.objects.values_list("path", flat=True).get(pk=unit_id)
    return frozenset(ancestor_ids(path)[:-1])


def summary_unit_move_before(unit: Any) -> MoveSnapshot:
    """Call before a unit moves to another parent (``unit_move``, ``unit_merge``)."""
    return MoveSnapshot(unit.pk, _strict_ancestors(unit.pk))


def summary_unit_move_after(before: MoveSnapshot) -> None:
    """Shift the moved subtree's totals from its old ancestors to its new ones.

    Only units near the roots keep rows, and the moved unit itself may have crossed that
    depth, so the subtree's contribution is read once from the raw tables (through the
    ``(unit, start_date)`` index: one subtree's records, not the whole table): taken off
    the leaving ancestors that keep rows, added to the joining ones, and written again
    for the subtree's own units still near the roots. The all-kinds and quarterly rows
    of every unit touched are then recomputed from their per-kind rows.
    """
    new = _strict_ancestors(before.unit_id)
    leaving, joining = before.old_ancestors - new, new - before.old_ancestors
    if not leaving and not joining:
        return
    moved = Unit.objects.get(pk=before.unit_id)
    subtree = Unit.objects.filter(path__startswith=moved.path)
    kept = set(
        Unit.objects.filter(pk__in={*leaving, *joining}, depth__lte=SUMMARY_MAX_DEPTH).values_list(
            "pk", flat=True
        )
    )
    inside = list(subtree.filter(depth__lte=SUMMARY_MAX_DEPTH).values_list("pk", "path"))
    stale = set(
        ActivitySummary.objects.filter(unit_id__in=subtree.values("pk"))
        .values_list("unit_id", flat=True)
        .distinct()
    )
    ActivitySummary.objects.filter(unit_id__in=stale).delete()
    deltas: dict[SummaryKey, Delta] = defaultdict(Delta)
    parts = subtree_parts(moved.path)
    for ancestor in kept:
        sign = -1 if ancestor in leaving else 1
        for key, delta in parts.items():
            deltas[SummaryKey(ancestor, *key)].add(delta, sign=sign)
    for unit_id, path in inside:
        own = parts if unit_id == moved.pk else subtree_parts(path)
        for key, delta in own.items():
            deltas[SummaryKey(unit_id, *key)].add(delta)
    apply_deltas({k: d for k, d in deltas.items() if not d.is_zero})
    refresh_all_kinds({*kept, *stale, *(pk for pk, _path in inside)})


def subtree_parts(path: str) -> dict[tuple[Any, ...], Delta]:
    """The per-kind contribution of every record in the subtree of ``path``, keyed as
    :class:`SummaryKey` without its unit, from the raw tables."""
    parts: dict[tuple[Any, ...], Delta] = defaultdict(Delta)
    place = ("country_id", "province_then_id", "province_now_id")
    activities = Activity.objects.filter(unit__path__startswith=path).annotate(
        _month=MonthStart("start_date")
    )
    for month, kind, *where, status, synthetic, n in (
        activities.order_by()
        .values_list("_month", "kind", *place, "status", "is_synthetic")
        .annotate(n=Count("pk"))
    ):
        key = (month, kind, COUNT, *where, status == Status.APPROVED, synthetic)
        parts[key].add(Delta(Decimal(n), n))
    quantities = ActivityQuantity.objects.filter(activity__unit__path__startswith=path).annotate(
        _month=MonthStart("activity__start_date")
    )
    for month, kind, measure, *where, status, synthetic, qualifier, value, n in (
        quantities.order_by()
        .values_list(
            "_month",
            "activity__kind",
            "measure",
            *(f"activity__{f}" for f in place),
            "activity__status",
            "activity__is_synthetic",
            "qualifier",
        )
        .annotate(v=Sum("value"), n=Count("pk"))
    ):
        key = (month, kind, measure, *where, status == Status.APPROVED, synthetic)
        about, at_least = qualifier == Qualifier.ABOUT, qualifier == Qualifier.AT_LEAST
        parts[key].add(Delta(Decimal(str(value)), n, n * about, n * at_least))
    return parts


def refresh_all_kinds(unit_ids: set[int]) -> None:
    """Recompute the all-kinds rows of ``unit_ids`` from their per-kind rows."""
    ActivitySummary.objects.filter(unit_id__in=unit_ids, kind=ALL_KINDS).delete()
    shallow = Unit.objects.filter(pk__in=unit_ids, depth__lte=ALL_KINDS_MAX_DEPTH).values("pk")
    grouped = (
        ActivitySummary.objects.filter(unit_id__in=shallow)
        .values(*[f for f in SummaryKey._fields if f != "kind"])
        .annotate(v=Sum("value"), r=Sum("rows"), a=Sum("rows_about"), al=Sum("rows_at_least"))
    )
    ActivitySummary.objects.bulk_create(
        ActivitySummary(
            kind=ALL_KINDS,
            value=g.pop("v"),
            rows=g.pop("r"),
            rows_about=g.pop("a"),
            rows_at_least=g.pop("al"),
            **g,
        )
        for g in grouped
    )
    rollups_rebuild(unit_ids=unit_ids)


# --- the write hooks (huunghi.core.hooks) ---------------------------------------------------

HOOK_NAME = "reports.summaries"
"""The name under which summary upkeep runs in every writer's transaction."""


def _bulk_loaded(_captured: Any, subject: Any) -> None:
    from huunghi.reports.rebuild import rebuild_summaries

    rebuild_summaries(synthetic=(subject or {}).get("synthetic"))


def register_hooks() -> None:
    """Keep the summaries in step with every activity write, unit move and bulk load."""
    register_write_hook(
        ACTIVITY_CHANGED,
        HOOK_NAME,
        before=summary_before,
        after=lambda before, activity: summary_after(before=before, activity=activity),
    )
    register_write_hook(
        UNIT_MOVED,
        HOOK_NAME,
        before=summary_unit_move_before,
        after=lambda before, _unit: summary_unit_move_after(before),
    )
    register_write_hook(ACTIVITIES_BULK_LOADED, HOOK_NAME, after=_bulk_loaded)
