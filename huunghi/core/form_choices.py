"""Narrowing a form's choices to what the user may pick, with the field's real type.

``form.fields[name]`` is typed as a plain ``Field``; these helpers check that the field
really offers choices, so a renamed or retyped field fails loudly instead of silently
offering every row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet


def set_queryset(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Offer only ``queryset`` in the model choice field ``name``."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a model choice field")
    field.queryset = queryset


def set_choices(form: forms.BaseForm, name: str, choices: Iterable[Any]) -> None:
    """Offer only ``choices`` in the choice field ``name``."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a choice field")
    field.choices = list(choices)
