"""Other users keep working while a large import runs on SQLite.

Two child processes share one scratch SQLite database (WAL, the project's settings): one
imports a few thousand rows, the other signs in, saves records through the API and reads
the API list the whole time. None of those answers 500 (or "busy"), nine in ten answer
within a second and none near the busy timeout, and the import stores the whole file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Imports write in batches (about 150 rows/s on a loaded 2-core machine, more when it is
# quiet): enough rows that the import still overlaps the other user's calls.
ROWS = int(os.environ.get("HUUNGHI_CONTENTION_ROWS", "4000"))
USER_SECONDS = 15
MAX_WAIT_MS = 1000
# The machine running the suite is shared (2 cores, load often above 5): CPU time alone
# can stretch a request, so one call in ten may exceed the second, none the busy timeout.
HARD_CAP_MS = 4000


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "HUUNGHI_VAR_DIR": str(tmp_path),
        "HUUNGHI_SECRET_KEY": "contention-test-only",
        "HUUNGHI_FAST_HASHER": "1",
        "HUUNGHI_TESTING": "1",
        "HUUNGHI_TASKS_IMMEDIATE": "1",
        "HUUNGHI_DISABLE_AXES": "1",
        "HUUNGHI_ALLOWED_HOSTS": "testserver",
        "HUUNGHI_LANGUAGE_CODE": "en",
        "DJANGO_SETTINGS_MODULE": "huunghi.settings",
    }


def _child(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 (fixed arguments)
        [sys.executable, "-m", "huunghi.dataio.tests.contention_child", *args],
        env=env,
        cwd=ROOT,
        text=True,
    )


def _wait_for(path: Path, child: subprocess.Popen[str], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert child.poll() is None or path.exists(), "the child stopped early"
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.1)


@pytest.mark.slow
def test_users_save_and_sign_in_while_a_large_import_runs(tmp_path: Path) -> None:
    env = _env(tmp_path)
    subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    importer = _child(env, "import", str(ROWS), str(tmp_path))
    try:
        _wait_for(tmp_path / "people.json", importer, 120)
        user = _child(env, "user", str(USER_SECONDS), str(tmp_path))
        assert user.wait(timeout=USER_SECONDS + 120) == 0
        assert importer.wait(timeout=600) == 0
    finally:
        for child in (importer,):
            if child.poll() is None:
                child.kill()
    imported = json.loads((tmp_path / "import.json").read_text())
    timings = json.loads((tmp_path / "user.json").read_text())
    statuses = {t["status"] for t in timings}
    slowest = max(timings, key=lambda t: t["ms"])
    during = [t for t in timings if t["at"] < imported["ended_at"]]
    print(
        f"import {imported}, {len(timings)} calls, {len(during)} during the import,",
        "slowest",
        sorted(t["ms"] for t in timings)[-5:],
    )
    assert imported["status"] == "done" and imported["created"] == ROWS
    assert imported["seconds"] > 5, "the import was too short to overlap the users"
    assert statuses <= {200, 201, 302}, statuses
    assert len(during) >= 20
    ordered = sorted(t["ms"] for t in timings)
    assert ordered[int(len(ordered) * 0.9)] < MAX_WAIT_MS, ordered[-10:]
    assert slowest["ms"] < HARD_CAP_MS, slowest
