"""Progress of a running job, kept beside the database.

An import runs in one transaction so that a failure or a killed process leaves
nothing behind. Its progress cannot be written to the job row meanwhile: the row
would only become visible at commit, and on SQLite a second connection cannot write
while the import holds the write lock. So the worker writes a small JSON file that
the progress page reads. Liveness is not read from it (VAR_DIR may be a host's own
disk): the job's ``heartbeat_at`` in the database says that (:mod:`huunghi.dataio.workers`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

WRITE_EVERY_SECONDS = 0.5


@dataclass(frozen=True)
class Progress:
    done: int = 0
    total: int = 0
    phase: str = ""
    at: dt.datetime | None = None

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


def _path(kind: str, job_id: int) -> Path:
    return Path(settings.VAR_DIR) / "jobs" / f"{kind}-{job_id}.json"


def write_progress(kind: str, job_id: int, *, done: int, total: int, phase: str) -> None:
    """Replace the job's progress file (atomically: readers never see half a file)."""
    path = _path(kind, job_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"done": done, "total": total, "phase": phase, "at": timezone.now().isoformat()}
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(payload), encoding="utf-8")
    tmp.replace(path)


def read_progress(kind: str, job_id: int) -> Progress:
    """The last progress written for the job (empty if none)."""
    try:
        data = json.loads(_path(kind, job_id).read_text(encoding="utf-8"))
        return Progress(
            int(data["done"]),
            int(data["total"]),
            str(data["phase"]),
            dt.datetime.fromisoformat(data["at"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return Progress()


def clear_progress(kind: str, job_id: int) -> None:
    _path(kind, job_id).unlink(missing_ok=True)


class Reporter:
    """Writes progress at most every ``WRITE_EVERY_SECONDS`` (and always at the end)."""

    def __init__(self, kind: str, job_id: int, total: int, phase: str) -> None:
        self.kind, self.job_id, self.total, self.phase = kind, job_id, total, phase
        self._last = 0.0

    def __call__(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last >= WRITE_EVERY_SECONDS or done >= self.total:
            write_progress(self.kind, self.job_id, done=done, total=self.total, phase=self.phase)
            self._last = now
