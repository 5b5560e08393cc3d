"""Two worker processes on one PostgreSQL database share the queue: every job runs once.

django-tasks' database worker claims a job with ``SELECT … FOR UPDATE SKIP LOCKED`` inside a
transaction, so a second worker skips the row the first one holds instead of taking it
too. Two real ``huunghi run_worker`` processes against the test database, 40 jobs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from huunghi.dataio.tests.queue_tasks import note_run

JOBS = 40
ROOT = Path(settings.BASE_DIR)


def _worker_env(var_dir: Path) -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "HUUNGHI_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "huunghi.settings",
    }


def _start_worker(env: dict[str, str]) -> tuple[subprocess.Popen[str], threading.Event]:
    """A ``run_worker`` process, and an event set once it said it is polling."""
    worker = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [sys.executable, str(ROOT / "manage.py"), "run_worker"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    ready = threading.Event()

    def watch() -> None:
        assert worker.stdout is not None
        for line in worker.stdout:
            if "Starting worker" in line:
                ready.set()

    threading.Thread(target=watch, daemon=True).start()
    return worker, ready


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_workers_run_each_job_exactly_once(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("several workers share one PostgreSQL database (SQLite has one writer)")
    env = _worker_env(tmp_path)
    workers = [_start_worker(env) for _ in range(2)]
    try:
        for _worker, ready in workers:
            assert ready.wait(180), "a worker did not start"
        results = [note_run.enqueue(number) for number in range(JOBS)]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if (
                not DBTaskResult.objects.filter(id__in=[r.id for r in results])
                .exclude(status="SUCCESSFUL")
                .exists()
            ):
                break
            time.sleep(0.1)
    finally:
        for worker, _ready in workers:
            worker.send_signal(signal.SIGTERM)
        for worker, _ready in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
    rows = DBTaskResult.objects.filter(id__in=[r.id for r in results])
    assert Counter(rows.values_list("status", flat=True)) == {"SUCCESSFUL": JOBS}
    assert all(len(ids) == 1 for ids in rows.values_list("worker_ids", flat=True))
    runs = [line.split() for line in (tmp_path / "runs.txt").read_text().splitlines()]
    assert sorted(int(number) for number, _pid in runs) == list(range(JOBS)), "each job once"
    by_process = Counter(pid for _number, pid in runs)
    assert set(by_process) == {str(worker.pid) for worker, _ready in workers}, by_process
