"""Recompute summary rows from the raw activity tables, in bulk SQL.

Used by ``manage.py rebuild_summaries``, by the volume generator (which never runs the
per-record hooks) and as the oracle of the tests. Bottom-up, in a few statements:

1. every activity and quantity is grouped once by the unit that keeps its rows (its
   own unit near the roots, else its ancestor at ``SUMMARY_MAX_DEPTH``) into a
   temporary table (``own``), which is analysed so PostgreSQL plans from real counts;
2. from the deepest level up, a level's roll-up rows are its units' own rows plus
   their children's roll-up rows (written one step earlier), grouped by unit;
3. units near the roots get their all-kinds rows from their per-kind rows.

Each raw row is read once, and each level reads only the (much smaller) level below.
The statements are assembled from model table names and constants only (hence the
``noqa: S608``); nothing from a request reaches them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

from huunghi.core.bulk import indexes_dropped
from huunghi.organisations.models import PATH_SEGMENT_WIDTH, Unit
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
from huunghi.reports.sql import month_sql, quarter_sql
from huunghi.reports.totals_cache import totals_changed

KEY = "kind, month, measure, country_id, province_then_id, province_now_id, approved, is_synthetic"
SUMS = "SUM(value), SUM(rows), SUM(rows_about), SUM(rows_at_least)"
OWN = "huunghi_summary_own"
ORDERED = " ORDER BY 1, 4, 5, 6, 8"
"""Roll-up rows in key order: unit, quarter, kind, measure, province."""
NO_ID = "CAST(NULL AS BIGINT)"
"""A typed NULL: PostgreSQL types a bare NULL that ``ORDER BY`` names as text."""


def _anchor_sql() -> tuple[str, str]:
    """SQL for the unit a record's row is kept under and that unit's depth: the record's
    own unit near the roots, else its ancestor at ``SUMMARY_MAX_DEPTH`` (whose id is that
    segment of the materialized path)."""
    first = SUMMARY_MAX_DEPTH * (PATH_SEGMENT_WIDTH + 1) + 1
    deep = f"u.depth > {SUMMARY_MAX_DEPTH}"
    unit = (
        f"CASE WHEN {deep} THEN CAST(substr(u.path, {first}, {PATH_SEGMENT_WIDTH}) AS INTEGER) "
        "ELSE u.id END"
    )
    return unit, f"CASE WHEN {deep} THEN {SUMMARY_MAX_DEPTH} ELSE u.depth END"


def _own_sql(vendor: str, where: str) -> str:
    """Groups of activity counts and quantities per kept unit (see :func:`_anchor_sql`),
    with that unit's depth."""
    activity, quantity = Activity._meta.db_table, ActivityQuantity._meta.db_table
    unit_table = Unit._meta.db_table
    month = month_sql(vendor, "a.start_date")
    anchor, depth = _anchor_sql()
    approved = f"(a.status = '{Status.APPROVED}')"
    before = f"{anchor} AS unit_id, {depth} AS depth, a.kind AS kind, {month} AS month"
    after = (
        "a.country_id AS country_id, a.province_then_id AS province_then_id, "
        f"a.province_now_id AS province_now_id, {approved} AS approved, "
        "a.is_synthetic AS is_synthetic"
    )
    group = (
        f"{anchor}, {depth}, a.kind, {month}, a.country_id, a.province_then_id, "
        f"a.province_now_id, {approved}, a.is_synthetic"
    )
    counts = (
        f"SELECT {before}, '{COUNT}' AS measure, {after}, COUNT(*) AS value, COUNT(*) AS rows, "  # noqa: S608
        f"0 AS rows_about, 0 AS rows_at_least FROM {activity} a "
        f"JOIN {unit_table} u ON u.id = a.unit_id WHERE {where} GROUP BY {group}"
    )
    about = "SUM(CASE WHEN q.qualifier = 'about' THEN 1 ELSE 0 END)"
    at_least = "SUM(CASE WHEN q.qualifier = 'at_least' THEN 1 ELSE 0 END)"
    quantities = (
        f"SELECT {before}, q.measure, {after}, SUM(q.value), COUNT(*), {about}, {at_least} "  # noqa: S608
        f"FROM {quantity} q JOIN {activity} a ON a.id = q.activity_id "
        f"JOIN {unit_table} u ON u.id = a.unit_id WHERE {where} GROUP BY {group}, q.measure"
    )
    return f"CREATE TEMPORARY TABLE {OWN} AS {counts} UNION ALL {quantities}"


def _level_sql(vendor: str, depth: int, synthetic_where: str, *, deepest: bool) -> str:
    """Roll-up rows of the units at ``depth``: own rows plus the children's roll-ups."""
    summary, unit = ActivitySummary._meta.db_table, Unit._meta.db_table
    columns = f"unit_id, {KEY}, value, rows, rows_about, rows_at_least"
    own = f"SELECT unit_id, {KEY}, value, rows, rows_about, rows_at_least FROM {OWN} "  # noqa: S608
    own += f"WHERE depth = {depth}"
    # Rows are stored in insertion order (until PostgreSQL reuses freed space):
    # ordering them clusters each unit's rows.
    order = " ORDER BY unit_id, kind, month"
    if deepest:
        return f"INSERT INTO {summary} ({columns}) {own}{order}"
    children = (
        f"SELECT u.parent_id, {_prefixed('s')}, s.value, s.rows, s.rows_about, s.rows_at_least "  # noqa: S608
        f"FROM {summary} s JOIN {unit} u ON u.id = s.unit_id "
        f"WHERE u.depth = {depth + 1} AND s.kind <> '{ALL_KINDS}' AND {synthetic_where}"
    )
    return (
        f"INSERT INTO {summary} ({columns}) "  # noqa: S608
        f"SELECT unit_id, {KEY}, {SUMS} FROM ({own} UNION ALL {children}) x "
        f"GROUP BY unit_id, {KEY}{order}"
    )


def _all_kinds_sql(synthetic_where: str) -> str:
    """All-kinds rows of the units near the roots, from their per-kind rows."""
    summary, unit = ActivitySummary._meta.db_table, Unit._meta.db_table
    keys = _prefixed("s").replace("s.kind, ", "")
    return (
        f"INSERT INTO {summary} (unit_id, {KEY}, value, rows, rows_about, rows_at_least) "  # noqa: S608
        f"SELECT s.unit_id, '{ALL_KINDS}', {keys}, SUM(s.value), SUM(s.rows), "
        f"SUM(s.rows_about), SUM(s.rows_at_least) FROM {summary} s "
        f"JOIN {unit} u ON u.id = s.unit_id "
        f"WHERE u.depth <= {ALL_KINDS_MAX_DEPTH} AND s.kind <> '{ALL_KINDS}' "
        f"AND {synthetic_where} GROUP BY s.unit_id, {keys} ORDER BY 1, 3"
    )


def rollup_statements(vendor: str, where: str) -> list[str]:
    """Quarterly roll-up rows of the units near the roots, from their monthly rows.

    Each statement writes one row set in key order, so the rows one report reads (one
    unit, row set and approval, a range of quarters) lie together on a few pages
    (PostgreSQL read 771 heap pages for a national report's 4,760 rows in hash order).

    Per approval set (every record / approved only): the all-kinds rows per country and
    province in today's and in the historic geography, and the per-kind and all-kinds
    rows over every place.
    """
    summary, unit, rollup = (
        ActivitySummary._meta.db_table,
        Unit._meta.db_table,
        ActivityRollup._meta.db_table,
    )
    quarter = quarter_sql(vendor, "s.month")
    columns = (
        "unit_id, geography, approved_only, quarter, kind, measure, country_id, province_id, "
        "is_synthetic, value, rows, rows_about, rows_at_least"
    )
    sums = "SUM(s.value), SUM(s.rows), SUM(s.rows_about), SUM(s.rows_at_least)"
    statements = []
    for only in (False, True):
        condition = f"{where} AND u.depth <= {ALL_KINDS_MAX_DEPTH}"
        if only:
            condition += f" AND s.approved = {_bool(vendor, True)}"
        flag = _bool(vendor, only)
        source = f"FROM {summary} s JOIN {unit} u ON u.id = s.unit_id WHERE {condition}"
        for geography, province in (
            (RollupGeography.NOW, "s.province_now_id"),
            (RollupGeography.THEN, "s.province_then_id"),
        ):
            statements.append(
                f"INSERT INTO {rollup} ({columns}) SELECT s.unit_id, '{geography}', {flag}, "
                f"{quarter}, '{ALL_KINDS}', s.measure, s.country_id, {province}, s.is_synthetic, "
                f"{sums} {source} AND s.kind = '{ALL_KINDS}' GROUP BY s.unit_id, {quarter}, "
                f"s.measure, s.country_id, {province}, s.is_synthetic{ORDERED}"
            )
        statements.append(
            f"INSERT INTO {rollup} ({columns}) SELECT s.unit_id, '{RollupGeography.ANY}', "
            f"{flag}, {quarter}, s.kind, s.measure, {NO_ID}, {NO_ID}, s.is_synthetic, {sums} "
            f"{source} GROUP BY s.unit_id, {quarter}, s.kind, s.measure, s.is_synthetic{ORDERED}"
        )
    return statements


def rollups_rebuild(*, unit_ids: set[int] | None = None, synthetic: bool | None = None) -> None:
    """Recompute the quarterly roll-up rows (of ``unit_ids``; of one synthetic part)
    from the monthly summary rows, which must be up to date."""
    vendor = connection.vendor
    rows = ActivityRollup.objects.all()
    where = "1 = 1"
    if unit_ids is not None:
        ids = sorted(int(pk) for pk in unit_ids)
        rows = rows.filter(unit_id__in=ids)
        where = f"s.unit_id IN ({', '.join(map(str, ids or [0]))})"
    if synthetic is not None:
        rows = rows.filter(is_synthetic=synthetic)
        where += f" AND s.is_synthetic = {_bool(vendor, synthetic)}"
    with transaction.atomic(), connection.cursor() as cursor:
        rows._raw_delete(rows.db)
        for statement in rollup_statements(vendor, where):
            cursor.execute(statement)


def _analyze(cursor: Any, table: str) -> None:
    """Fresh planner statistics after a bulk write: PostgreSQL plans the next statements
    (joins over a table it last saw empty, or a temporary table it never saw) from them;
    without, it picks nested loops over hundreds of thousands of rows."""
    cursor.execute(f"ANALYZE {table}")


def _prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{column.strip()}" for column in KEY.split(","))


def _max_depth() -> int:
    return Unit.objects.order_by("-depth").values_list("depth", flat=True).first() or 0


def _bool(vendor: str, value: bool) -> str:
    if vendor == "postgresql":
        return "TRUE" if value else "FALSE"
    return "1" if value else "0"


def rebuild_summaries(
    *, synthetic: bool | None = None, progress: Callable[[str], None] | None = None
) -> int:
    """Delete and recompute summary rows (``synthetic``: only that part; None: all),
    then bump the totals generation (:func:`~huunghi.reports.totals_cache.totals_changed`)
    so that no process keeps totals read from the old rows.

    Returns the number of summary rows written.
    """
    vendor = connection.vendor
    say = progress or (lambda _message: None)
    rows = ActivitySummary.objects.all()
    where, synthetic_where = "1 = 1", "1 = 1"
    if synthetic is not None:
        rows = rows.filter(is_synthetic=synthetic)
        where = f"a.is_synthetic = {_bool(vendor, synthetic)}"
        synthetic_where = f"s.is_synthetic = {_bool(vendor, synthetic)}"
    with (
        transaction.atomic(),
        indexes_dropped([ActivitySummary], unique=True),
        connection.cursor() as cursor,
    ):
        if vendor == "postgresql":
            # Hash the groups in memory (a million records need about 600 MB).
            cursor.execute("SET LOCAL work_mem = '1GB'")
        rows._raw_delete(rows.db)
        cursor.execute(f"DROP TABLE IF EXISTS {OWN}")
        cursor.execute(_own_sql(vendor, where))
        _analyze(cursor, OWN)
        say("own rows grouped")
        deepest = min(_max_depth(), SUMMARY_MAX_DEPTH)
        for depth in range(deepest, -1, -1):
            cursor.execute(_level_sql(vendor, depth, synthetic_where, deepest=depth == deepest))
            say(f"level {depth} rolled up")
        cursor.execute(_all_kinds_sql(synthetic_where))
        cursor.execute(f"DROP TABLE {OWN}")
    with connection.cursor() as cursor:
        _analyze(cursor, ActivitySummary._meta.db_table)
    rollups_rebuild(synthetic=synthetic)
    with connection.cursor() as cursor:
        _analyze(cursor, ActivityRollup._meta.db_table)
    say("quarterly roll-ups built")
    # Totals kept by any process were computed from the rows just replaced.
    totals_changed()
    return rows.count()
