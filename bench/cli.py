"""``python -m bench``: run the benchmark on SQLite and PostgreSQL, print a table.

Each database runs in its own process (Django binds its database at start-up) with
``DATABASE_URL`` pointing at a dedicated bench database:

- SQLite: ``var/bench/bench-<size>.sqlite3``;
- PostgreSQL: database ``huunghi_bench_<size>`` on the server of ``--pg URL`` (or of
  ``DATABASE_URL`` when it is a PostgreSQL URL), created when missing.

Generated data is kept and reused on the next run while the size matches.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench import load

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DEFAULT_SQLITE_SIZE = 1_000_000
DEFAULT_PG_SIZE = 1_000_000

ROWS: list[tuple[str, str, str]] = [
    # (result key, label, target)
    ("national_summary", "National report, province × quarter, 7 years", "≤ 20 ms"),
    ("national_rows", "  maintained rows read / cells returned", "≈ 1"),
    ("national_raw", "  same by raw scan", ""),
    ("national_speedup", "  speed-up (raw ÷ summary)", "≥ 15×"),
    ("national_duckdb", "  same by DuckDB over the raw rows", ""),
    ("national_duck_speedup", "  speed-up (DuckDB ÷ summary)", "≥ 10×"),
    ("province_summary", "Province report, all indicators × quarter, 1 year", "≤ 5 ms"),
    ("province_rows", "  maintained rows read / cells returned", "≈ 1"),
    ("province_raw", "  same by raw scan", ""),
    ("province_speedup", "  speed-up (raw ÷ summary)", "≥ 15×"),
    ("summary_ratio", "Maintained rows (monthly + quarterly) ÷ activities", "≤ 1"),
    ("record_create", "Record save (create, with summary upkeep)", "< 20 ms"),
    ("record_update", "Record save (edit quantities, with summary upkeep)", "< 20 ms"),
    ("list_page_filtered", "Record list page, filtered, first page", "< 200 ms"),
    ("list_page", "Record list page, unfiltered, first page", "< 200 ms"),
    ("detail_page", "Record detail page", "< 200 ms"),
    ("dashboard_page", "Dashboard page (province account)", "< 200 ms"),
    ("dashboard_data", "Dashboard data (JSON, province account)", "< 200 ms"),
    ("review_docx", "Review report DOCX, province × year", "≤ 3000 ms"),
]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--size", type=int, help="Activities in both databases.")
    parser.add_argument("--sqlite-size", type=int, default=None)
    parser.add_argument("--pg-size", type=int, default=None)
    parser.add_argument("--pg", help="PostgreSQL URL (default: DATABASE_URL if postgres://).")
    parser.add_argument("--no-sqlite", action="store_true", help="Skip SQLite.")
    parser.add_argument("--no-pg", action="store_true", help="Skip PostgreSQL.")
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--years", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=15, help="Timed runs per scenario.")
    parser.add_argument(
        "--raw-repeat", type=int, default=3, help="Timed raw scans (0: none; DuckDB runs 3)."
    )
    parser.add_argument("--fresh", action="store_true", help="Regenerate the data.")
    parser.add_argument("--no-duckdb", action="store_true", help="Skip the DuckDB comparison.")
    parser.add_argument(
        "--only-totals", action="store_true", help="Totals and record saves only (no pages)."
    )
    parser.add_argument("--json", type=Path, default=BENCH_DIR / "results.json")
    parser.add_argument(
        "--only",
        choices=["all", "totals", "load", "contention"],
        default="all",
        help=(
            "Run only the totals/pages benchmark, the load test (bench/load.py) or the "
            "50,000-row import contention run (bench/contention.py)."
        ),
    )
    load.add_arguments(parser)
    return parser.parse_args(argv)


def pg_url(args: argparse.Namespace) -> str | None:
    url = args.pg or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def ensure_pg_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def targets(args: argparse.Namespace) -> list[tuple[str, str, int]]:
    """``(label, DATABASE_URL, size)`` of each database to run."""
    found = []
    if not args.no_sqlite:
        size = args.sqlite_size or args.size or DEFAULT_SQLITE_SIZE
        path = BENCH_DIR / f"bench-{size}.sqlite3"
        if args.fresh:  # a new file is much faster than purging millions of rows
            for leftover in BENCH_DIR.glob(f"bench-{size}.sqlite3*"):
                leftover.unlink()
        found.append(("SQLite", f"sqlite:///{path}", size))
    url = pg_url(args)
    if url and not args.no_pg:
        size = args.pg_size or args.size or DEFAULT_PG_SIZE
        name = f"huunghi_bench_{size}"
        ensure_pg_database(url, name)
        found.append(("PostgreSQL", with_database(url, name), size))
    return found


def run_target(args: argparse.Namespace, label: str, url: str, size: int) -> dict[str, Any]:
    out = BENCH_DIR / f"result-{label.lower()}.json"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "BENCH_LABEL": label,
        "HUUNGHI_SECRET_KEY": os.environ.get("HUUNGHI_SECRET_KEY", "bench-only-secret-key"),
        "HUUNGHI_DEBUG": "0",
        "HUUNGHI_TESTING": "1",
        "HUUNGHI_FAST_HASHER": "1",
        "HUUNGHI_DISABLE_AXES": "1",
        "HUUNGHI_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
        "HUUNGHI_VAR_DIR": str(BENCH_DIR / "var"),
        "HUUNGHI_DB_CONN_MAX_AGE": "0",
    }
    command = [
        sys.executable,
        "-m",
        "bench.worker",
        "--size",
        str(size),
        "--units",
        str(args.units),
        "--years",
        str(args.years),
        "--repeat",
        str(args.repeat),
        "--raw-repeat",
        str(args.raw_repeat),
        "--out",
        str(out),
    ]
    if args.fresh:
        command.append("--fresh")
    if args.no_duckdb:
        command.append("--no-duckdb")
    if args.only_totals:
        command.append("--only-totals")
    print(f"{label}: {size:,} activities ({url.split('@')[-1]})", file=sys.stderr, flush=True)
    completed = subprocess.run(command, env=env, cwd=ROOT, check=False)
    if completed.returncode != 0:
        return {"error": f"worker exited with {completed.returncode}", "size": size}
    return json.loads(out.read_text())


def speedups(result: dict[str, Any]) -> None:
    values = result.get("results", {})
    pairs = {
        "national_speedup": ("national_summary", "national_raw"),
        "province_speedup": ("province_summary", "province_raw"),
        "national_duck_speedup": ("national_summary", "national_duckdb"),
    }
    for name, (fast, slow) in pairs.items():
        summary, raw = values.get(fast), values.get(slow)
        if summary and raw and summary.get("median_ms"):
            ratio = raw["median_ms"] / summary["median_ms"]
            values[name] = {"ratio": round(ratio, 1), "equal": raw.get("equal")}
    prepared = result.get("prepared", {})
    if prepared.get("activities"):
        kept = prepared.get("summary_rows", 0) + prepared.get("rollup_rows", 0)
        values["summary_ratio"] = {
            "fraction": kept / prepared["activities"],
            "text": f"{kept:,} ÷ {prepared['activities']:,}",
        }


def cell(entry: dict[str, Any] | None) -> str:
    if not entry:
        return "–"
    if "skipped" in entry:
        return "n/a"
    if "fraction" in entry:
        return f"{entry['fraction']:.2f} ({entry['text']})"
    if "read" in entry:
        return f"{entry['read']:,} / {entry['returned']:,}"
    if "ratio" in entry:
        return f"{entry['ratio']:,.0f}×" + ("" if entry.get("equal", True) else " ≠")
    text = f"{entry['median_ms']:,.1f} ms"
    if entry.get("cpu_ms") is not None:
        # This process's CPU beside the wall clock: on a shared machine the difference
        # is mostly waiting for a core (and, on PostgreSQL, the server's own work).
        text += f" (cpu {entry['cpu_ms']:,.1f})"
    if entry.get("equal") is False:
        text += " ≠"
    if entry.get("status") not in (None, 200):
        text += f" ({entry['status']})"
    return text


def table(results: dict[str, dict[str, Any]]) -> str:
    labels = list(results)
    header = [
        "Scenario (median of runs)",
        *[f"{label} ({results[label].get('size', 0):,})" for label in labels],
        "Target",
    ]
    rows = [header]
    for key, title, target in ROWS:
        rows.append(
            [title, *[cell(results[label].get("results", {}).get(key)) for label in labels], target]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        lines.append(
            "  ".join(
                text.ljust(widths[i]) if i == 0 else text.rjust(widths[i])
                for i, text in enumerate(row)
            )
        )
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def preparation(results: dict[str, dict[str, Any]]) -> str:
    lines = []
    for label, result in results.items():
        if "error" in result:
            lines.append(f"{label}: {result['error']}")
            continue
        prepared = result.get("prepared", {})
        generated = prepared.get("generate_s")
        source = f"generated in {generated} s" if generated else "reused from var/bench/"
        lines.append(
            f"{label}: {result['size']:,} synthetic activities, {result['units']:,} units, "
            f"{result['years']} years ({source}); whole run {result.get('elapsed_s')} s"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if args.only == "load":
        return run_load(args)
    if args.only == "contention":
        from bench import contention

        return contention.main([])
    status = run_totals(args)
    return run_load(args) or status if args.only == "all" else status


def run_load(args: argparse.Namespace) -> int:
    """The load test against the real server (bench/load.py)."""
    started = time.monotonic()
    results = load.measure(args)
    (load.LOAD_DIR / "results.json").write_text(json.dumps(results, indent=2))
    print()
    print(load.table(results, args))
    prepared = ", ".join(f"{label} {r['prepare_s']} s" for label, r in results.items())
    print(f"Load test {time.monotonic() - started:.0f} s (preparation: {prepared}).")
    return 0


def run_totals(args: argparse.Namespace) -> int:
    started = time.monotonic()
    results: dict[str, dict[str, Any]] = {}
    chosen = targets(args)
    if not any(label == "PostgreSQL" for label, _u, _s in chosen) and not args.no_pg:
        print("PostgreSQL skipped: give --pg URL or DATABASE_URL=postgres://…", file=sys.stderr)
    for label, url, size in chosen:
        results[label] = run_target(args, label, url, size)
        speedups(results[label])
    load = os.getloadavg()
    print()
    print(
        f"Hữu Nghị benchmark · {time.strftime('%Y-%m-%d %H:%M')} · {os.cpu_count()} CPUs · "
        f"load average {load[0]:.1f} (timings are wall-clock medians with this process's CPU "
        "time; other processes slow them)"
    )
    print(table(results))
    print()
    print(preparation(results))
    print(f"Total {time.monotonic() - started:.0f} s. JSON: {args.json}")
    args.json.write_text(
        json.dumps(
            {"load_average": load, "cpus": os.cpu_count(), "targets": results},
            indent=2,
            default=str,
        )
    )
    return 0 if all("error" not in r for r in results.values()) else 1
