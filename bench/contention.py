"""``python -m bench.contention [ROWS] [--database-url URL]``: a 50,000-row import while
other users work.

The same two child processes as ``huunghi/dataio/tests/test_contention.py`` (which runs
4,000 rows in ``make test``) on a scratch SQLite database: one checks and imports ROWS
rows, the other signs in, saves a record through the API and reads the API list for as
long as the import runs. Passes when nothing answers 500 (or any status outside 200,
201, 302) and no call waits more than one second. Too long for ``make test`` (minutes on
two cores), so it runs in ``make bench`` (``python -m bench --only contention``).

Prints the import's check and import phases (wall and CPU seconds, rows/s), the other
user's calls (count, median, p99, max wait, statuses) and the 1-minute load average
before and after. ``--database-url`` runs it on PostgreSQL instead, in a new database
``<name>_contention`` beside the one the URL names (dropped and made again each run).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ROWS = 50_000
MAX_WAIT_MS = 1000
USER_SECONDS = 30
OK = {200, 201, 302}


def _child(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "huunghi.dataio.tests.contention_child", *args],
        env=env,
        cwd=ROOT,
        text=True,
    )


def _users_until_done(
    env: dict[str, str], where: Path, importer: subprocess.Popen[str]
) -> list[dict[str, Any]]:
    """The other user works in rounds of USER_SECONDS for as long as the import runs
    (checking the upload, then writing), and one round after it."""
    timings: list[dict[str, Any]] = []
    done_after = 0
    while done_after < 1:
        if importer.poll() is not None:
            done_after += 1
        user = _child(env, "user", str(USER_SECONDS), str(where))
        user.wait(timeout=USER_SECONDS + 600)
        timings += json.loads((where / "user.json").read_text())
    importer.wait(timeout=60)
    return timings


def _fresh_database(url: str) -> str:
    """A new empty database beside the one ``url`` names (PostgreSQL); its URL."""
    import psycopg

    base, _slash, name = url.rpartition("/")
    scratch = f"{name.split('?')[0]}_contention"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        connection.execute(f'CREATE DATABASE "{scratch}"')
    return f"{base}/{scratch}"


def run(rows: int = ROWS, database_url: str = "") -> dict[str, object]:
    """Run the import and the user side by side; returns the figures. Without
    ``database_url`` on a scratch SQLite file; with one (PostgreSQL), on a new database
    beside it."""
    from huunghi.dataio.tests.test_contention import _env, _wait_for

    with tempfile.TemporaryDirectory(prefix="huunghi-contention-") as folder:
        where = Path(folder)
        env = _env(where)
        if database_url:
            env["DATABASE_URL"] = _fresh_database(database_url)
        load_before = os.getloadavg()[0]
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
            timeout=600,
        )
        started = time.monotonic()
        importer = _child(env, "import", str(rows), folder)
        try:
            _wait_for(where / "people.json", importer, 300)
            timings = _users_until_done(env, where, importer)
        finally:
            if importer.poll() is None:
                importer.kill()
        imported = json.loads((where / "import.json").read_text())
    waits = sorted(t["ms"] for t in timings)
    for phase in ("check", "import"):
        seconds = imported.get(f"{phase}_seconds")
        if seconds:
            imported[f"{phase}_rows_per_s"] = round(rows / seconds, 1)
    during = [t for t in timings if t["at"] < imported["ended_at"]]
    bad = [t for t in timings if t["status"] not in OK]
    return {
        "rows": rows,
        "import": imported,
        "calls": len(timings),
        "calls_during_import": len(during),
        "errors": len(bad),
        "statuses": sorted({t["status"] for t in timings}),
        "median_ms": round(statistics.median(waits), 1) if waits else None,
        "p99_ms": round(waits[int(len(waits) * 0.99)], 1) if waits else None,
        "max_ms": round(waits[-1], 1) if waits else None,
        "over_1s": sum(1 for w in waits if w > MAX_WAIT_MS),
        "slowest": [
            {
                "what": t["what"],
                "ms": round(float(str(t["ms"])), 1),
                "status": t["status"],
                "during_import": t["at"] < imported["ended_at"],
            }
            for t in sorted(timings, key=lambda t: -float(str(t["ms"])))[:5]
        ],
        "elapsed_s": round(time.monotonic() - started, 1),
        "load_1min": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def passed(result: dict[str, object]) -> bool:
    imported = result["import"]
    assert isinstance(imported, dict)
    return (
        imported.get("status") == "done"
        and imported.get("created") == result["rows"]
        and result["errors"] == 0
        and result["over_1s"] == 0
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    url = ""
    if "--database-url" in args:
        at = args.index("--database-url")
        url = args[at + 1]
        args = args[:at] + args[at + 2 :]
    rows = int(args[0]) if args else ROWS
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huunghi.settings")
    os.environ.setdefault("HUUNGHI_SECRET_KEY", "contention-bench-only")
    os.environ.setdefault("HUUNGHI_TESTING", "1")
    import django

    django.setup()
    result = run(rows, url)
    verdict = "PASS" if passed(result) else "FAIL"
    where = "PostgreSQL" if url else "SQLite"
    print(f"Contention, {rows:,}-row import on {where}: {verdict} {json.dumps(result)}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
