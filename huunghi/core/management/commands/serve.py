"""``huunghi serve``: the production server (granian) with the settings in force.

``make run`` prepares the database first and also starts the background task worker;
this command only serves (run ``huunghi db_worker`` beside it for background jobs).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve Hữu Nghị with granian (WSGI), as make run does."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args: Any, **options: Any) -> None:
        granian = shutil.which("granian", path=str(Path(sys.executable).parent))
        if granian is None:
            raise CommandError("granian is not installed in this environment.")
        argv = [
            granian, "--interface", "wsgi", "--host", options["host"],
            "--port", str(options["port"]), "--workers", str(options["workers"]),
            "--blocking-threads", str(options["threads"]), "--no-ws",
            "huunghi.wsgi:application",
        ]  # fmt: skip
        self.stdout.write(f"Hữu Nghị at http://{options['host']}:{options['port']}/")
        os.execv(granian, argv)  # noqa: S606 - replaces this process with the server
