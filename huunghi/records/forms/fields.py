"""Form fields shared by the record forms: places searched by name, units with their
country, several files at once, and HTML5 date inputs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet

from huunghi.geography.models import AdminUnit
from huunghi.organisations.models import Unit
from huunghi.records import selectors
from huunghi.records.places import place_label


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    """A unit shown with its country code (units of both sides share names)."""

    def label_from_instance(self, obj: Unit) -> str:  # type: ignore[override]
        return f"{obj} · {obj.country.code}"


class PlaceChoiceField(forms.ModelChoiceField):
    """Any place of either country (historic ones too); the list offers provinces and
    the current choice, a search box fetches smaller places."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=selectors.place_queryset(), **kwargs)

    def label_from_instance(self, obj: AdminUnit) -> str:  # type: ignore[override]
        return place_label(obj)


class PlaceMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=selectors.place_queryset(), **kwargs)

    def label_from_instance(self, obj: AdminUnit) -> str:  # type: ignore[override]
        return place_label(obj)


def place_options(selected: Iterable[Any], extra: Iterable[AdminUnit] | None = None) -> list:
    """Options for a place select: search matches (``extra``) first, then the starting
    list with the selected places."""
    ids = [int(v) for v in selected if str(v).isdigit()]
    matches = list(extra) if extra is not None else []
    known = {p.pk for p in matches}
    starting = [p for p in selectors.place_starting_choices(selected=ids) if p.pk not in known]
    return [(p.pk, place_label(p)) for p in [*matches, *starting]]


def limit_place_widget(field: forms.Field, selected: Iterable[Any], *, blank: bool) -> None:
    """Render only the starting places plus the chosen ones (validation still accepts any)."""
    options = place_options(selected)
    field.widget.choices = ([("", "—")] if blank else []) + options


def selected_values(form: forms.BaseForm, name: str) -> list[Any]:
    """The raw value(s) of a field, bound or initial, as a list."""
    if form.is_bound:
        getter = getattr(form.data, "getlist", None)
        values = getter(form.add_prefix(name)) if getter else form.data.get(form.add_prefix(name))
    else:
        values = form.initial.get(name)
    if values is None:
        return []
    if isinstance(values, list | tuple | set | QuerySet):
        return [getattr(v, "pk", v) for v in values]
    return [getattr(values, "pk", values)]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the form's ``clean_<field>``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:  # type: ignore[override]
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []
