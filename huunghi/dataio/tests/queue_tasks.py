"""A task for :mod:`test_shared_queue`: notes which worker process ran which job."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings
from django.tasks import task


@task
def note_run(number: int) -> None:
    """Append "number pid" to VAR_DIR/runs.txt (one short append: atomic between processes)."""
    time.sleep(0.05)
    line = f"{number} {os.getpid()}\n".encode()
    fd = os.open(Path(settings.VAR_DIR) / "runs.txt", os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)
