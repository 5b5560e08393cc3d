"""Completeness of the reporting cycle for a national viewer: 5,000 units, 7 years.

``python -m bench.cycle`` prepares a dedicated database (``var/bench/cycle.sqlite3``
unless ``DATABASE_URL`` names a PostgreSQL database), generates a synthetic tree
(a command, 10 provinces, 100 posts each, 4 stations per post), four obligations
(posts monthly and annual, stations quarterly, provinces six-monthly) and 7 years of
submitted reports (about 9 in 10 received, 2 in 3 of those on time), then times
:func:`huunghi.cycle.completeness.completeness` for a national viewer over the 7 years
(table, trend and totals). Target: ≤ 100 ms. Data is reused while the size matches.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
TARGET_MS = 100.0
PREFIX = "SYN-CYC-"
PG_NAME = "huunghi_bench_cycle"


def log(message: str) -> None:
    print(f"[cycle] {message}", file=sys.stderr, flush=True)


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("HUUNGHI_SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("HUUNGHI_TESTING", "1")
    os.environ.setdefault("HUUNGHI_VAR_DIR", str(BENCH_DIR / "var"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huunghi.settings")
    import django

    django.setup()


def targets() -> list[str]:
    """The SQLite bench file, and a dedicated PostgreSQL database when ``DATABASE_URL``
    names a PostgreSQL server (never the application's own database)."""
    from bench.cli import ensure_pg_database, with_database

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    found = [f"sqlite:///{BENCH_DIR / 'cycle.sqlite3'}"]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        ensure_pg_database(url, PG_NAME)
        found.append(with_database(url, PG_NAME))
    return found


def _units(provinces: int, posts: int, stations: int) -> dict[str, list[Any]]:
    """The synthetic tree, inserted in bulk with its materialized paths."""
    from huunghi.geography.models import Country
    from huunghi.organisations.models import Unit, UnitKind

    country, _ = Country.objects.get_or_create(
        code="VN", defaults={"name_vi": "Việt Nam", "name_en": "Vietnam"}
    )
    tree: dict[str, list[Any]] = {"root": [], "province": [], "post": [], "station": []}
    next_id = (Unit.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    def make(kind: str, parent: Any, level: str, index: int) -> Any:
        nonlocal next_id
        path = (parent.path if parent else "") + f"{next_id:07d}."
        unit = Unit(
            pk=next_id,
            code=f"{PREFIX}{next_id}",
            name_vi=f"{level} {index}",
            kind=kind,
            country=country,
            parent=parent,
            path=path,
            depth=path.count(".") - 1,
        )
        next_id += 1
        tree[level].append(unit)
        return unit

    root = make(UnitKind.COMMAND, None, "root", 0)
    for p in range(provinces):
        province = make(UnitKind.PROVINCIAL_BORDER_GUARD, root, "province", p)
        for q in range(posts):
            post = make(UnitKind.BORDER_POST, province, "post", q)
            for s in range(stations):
                make(UnitKind.STATION, post, "station", s)
    for level in ("root", "province", "post", "station"):
        Unit.objects.bulk_create(tree[level], batch_size=2000)
    return tree


def _generate(years: int, provinces: int, posts: int, stations: int) -> dict[str, int]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from huunghi.cycle.models import Obligation, Submission
    from huunghi.cycle.schedule import due_date, periods_between
    from huunghi.organisations.models import UnitKind
    from huunghi.reports.models import IssuedReport, IssuedReportStatus

    tree = _units(provinces, posts, stations)
    root = tree["root"][0]
    user, _ = get_user_model().objects.get_or_create(username="bench-cycle")
    first = dt.date(timezone.localdate().year - years + 1, 1, 1)
    end = dt.date(timezone.localdate().year + 1, 1, 1)
    report = IssuedReport.objects.create(
        unit=root,
        period_start=first,
        period_end=end - dt.timedelta(days=1),
        status=IssuedReportStatus.ISSUED,
        issued_at=timezone.now(),
        issued_by=user,
        created_by=user,
    )
    plans = [
        (UnitKind.BORDER_POST, "monthly", tree["post"]),
        (UnitKind.BORDER_POST, "annual", tree["post"]),
        (UnitKind.STATION, "quarterly", tree["station"]),
        (UnitKind.PROVINCIAL_BORDER_GUARD, "six_monthly", tree["province"]),
    ]
    rng = random.Random(16)
    total = 0
    for kind, frequency, units in plans:
        obligation = Obligation.objects.create(
            unit=root,
            applies_to_kind=kind,
            frequency=frequency,
            active_from=first,
            is_synthetic=True,
        )
        rows = []
        for period in periods_between(frequency, first, end):
            due = due_date(period, obligation.due_day)
            for unit in units:
                if rng.random() < 0.1:
                    continue
                late = rng.random() < 1 / 3
                sent = due + dt.timedelta(days=rng.randint(1, 20) if late else -rng.randint(0, 9))
                rows.append(
                    Submission(
                        obligation=obligation,
                        unit=unit,
                        recipient_id=unit.parent_id,
                        period_start=period.start,
                        period_end=period.last,
                        report=report,
                        due_date=due,
                        sent_at=timezone.make_aware(dt.datetime(sent.year, sent.month, sent.day)),
                        sent_by=user,
                        on_time=not late,
                        is_synthetic=True,
                    )
                )
        Submission.objects.bulk_create(rows, batch_size=5000)
        total += len(rows)
        log(f"  {frequency} {kind}: {len(rows):,} submissions")
    from huunghi.cycle.tallies import tallies_rebuild

    return {
        "units": sum(len(v) for v in tree.values()),
        "submissions": total,
        "tally_rows": tallies_rebuild(),
    }


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from huunghi.organisations.models import Unit

    call_command("migrate", verbosity=0, skip_checks=True)
    wanted = 1 + args.provinces * (1 + args.posts * (1 + args.stations))
    found = Unit.objects.filter(code__startswith=PREFIX).count()
    info: dict[str, Any] = {"units": wanted}
    if args.fresh or found != wanted:
        _delete()
        started = time.monotonic()
        log(f"generating {wanted:,} units and {args.years} years of reports")
        info.update(_generate(args.years, args.provinces, args.posts, args.stations))
        info["generate_s"] = round(time.monotonic() - started, 1)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return info


def _delete() -> None:
    from huunghi.accounts.models import Membership
    from huunghi.cycle.models import Obligation, Submission, SubmissionTally
    from huunghi.organisations.models import Unit
    from huunghi.reports.models import IssuedReport

    SubmissionTally.objects.filter(obligation__is_synthetic=True).delete()
    Submission.objects.filter(is_synthetic=True)._raw_delete("default")
    Obligation.objects.filter(is_synthetic=True).delete()
    IssuedReport.objects.filter(unit__code__startswith=PREFIX).delete()
    Membership.objects.filter(unit__code__startswith=PREFIX).delete()
    units = Unit.objects.filter(code__startswith=PREFIX).order_by("-depth")
    for depth in sorted(set(units.values_list("depth", flat=True)), reverse=True):
        Unit.objects.filter(code__startswith=PREFIX, depth=depth)._raw_delete("default")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from bench.timing import measure
    from huunghi.accounts.models import Membership, Role
    from huunghi.cycle.completeness import completeness
    from huunghi.organisations.models import Unit

    info = prepare(args)
    root = Unit.objects.get(code__startswith=PREFIX, depth=0)
    viewer, _ = get_user_model().objects.get_or_create(username="bench-cycle-viewer")
    Membership.objects.get_or_create(user=viewer, unit=root, role=Role.VIEWER)
    today = timezone.localdate()
    start, end = dt.date(today.year - args.years + 1, 1, 1), dt.date(today.year + 1, 1, 1)

    def national() -> Any:
        viewer.__dict__.pop("_huunghi_scope", None)
        return completeness(user=viewer, unit=root, start=start, end=end, today=today)

    timing, result = measure(national, runs=args.repeat)
    with CaptureQueriesContext(connection) as queries:
        national()
    return {
        "database": connection.vendor,
        "prepared": info,
        "completeness_national": {
            **timing.as_dict(),
            "queries": len(queries.captured_queries),
            "expected": result.total.expected,
            "received": result.total.received,
            "on_time": result.total.on_time,
            "rows": len(result.rows),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cycle", description=__doc__)
    parser.add_argument("--years", type=int, default=7)
    parser.add_argument("--provinces", type=int, default=10)
    parser.add_argument("--posts", type=int, default=100, help="Posts per province.")
    parser.add_argument("--stations", type=int, default=4, help="Stations per post.")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--database-url", help="One database (default: SQLite, and PostgreSQL).")
    args = parser.parse_args(argv)
    if args.database_url is None:
        rest = list(argv if argv is not None else sys.argv[1:])
        codes = [
            subprocess.call([sys.executable, "-m", "bench.cycle", *rest, "--database-url", url])
            for url in targets()
        ]
        return max(codes)
    setup(args.database_url)
    result = run(args)
    name = "cycle-results-" + result["database"] + ".json"
    (BENCH_DIR / name).write_text(json.dumps(result, indent=2, default=str))
    entry = result["completeness_national"]
    verdict = "OK" if entry["median_ms"] <= TARGET_MS else "SLOW"
    print(
        f"Cycle completeness, national viewer, {result['prepared']['units']:,} units × "
        f"{args.years} years ({result['database']}): {entry['median_ms']:.1f} ms median, "
        f"{entry['queries']} queries, {entry['received']:,}/{entry['expected']:,} received "
        f"(target ≤ {TARGET_MS:.0f} ms: {verdict})",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
