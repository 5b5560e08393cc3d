"""The records list's filter inputs, joined in Python, give the markup of Django's own
widget templates: type, name, value and attributes, escaped alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms

from huunghi.records.forms.fields import DateInput
from huunghi.records.forms.filters import FastDateInput, FastTextInput


@pytest.mark.parametrize(
    ("fast", "django", "value", "attrs"),
    [
        (FastDateInput(), DateInput(), None, {"id": "id_date_from"}),
        (FastDateInput(), DateInput(), dt.date(2025, 8, 1), {"id": "id_date_to"}),
        (FastDateInput(), DateInput(), "not a date", {"id": "id_date_to", "required": True}),
        (FastTextInput(), forms.TextInput(), None, {"maxlength": "100", "id": "id_q"}),
        (FastTextInput(), forms.TextInput(), "\"<b>&'", {"maxlength": "100", "id": "id_q"}),
        (FastTextInput(), forms.TextInput(), "", {"disabled": False, "id": "id_q"}),
    ],
)
def test_fast_inputs_render_as_djangos_templates(fast, django, value, attrs) -> None:
    """Same HTML as the template-rendered widget for empty, typed, invalid and hostile
    values, boolean attributes included."""
    assert fast.render("name", value, attrs=dict(attrs)) == django.render(
        "name", value, attrs=dict(attrs)
    )


def test_the_filter_form_uses_them(db, people) -> None:
    """The list's date and text filters render through the fast inputs."""
    from huunghi.records.forms import ActivityFilterForm

    form = ActivityFilterForm({"date_from": "2025-08-01", "q": "a&b"}, user=people.post_clerk)
    html = str(form["date_from"]) + str(form["q"])
    assert html == (
        '<input type="date" name="date_from" value="2025-08-01" id="id_date_from">'
        '<input type="text" name="q" value="a&amp;b" maxlength="100" id="id_q">'
    )
