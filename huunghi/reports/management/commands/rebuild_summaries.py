"""``manage.py rebuild_summaries``: recompute every summary row from the raw records."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huunghi.reports.rebuild import rebuild_summaries


class Command(BaseCommand):
    help = "Recompute the activity summary rows from the raw activity tables."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--synthetic-only", action="store_true", help="Only the synthetic records' rows."
        )
        group.add_argument(
            "--real-only",
            action="store_true",
            help="Only the rows of real (not synthetic) records.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        synthetic = True if options["synthetic_only"] else False if options["real_only"] else None
        started = time.monotonic()
        count = rebuild_summaries(synthetic=synthetic)
        if options["verbosity"]:
            self.stdout.write(
                f"{count} summary rows rebuilt in {time.monotonic() - started:.1f} s."
            )
