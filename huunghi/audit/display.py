"""The audit trail as people read it: translated action names, field labels and values.

Events store codes (``pupil.create``, ``{"status": [null, "in_progress"]}``); pages show
"Pupil: created" and "Status: — → In progress". Field labels come from the target
model's ``verbose_name`` and values from its choices, so every app's history is
labelled without a table of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import ForeignObjectRel
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from huunghi.audit.models import AuditEvent

VERBS = {
    "create": _("created"),
    "update": _("edited"),
    "delete": _("deleted"),
    "submit": _("submitted for approval"),
    "approve": _("approved"),
    "approve_loaded": _("approved as loaded from its source"),
    "return": _("returned for correction"),
    "reopen": _("reopened"),
    "link": _("linked to a record"),
    "condition": _("condition entered"),
    "end": _("sponsorship ended"),
    "progress": _("moved to the next school year"),
    "import": _("imported"),
    "supersede": _("replaced by a new version"),
    "recite": _("source cited again"),
    "merge": _("merged"),
    "move": _("moved"),
    "rename": _("renamed"),
    "grant": _("role granted"),
    "revoke": _("revoked"),
    "accept": _("accepted"),
    "reject": _("rejected"),
    "issue": _("issued"),
    "offline_create": _("created offline"),
    "offline_update": _("edited offline"),
    "password_change": _("password changed"),
    "upload": _("uploaded"),
    "done": _("finished"),
    "undo": _("undone"),
    "start": _("started"),
    "download": _("downloaded"),
    "verify": _("verification started"),
    "confirm": _("confirmed"),
    "complete": _("completed"),
    "cancel": _("cancelled"),
    "close": _("closed"),
    "append": _("added"),
}
HIDDEN = {"submitted_at", "approved_at", "updated_at", "created_at", "search_name"}
EMPTY = "—"


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class EventRow:
    event: AuditEvent
    label: str
    changes: list[ChangeRow]


@lru_cache(maxsize=128)
def _model(label_lower: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label_lower)
    except (LookupError, ValueError):
        return None


def action_label(action: str, target_type: str = "") -> str:
    """ "Pupil: created" for ``pupil.create`` on a pupil; the verb alone without a model."""
    prefix, _sep, verb = action.rpartition(".")
    verb_label = str(VERBS.get(verb, _("changed")))
    model = _model(target_type) if target_type else None
    if model is None and prefix:
        model = next((m for m in apps.get_models() if m._meta.model_name == prefix), None)
    if model is None:
        return capfirst(verb_label)
    return f"{capfirst(str(model._meta.verbose_name))}: {verb_label}"


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    """The translated label of ``model``'s ``name``: the field's ``verbose_name``, a
    reverse relation's model name, "ID" for the primary key. An untranslated label (or
    a name that is no field) reads as its words, translated where the catalogue knows
    them."""
    field = _field(model, name)
    if isinstance(field, ForeignObjectRel):
        return capfirst(str(_related_label(field)))
    label = getattr(field, "verbose_name", None) if field is not None else None
    if field is not None and field.primary_key and not isinstance(label, Promise):
        return str(_("ID"))
    if isinstance(label, Promise):
        return capfirst(str(label))
    return capfirst(gettext(str(label or name.replace("_", " "))))


def _related_label(rel: ForeignObjectRel) -> Any:
    """The other model's name: singular for a one-to-one link, plural for many rows."""
    opts = rel.related_model._meta
    return opts.verbose_name if rel.one_to_one else opts.verbose_name_plural


def value_label(model: type[models.Model] | None, name: str, value: Any) -> str:
    """A stored value as shown: choice labels, related objects, dates, yes/no."""
    if value is None or value == "" or value == []:
        return EMPTY
    field = _field(model, name)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation and field.many_to_one:
        return _related(field.related_model, value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(field, models.DateField) and isinstance(value, str):
        return _date(value)
    if isinstance(field, models.DecimalField | models.IntegerField | models.FloatField):
        return number_format(value, force_grouping=True)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _date(value: str) -> str:
    try:
        return date_format(dt.date.fromisoformat(value[:10]), "SHORT_DATE_FORMAT")
    except ValueError:
        return value


def _related(model: Any, pk: Any) -> str:
    obj = model._default_manager.filter(pk=pk).first() if model is not None else None
    return str(obj) if obj is not None else f"#{pk}"


def event_rows(events: Any) -> list[EventRow]:
    """Events with translated labels, in the order given."""
    rows = []
    for event in events:
        model = _model(event.target_type)
        changes = [
            ChangeRow(
                field_label(model, name),
                value_label(model, name, pair[0] if pair else None),
                value_label(model, name, pair[1] if pair and len(pair) > 1 else None),
            )
            for name, pair in sorted((event.changes or {}).items())
            if name not in HIDDEN and not event.action.endswith(".create")
        ]
        rows.append(EventRow(event, action_label(event.action, event.target_type), changes))
    return rows
