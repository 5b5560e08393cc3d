"""Exports read like the pages: labels instead of stored codes, amounts with thousands
separators (the cells stay numbers, so the file can be imported again)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from huunghi.records.services.activities import QuantityIn, activity_create

RAW_CODES = {"exact", "about", "at_least", "draft", "submitted", "approved", "self_mobilised"}


@pytest.fixture
def aid(world: Any, clerk: Any) -> None:
    activity_create(
        acting_user=clerk,
        kind="aid",
        unit=world.post_xa_mat,
        title="Aid",
        start_date=dt.date(2025, 8, 1),
        details={
            "goods_or_money": "goods",
            "funding_source": "self_mobilised",
            "recipient_type": "unit",
            "recipient": "Svay Rieng gendarmerie",
        },
        quantities=[QuantityIn("value_vnd", 262000000, "at_least")],
    )


def _sheet(user: Any) -> Any:
    client = Client()
    client.force_login(user)
    response = client.get("/data/export/activities.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).worksheets[0]


def test_amounts_carry_a_thousands_separator_format(db: Any, aid: None, clerk: Any) -> None:
    """262000000 VND is written as a number shown 262,000,000 (262.000.000 in Vietnamese)."""
    cells = [c for row in _sheet(clerk).iter_rows(min_row=2) for c in row]
    amount = next(c for c in cells if c.value == 262000000)
    assert amount.data_type == "n"
    assert amount.number_format == "#,##0"


def test_cells_hold_labels_not_codes_in_vietnamese(
    db: Any, aid: None, clerk: Any, settings: Any
) -> None:
    """Qualifiers, statuses and choices are written in the reader's language."""
    settings.LANGUAGE_CODE = "vi"
    values = {c for row in _sheet(clerk).iter_rows(min_row=2, values_only=True) for c in row}
    assert not values & RAW_CODES
    assert "ít nhất" in values
