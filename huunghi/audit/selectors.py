"""Reading the audit trail, limited to what the reader may see.

The audit page belongs to administrators: a unit administrator reads the events of the
units they manage (their subtree), a system administrator everything. Everyone else has
no audit page at all (404).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet, Subquery

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Reader
from huunghi.audit.models import AuditEvent

#: The unit model, reached through the event's foreign key: audit sits below the
#: organisations app and does not import it.
_Unit: Any = AuditEvent._meta.get_field("unit").related_model


@dataclass(frozen=True)
class AuditFilters:
    """Filters of the audit page; empty values filter nothing."""

    action: str = ""
    unit_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def history_for(target: Model) -> QuerySet[AuditEvent]:
    """All events about one object, newest first (the caller already checked access)."""
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")


def can_read_audit(user: Reader) -> bool:
    """Whether ``user`` has an audit page: system administrators and unit administrators."""
    return scope_for(user).has_any(Capability.MANAGE)


def audit_units(*, user: Reader) -> QuerySet[Any]:
    """The units whose events ``user`` may read (for the unit filter)."""
    return _Unit.objects.filter(scope_for(user).unit_q(Capability.MANAGE, "")).order_by("path")


def audit_list(*, user: Reader, filters: AuditFilters | None = None) -> QuerySet[AuditEvent]:
    """Events about objects in units the user manages, newest first, filtered.

    Events without a unit (sign-ins, system changes) are for system administrators only.
    """
    scope = scope_for(user)
    if not scope.has_any(Capability.MANAGE):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(scope.unit_q(Capability.MANAGE, "unit"))
    return _filtered(events, filters or AuditFilters()).select_related("actor", "unit")


def _filtered(events: QuerySet[AuditEvent], filters: AuditFilters) -> QuerySet[AuditEvent]:
    if filters.action:
        events = events.filter(action__startswith=filters.action)
    if filters.unit_id is not None:
        root = _Unit.objects.filter(pk=filters.unit_id).values("path")
        events = events.filter(unit__path__startswith=Subquery(root))
    if filters.date_from is not None:
        events = events.filter(at__date__gte=filters.date_from)
    if filters.date_to is not None:
        events = events.filter(at__date__lte=filters.date_to)
    return events
