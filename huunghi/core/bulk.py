"""Bulk-loading helpers shared by the generators and rebuilds of every layer."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models


@contextmanager
def indexes_dropped(
    models_: Sequence[type[models.Model]], *, unique: bool = False
) -> Iterator[None]:
    """Drop the tables' indexes (and, on PostgreSQL, foreign keys) and restore them at
    the end, inside the caller's transaction.

    Building an index once over a million rows, and checking a foreign key with one
    join, is much faster than doing both row by row. Primary keys stay; ``unique``
    also drops unique indexes (the caller guarantees the rows it writes are unique).
    DDL is transactional in SQLite and PostgreSQL, so a failure loses nothing.
    """
    restore: list[str] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Run checks still queued in this transaction: PostgreSQL refuses to alter
            # a table with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for model in models_:
            table = model._meta.db_table
            for name, sql in _droppable_indexes(cursor, table):
                if unique or not sql.upper().startswith("CREATE UNIQUE"):
                    restore.append(sql)
                    cursor.execute(f'DROP INDEX "{name}"')
            for name, definition in _foreign_keys(cursor, table):
                restore.append(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
                cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    yield
    with connection.cursor() as cursor:
        for sql in restore:
            cursor.execute(sql)


def _droppable_indexes(cursor: Any, table: str) -> list[tuple[str, str]]:
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname "
            "NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
    else:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [table],
        )
    return list(cursor.fetchall())


def _foreign_keys(cursor: Any, table: str) -> list[tuple[str, str]]:
    """PostgreSQL's foreign keys of ``table`` (SQLite checks them cheaply, by rowid)."""
    if connection.vendor != "postgresql":
        return []
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f'",
        [table],
    )
    return list(cursor.fetchall())
