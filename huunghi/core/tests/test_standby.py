"""Dashboard reads from a real streaming standby (PostgreSQL runs only).

``scripts/pg.sh standby start`` copies the test cluster with pg_basebackup and streams
from it on another loopback port. The test then shows, with WAL replay paused on the
standby, that the dashboard answered from the standby (a new record, only on the
primary, is missing for a reader), that the record's author sees it at once (the
recent-writer cookie reads from the primary), that a standby lagging beyond the limit is
left alone, and that crashing the standby while requests run loses none of them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.core import db_router
from huunghi.core.db_router import PIN_COOKIE, REPLICA
from huunghi.records.tests.helpers import activity_post, make_activity

ROOT = Path(django_settings.BASE_DIR)
YEAR = {"period": "custom", "date_from": "2025-01-01", "date_to": "2025-12-31", "records": "all"}


def _pg(*args: str, standby_port: int) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HUUNGHI_PG_PORT": str(connection.settings_dict["PORT"]),
        "HUUNGHI_PG_STANDBY_PORT": str(standby_port),
        "HUUNGHI_PG_STANDBY_NAME": "standby-test",
    }
    return subprocess.run(  # noqa: S603 (fixed arguments)
        [str(ROOT / "scripts" / "pg.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _standby_port() -> int:
    return int(
        os.environ.get("HUUNGHI_TEST_STANDBY_PORT") or int(connection.settings_dict["PORT"]) + 2
    )


@pytest.fixture(scope="module", autouse=True)
def _replica_alias(django_db_setup: None) -> Iterator[None]:
    """``connections["replica"]``: the standby, known before the test case declares its
    databases (a mirror of the test database, so nothing flushes it)."""
    if connection.vendor != "postgresql":
        yield
        return
    connections.settings[REPLICA] = {
        **connection.settings_dict,
        "PORT": str(_standby_port()),
        "OPTIONS": {**connection.settings_dict.get("OPTIONS", {}), "connect_timeout": 2},
        "CONN_MAX_AGE": 60,
        "TEST": {**connection.settings_dict.get("TEST", {}), "MIRROR": connection.alias},
    }
    try:
        yield
    finally:
        connections[REPLICA].close()
        del connections.settings[REPLICA]
        with contextlib.suppress(AttributeError):
            del connections[REPLICA]
        db_router.forget_health()


@pytest.fixture
def standby(transactional_db: None) -> Iterator[Any]:
    """A hot standby of the test cluster on ``connections["replica"]``; dropped after."""
    if connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL run (scripts/test.sh pg)")

    def pg(*args: str) -> subprocess.CompletedProcess[str]:
        return _pg(*args, standby_port=_standby_port())

    if pg("status").returncode != 0:
        pytest.skip("the PostgreSQL server is not the one scripts/pg.sh runs")
    pg("standby", "drop")
    started = pg("standby", "start")
    if started.returncode != 0 and "wal_level = minimal" in started.stderr:
        pytest.skip(started.stderr.strip())
    assert started.returncode == 0, started.stderr
    db_router.forget_health()
    try:
        yield pg
    finally:
        connections[REPLICA].close()
        db_router.forget_health()
        pg("standby", "drop")


def _wait_replayed(timeout: float = 30.0) -> None:
    """Until the standby has replayed everything the primary wrote so far."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (target,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    raise AssertionError("the standby did not catch up")


def _records_counted(client: Client) -> int:
    response = client.get(reverse("reports:dashboard_data"), YEAR)
    assert response.status_code == 200
    return int(sum(response.json()["trend"]["series"][0]["data"]))


def _standby_queries(captured: CaptureQueriesContext) -> int:
    """Queries the standby answered for a page (the router's health probe aside)."""
    return sum("pg_is_in_recovery" not in query["sql"] for query in captured.captured_queries)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_dashboard_reads_from_a_streaming_standby(
    standby: Any, world: Any, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.HUUNGHI_REPLICA_CHECK_SECONDS = 0
    settings.HUUNGHI_REPLICA_MAX_LAG_SECONDS = 60
    clerk_user = world.user(Role.CLERK, world.post_xa_mat)
    reader, author = Client(), Client()
    reader.force_login(world.user(Role.VIEWER, world.national))
    author.force_login(clerk_user)
    second_reader = world.user(Role.VIEWER, world.national, username="second_reader")
    make_activity(world, clerk_user)
    _wait_replayed()
    replica = connections[REPLICA]

    # The standby answers the dashboard.
    with CaptureQueriesContext(replica) as on_standby:
        assert _records_counted(reader) == 1
    assert _standby_queries(on_standby) > 0

    # Replay paused: a new record exists on the primary only.
    assert standby("standby", "pause").returncode == 0
    created = author.post(reverse("records:create", args=["aid"]), activity_post("aid", world))
    assert created.status_code == 302, created.content[:500]
    assert PIN_COOKIE in author.cookies
    with CaptureQueriesContext(replica) as on_standby:
        assert _records_counted(reader) == 1, "the reader's dashboard came from the standby"
    assert _standby_queries(on_standby) > 0
    with CaptureQueriesContext(replica) as on_standby:
        assert _records_counted(author) == 2, "the author sees the new record at once"
    assert _standby_queries(on_standby) == 0

    # Lagging beyond the limit: everyone reads the primary.
    settings.HUUNGHI_REPLICA_MAX_LAG_SECONDS = 0.5
    time.sleep(0.7)
    with CaptureQueriesContext(replica) as on_standby:
        assert _records_counted(reader) == 2
    assert _standby_queries(on_standby) == 0

    # Replay resumed and caught up: the standby answers again, with the new record.
    settings.HUUNGHI_REPLICA_MAX_LAG_SECONDS = 60
    assert standby("standby", "resume").returncode == 0
    _wait_replayed()
    with CaptureQueriesContext(replica) as on_standby:
        assert _records_counted(reader) == 2
    assert _standby_queries(on_standby) > 0

    # Crash the standby while a reader keeps asking; the router trusts its last check
    # for a while, so requests meet the dead standby and must run again on the primary.
    settings.HUUNGHI_REPLICA_CHECK_SECONDS = 60
    answers: list[int | str] = []
    stop = threading.Event()

    def keep_reading() -> None:
        client = Client()
        client.force_login(second_reader)
        try:
            while not stop.is_set():
                try:
                    answers.append(_records_counted(client))
                except Exception as exc:
                    answers.append(repr(exc))
        finally:
            connections.close_all()

    thread = threading.Thread(target=keep_reading)
    thread.start()
    try:
        deadline = time.monotonic() + 120
        while len(answers) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        before_kill = len(answers)
        assert standby("standby", "kill").returncode == 0
        while len(answers) < before_kill + 3 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert len(answers) >= before_kill + 3
    assert set(answers) == {2}, [a for a in answers if a != 2][:3]
    assert "The standby failed under a request" in caplog.text, "the rerun was exercised"
    # Also for this thread, whose connection to the standby is now dead.
    assert _records_counted(reader) == 2
    db_router.forget_health()
    assert not db_router.replica_usable()


def _export(user: Any) -> tuple[Any, list[str]]:
    """Run a background export (as the worker does); the job and its CSV lines."""
    from huunghi.dataio.models import ExportJob
    from huunghi.dataio.services import exports

    job = ExportJob.objects.create(
        user=user, kind="activities", format="csv", params={}, language="en"
    )
    exports.run_export(job.pk)
    job.refresh_from_db()
    with job.file.open("rb") as handle:
        lines = handle.read().decode("utf-8-sig").splitlines()
    return job, lines[1:]


def _touches(captured: CaptureQueriesContext, table: str) -> bool:
    return any(table in query["sql"] for query in captured.captured_queries)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_background_exports_and_review_reports_read_from_the_standby(
    standby: Any, world: Any, settings: Any
) -> None:
    """Worker jobs read their rows from the standby and write only to the primary; a
    standby behind what the primary held when the job began is not used (the job's
    requester sees what they wrote just before asking), nor is a dead one."""
    from huunghi.audit.models import AuditEvent
    from huunghi.dataio.models import ExportStatus
    from huunghi.reports.models import JobStatus, ReportJob
    from huunghi.reports.review.jobs import run_job

    settings.HUUNGHI_REPLICA_CHECK_SECONDS = 0
    settings.HUUNGHI_REPLICA_MAX_LAG_SECONDS = 5
    clerk_user = world.user(Role.CLERK, world.post_xa_mat)
    make_activity(world, clerk_user)
    _wait_replayed()
    replica = connections[REPLICA]

    # The export's rows come from the standby; its job, file and audit row are written
    # to the primary (a standby takes no writes: any would have failed the job).
    audits = AuditEvent.objects.count()
    with CaptureQueriesContext(replica) as on_standby:
        job, lines = _export(clerk_user)
    assert job.status == ExportStatus.DONE, job.message
    assert len(lines) == job.processed_rows == job.total_rows == 1
    assert _touches(on_standby, "records_activity"), "the rows were read on the standby"
    assert not _touches(on_standby, "dataio_exportjob")
    assert AuditEvent.objects.count() == audits + 1

    # So are the review report's, while its progress goes to the primary.
    report = ReportJob.objects.create(
        requested_by=world.user(Role.APPROVER, world.bdbp_tay_ninh, username="approver_sb"),
        unit=world.bdbp_tay_ninh,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        approved_only=False,
        language="vi",
    )
    with CaptureQueriesContext(replica) as on_standby:
        assert run_job(str(report.pk)) == JobStatus.DONE
    assert _touches(on_standby, "records_activity"), "the report's numbers came from the standby"
    assert not _touches(on_standby, "reports_reportjob")

    # Replay paused: a record written just before the export is not on the standby yet,
    # so the job waits at most the allowed lag and then reads the primary.
    assert standby("standby", "pause").returncode == 0
    make_activity(world, clerk_user, title="Written just before the export")
    settings.HUUNGHI_REPLICA_MAX_LAG_SECONDS = 1
    with CaptureQueriesContext(replica) as on_standby:
        job, lines = _export(clerk_user)
    assert job.status == ExportStatus.DONE and len(lines) == 2
    assert not _touches(on_standby, "records_activity")

    # Standby dead: the export completes from the primary.
    assert standby("standby", "kill").returncode == 0
    db_router.forget_health()
    job, lines = _export(clerk_user)
    assert job.status == ExportStatus.DONE and len(lines) == 2
