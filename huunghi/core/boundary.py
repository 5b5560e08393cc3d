"""The input boundary shared by forms, the API, imports and the news import.

- Text: no control characters other than tab and line breaks (exports and PostgreSQL
  refuse them), at most :data:`TEXT_MAX` characters in any free-text field.
- Dates: between :data:`FIRST_DAY` and :data:`LAST_DAY` (the summaries work in months;
  year 9999 has no next month).

Every write goes through a service that calls ``full_clean()``; the abstract bases in
:mod:`huunghi.core.models` run :func:`boundary_errors` there, so every entry point refuses
bad input with a message naming the field. Exports use :func:`printable` so text stored
before these rules still exports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

#: C0 controls except tab, line feed and carriage return, DEL, and C1 controls.
CONTROL_CLASS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
CONTROL_CHARACTERS = re.compile(CONTROL_CLASS)
#: A regular expression for whole strings without control characters (API schemas).
NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
#: The longest free text (a description, notes) any entry point accepts.
TEXT_MAX = 20_000


def has_control_characters(value: str) -> bool:
    return CONTROL_CHARACTERS.search(value) is not None


def printable(value: str) -> str:
    """``value`` without the control characters that documents and spreadsheets refuse."""
    return CONTROL_CHARACTERS.sub("", value)


def strip_control_characters(value: str) -> str:
    """For text taken from outside (a news page): drop control characters silently."""
    return printable(value)


def _strings(value: Any) -> Iterator[str]:
    """Every string inside ``value`` (JSON details hold nested lists and objects)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _checked_fields(instance: models.Model, exclude: Any) -> Iterator[models.Field[Any, Any]]:
    skipped = set(exclude or ())
    for field in instance._meta.concrete_fields:
        if field.name in skipped or field.attname in skipped:
            continue
        if isinstance(field, models.CharField | models.TextField | models.JSONField) or (
            isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
        ):
            yield field


def date_in_range(value: dt.date) -> bool:
    return FIRST_DAY <= value <= LAST_DAY


def date_range_message() -> str:
    return _("Enter a date between %(first)s and %(last)s.") % {
        "first": FIRST_DAY.strftime("%d/%m/%Y"),
        "last": LAST_DAY.strftime("%d/%m/%Y"),
    }


def _field_error(field: models.Field[Any, Any], value: Any) -> str | None:
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        if isinstance(value, dt.date) and not date_in_range(value):
            return date_range_message()
        return None
    if any(has_control_characters(text) for text in _strings(value)):
        return _("Remove the control characters (invisible characters such as ESC) from this text.")
    if isinstance(field, models.TextField) and isinstance(value, str) and len(value) > TEXT_MAX:
        return _("Keep this text under %(count)s characters.") % {"count": f"{TEXT_MAX:,}"}
    return None


def boundary_errors(instance: models.Model, exclude: Any = None) -> dict[str, list[str]]:
    """``{field: [message]}`` for each field of ``instance`` outside the input boundary."""
    errors: dict[str, list[str]] = {}
    for field in _checked_fields(instance, exclude):
        message = _field_error(field, getattr(instance, field.attname))
        if message:
            errors[field.name] = [message]
    return errors


class InputBoundaryMixin(models.Model):
    """Adds the boundary checks to ``clean_fields`` (so to ``full_clean``)."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Any = None) -> None:
        errors = boundary_errors(self, exclude)
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)
