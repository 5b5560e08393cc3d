"""A real process killed in the middle of an import leaves no partial import behind.

The import runs in a child process on a scratch SQLite database and commits in chunks;
the child is sent SIGKILL once its progress file shows rows written. The worker's reaper
(run here as it runs in ``huunghi run_worker``) then finds the job silent, removes the
records its chunks had stored and marks it failed, saying that nothing was kept.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROWS = 300
ROOT = Path(settings.BASE_DIR)


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "HUUNGHI_VAR_DIR": str(tmp_path),
        "HUUNGHI_SECRET_KEY": "kill-test-only",
        "HUUNGHI_FAST_HASHER": "1",
        "HUUNGHI_TESTING": "1",
        "DJANGO_SETTINGS_MODULE": "huunghi.settings",
    }


def _wait_for_rows(tmp_path: Path, child: subprocess.Popen[str], at_least: int) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert child.poll() is None, "the import finished before it could be killed"
        for path in (tmp_path / "jobs").glob("import-*.json"):
            try:
                data = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
            if data["phase"] == "importing" and data["done"] >= at_least:
                return int(data["done"])
        time.sleep(0.05)
    raise AssertionError("no progress")


@pytest.mark.slow
def test_killing_the_importing_process_leaves_nothing(tmp_path: Path) -> None:
    env = _env(tmp_path)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(  # noqa: S603 (fixed arguments)
        [*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True, timeout=300
    )
    child = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [sys.executable, "-m", "huunghi.dataio.tests.kill_worker", str(ROWS)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        done = _wait_for_rows(tmp_path, child, at_least=40)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert 40 <= done < ROWS
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        stored = db.execute("SELECT count(*) FROM records_activity").fetchone()[0]
        status = db.execute("SELECT status FROM dataio_importjob").fetchone()[0]
    assert status == "running"
    reap = (
        "import django, datetime as dt; django.setup(); from django.utils import timezone; "
        "from huunghi.dataio.services.imports import import_reap; "
        "print(import_reap(now=timezone.now() + dt.timedelta(minutes=5)))"
    )
    subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "-c", reap], env=env, cwd=ROOT, check=True, timeout=300
    )
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        activities = db.execute("SELECT count(*) FROM records_activity").fetchone()[0]
        undone = db.execute(
            "SELECT count(*) FROM audit_auditevent WHERE action = 'import.undo'"
        ).fetchone()[0]
        status, message = db.execute("SELECT status, message FROM dataio_importjob").fetchone()
        journal = db.execute("SELECT count(*) FROM dataio_importjournalentry").fetchone()[0]
    assert stored > 0  # chunks had been committed before the kill
    assert (activities, journal) == (0, 0)
    assert undone == stored
    assert status == "failed"
    assert "Nothing was kept" in message
