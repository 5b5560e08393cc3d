"""Synthetic activities written by set-based SQL: ten million rows in minutes.

:mod:`huunghi.records.generator` makes the unit tree and the place pool in Python; the
activities and their quantities are then produced inside the database, a million ids
per ``INSERT … SELECT`` (a recursive CTE on SQLite, ``generate_series`` on PostgreSQL),
with every choice derived from the row's id by a multiplicative hash: the same spec
gives the same rows, and nothing crosses the wire per row.

Small lookup tables (``huunghi_syn_*``, temporary) turn hashes into choices: a unit
slot, a kind slot (out of 100, by weight), a status slot for recent records, a place
slot per province group and era (before/after the 2025 reform), the measures of each
kind. Every row is marked ``is_synthetic`` with ``source_type = "synthetic"``.
Statements are assembled from model table names and constants only (``noqa: S608``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

from huunghi.core.models import Qualifier
from huunghi.records.models import Activity, ActivityQuantity, SourceType, Status

CHUNK = 1_000_000
PRIME = 4294967291
KH_GROUP = -1
SLOTS = 100
AT_LEAST_PERCENT = 5
SKIP_QUANTITY_PERCENT = 30
KH_PLACE_PERCENT = 5
OTHER_GROUP_PERCENT = 10


def _hash(column: str, salt: int) -> str:
    """A well-spread non-negative integer from ``column`` (an id) and a salt."""
    return f"((({column} + {salt * 7919}) * 2654435761) % {PRIME})"


def _vendor_date(days_expr: str, first: dt.date) -> str:
    if connection.vendor == "postgresql":
        return f"(DATE '{first.isoformat()}' + CAST({days_expr} AS INTEGER))"
    return f"date('{first.isoformat()}', '+' || ({days_expr}) || ' days')"


def _sequence(first: int, last: int) -> str:
    if connection.vendor == "postgresql":
        return f"SELECT generate_series({first}, {last}) AS i"
    return (
        f"SELECT i FROM (WITH RECURSIVE seq(i) AS (SELECT {first} UNION ALL "  # noqa: S608
        f"SELECT i + 1 FROM seq WHERE i < {last}) SELECT i FROM seq)"
    )


def _create(name: str, columns: str, rows: Sequence[Sequence[Any]]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute(f"CREATE TEMPORARY TABLE {name} ({columns})")
        if rows:
            marks = ", ".join(["%s"] * len(rows[0]))
            cursor.executemany(f"INSERT INTO {name} VALUES ({marks})", list(rows))  # noqa: S608


def _slots(weights: dict[str, int]) -> list[tuple[int, str]]:
    """``(slot, value)`` for slots 0..99, each value taking its share of the slots."""
    total = sum(weights.values())
    result, slot = [], 0
    for index, (value, weight) in enumerate(weights.items()):
        last = index == len(weights) - 1
        share = SLOTS - slot if last else round(SLOTS * weight / total)
        result += [(slot + k, value) for k in range(share)]
        slot += share
    return result[:SLOTS]


def make_lookup_tables(
    units: Sequence[Any],
    pool: Any,
    kh_country_id: int | None,
    kinds: dict[str, int],
    statuses: dict[str, int],
    measures: dict[str, tuple[tuple[str, int, str], ...]],
    default_measures: tuple[tuple[str, int, str], ...],
) -> None:
    """The temporary tables the statements pick from."""
    _create(
        "huunghi_syn_units",
        "n INTEGER PRIMARY KEY, unit_id INTEGER, country_id INTEGER, grp INTEGER, is_kh INTEGER",
        [
            (n, u.id, u.country_id, u.group, int(u.country_id == kh_country_id))
            for n, u in enumerate(units)
        ],
    )
    _create("huunghi_syn_kinds", "slot INTEGER PRIMARY KEY, kind VARCHAR(30)", _slots(kinds))
    _create("huunghi_syn_status", "slot INTEGER PRIMARY KEY, status VARCHAR(20)", _slots(statuses))
    places: list[tuple[int, int, int, Any, Any, Any]] = []
    for group in range(pool.groups):
        for era, choices in ((0, pool.before[group]), (1, pool.after[group])):
            places += [
                (group, era, n, c.place_id, c.then_id, c.now_id) for n, c in enumerate(choices)
            ]
    for era in (0, 1):
        kh = pool.kh or [None]
        places += [
            (KH_GROUP, era, n, *((c.place_id, c.then_id, c.now_id) if c else (None, None, None)))
            for n, c in enumerate(kh)
        ]
    _create(
        "huunghi_syn_places",
        "grp INTEGER, era INTEGER, n INTEGER, place_id INTEGER, then_id INTEGER, now_id INTEGER, "
        "PRIMARY KEY (grp, era, n)",
        places,
    )
    counts: dict[tuple[int, int], int] = {}
    for grp, era, *_rest in places:
        counts[(grp, era)] = counts.get((grp, era), 0) + 1
    _create(
        "huunghi_syn_place_counts",
        "grp INTEGER, era INTEGER, cnt INTEGER, PRIMARY KEY (grp, era)",
        [(g, e, c) for (g, e), c in counts.items()],
    )
    rows = []
    for kind in kinds:
        for order, (measure, size, qualifier) in enumerate(measures.get(kind, default_measures)):
            rows.append((kind, order, measure, size, qualifier))
    _create(
        "huunghi_syn_measures",
        "kind VARCHAR(30), ord INTEGER, measure VARCHAR(30), size INTEGER, qualifier VARCHAR(10)",
        rows,
    )


def _defaults(
    model: type[models.Model], computed: set[str], overrides: dict[str, Any]
) -> tuple[list[str], list[str], list[Any]]:
    """Columns not computed by the statement, as typed placeholders and their values."""
    names: list[str] = []
    marks: list[str] = []
    params: list[Any] = []
    for f in model._meta.concrete_fields:
        if f.column in computed:
            continue
        names.append(str(f.column))
        value = overrides.get(f.name, f.get_default())
        params.append(f.get_db_prep_save(value, connection) if value is not None else None)
        if connection.vendor == "postgresql":
            marks.append(f"CAST(%s AS {f.db_type(connection)})")
        else:
            marks.append("%s")
    return names, marks, params


def _activity_sql(
    first: int, last: int, spec: Any, unit_count: int, groups: int
) -> tuple[str, list[Any]]:
    from huunghi.records.generator import RECENT_DAYS, REFORM_DATE

    today = timezone.localdate()
    first_day = dt.date(today.year - spec.years + 1, 1, 1)
    days = (today - first_day).days + 1
    recent_from = days - RECENT_DAYS
    reform = (REFORM_DATE - first_day).days
    now = timezone.now()
    computed = {
        "id": "b.i",
        "kind": "b.kind",
        "title": "'[SYNTHETIC] ' || b.kind || ' ' || b.i",
        "start_date": _vendor_date("b.day", first_day),
        "unit_id": "b.unit_id",
        "country_id": "b.country_id",
        "place_id": "p.place_id",
        "province_then_id": "p.then_id",
        "province_now_id": "p.now_id",
        "status": f"CASE WHEN b.day >= {recent_from} THEN b.status ELSE '{Status.APPROVED}' END",
    }
    names, marks, params = _defaults(
        Activity,
        set(computed),
        {
            "created_at": now,
            "updated_at": now,
            "source_type": SourceType.SYNTHETIC,
            "is_synthetic": True,
            "details": {},
        },
    )
    # Slot choices: unit (h1), day (h2), kind (h3), place country/group (h4), place (h5),
    # status (h6).
    sequence = _sequence(first, last)
    base = (
        f"SELECT i, {_hash('i', 1)} % {unit_count} AS un, {_hash('i', 2)} % {days} AS day, "  # noqa: S608
        f"{_hash('i', 3)} % {SLOTS} AS ks, {_hash('i', 4)} % {SLOTS} AS gs, "
        f"{_hash('i', 5)} AS ps, {_hash('i', 6)} % {SLOTS} AS ss FROM ({sequence}) seq"
    )
    group = (
        f"CASE WHEN u.is_kh = 1 OR b.gs < {KH_PLACE_PERCENT} THEN {KH_GROUP} "
        f"WHEN b.gs < {KH_PLACE_PERCENT + OTHER_GROUP_PERCENT} THEN b.ps % {max(1, groups)} "
        "ELSE u.grp END"
    )
    era = f"CASE WHEN b.day < {reform} THEN 0 ELSE 1 END"
    picked = (
        f"SELECT b.*, u.unit_id, u.country_id, k.kind, s.status, {group} AS pgrp, {era} AS era "  # noqa: S608
        f"FROM ({base}) b JOIN huunghi_syn_units u ON u.n = b.un "
        "JOIN huunghi_syn_kinds k ON k.slot = b.ks JOIN huunghi_syn_status s ON s.slot = b.ss"
    )
    select = ", ".join([*computed.values(), *marks])
    columns = ", ".join([*computed, *names])
    sql = (
        f"INSERT INTO {Activity._meta.db_table} ({columns}) SELECT {select} "  # noqa: S608
        f"FROM ({picked}) b LEFT JOIN huunghi_syn_place_counts c "
        "ON c.grp = b.pgrp AND c.era = b.era LEFT JOIN huunghi_syn_places p "
        "ON p.grp = b.pgrp AND p.era = b.era AND p.n = b.ps % c.cnt"
    )
    return _escaped(sql), params


def _quantity_sql(first: int, last: int) -> tuple[str, list[Any]]:
    h = _hash("a.id", 10) + " + m.ord * 7"
    size = f"(m.size * (({h}) % 200) / 100)"
    computed = {
        "activity_id": "a.id",
        "measure": "m.measure",
        "value": f"(CASE WHEN {size} < 1 THEN 1 ELSE {size} END)",
        "qualifier": (
            f"(CASE WHEN (({h}) / 7) % 100 < {AT_LEAST_PERCENT} "
            f"THEN '{Qualifier.AT_LEAST}' ELSE m.qualifier END)"
        ),
    }
    names, marks, params = _defaults(ActivityQuantity, {*computed, "id"}, {})
    select = ", ".join([*computed.values(), *marks])
    columns = ", ".join([*computed, *names])
    sql = (
        f"INSERT INTO {ActivityQuantity._meta.db_table} ({columns}) SELECT {select} "  # noqa: S608
        f"FROM {Activity._meta.db_table} a JOIN huunghi_syn_measures m ON m.kind = a.kind "
        f"WHERE a.id BETWEEN {first} AND {last} AND ((({h}) / 3) % 100) >= {SKIP_QUANTITY_PERCENT}"
    )
    return _escaped(sql), params


def _escaped(sql: str) -> str:
    """Modulo operators doubled: the statement also carries ``%s`` placeholders."""
    return sql.replace(" % ", " %% ")


def write_activities_sql(
    spec: Any, first_id: int, unit_count: int, groups: int, say: Callable[[str], None]
) -> int:
    """Insert ``spec.activities`` activities from ``first_id`` and their quantities."""
    done = 0
    with connection.cursor() as cursor:
        while done < spec.activities:
            count = min(CHUNK, spec.activities - done)
            first, last = first_id + done, first_id + done + count - 1
            sql, params = _activity_sql(first, last, spec, unit_count, groups)
            cursor.execute(sql, params)
            sql, params = _quantity_sql(first, last)
            cursor.execute(sql, params)
            done += count
            say(f"{done} activities")
        for table in ("units", "kinds", "status", "places", "place_counts", "measures"):
            cursor.execute(f"DROP TABLE IF EXISTS huunghi_syn_{table}")
    return done
