"""Whether a background worker is alive, and the worker's own housekeeping.

Each worker process (``huunghi run_worker``) touches a heartbeat file in VAR_DIR every
few seconds. Pages ask :func:`worker_alive` to tell a queued job "waiting for the
worker" apart from one about to start. The same thread reaps jobs whose process died
(:func:`huunghi.dataio.services.imports.import_reap`).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

BEAT_EVERY_SECONDS = 5.0
ALIVE_WITHIN_SECONDS = 30.0
REAP_EVERY_SECONDS = 15.0


def _heartbeat_dir() -> Path:
    return Path(settings.VAR_DIR) / "workers"


def beat(name: str) -> None:
    """Say that the worker ``name`` is alive now."""
    folder = _heartbeat_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.beat").touch()


def forget(name: str) -> None:
    (_heartbeat_dir() / f"{name}.beat").unlink(missing_ok=True)


def worker_alive(now: float | None = None) -> bool:
    """Whether any worker beat within the last ``ALIVE_WITHIN_SECONDS``."""
    now = time.time() if now is None else now
    try:
        beats = list(_heartbeat_dir().glob("*.beat"))
    except OSError:
        return False
    return any(now - path.stat().st_mtime < ALIVE_WITHIN_SECONDS for path in beats)


def housekeeping(name: str, stop: threading.Event) -> None:
    """Beat every few seconds and reap dead jobs now and then, until ``stop`` is set."""
    from huunghi.dataio.services.imports import import_reap

    last_reap = 0.0
    while not stop.is_set():
        beat(name)
        if time.monotonic() - last_reap > REAP_EVERY_SECONDS:
            last_reap = time.monotonic()
            try:
                import_reap()
            except Exception:  # a busy database: next round
                logger.warning("Reaping dead import jobs failed", exc_info=True)
            finally:
                connection.close()
        stop.wait(BEAT_EVERY_SECONDS)
    forget(name)


def start_housekeeping(name: str) -> threading.Event:
    """Run :func:`housekeeping` in a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=housekeeping, args=(name, stop), daemon=True)
    thread.start()
    return stop
