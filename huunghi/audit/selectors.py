"""Reading the audit trail, limited to what the reader may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from huunghi.accounts.scope import Capability, scope_for
from huunghi.audit.models import AuditEvent


def history_for(target: Model) -> QuerySet[AuditEvent]:
    """All events about one object, newest first (the caller already checked access)."""
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")


def audit_list(*, user: Any) -> QuerySet[AuditEvent]:
    """Events about objects in units the user manages (admins' audit page)."""
    scope = scope_for(user)
    if scope.is_global:
        return AuditEvent.objects.select_related("actor", "unit")
    if not scope.has_any(Capability.MANAGE):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(scope.unit_q(Capability.MANAGE, "unit")).select_related(
        "actor", "unit"
    )
