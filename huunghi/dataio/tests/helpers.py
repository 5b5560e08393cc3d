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
