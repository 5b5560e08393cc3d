"""Moving activities through the approval chain, keeping the summaries in step."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from huunghi.accounts.types import Actor
from huunghi.core.hooks import ACTIVITY_CHANGED, write_started
from huunghi.core.workflow import BulkResult, bulk_approve, move, transition
from huunghi.records.models import Activity
from huunghi.records.permissions import ActivityPolicy


def _move(activity: Activity, action: str, acting_user: Actor, reason: str = "") -> Activity:
    with transaction.atomic():
        current = Activity.objects.select_for_update(of=("self",)).get(pk=activity.pk)
        pending = write_started(ACTIVITY_CHANGED, current)
        return transition(  # type: ignore[return-value]
            obj=current,
            action=action,
            acting_user=acting_user,
            policy=ActivityPolicy,
            reason=reason,
            on_change=lambda _status, obj: pending.finish(obj),
        )


def activity_submit(*, activity: Activity, acting_user: Actor) -> Activity:
    """Send a draft or returned record for approval."""
    return _move(activity, "submit", acting_user)


def activity_approve(*, activity: Activity, acting_user: Actor) -> Activity:
    """Approve and lock a submitted record (approver of a strict ancestor unit)."""
    return _move(activity, "approve", acting_user)


def activity_return(*, activity: Activity, acting_user: Actor, reason: str) -> Activity:
    """Send a submitted record back to its unit with a reason."""
    return _move(activity, "return", acting_user, reason)


def activity_reopen(*, activity: Activity, acting_user: Actor) -> Activity:
    """Unlock an approved record as a new revision (it needs approval again)."""
    return _move(activity, "reopen", acting_user)


# --- every kind in the chain (registries, pupils, remains steps, activities) --------------


def record_submit(*, record: Any, acting_user: Actor) -> Any:
    """Send any registered record (twinning pair, facility, pupil, excavation…) for approval."""
    return move(obj=record, action="submit", acting_user=acting_user)


def record_approve(*, record: Any, acting_user: Actor) -> Any:
    """Approve a submitted record: an approver of a strict ancestor unit who neither
    created nor last changed it."""
    return move(obj=record, action="approve", acting_user=acting_user)


def record_return(*, record: Any, acting_user: Actor, reason: str) -> Any:
    """Send a submitted record back to its unit with a reason (approvers only)."""
    return move(obj=record, action="return", acting_user=acting_user, reason=reason)


def record_reopen(*, record: Any, acting_user: Actor) -> Any:
    """Unlock an approved record as a new revision."""
    return move(obj=record, action="reopen", acting_user=acting_user)


def records_bulk_approve(*, records: Iterable[Any], acting_user: Actor) -> BulkResult:
    """Approve every record the user may approve, each in its own audited transaction;
    the others come back with the reason they were refused."""
    return bulk_approve(objs=records, acting_user=acting_user)


def activity_move(activity: Activity, action: str, acting_user: Actor, reason: str) -> Activity:
    """The activity kind's mover: the chain plus summary upkeep."""
    return _move(activity, action, acting_user, reason)
