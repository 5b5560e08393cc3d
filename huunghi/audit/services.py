"""Writing the audit trail. Call inside the transaction that makes the change."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import TYPE_CHECKING, Any

from django.db import models

from huunghi.audit.models import AuditEvent

if TYPE_CHECKING:
    from huunghi.accounts.types import Actor


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``instance`` (foreign keys as ids)."""
    result: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"created_at", "updated_at"}:
            continue
        result[field.name] = _plain(getattr(instance, field.attname))
    return result


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    """Fields whose value changed, as ``{field: [before, after]}``."""
    before = before or {}
    after = after or {}
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def audit_log(
    *,
    actor: Actor | None,
    action: str,
    target: models.Model,
    unit: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Record that ``actor`` did ``action`` to ``target``."""
    event = audit_event(
        actor=actor, action=action, target=target, unit=unit, before=before, after=after, note=note
    )
    event.save()
    return event


def audit_event(
    *,
    actor: Actor | None,
    action: str,
    target: models.Model,
    unit: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """The unsaved row :func:`audit_log` writes (batches write many with ``bulk_create``);
    ``unit`` is a unit or its primary key."""
    return AuditEvent(
        actor_id=getattr(actor, "pk", None) if actor is not None else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        unit_id=unit.pk if isinstance(unit, models.Model) else unit,
        changes=diff(before, after),
        note=note,
    )
