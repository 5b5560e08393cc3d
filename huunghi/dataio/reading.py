"""Reading uploads within fixed bounds, before any cost grows with the file.

An .xlsx file is a zip archive: its directory says how large every part becomes when
unpacked, so a zip bomb is refused from the directory alone (total unpacked size,
size of each part, compression ratio, number of parts). The sheet's dimension tag
says how far its cells reach, so a sheet whose only cell sits in row 1,048,576 is
refused before a row is read. Rows are then streamed (openpyxl's read-only mode, or
the csv module) and never held all at once: :class:`StreamedRows` opens the file
again for each pass, and stops at the row cap even if the dimension tag lied.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

MAX_COLUMNS = 200
MAX_PARTS = 2000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?\"")


class ReadError(ValueError):
    """The file cannot be read, or is beyond the limits (the message says which)."""


def max_rows() -> int:
    return int(settings.HUUNGHI_MAX_IMPORT_ROWS)


def too_many_rows(reach: int) -> ReadError:
    return ReadError(
        _(
            "The sheet reaches row %(rows)s; at most %(limit)s rows can be imported at once. "
            "Split it into smaller files."
        )
        % {"rows": f"{reach:,}", "limit": f"{max_rows():,}"}
    )


# --- xlsx ----------------------------------------------------------------------------


def inspect_zip(content: bytes) -> None:
    """Refuse an archive that would unpack to too much, from its directory alone."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise ReadError(_("The file could not be read as an Excel (.xlsx) file.")) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise ReadError(_("The Excel file has too many parts to be a spreadsheet."))
        total = sum(part.file_size for part in parts)
        if total > MAX_UNZIPPED_BYTES or any(_suspicious(part) for part in parts):
            raise ReadError(
                _("The Excel file unpacks to far more than its size; it cannot be imported.")
            )


def _suspicious(part: zipfile.ZipInfo) -> bool:
    if part.file_size > MAX_PART_BYTES:
        return True
    ratio = part.file_size / max(part.compress_size, 1)
    return part.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO


def sheet_reach(content: bytes) -> tuple[int, int] | None:
    """``(last row, last column)`` from the first sheet's dimension tag, if it has one."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        name = _first_sheet(archive)
        if name is None:
            return None
        with archive.open(name) as handle:
            head = handle.read(4096)
    found = DIMENSION.search(head)
    if not found:
        return None
    row = found.group(4) or found.group(2)
    column = found.group(3) or found.group(1)
    return (int(row) if row else 1, _column_number(column.decode()) if column else 1)


def _first_sheet(archive: zipfile.ZipFile) -> str | None:
    names = sorted(
        (n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
        key=lambda n: int(re.sub(r"\D", "", n)),
    )
    return names[0] if names else None


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def check_xlsx(content: bytes) -> None:
    """The checks that cost nothing: the archive's directory and the dimension tag."""
    inspect_zip(content)
    reach = sheet_reach(content)
    if reach is not None and reach[0] > max_rows() + 1:
        raise too_many_rows(reach[0])


def xlsx_rows(content: bytes) -> Iterator[tuple[Any, ...]]:
    """Every row of the first sheet as values, header first, at most the row cap + 1.

    Reads openpyxl's row parser directly (read-only mode, no formula evaluation): it
    gives each stored row with its number, so rows far below the cap cost nothing to
    skip and a stored cell below the cap is found even when the dimension tag lied.
    """
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        with sheet._get_source() as source:  # type: ignore[attr-defined]
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,  # type: ignore[attr-defined]
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            yield from _stored_rows(parser.parse(), max_rows() + 1)
    finally:
        book.close()


def _stored_rows(parsed: Iterator[Any], limit: int) -> Iterator[tuple[Any, ...]]:
    expected = 1
    for number, cells in parsed:
        if number > limit:
            if any(cell["value"] is not None for cell in cells):
                raise too_many_rows(number)
            continue
        while expected < number:  # rows the file does not store are blank
            expected += 1
            yield ()
        expected += 1
        yield _values(cells)


def _values(cells: list[dict[str, Any]]) -> tuple[Any, ...]:
    kept = [cell for cell in cells if cell["column"] <= MAX_COLUMNS]
    values: list[Any] = [None] * max((cell["column"] for cell in kept), default=0)
    for cell in kept:
        values[cell["column"] - 1] = cell["value"]
    return tuple(values)


# --- csv -----------------------------------------------------------------------------


def csv_rows(content: bytes) -> Iterator[tuple[Any, ...]]:
    """Every row of a UTF-8 CSV file, header first, at most the row cap + 1."""
    try:
        text = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
        limit = max_rows() + 1
        for number, row in enumerate(csv.reader(text), 1):
            if number > limit and any(cell.strip() for cell in row):
                raise too_many_rows(number)
            if number <= limit:
                yield tuple(cell if cell != "" else None for cell in row[:MAX_COLUMNS])
    except UnicodeDecodeError:
        raise ReadError(_("Save the CSV file with the UTF-8 encoding.")) from None
    except csv.Error:
        raise ReadError(_("The file could not be read as a CSV file.")) from None


@dataclass
class StreamedRows:
    """The data rows below the header, read again from the file on each iteration and
    padded or cut to the header's width."""

    content: bytes
    extension: str
    width: int
    count: int = 0

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        rows = xlsx_rows(self.content) if self.extension == "xlsx" else csv_rows(self.content)
        next(rows, None)
        for index, row in enumerate(rows):
            if self.count and index >= self.count:
                return
            yield tuple(row[: self.width]) + (None,) * (self.width - len(row))

    def __len__(self) -> int:
        return self.count


def estimate_rows(content: bytes, extension: str) -> int:
    """A cheap upper bound of the data rows (dimension tag or line count), for deciding
    where to check a file; 0 when unknown."""
    if extension == "csv":
        return max(content.count(b"\n") - 1, 0)
    try:
        reach = sheet_reach(content)
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0
    return max(reach[0] - 1, 0) if reach else 0
