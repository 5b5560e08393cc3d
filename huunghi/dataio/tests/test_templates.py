"""Template downloads: translated headers, drop-down lists, notes and an example row."""

from __future__ import annotations

import io

from django.test import Client
from django.utils import translation
from openpyxl import Workbook, load_workbook

from huunghi.dataio.kinds import registry
from huunghi.dataio.table import template_workbook


def _book(kind_code: str) -> Workbook:
    kind = registry()[kind_code]
    return load_workbook(
        io.BytesIO(template_workbook(str(kind.label), kind.columns(), kind.example()))
    )


def test_every_kind_has_a_template_with_its_headers(db) -> None:
    """Each kind's first sheet holds exactly its columns' headers, required ones starred."""
    for code, kind in registry().items():
        sheet = _book(code).worksheets[0]
        header = [cell.value for cell in sheet[1]]
        assert header == [column.header() for column in kind.columns()], code
        assert any(value.endswith(" *") for value in header), code


def test_activity_template_has_validation_lists_for_choices(db) -> None:
    """Kind, qualifier, status and detail choices get drop-down lists from a hidden sheet."""
    book = _book("activities:aid")
    data, instructions, lists = book["Data"], book["Instructions"], book["Lists"]
    header = [cell.value for cell in data[1]]
    validated = {
        str(rng).split(":")[0]
        for v in data.data_validations.dataValidation
        for rng in v.sqref.ranges
    }
    for label in ("Kind of activity *", "value (VND) – how exact", "Status", "funding source"):
        letter = data.cell(row=1, column=header.index(label) + 1).column_letter
        assert f"{letter}2" in validated, label
    assert lists.sheet_state == "hidden"
    listed = {cell.value for row in lists.iter_rows() for cell in row if cell.value}
    assert {"exact", "about", "at least", "draft", "approved"} <= listed
    assert data.cell(row=1, column=header.index("Start date *") + 1).comment is not None
    texts = [cell.value for row in instructions.iter_rows() for cell in row if cell.value]
    assert "Example row" in texts
    assert "TN-2024-001" in texts


def test_template_headers_follow_the_users_language(db, client: Client, django_user_model) -> None:
    """The download is in the active language (English here; Vietnamese by default)."""
    user = django_user_model.objects.create_user("reader", password="x-Str0ng-pass!")
    client.force_login(user)
    response = client.get("/data/templates/figures.xlsx", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    with translation.override("en"):
        assert sheet["A1"].value == "Reporting unit *"
    assert client.get("/data/templates/nonsense.xlsx").status_code == 404


def test_templates_need_a_signed_in_user(db, client: Client) -> None:
    response = client.get("/data/templates/figures.xlsx")
    assert response.status_code == 302
