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


OLD_LOOP = (
    "{% for field in form %}<label>{{ field.label|capfirst }} {{ field }}</label>"
    '{% if field.name == "unit" %}{% include "records/_unit_search.html" %}{% endif %}'
    "{% endfor %}"
)
NEW_PARTS = (
    "{% with fields=form.labelled_fields %}{{ fields.0 }}"
    '{% include "records/_unit_search.html" with field=form.unit %}{{ fields.1 }}{% endwith %}'
)


@pytest.mark.parametrize("language", ["vi", "km", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"kind": "festival", "status": "approved", "country": "KH", "q": "a<b"},
        {"kind": "nonsense", "status": "", "date_from": "bad", "province": "999999"},
    ],
)
def test_labelled_fields_render_as_the_template_loop(db, people, data, language) -> None:
    """The filter form's labels and widgets joined in Python (selects from kept options)
    give the markup of the template loop they replace, twice in a row (the kept options
    get ``selected`` per request), in every language, for empty, chosen and invalid values."""
    from django.template import Context, Template
    from django.utils import translation

    from huunghi.records.forms import ActivityFilterForm

    old = Template("{% load i18n %}" + OLD_LOOP)
    new = Template("{% load i18n %}" + NEW_PARTS)
    with translation.override(language):
        for _ in range(2):
            form = ActivityFilterForm(data, user=people.national_approver)
            if data is not None:
                form.filters()
            expected = old.render(Context({"form": form}))
            assert "<option" in expected
            assert new.render(Context({"form": form})) == expected


def test_unit_filter_accepts_only_readable_units(db, world, people) -> None:
    """A bound filter form keeps a unit inside the reader's scope and ignores one
    outside it (another province's unit is never a filter, as if none were chosen)."""
    from huunghi.records.forms import ActivityFilterForm

    clerk = people.province_clerk
    own = ActivityFilterForm({"unit": str(world.post_xa_mat.pk)}, user=clerk).filters()
    other = ActivityFilterForm({"unit": str(world.post_hoa_lu.pk)}, user=clerk).filters()
    assert own.unit == world.post_xa_mat
    assert other.unit is None
    assert "unit" in ActivityFilterForm({"unit": str(world.post_hoa_lu.pk)}, user=clerk).errors


def test_unbound_filter_form_reads_nothing(db, people, django_assert_num_queries) -> None:
    """The plain list page's filter form (no query string) renders without a query once
    the province options are kept."""
    from huunghi.records.forms import ActivityFilterForm

    ActivityFilterForm(None, user=people.province_clerk).labelled_fields()
    with django_assert_num_queries(0):
        html = ActivityFilterForm(None, user=people.province_clerk).labelled_fields()
    assert 'name="unit"' in html[0]
