"""``huunghi backup [PATH]``: a consistent copy of the database (see dataio/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huunghi.dataio import backup


class Command(BaseCommand):
    help = "Back up the database (SQLite backup API, or pg_dump on PostgreSQL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="Backup file (default: var/backups/…).")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["path"]) if options["path"] else backup.default_path()
        backup.backup(target)
        self.stdout.write(f"Backed up the database to {target}")
