"""Date keys computed inside the database, cheaply on both SQLite and PostgreSQL.

Django's ``Trunc*``/``Extract*`` call a Python function per row on SQLite; these
use the engine's own string and date functions, so grouping a million rows by
quarter costs no more than grouping them by a column.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class _DateKey(models.Func):
    """Base for a key derived from one date expression."""

    arity = 1
    sqlite_template = ""
    postgresql_template = ""

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template=self.sqlite_template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template=self.postgresql_template, **extra)


class MonthStart(_DateKey):
    """The first day of the date's month (a date)."""

    output_field = models.DateField()
    template = sqlite_template = "date(%(expressions)s, 'start of month')"
    postgresql_template = "date_trunc('month', %(expressions)s)::date"


class MonthKey(_DateKey):
    """``"2024-07"``."""

    output_field = models.CharField()
    template = sqlite_template = "substr(%(expressions)s, 1, 7)"
    postgresql_template = "to_char(%(expressions)s, 'YYYY-MM')"


class QuarterKey(_DateKey):
    """``"2024-Q3"``."""

    output_field = models.CharField()
    template = sqlite_template = (
        "(substr(%(expressions)s, 1, 4) || '-Q' || "
        "((CAST(substr(%(expressions)s, 6, 2) AS INTEGER) + 2) / 3))"
    )
    postgresql_template = "to_char(%(expressions)s, 'YYYY-\"Q\"Q')"


class YearKey(_DateKey):
    """The year as an integer."""

    output_field = models.IntegerField()
    template = sqlite_template = "CAST(substr(%(expressions)s, 1, 4) AS INTEGER)"
    postgresql_template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS INTEGER)"


DATE_KEYS: dict[str, type[_DateKey]] = {"month": MonthKey, "quarter": QuarterKey, "year": YearKey}


def month_sql(vendor: str, column: str) -> str:
    """SQL for the first day of ``column``'s month, for hand-written statements."""
    if vendor == "postgresql":
        return f"date_trunc('month', {column})::date"
    return f"(substr({column}, 1, 8) || '01')"


def quarter_sql(vendor: str, column: str) -> str:
    """SQL for the first day of the quarter of ``column`` (a first day of a month)."""
    if vendor == "postgresql":
        return f"date_trunc('quarter', {column})::date"
    month = f"CAST(substr({column}, 6, 2) AS INTEGER)"
    return f"(substr({column}, 1, 5) || printf('%02d', (({month} - 1) / 3) * 3 + 1) || '-01')"
