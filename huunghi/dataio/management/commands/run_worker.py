"""``huunghi run_worker``: the task worker with a heartbeat and a reaper of dead jobs.

Runs django-tasks' ``db_worker`` (every queue) in this process, plus a thread that
marks the worker and the jobs it runs alive every few seconds and fails the import,
export and review-report jobs whose process died (imports undone; see
:mod:`huunghi.dataio.workers`). ``make run`` starts it under a supervisor that restarts it.
"""

from __future__ import annotations

import os
import socket
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from huunghi.dataio.workers import start_housekeeping


class Command(BaseCommand):
    help = "Run the background task worker with a heartbeat and dead-job reaping."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue-name", default="*", help="Queues to run (default: all).")

    def handle(self, *args: Any, **options: Any) -> None:
        name = f"{socket.gethostname()}-{os.getpid()}"
        stop = start_housekeeping(name)
        try:
            call_command(
                "db_worker",
                queue_name=options["queue_name"],
                reload=False,
                verbosity=options["verbosity"],
            )
        finally:
            stop.set()
