"""Turning stored records into what a page shows: labelled details and a readable
history. Labels are translated; the record's own content is shown as entered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from huunghi.audit import display as audit_display
from huunghi.audit.models import AuditEvent
from huunghi.records.kinds import DetailField, FieldType, KindSpec
from huunghi.records.models import Activity

ACTION_LABELS = {
    "create": _("created"),
    "update": _("edited"),
    "submit": _("submitted for approval"),
    "approve": _("approved"),
    "return": _("returned"),
    "reopen": _("reopened as a new revision"),
    "link": _("linked"),
}
EXTRA_FIELD_LABELS = {
    "quantities": _("quantities"),
    "counterparts": _("counterpart units"),
    "counterpart_places": _("counterpart places"),
    "attachments": _("attachments"),
    "parties": _("parties"),
}
HIDDEN_CHANGES = {"submitted_at", "approved_at", "province_then", "province_now", "country"}


@dataclass(frozen=True)
class DetailRow:
    label: str
    value: Any
    is_list: bool = False


def detail_rows(activity: Activity, spec: KindSpec) -> list[DetailRow]:
    """The kind-specific details in the order of the kind's form (markers are shown
    apart, with whether each is in the marker register)."""
    rows = []
    for detail in spec.fields:
        if detail.type == FieldType.MARKERS:
            continue
        value = activity.details.get(detail.key)
        if value in (None, "", []):
            continue
        shown = _shown_value(detail, value)
        rows.append(DetailRow(capfirst(str(detail.label)), shown, isinstance(shown, list)))
    return rows


def _shown_value(detail: DetailField, value: Any) -> Any:
    labels = dict(detail.choices)
    if detail.type == FieldType.CHOICE:
        return labels.get(value, value)
    if detail.type == FieldType.MULTICHOICE:
        return [labels.get(v, v) for v in value]
    if detail.type == FieldType.DATE:
        return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    return value


@dataclass(frozen=True)
class HistoryRow:
    event: AuditEvent
    label: str
    changes: list[tuple[str, Any, Any]]


def history_rows(events: Any, model: type = Activity) -> list[HistoryRow]:
    """Audit events as rows of a timeline, oldest first."""
    rows = [
        HistoryRow(event, action_label(event.action), _changes(event, model)) for event in events
    ]
    rows.reverse()
    return rows


def action_label(action: str) -> str:
    verb = action.rsplit(".", 1)[-1]
    return str(ACTION_LABELS.get(verb, verb))


def _changes(event: AuditEvent, model: type) -> list[tuple[str, Any, Any]]:
    if event.action.endswith(".create"):
        return []
    rows = []
    for name, (before, after) in sorted((event.changes or {}).items()):
        if name in HIDDEN_CHANGES:
            continue
        rows.append(
            (
                field_label(model, name),
                audit_display.value_label(model, name, before),
                audit_display.value_label(model, name, after),
            )
        )
    return rows


def field_label(model: type, name: str) -> str:
    """The translated label of a changed field (the audit trail's labels, which also
    cover reverse relations and the ID)."""
    if name in EXTRA_FIELD_LABELS:
        return str(EXTRA_FIELD_LABELS[name])
    return audit_display.field_label(model, name)
