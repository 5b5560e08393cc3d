"""Template helpers that label audit events and stored codes for people."""

from __future__ import annotations

from typing import Any

from django import template

from huunghi.audit import display

register = template.Library()


@register.filter
def audit_rows(events: Any) -> list[display.EventRow]:
    """``{% for row in history|audit_rows %}``: events with translated labels."""
    return display.event_rows(events)


@register.filter
def audit_action(event: Any) -> str:
    """The translated name of an event's action ("Pupil: created")."""
    return display.action_label(event.action, event.target_type)


@register.simple_tag
def value_label(obj: Any, field: str, value: Any) -> str:
    """A stored code of ``obj``'s ``field`` as its label (``in_progress`` → "In progress")."""
    return display.value_label(type(obj) if obj is not None else None, field, value)


@register.simple_tag
def field_label(obj: Any, field: str) -> str:
    """The translated label of ``obj``'s ``field``."""
    return display.field_label(type(obj) if obj is not None else None, field)
