"""The approval chain shared by records and reported figures.

draft → submitted → approved (locked) by an approver of a strict ancestor unit;
submitted → returned (with a reason) → edited → submitted again. Changing an
approved object reopens it as a new revision that needs approval again. Every
transition is audited in the same transaction.

A model takes part by having ``unit``, ``status``, ``revision``, ``return_reason``,
``submitted_at``, ``approved_at`` and ``approved_by`` fields, and a policy class
(:class:`~huunghi.core.policy.UnitScopedPolicy`) deciding who may do what.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huunghi.audit.services import audit_log, snapshot
from huunghi.core.models import Status

WORKFLOW_FIELDS = [
    "status",
    "revision",
    "return_reason",
    "submitted_at",
    "approved_at",
    "approved_by",
]

ALLOWED = {
    "submit": {Status.DRAFT, Status.RETURNED},
    "approve": {Status.SUBMITTED},
    "return": {Status.SUBMITTED},
    "reopen": {Status.APPROVED},
}


def _check(obj: Any, action: str) -> None:
    if obj.status not in ALLOWED[action]:
        raise ValidationError(
            {
                "status": _("This action is not possible while the status is “%(status)s”.")
                % {"status": obj.get_status_display()}
            }
        )


def transition(
    *,
    obj: models.Model,
    action: str,
    acting_user: Any,
    policy: Any,
    reason: str = "",
    on_change: Callable[[Any, Any], None] | None = None,
) -> models.Model:
    """Move ``obj`` through the workflow; ``on_change(before_status, obj)`` runs in the
    same transaction (summary maintenance)."""
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)
        _check(locked, action)
        _authorise(locked, action, acting_user, policy)
        before = snapshot(locked, WORKFLOW_FIELDS)
        previous_status = locked.status  # type: ignore[attr-defined]
        _apply(locked, action, acting_user, reason)
        locked.save(update_fields=[*WORKFLOW_FIELDS, "updated_at"])
        if on_change is not None:
            on_change(previous_status, locked)
        audit_log(
            actor=acting_user,
            action=f"{locked._meta.model_name}.{action}",
            target=locked,
            unit=locked.unit,
            before=before,
            after=snapshot(locked, WORKFLOW_FIELDS),  # type: ignore[attr-defined]
            note=reason,
        )
    return locked


def _authorise(obj: Any, action: str, user: Any, policy: Any) -> None:
    if action == "approve" or action == "return":
        allowed = policy.can_approve(user, obj)
    else:
        allowed = policy.can_edit(user, obj)
    if not allowed:
        raise PermissionDenied(_("You may not do this for this unit."))


def _apply(obj: Any, action: str, user: Any, reason: str) -> None:
    now = timezone.now()
    if action == "submit":
        obj.status, obj.submitted_at, obj.return_reason = Status.SUBMITTED, now, ""
    elif action == "approve":
        obj.status, obj.approved_at, obj.approved_by = Status.APPROVED, now, user
    elif action == "return":
        if not reason.strip():
            raise ValidationError({"reason": _("Give a reason for returning the record.")})
        obj.status, obj.return_reason = Status.RETURNED, reason.strip()
    elif action == "reopen":
        obj.status, obj.revision = Status.DRAFT, obj.revision + 1
        obj.approved_at, obj.approved_by = None, None
