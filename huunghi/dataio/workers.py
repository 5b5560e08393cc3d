"""Whether a background worker is alive, and the worker's own housekeeping.

Liveness lives in the database every host shares, never in local files: each worker
process (``huunghi run_worker``) writes its :class:`~huunghi.dataio.models.WorkerHeartbeat`
row every few seconds, and the ``heartbeat_at`` of every job it is running (imports,
exports, review reports: :data:`JOB_KINDS`, all :class:`~huunghi.dataio.models.WorkerJob`).
Pages ask :func:`waiting_for_worker` to tell a queued job "waiting for the worker" apart
from one about to start; the reaper (:func:`reap_all`, run by the same thread in every
worker) fails a job only when its ``heartbeat_at`` went silent, so a job running on
another host is never reaped while its worker lives.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import OperationalError, connection
from django.utils import timezone
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from huunghi.dataio.models import WorkerJob

logger = logging.getLogger(__name__)

BEAT_EVERY_SECONDS = 5.0
ALIVE_WITHIN_SECONDS = 30.0
REAP_EVERY_SECONDS = 15.0
FORGET_AFTER = dt.timedelta(days=1)

# Every kind of job a worker runs, with the service that fails one whose worker died and
# says on it what was kept. One heartbeat and one reaper serve them all.
JOB_KINDS: dict[str, str] = {
    "dataio.ImportJob": "huunghi.dataio.services.imports.import_fail_dead",
    "dataio.ExportJob": "huunghi.dataio.services.exports.export_fail_dead",
    "reports.ReportJob": "huunghi.reports.review.jobs.report_job_fail_dead",
}

# Jobs this process is running, as (model label, primary key): their heartbeat is
# written by the housekeeping thread, on its own connection, while the job's thread works.
_running: set[tuple[str, Any]] = set()
_running_lock = threading.Lock()


def beat(name: str) -> None:
    """Say that the worker ``name`` is alive now."""
    from huunghi.dataio.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


def forget(name: str) -> None:
    from huunghi.dataio.models import WorkerHeartbeat

    WorkerHeartbeat.objects.filter(name=name).delete()


def worker_alive(now: dt.datetime | None = None) -> bool:
    """Whether any worker, on any host, beat within the last ``ALIVE_WITHIN_SECONDS``."""
    from huunghi.dataio.models import WorkerHeartbeat

    since = (now or timezone.now()) - dt.timedelta(seconds=ALIVE_WITHIN_SECONDS)
    return WorkerHeartbeat.objects.filter(beat_at__gt=since).exists()


def waiting_for_worker(job: WorkerJob) -> bool:
    """Whether the job waits in the queue while no worker is alive to start it."""
    return job.is_waiting_to_start and not worker_alive()


def running_here(label: str) -> frozenset[Any]:
    """Primary keys of the jobs of model ``label`` this process is running now (alive
    by definition)."""
    with _running_lock:
        return frozenset(pk for kind, pk in _running if kind == label)


@contextmanager
def running_job(model: type[WorkerJob], pk: Any) -> Iterator[None]:
    """Within the block this process runs the job: its heartbeat is kept (and written
    now, which marks the job started)."""
    key = (model._meta.label, pk)
    with _running_lock:
        _running.add(key)
    try:
        beat_jobs()
        yield
    finally:
        with _running_lock:
            _running.discard(key)


def beat_jobs() -> int:
    """Write ``heartbeat_at`` of the active jobs this process runs; how many."""
    with _running_lock:
        labels = {label for label, _pk in _running}
    now = timezone.now()
    written = 0
    for label in labels:
        model = apps.get_model(label)
        active = model.objects.filter(pk__in=running_here(label), status__in=model.ACTIVE)
        written += active.update(heartbeat_at=now)
    return written


def reap_dead_jobs(label: str, now: dt.datetime | None = None) -> list[Any]:
    """Fail every active job of model ``label`` whose worker died (silent for
    ``STALE_AFTER``, run by no thread of this process) with its kind's service, which
    says what was kept. The primary keys reaped."""
    model = apps.get_model(label)
    fail = import_string(JOB_KINDS[label])
    active = model.objects.filter(status__in=model.ACTIVE).exclude(pk__in=running_here(label))
    reaped = []
    for job in active:
        if job.is_stale(now):
            fail(job)
            reaped.append(job.pk)
    return reaped


def reap_all(now: dt.datetime | None = None) -> dict[str, list[Any]]:
    """:func:`reap_dead_jobs` for every kind of job; what was reaped, by kind."""
    return {label: reap_dead_jobs(label, now) for label in JOB_KINDS}


def _forget_old_workers() -> None:
    from huunghi.dataio.models import WorkerHeartbeat

    WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - FORGET_AFTER).delete()


def housekeeping(name: str, stop: threading.Event) -> None:
    """Beat every few seconds and reap dead jobs now and then, until ``stop`` is set."""
    last_reap = 0.0
    try:
        while not stop.is_set():
            try:
                beat(name)
                beat_jobs()
            except Exception:  # a busy database (SQLite during a long write): next beat
                logger.warning("The worker's heartbeat could not be written", exc_info=True)
                connection.close()  # a broken connection is opened again next time
            if time.monotonic() - last_reap > REAP_EVERY_SECONDS:
                last_reap = time.monotonic()
                try:
                    reap_all()
                    _forget_old_workers()
                except Exception:  # a busy database: next round
                    logger.warning("Reaping dead jobs failed", exc_info=True)
                    connection.close()
            stop.wait(BEAT_EVERY_SECONDS)
        _forget_when_free(name)
    except Exception:
        logger.warning("The worker's heartbeat row was not removed", exc_info=True)
    finally:
        connection.close()


def _forget_when_free(name: str, attempts: int = 20) -> None:
    """Remove the worker's row, trying again for about a second while the table is locked
    by another connection (SQLite answers "table is locked" at once, with no busy wait,
    when a reader of a shared cache holds it)."""
    for _ in range(attempts - 1):
        try:
            forget(name)
            return
        except OperationalError:
            time.sleep(0.05)
    forget(name)


def start_housekeeping(name: str) -> threading.Event:
    """Run :func:`housekeeping` in a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=housekeeping, args=(name, stop), daemon=True)
    thread.start()
    return stop
