"""``huunghi restore PATH --yes``: replace the database with a backup (dataio/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from huunghi.dataio import backup


class Command(BaseCommand):
    help = "Restore the database from a backup made by `huunghi backup` (replaces everything)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The backup file.")
        parser.add_argument("--yes", action="store_true", help="Confirm replacing the data.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError("Restoring replaces every row of the database: add --yes.")
        source = Path(options["path"])
        if not source.is_file():
            raise CommandError(f"No backup file at {source}.")
        backup.restore(source)
        self.stdout.write(f"Restored the database from {source}")
