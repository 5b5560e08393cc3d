"""Backing up and restoring the whole database (``huunghi backup`` / ``huunghi restore``).

SQLite: the online backup API copies a consistent snapshot while the site keeps running
(WAL readers and writers are not stopped), and restores by copying a backup file back
page by page into the live database. PostgreSQL: ``pg_dump --format=custom`` and
``pg_restore --clean`` in one transaction (a failed restore changes nothing), with the
client programs of the server's major version when installed (Debian's
/usr/lib/postgresql/N/bin), since pg_dump refuses a newer server. Uploaded files
(``MEDIA_ROOT``) are ordinary files: copy them beside the database backup with any file
tool.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone


def default_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
    return Path(settings.VAR_DIR) / "backups" / f"huunghi-{stamp}.{suffix}"


def backup(target: Path) -> Path:
    """Write a consistent copy of the database to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        _pg("pg_dump", "--format=custom", "--no-owner", f"--file={target}")
    return target


def restore(source: Path) -> None:
    """Replace the database's contents with the backup ``source``."""
    if not source.is_file():
        raise FileNotFoundError(source)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as backup_file:
            backup_file.backup(connection.connection)
        backup_file.close()
    else:
        _pg(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            str(source),
        )


def _pg(program: str, *args: str) -> None:
    database = connection.settings_dict  # the test database, too, under tests
    command = [_program(program), *args]
    if program == "pg_restore":
        connection.close()  # it drops and recreates every table
    if program == "pg_dump":
        command.append(str(database["NAME"]))
    else:
        command.append(f"--dbname={database['NAME']}")
    subprocess.run(command, env=_pg_env(database), check=True, timeout=3600)  # noqa: S603


def _program(name: str) -> str:
    """``name`` from the server's own version of the client tools, if installed."""
    connection.ensure_connection()
    major = connection.pg_version // 10000  # type: ignore[attr-defined]
    own = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    return str(own) if own.is_file() else name


def _pg_env(database: dict[str, Any]) -> dict[str, str]:
    values = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
    }
    return {**os.environ, **{k: v for k, v in values.items() if v}}
