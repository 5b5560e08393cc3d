"""Load test: 50 connections against the real server, every page beside a trivial one.

``python -m bench --only load`` (part of ``make bench``). Prepares (once, then reuses)
an SQLite database with the demo data plus ``--load-activities`` synthetic activities in
``var/bench/load/``, starts the server exactly as ``make run`` serves (granian, WSGI,
2 workers × 4 threads) on a loopback port of its own, and drives it with ``wrk``
(``scripts/install-apt.sh bench``) for a bounded time per page:

- the sign-in page (anonymous): the trivial baseline of the same run;
- the records list, the dashboard and its data as a national viewer (session cookie);
- the API list and a record save (``POST /api/v1/activities/``) with a token.

Prints req/s, p50 and p99 per page, each page's req/s as a share of the trivial page's,
and p99 ÷ p50. Targets: share ≥ 1/3, p99 ≤ 2 × p50. The trivial page is measured before
the first page and again after every page, and each page is compared with the mean of
the two trivial runs around it: on a shared machine whose load changes during the
bench, a single baseline measured minutes earlier skewed the ratios either way. The
server is stopped at the end.

``--load-db pg`` (or ``both``, the default) runs the same pages on PostgreSQL with
``--load-pg-activities`` (default 1 M) synthetic activities: the bench starts a cluster
of its own through ``scripts/pg.sh`` (port ``--load-pg-port``, data in
``var/bench/load/pg``; stopped again at the end, data kept for the next run), or uses the
server of ``--load-pg-url``, in database ``huunghi_load_<size>``, prepared once with the
set-based generator (``manage.py demo_volume``) and reused while the size matches.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOAD_DIR = ROOT / "var" / "bench" / "load"
PY = sys.executable
PASSWORD = "Bench-load-pass-2026"


@dataclass
class Page:
    key: str
    label: str
    path: str
    auth: str = ""  # "", "session" or "token"
    method: str = "GET"


PAGES = [
    Page("trivial", "Sign-in page (anonymous, baseline)", "/accounts/login/"),
    Page("records", "Records list (national viewer)", "/records/", "session"),
    Page("dashboard", "Dashboard (national viewer)", "/reports/", "session"),
    Page("dashboard_data", "Dashboard data (JSON)", "/reports/data/", "session"),
    Page("api_list", "API list /api/v1/activities/ (token)", "/api/v1/activities/", "token"),
    Page(
        "save",
        "Record save POST /api/v1/activities/ (token)",
        "/api/v1/activities/",
        "token",
        "POST",
    ),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("load test (bench/load.py)")
    group.add_argument("--load-seconds", type=int, default=15, help="Seconds per page.")
    group.add_argument("--load-connections", type=int, default=50)
    group.add_argument("--load-port", type=int, default=8611)
    group.add_argument("--load-activities", type=int, default=100_000)
    group.add_argument("--load-pages", default="", help="Comma-separated page keys.")
    group.add_argument("--load-db", choices=["sqlite", "pg", "both"], default="both")
    group.add_argument("--load-pg-activities", type=int, default=1_000_000)
    group.add_argument("--load-pg-port", type=int, default=54341, help="scripts/pg.sh port.")
    group.add_argument("--load-pg-url", default="", help="Use this PostgreSQL server instead.")


@dataclass
class Target:
    """One database the pages are measured on."""

    label: str
    database_url: str
    var_dir: Path
    activities: int


def sqlite_target(activities: int) -> Target:
    return Target("SQLite", f"sqlite:///{LOAD_DIR / 'huunghi.sqlite3'}", LOAD_DIR, activities)


PG_DIR = LOAD_DIR / "pg"


def pg_environment(port: int) -> dict[str, str]:
    return {**os.environ, "HUUNGHI_PG_PORT": str(port), "HUUNGHI_PG_DIR": str(PG_DIR)}


def pg_server(args: argparse.Namespace) -> tuple[str, bool]:
    """The PostgreSQL server URL, and whether this run started it (scripts/pg.sh)."""
    if args.load_pg_url:
        return args.load_pg_url, False
    script = str(ROOT / "scripts" / "pg.sh")
    environment = pg_environment(args.load_pg_port)
    running = subprocess.run([script, "status"], env=environment, check=False).returncode == 0
    done = subprocess.run(
        [script, "start"], env=environment, check=True, capture_output=True, text=True
    )
    return done.stdout.strip().splitlines()[-1], not running


def pg_stop(args: argparse.Namespace) -> None:
    script = str(ROOT / "scripts" / "pg.sh")
    subprocess.run([script, "stop"], env=pg_environment(args.load_pg_port), check=False)


def pg_target(server_url: str, activities: int) -> Target:
    """Database ``huunghi_load_<size>`` on the server, created when missing."""
    import psycopg

    name = f"huunghi_load_{activities}"
    parts = urllib.parse.urlsplit(server_url)
    with psycopg.connect(
        server_url.replace("postgres://", "postgresql://", 1), autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))
    return Target("PostgreSQL", url, LOAD_DIR / "pg-var", activities)


def env(target: Target) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": target.database_url,
        "HUUNGHI_VAR_DIR": str(target.var_dir),
        "HUUNGHI_SECRET_KEY": "bench-load-only-secret-key-0123456789abcdefghijklmnop",
        "HUUNGHI_DEBUG": "0",
        "HUUNGHI_FAST_HASHER": "1",
        "HUUNGHI_DISABLE_AXES": "1",
        "HUUNGHI_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HUUNGHI_LANGUAGE_CODE": "vi",
    }


def manage(environment: dict[str, str], *args: str, timeout: int = 1800) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args],
        env=environment,
        cwd=ROOT,
        check=True,
        timeout=timeout,
        capture_output=True,
        text=True,
    )
    return done.stdout


ACCOUNTS = """
from huunghi.accounts.models import Membership, Role, User
from huunghi.accounts.services import api_token_create
from huunghi.organisations.models import Unit
viewer, _ = User.objects.get_or_create(username="bench_national")
clerk, _ = User.objects.get_or_create(username="bench_clerk")
for user in (viewer, clerk):
    user.set_password("{password}"); user.save()
roots = Unit.objects.filter(parent__isnull=True, valid_to__isnull=True, code__startswith="SYN-")
for root in roots:
    Membership.objects.get_or_create(user=viewer, unit=root, role=Role.VIEWER)
post = Unit.objects.filter(code__startswith="SYN-", country__code="VN", valid_to__isnull=True
    ).order_by("-depth", "id").first()
Membership.objects.get_or_create(user=clerk, unit=post, role=Role.CLERK)
token, raw = api_token_create(user=clerk, name="bench load")
from huunghi.geography.models import AdminUnit
place = AdminUnit.objects.filter(level="province", country__code="VN", valid_to__isnull=True
    ).first()
import json; print(json.dumps({{"token": raw, "unit": post.pk, "place": place.pk}}))
"""


def prepare(target: Target) -> dict[str, Any]:
    """The bench database (reused while the size matches) and its accounts."""
    target.var_dir.mkdir(parents=True, exist_ok=True)
    marker = target.var_dir / "prepared.json"
    environment = env(target)
    started = time.monotonic()
    wanted = {"activities": target.activities, "database": target.database_url.split("@")[-1]}
    known = json.loads(marker.read_text()) if marker.exists() else {}
    if any(known.get(key, value) != value for key, value in wanted.items()) or not known:
        marker.unlink(missing_ok=True)
        if target.label == "SQLite":
            for path in LOAD_DIR.glob("huunghi.sqlite3*"):
                path.unlink()
        else:  # a half-prepared or other-size database: start from an empty schema
            manage(environment, "shell", "-c", DROP_SCHEMA)
        say(f"{target.label}: preparing the load database (demo data + synthetic volume)")
        manage(environment, "migrate", "--noinput", "-v0")
        manage(environment, "setup_demo")
        manage(
            environment, "demo_volume", "--activities", str(target.activities), "--units", "1000"
        )
        marker.write_text(json.dumps(wanted))
    else:  # a reused database gets the migrations added since (data migrations fill them)
        manage(environment, "migrate", "--noinput", "-v0")
    if target.var_dir != LOAD_DIR:  # the collected static files are shared
        static = target.var_dir / "static"
        if not static.exists():
            static.symlink_to(LOAD_DIR / "static")
    if _static_outdated():
        manage(env(sqlite_target(0)), "collectstatic", "--noinput", "-v0")
    printed = manage(environment, "shell", "-c", ACCOUNTS.format(password=PASSWORD))
    accounts = json.loads(printed.strip().splitlines()[-1])
    accounts["prepare_s"] = round(time.monotonic() - started, 1)
    return accounts


DROP_SCHEMA = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
"""


def _static_outdated() -> bool:
    """Whether the collected (compressed, hashed) static files miss newer sources."""
    manifest = LOAD_DIR / "static" / "staticfiles.json"
    if not manifest.exists():
        return True
    newest = max(p.stat().st_mtime for p in (ROOT / "huunghi").rglob("static/**/*") if p.is_file())
    return newest > manifest.stat().st_mtime


def say(text: str) -> None:
    print(f"load: {text}", file=sys.stderr, flush=True)


def start_server(port: int, target: Target) -> subprocess.Popen[bytes]:
    """granian as ``scripts/run.sh`` serves: WSGI, 2 workers × 4 blocking threads."""
    command = [
        str(ROOT / ".venv" / "bin" / "granian"),
        "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
        "--workers", os.environ.get("WORKERS", "2"),
        "--blocking-threads", os.environ.get("THREADS", "4"),
        "--no-ws", "--log-level", "warning", "huunghi.wsgi:application",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env(target), cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        if server.poll() is not None:
            raise SystemExit(f"load: the server exited with {server.returncode}")
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit("load: the server did not start within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def session_cookie(base: str, username: str) -> str:
    """Sign in through the real form and return the session cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/accounts/login/", timeout=30).read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    body = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", body, headers={"Referer": f"{base}/accounts/login/"}
    )
    opener.open(request, timeout=30).read()
    for cookie in jar:
        if cookie.name == "sessionid":
            return f"sessionid={cookie.value}"
    raise SystemExit("load: signing in failed (no session cookie)")


def lua_script(page: Page, accounts: dict[str, Any]) -> Path:
    """A wrk script for the page: headers, and for the save a JSON body."""
    body = {
        "kind": "aid",
        "unit_id": accounts["unit"],
        "title": "Bench save",
        "start_date": "2025-08-01",
        "place_id": accounts["place"],
        "details": {
            "goods_or_money": "goods",
            "funding_source": "self_mobilised",
            "recipient_type": "unit",
            "recipient": "Bench",
        },
    }
    lines = [f'wrk.method = "{page.method}"']
    if page.auth == "token":
        lines.append(f'wrk.headers["Authorization"] = "Bearer {accounts["token"]}"')
    if page.auth == "session":
        lines.append(f'wrk.headers["Cookie"] = "{accounts["cookie"]}"')
    if page.method == "POST":
        lines.append('wrk.headers["Content-Type"] = "application/json"')
        lines.append(f"wrk.body = [[{json.dumps(body)}]]")
    path = LOAD_DIR / f"{page.key}.lua"
    path.write_text("\n".join(lines) + "\n")
    return path


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip()).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


def connection_split(port: int) -> str:
    """How wrk's connections are spread over the server's processes, e.g. ``"21/29"``.

    Each worker serves the connections it accepted, so with every worker busy a request's
    wait grows with its worker's share: 20/30 alone puts the slower worker's requests at
    1.5 × the other's, a tail no page can remove (p99 ÷ p50 of the trivial page too)."""
    try:
        out = subprocess.run(
            ["ss", "-Htnp", "state", "established", f"( sport = :{port} )"],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return ""
    counts: dict[str, int] = {}
    for pid in re.findall(r"pid=(\d+)", out):
        counts[pid] = counts.get(pid, 0) + 1
    return "/".join(str(n) for n in sorted(counts.values()))


def run_wrk(url: str, script: Path, seconds: int, connections: int) -> dict[str, Any]:
    command = [
        "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
        "-s", str(script), url,
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    result: dict[str, Any] = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])}  # type: ignore[index]
    for name, percent in (("p50", "50%"), ("p99", "99%")):
        found = re.search(rf"^\s+{percent}\s+(\S+)", out, re.MULTILINE)
        result[name] = _ms(found[1]) if found else None
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["non_2xx"] = int(errors[1]) if errors else 0
    sockets = re.search(r"Socket errors: (.*)", out)
    result["socket_errors"] = sockets[1] if sockets else ""
    return result


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Every chosen database in turn: ``{label: results}``."""
    if not shutil.which("wrk"):
        raise SystemExit("load: wrk is missing; install it with scripts/install-apt.sh bench")
    measured: dict[str, Any] = {}
    if args.load_db in ("sqlite", "both"):
        measured["SQLite"] = measure_target(args, sqlite_target(args.load_activities))
    if args.load_db in ("pg", "both"):
        started = time.monotonic()
        server_url, started_here = pg_server(args)
        try:
            target = pg_target(server_url, args.load_pg_activities)
            server_s = time.monotonic() - started
            measured["PostgreSQL"] = measure_target(args, target)
            measured["PostgreSQL"]["prepare_s"] += round(server_s, 1)
        finally:
            if started_here:
                pg_stop(args)
    return measured


def measure_target(args: argparse.Namespace, target: Target) -> dict[str, Any]:
    chosen = {k for k in args.load_pages.split(",") if k} or {p.key for p in PAGES}
    chosen.add("trivial")
    accounts = prepare(target)
    base = f"http://127.0.0.1:{args.load_port}"
    server = start_server(args.load_port, target)
    results: dict[str, Any] = {
        "prepare_s": accounts["prepare_s"],
        "activities": target.activities,
    }
    trivial = PAGES[0]
    baselines: list[dict[str, Any]] = []

    def run(page: Page) -> dict[str, Any]:
        script = lua_script(page, accounts)
        say(
            f"{target.label} · {page.label}: {args.load_seconds} s at "
            f"{args.load_connections} connections"
        )
        # Warm up every thread of both workers (first requests import and compile).
        run_wrk(base + page.path, script, 3, args.load_connections)
        split: list[str] = []
        sampler = threading.Timer(1.0, lambda: split.append(connection_split(args.load_port)))
        sampler.start()
        result = run_wrk(base + page.path, script, args.load_seconds, args.load_connections)
        sampler.join()
        result["connections_per_worker"] = split[0] if split else ""
        return result

    try:
        accounts["cookie"] = session_cookie(base, "bench_national")
        baselines.append(run(trivial))
        for page in PAGES[1:]:
            if page.key not in chosen:
                continue
            results[page.key] = run(page)
            # The trivial page again after every page: each page is compared with the
            # runs just before and after it, so a machine whose load changes during the
            # bench (other processes) does not skew the ratios.
            baselines.append(run(trivial))
            results[page.key]["trivial_rps"] = (baselines[-2]["rps"] + baselines[-1]["rps"]) / 2
    finally:
        stop_server(server)
    results["trivial"] = _baseline(baselines)
    return results


def _baseline(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The trivial page over all its runs: mean req/s, median p50 and p99, every run."""
    middle = len(runs) // 2
    return {
        "rps": sum(r["rps"] for r in runs) / len(runs),
        "p50": sorted(r["p50"] for r in runs)[middle],
        "p99": sorted(r["p99"] for r in runs)[middle],
        "non_2xx": sum(r["non_2xx"] for r in runs),
        "socket_errors": " ".join(r["socket_errors"] for r in runs if r["socket_errors"]),
        "connections_per_worker": " ".join(r.get("connections_per_worker", "") for r in runs),
        "runs": runs,
    }


def table(measured: dict[str, Any], args: argparse.Namespace) -> str:
    """One table per database."""
    return "\n\n".join(target_table(label, results, args) for label, results in measured.items())


def target_table(label: str, results: dict[str, Any], args: argparse.Namespace) -> str:
    trivial = results.get("trivial", {}).get("rps") or 0.0
    runs = len(results.get("trivial", {}).get("runs", [])) or 1
    rows = [
        [
            "Page",
            "req/s",
            "p50 ms",
            "p99 ms",
            "÷ trivial",
            "p99 ÷ p50",
            "non-2xx",
            "conns",
            "target",
        ]
    ]
    for page in PAGES:
        entry = results.get(page.key)
        if not entry:
            continue
        baseline = entry.get("trivial_rps", trivial)
        share = entry["rps"] / baseline if baseline else 0.0
        spread = entry["p99"] / entry["p50"] if entry["p50"] else 0.0
        met = page.key == "trivial" or (share >= 1 / 3 and spread <= 2)
        rows.append([
            page.label, f"{entry['rps']:.1f}", f"{entry['p50']:.0f}", f"{entry['p99']:.0f}",
            f"{share:.2f}", f"{spread:.1f}", str(entry["non_2xx"]),
            entry.get("connections_per_worker") or "–",
            "–" if page.key == "trivial" else ("met" if met else "NOT met"),
        ])  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        f"Load: {args.load_connections} connections, {args.load_seconds} s per page, {label}, "
        f"demo data + {results.get('activities', 0):,} synthetic activities, granian "
        f"{os.environ.get('WORKERS', '2')} × {os.environ.get('THREADS', '4')} "
        f"threads, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
        f"(preparation {results.get('prepare_s')} s)"
    ]
    for index, row in enumerate(rows):
        lines.append(
            "  ".join(
                t.ljust(widths[i]) if i == 0 else t.rjust(widths[i]) for i, t in enumerate(row)
            )
        )
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(
        "Targets: req/s ≥ 1/3 of the trivial page's, p99 ≤ 2 × p50 (issue 13). The trivial "
        "page runs before and after every page; ÷ trivial is against the mean of those two "
        f"runs (its row: mean req/s, median p50 and p99 of {runs} runs)."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    results = measure(args)
    (LOAD_DIR / "results.json").write_text(json.dumps(results, indent=2))
    print(table(results, args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
