"""Moving activities through the approval chain, keeping the summaries in step."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from huunghi.core.workflow import transition
from huunghi.records.models import Activity
from huunghi.records.permissions import ActivityPolicy
from huunghi.reports.summaries import summary_after, summary_before


def _move(activity: Activity, action: str, acting_user: Any, reason: str = "") -> Activity:
    with transaction.atomic():
        current = Activity.objects.select_for_update(of=("self",)).get(pk=activity.pk)
        before = summary_before(current)
        return transition(  # type: ignore[return-value]
            obj=current,
            action=action,
            acting_user=acting_user,
            policy=ActivityPolicy,
            reason=reason,
            on_change=lambda _status, obj: summary_after(before=before, activity=obj),
        )


def activity_submit(*, activity: Activity, acting_user: Any) -> Activity:
    """Send a draft or returned record for approval."""
    return _move(activity, "submit", acting_user)


def activity_approve(*, activity: Activity, acting_user: Any) -> Activity:
    """Approve and lock a submitted record (approver of a strict ancestor unit)."""
    return _move(activity, "approve", acting_user)


def activity_return(*, activity: Activity, acting_user: Any, reason: str) -> Activity:
    """Send a submitted record back to its unit with a reason."""
    return _move(activity, "return", acting_user, reason)


def activity_reopen(*, activity: Activity, acting_user: Any) -> Activity:
    """Unlock an approved record as a new revision (it needs approval again)."""
    return _move(activity, "reopen", acting_user)
