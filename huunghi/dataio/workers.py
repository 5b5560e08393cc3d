"""Whether a background worker is alive, and the worker's own housekeeping.

Liveness lives in the database every host shares, never in local files: each worker
process (``huunghi run_worker``) writes its :class:`~huunghi.dataio.models.WorkerHeartbeat`
row every few seconds, and the ``heartbeat_at`` of every import job it is running. Pages
ask :func:`worker_alive` to tell a queued job "waiting for the worker" apart from one
about to start; the reaper (:func:`huunghi.dataio.services.imports.import_reap`, run by
the same thread in every worker) fails a job only when its ``heartbeat_at`` went silent,
so a job running on another host is never reaped while its worker lives.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)

BEAT_EVERY_SECONDS = 5.0
ALIVE_WITHIN_SECONDS = 30.0
REAP_EVERY_SECONDS = 15.0
FORGET_AFTER = dt.timedelta(days=1)

# Import jobs this process is running (their heartbeat is written by the housekeeping
# thread, on its own connection, while the job's thread works).
_running: set[int] = set()
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


def running_here() -> frozenset[int]:
    """Import jobs this process is running now (alive by definition)."""
    with _running_lock:
        return frozenset(_running)


@contextmanager
def running_import(job_id: int) -> Iterator[None]:
    """Within the block this process runs import ``job_id``: its heartbeat is kept."""
    with _running_lock:
        _running.add(job_id)
    try:
        beat_jobs()
        yield
    finally:
        with _running_lock:
            _running.discard(job_id)


def beat_jobs() -> int:
    """Write ``heartbeat_at`` of the active import jobs this process runs."""
    from huunghi.dataio.models import ACTIVE_STATUSES, ImportJob

    ids = running_here()
    if not ids:
        return 0
    return ImportJob.objects.filter(pk__in=ids, status__in=ACTIVE_STATUSES).update(
        heartbeat_at=timezone.now()
    )


def _forget_old_workers() -> None:
    from huunghi.dataio.models import WorkerHeartbeat

    WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - FORGET_AFTER).delete()


def housekeeping(name: str, stop: threading.Event) -> None:
    """Beat every few seconds and reap dead jobs now and then, until ``stop`` is set."""
    from huunghi.dataio.services.imports import import_reap

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
                    import_reap()
                    _forget_old_workers()
                except Exception:  # a busy database: next round
                    logger.warning("Reaping dead import jobs failed", exc_info=True)
                    connection.close()
            stop.wait(BEAT_EVERY_SECONDS)
        forget(name)
    except Exception:
        logger.warning("The worker's heartbeat row was not removed", exc_info=True)
    finally:
        connection.close()


def start_housekeeping(name: str) -> threading.Event:
    """Run :func:`housekeeping` in a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=housekeeping, args=(name, stop), daemon=True)
    thread.start()
    return stop
