"""DuckDB over the same raw rows: the columnar scan the maintained summaries must beat.

DuckDB's SQLite and PostgreSQL scanners are extensions downloaded at run time (not
possible here), so the raw columns a national total reads (activities, quantities,
units) are exported once as CSV and loaded into DuckDB's own columnar file, which is
DuckDB's fastest case. The file is kept beside the bench database and reused while the
activity count matches. Only the query is timed, never the load.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import connection

from huunghi.organisations.models import Unit
from huunghi.records.models import Activity, ActivityQuantity
from huunghi.reports.models import COUNT, qualifier_of

EXPORTS = {
    "activity": (
        Activity._meta.db_table,
        "id, unit_id, start_date, province_now_id, province_then_id, status, "
        "CASE WHEN is_synthetic THEN 1 ELSE 0 END",
        "id BIGINT, unit_id BIGINT, start_date DATE, province_now_id BIGINT, "
        "province_then_id BIGINT, status VARCHAR, is_synthetic BOOLEAN",
    ),
    "quantity": (
        ActivityQuantity._meta.db_table,
        "activity_id, measure, value, qualifier",
        "activity_id BIGINT, measure VARCHAR, value DECIMAL(24, 2), qualifier VARCHAR",
    ),
    "unit": (Unit._meta.db_table, "id, path", "id BIGINT, path VARCHAR"),
}


def _export(table: str, columns: str, target: Path) -> None:
    sql = f"SELECT {columns} FROM {table}"
    with connection.cursor() as cursor, target.open("w", newline="") as out:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
                for block in copy:
                    out.write(bytes(block).decode())
            return
        cli = shutil.which("sqlite3")
        if cli:  # C speed: several times faster than Python's csv writer
            database = str(connection.settings_dict["NAME"])
            subprocess.run([cli, "-csv", database, sql], stdout=out, check=True)
            return
        writer = csv.writer(out)
        cursor.execute(sql)
        while rows := cursor.fetchmany(200_000):
            writer.writerows(rows)


def _fingerprint() -> str:
    """What the copy must match: the activities' count, id range and dates."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), MIN(id), MAX(id), MIN(start_date), MAX(start_date) "
            f"FROM {Activity._meta.db_table}"
        )
        return repr(tuple(str(v) for v in cursor.fetchone()))


def load(folder: Path, log: Any) -> Any:
    """A DuckDB connection holding the raw rows (exported and loaded when stale)."""
    import duckdb

    activities = _fingerprint()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"raw-{connection.vendor}.duckdb"
    stamp = folder / f"raw-{connection.vendor}.count"
    if path.exists() and stamp.exists() and stamp.read_text() == str(activities):
        return duckdb.connect(str(path), read_only=True)
    path.unlink(missing_ok=True)
    started = time.monotonic()
    duck = duckdb.connect(str(path))
    for name, (table, columns, types) in EXPORTS.items():
        target = folder / f"{name}.csv"
        _export(table, columns, target)
        duck.execute(f"CREATE TABLE {name} ({types})")
        duck.execute(f"INSERT INTO {name} SELECT * FROM read_csv('{target}', header = false)")
        target.unlink()
    duck.execute("CHECKPOINT")
    duck.close()
    stamp.write_text(str(activities))
    log(f"DuckDB loaded with the raw rows in {time.monotonic() - started:.0f} s")
    return duckdb.connect(str(path), read_only=True)


NATIONAL_SQL = """
WITH a AS (
    SELECT a.id, a.province_now_id AS province,
           CAST(year(a.start_date) AS VARCHAR) || '-Q'
               || CAST(quarter(a.start_date) AS VARCHAR) AS q
    FROM activity a JOIN unit u ON u.id = a.unit_id
    WHERE starts_with(u.path, $path) AND a.start_date >= $start AND a.start_date < $end
)
SELECT 'count' AS measure, province, q, COUNT(*) AS v, COUNT(*) AS r, 0 AS ab, 0 AS al
FROM a GROUP BY province, q
UNION ALL
SELECT qt.measure, a.province, a.q, SUM(qt.value), COUNT(*),
       COUNT(*) FILTER (WHERE qt.qualifier = 'about'),
       COUNT(*) FILTER (WHERE qt.qualifier = 'at_least')
FROM quantity qt JOIN a ON a.id = qt.activity_id GROUP BY qt.measure, a.province, a.q
"""


def national(duck: Any, path: str, start: dt.date, end: dt.date) -> dict[tuple[Any, ...], Any]:
    """The national report (province × quarter) as ``Totals.plain()`` shapes it."""
    rows = duck.execute(NATIONAL_SQL, {"path": path, "start": start, "end": end}).fetchall()
    result = {}
    for measure, province, quarter, value, _rows, about, at_least in rows:
        amount = Decimal(value if measure != COUNT else int(value)).quantize(Decimal("0.01"))
        result[(measure, province, quarter)] = (amount, qualifier_of(about, at_least))
    return result
