"""What the audit trail stores about a record: its fields and its related rows."""

from __future__ import annotations

from typing import Any

from huunghi.audit.services import snapshot
from huunghi.records.models import Activity, Agreement


def activity_snapshot(activity: Activity) -> dict[str, Any]:
    """The record's fields plus quantities, counterparts, places and attachments."""
    data = snapshot(activity)
    if activity.pk is None:
        return data
    data["quantities"] = {
        q.measure: f"{q.value.normalize():f} {q.qualifier}".strip()
        for q in activity.quantities.order_by("measure")
    }
    data["counterparts"] = [
        f"{c.unit_id}:{c.role}:{'shared' if c.shared else 'private'}"
        for c in activity.participations.order_by("unit_id")
    ]
    data["counterpart_places"] = sorted(p.pk for p in activity.counterpart_places.all())
    data["attachments"] = sorted(a.original_name or a.file.name for a in activity.attachments.all())
    return data


def agreement_snapshot(agreement: Agreement) -> dict[str, Any]:
    data = snapshot(agreement)
    if agreement.pk is not None:
        data["parties"] = sorted(p.pk for p in agreement.parties.all())
    return data
