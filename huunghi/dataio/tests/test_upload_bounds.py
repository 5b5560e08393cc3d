"""Uploads are bounded before they cost: a zip bomb, a sheet reaching the last row and a
100,000-row file of formulas are each read (or refused) quickly and in little memory,
and anything but a small file is read by the worker, not during the upload request."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from huunghi.dataio.models import ImportStatus
from huunghi.dataio.services import imports
from huunghi.dataio.table import TableError, read_table
from huunghi.dataio.tests.helpers import headers, xlsx
from huunghi.dataio.tests.test_imports import KEYS, KIND, rows

MEMORY_LIMIT = 200 * 1024 * 1024


def _book_bytes(book: Workbook) -> bytes:
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _zip_bomb(unpacked_mb: int = 150) -> bytes:
    """A real .xlsx whose sheet unpacks to ``unpacked_mb`` MB of blanks (about 150 KB)."""
    base = zipfile.ZipFile(io.BytesIO(_book_bytes(Workbook())))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in base.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item, base.read(item))
        with bomb.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                sheet.write(block)
            sheet.write(b"</worksheet>")
    return stream.getvalue()


def _sparse_sheet(*, keep_dimension: bool = True) -> bytes:
    """One cell in row 1,048,576 (a few KB on disk)."""
    book = Workbook()
    book.active.cell(row=1_048_576, column=1, value="far away")
    content = _book_bytes(book)
    if keep_dimension:
        return content
    return _rewrite_sheet(content, lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml))


def _rewrite_sheet(content: bytes, change: Any) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(item, data)
    return stream.getvalue()


def _formulas(count: int = 100_000) -> bytes:
    """``count`` rows, each with two numbers and a formula (no cached values)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["a", "b", "sum"])
    for number in range(2, count + 2):
        sheet.append([number, number * 2, f"=A{number}+B{number}"])
    return _book_bytes(book)


def _measured(call: Any) -> tuple[Any, int]:
    """``call()``'s result (or exception) and its peak Python memory."""
    tracemalloc.start()
    try:
        result = call()
    except Exception as exc:
        result = exc
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, peak


def test_zip_bomb_is_refused_from_the_archive_directory() -> None:
    """150 MB of blanks packed into a small file: refused without unpacking."""
    bomb = _zip_bomb()
    assert len(bomb) < 1_000_000
    result, peak = _measured(lambda: read_table(bomb, "xlsx"))
    assert isinstance(result, TableError)
    assert "unpacks to far more" in str(result)
    assert peak < 20 * 1024 * 1024  # refused from the directory, never unpacked


@pytest.mark.parametrize("keep_dimension", [True, False])
def test_sheet_reaching_the_last_row_is_refused(keep_dimension: bool) -> None:
    """Refused from the dimension tag, or (tag removed) by the row cap while streaming."""
    content = _sparse_sheet(keep_dimension=keep_dimension)
    assert len(content) < 20_000
    result, peak = _measured(lambda: read_table(content, "xlsx"))
    assert isinstance(result, TableError)
    assert "1,048,576" in str(result) or "100,001" in str(result) or "row" in str(result)
    assert peak < 50 * 1024 * 1024


@pytest.mark.slow
def test_hundred_thousand_rows_of_formulas_stream_in_bounded_memory() -> None:
    """100,000 rows with formulas: counted and read row by row under 200 MB, formulas
    never evaluated (no cached value: the cell is empty)."""
    content = _formulas()
    assert len(content) < 5_000_000

    def read_all() -> tuple[int, int, Any]:
        table = read_table(content, "xlsx")
        seen, last = 0, None
        for last in table.rows:  # noqa: B007 - the last row is checked
            seen += 1
        return len(table.rows), seen, last

    result, peak = _measured(read_all)
    assert not isinstance(result, Exception), result
    count, seen, last = result
    assert (count, seen) == (100_000, 100_000)
    assert last[:2] == (100_001, 200_002) and last[2] is None
    assert peak < MEMORY_LIMIT


def test_a_row_past_the_cap_is_refused_even_without_a_dimension_tag(settings: Any) -> None:
    """The cap holds while streaming when the file does not say how far it reaches."""
    settings.HUUNGHI_MAX_IMPORT_ROWS = 50
    book = Workbook()
    for number in range(1, 80):
        book.active.append([number])
    content = _rewrite_sheet(
        _book_bytes(book), lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml)
    )
    with pytest.raises(TableError, match="row 52"):
        read_table(content, "xlsx")


def test_large_upload_is_read_by_the_worker_not_the_request(
    world: Any, clerk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file over the inline limit is only stored and queued during the upload."""
    monkeypatch.setattr(imports, "INLINE_MAX_BYTES", 1000)
    calls: list[Any] = []
    monkeypatch.setattr(imports, "read_table", lambda *a: calls.append(a))
    upload = xlsx(headers(KIND, KEYS), rows(world, 40))
    assert upload.size > 1000
    job = imports.import_upload(user=clerk, kind=KIND, upload=upload)
    assert job.status == ImportStatus.CHECKING
    assert calls == []


def test_zip_bomb_upload_ends_invalid_with_the_reason(world: Any, clerk: Any) -> None:
    """Through the upload service: the job says why, nothing is imported."""
    upload = SimpleUploadedFile("bomb.xlsx", _zip_bomb(120))
    job = imports.import_upload(user=clerk, kind=KIND, upload=upload)
    if job.status == ImportStatus.CHECKING:  # queued: run the worker's step here
        job = imports.run_step(job.pk)
    assert job.status == ImportStatus.INVALID
    assert "unpacks to far more" in job.errors[0]["message"]
