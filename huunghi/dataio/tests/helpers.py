"""Building spreadsheets for import tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from huunghi.dataio.kinds import data_kind


def headers(kind: str, keys: Sequence[str], language: str = "en") -> list[str]:
    """The template headers of ``keys`` in ``language``."""
    columns = {c.key: c for c in data_kind(kind).columns()}
    with translation.override(language):
        return [columns[key].header() for key in keys]


def xlsx(header: Sequence[str], rows: Sequence[Sequence[Any]], name: str = "data.xlsx") -> Any:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return SimpleUploadedFile(name, stream.getvalue())


def csv_file(header: Sequence[str], rows: Sequence[Sequence[Any]], name: str = "data.csv") -> Any:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, stream.getvalue().encode("utf-8-sig"))


def housekeeping_beats(model: Any, pk: Any, worker: str, monkeypatch: Any) -> None:
    """Run the worker's housekeeping thread while this process runs job ``pk`` of
    ``model`` whose heartbeat is two minutes old: wait until the thread (on its own
    connection) writes a fresh heartbeat and the worker's row, then stop it and wait
    until its row is gone. Fails after 10 s of waiting for either."""
    import datetime as dt
    import time

    from django.db import OperationalError
    from django.utils import timezone

    from huunghi.dataio import workers

    def wait(condition: Any, failure: str) -> None:
        """Poll ``condition``; a read that meets the thread's write on SQLite's shared
        in-memory test database ("table is locked") counts as not yet."""
        deadline = time.monotonic() + 10
        while not _holds(condition):
            assert time.monotonic() < deadline, failure
            time.sleep(0.02)

    def _holds(condition: Any) -> bool:
        try:
            return bool(condition())
        except OperationalError:
            return False

    monkeypatch.setattr(workers, "BEAT_EVERY_SECONDS", 0.05)
    monkeypatch.setattr(workers, "REAP_EVERY_SECONDS", 3600)
    with workers.running_job(model, pk):
        long_ago = timezone.now() - dt.timedelta(minutes=2)
        model.objects.filter(pk=pk).update(heartbeat_at=long_ago)
        stop = workers.start_housekeeping(worker)
        try:
            wait(lambda: model.objects.get(pk=pk).heartbeat_at != long_ago, "no heartbeat")
            wait(workers.worker_alive, "no worker row")
        finally:
            stop.set()
    wait(lambda: not workers.worker_alive(), "the worker's row outlived it")
