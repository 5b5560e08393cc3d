"""Imports and exports at the input boundary: control characters never break a file."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from huunghi.core.testing import World
from huunghi.dataio.models import ImportStatus
from huunghi.dataio.services import imports
from huunghi.dataio.table import write_csv, write_xlsx
from huunghi.dataio.tests.helpers import csv_file, headers
from huunghi.dataio.tests.test_imports import KEYS, KIND, rows
from huunghi.records.models import Activity


def test_an_imported_title_with_control_characters_is_refused_by_row_and_column(
    world: World, clerk: Any
) -> None:
    """Row 3's title holds an ESC: the error names row 3 and the title column; nothing stored."""
    body = rows(world)
    for row in body:
        row[KEYS.index("start_date")] = row[KEYS.index("start_date")].strftime("%d/%m/%Y")
    body[1][KEYS.index("title")] = "Trồng cây\x1b"
    job = imports.import_upload(user=clerk, kind=KIND, upload=csv_file(headers(KIND, KEYS), body))
    assert job.status == ImportStatus.INVALID
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "Title")]
    assert "control characters" in job.errors[0]["message"]
    assert not Activity.objects.exists()


def test_exports_never_fail_on_stored_control_characters(db: Any) -> None:
    """Text stored before the rule (ESC, vertical tab) is dropped from XLSX and CSV cells."""
    from huunghi.dataio.columns import Column, ColumnType

    columns = [Column("title", "Title", ColumnType.TEXT)]
    data = [{"title": "Trồng\x0bcây\x1b hữu nghị"}, {"title": "Hỗ trợ"}]
    target = io.BytesIO()
    assert write_xlsx(target, columns, data) == 2
    sheet = load_workbook(io.BytesIO(target.getvalue())).active
    assert sheet["A2"].value == "Trồngcây hữu nghị"
    text = io.BytesIO()
    write_csv(text, columns, data)
    assert "Trồngcây hữu nghị" in text.getvalue().decode("utf-8-sig")
