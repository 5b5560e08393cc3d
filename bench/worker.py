"""One benchmark run against one database, in its own process (``python -m bench.worker``).

The parent (:mod:`bench.cli`) sets ``DATABASE_URL`` to the bench database; this
process prepares it (migrate, geography, synthetic volume, all reused when present),
runs the scenarios and writes its results as JSON to ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

STARTED = time.monotonic()


def log(message: str) -> None:
    label = os.environ.get("BENCH_LABEL", "bench")
    elapsed = time.monotonic() - STARTED
    print(f"[{label} {elapsed:6.0f} s] {message}", file=sys.stderr, flush=True)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huunghi.settings")
    import django

    django.setup()


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    """Migrate, load geography and generate the volume unless already there."""
    from django.core.management import call_command

    from huunghi.geography.models import AdminUnit
    from huunghi.records.generator import VolumeSpec, generate_volume
    from huunghi.records.models import Activity
    from huunghi.reports.models import ActivitySummary
    from huunghi.reports.purge import purge_synthetic

    info: dict[str, Any] = {}
    started = time.monotonic()
    call_command("migrate", verbosity=0, skip_checks=True)
    info["migrate_s"] = round(time.monotonic() - started, 1)
    if not AdminUnit.objects.exists():
        started = time.monotonic()
        try:
            quiet = io.StringIO()
            call_command("load_geography", verbosity=0, skip_checks=True, stdout=quiet)
            call_command("load_border_reference", verbosity=0, skip_checks=True, stdout=quiet)
        except Exception as exc:
            log(f"geography not loaded ({exc}); activities get no place")
        info["geography_s"] = round(time.monotonic() - started, 1)
        log(f"geography loaded in {info['geography_s']} s")
    existing = Activity.objects.filter(is_synthetic=True, source_type="synthetic").count()
    summarised = ActivitySummary.objects.filter(is_synthetic=True).exists()
    if args.fresh or existing != args.size or not summarised:
        log(f"generating {args.size:,} activities (found {existing:,})")
        started = time.monotonic()
        purge_synthetic()
        spec = VolumeSpec(activities=args.size, units=args.units, years=args.years, seed=args.seed)
        counts = generate_volume(spec, progress=lambda m: log(f"  {m}"))
        info["generated"] = counts
        info["generate_s"] = round(time.monotonic() - started, 1)
        log(f"generated in {info['generate_s']} s")
    else:
        info["generate_s"] = None
        log(f"reusing {existing:,} synthetic activities")
    analyze()
    info |= row_counts()
    log(
        f"{info['activities']:,} activities, {info['summary_rows']:,} monthly summary rows, "
        f"{info['rollup_rows']:,} quarterly roll-up rows"
    )
    return info


def row_counts() -> dict[str, int]:
    from huunghi.records.models import Activity, ActivityQuantity
    from huunghi.reports.models import ActivityRollup, ActivitySummary

    return {
        "activities": Activity.objects.count(),
        "quantities": ActivityQuantity.objects.count(),
        "summary_rows": ActivitySummary.objects.count(),
        "rollup_rows": ActivityRollup.objects.count(),
    }


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--years", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--raw-repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--no-duckdb", action="store_true")
    parser.add_argument("--only-totals", action="store_true", help="Skip pages and report.")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    (Path(os.environ.get("HUUNGHI_VAR_DIR", "var")) / "static").mkdir(parents=True, exist_ok=True)
    setup_django()
    from django.db import connection

    from bench.scenarios import run_scenarios

    started = time.monotonic()
    info = prepare(args)
    duck = None
    if not args.no_duckdb:
        from bench import duck as duck_scan

        started_duck = time.monotonic()
        duck = duck_scan.load(args.out.parent / f"duck-{args.size}", log)
        info["duckdb_load_s"] = round(time.monotonic() - started_duck, 1)
    results = run_scenarios(
        repeat=args.repeat,
        raw_repeat=args.raw_repeat,
        years=args.years,
        duck=duck,
        only_totals=args.only_totals,
    )
    payload = {
        "vendor": connection.vendor,
        "size": args.size,
        "units": args.units,
        "years": args.years,
        "prepared": info,
        "results": results,
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "elapsed_s": round(time.monotonic() - started, 1),
    }
    args.out.write_text(json.dumps(payload, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
