"""Moving a case (lead, site, excavation, remains set) from one status to another.

Each move is checked against a table of allowed moves, dated (not in the future, not
before the previous move), written as a :class:`StatusChange` row and audited, all in
one transaction. Closing and cancelling need a reason; nothing is ever deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from huunghi.accounts.types import Actor
from huunghi.core.actors import as_user, authorize
from huunghi.core.workflow import Step, locked_move
from huunghi.remains.models import StatusChange


@dataclass(frozen=True)
class Move:
    sources: frozenset[str]
    target: str
    needs_reason: bool = False
    closes: bool = False


def today() -> dt.date:
    return timezone.localdate()


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not do this for this unit."))


def permit(acting_user: Actor, allowed: Callable[[Any], bool]) -> None:
    """Refuse unless ``acting_user`` is the system (said explicitly) or ``allowed(user)``."""
    authorize(acting_user, allowed, _("You may not do this for this unit."))


def check_not_future(field: str, day: dt.date | None) -> None:
    if day is not None and day > today():
        raise ValidationError({field: _("The date cannot be in the future.")})


def record_change(
    *,
    obj: models.Model,
    to_value: str,
    on_date: dt.date,
    acting_user: Actor,
    from_value: str = "",
    field: str = "status",
    reason: str = "",
) -> StatusChange:
    """Write one status-history row for ``obj``."""
    return StatusChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        field=field,
        from_value=from_value,
        to_value=to_value,
        on_date=on_date,
        changed_by=as_user(acting_user),
        reason=reason,
    )


def _check_move(obj: Any, move: Move, on_date: dt.date, reason: str) -> None:
    if obj.status not in move.sources:
        raise ValidationError(
            {
                "status": _("This is not possible while the status is “%(status)s”.")
                % {"status": obj.get_status_display()}
            }
        )
    if move.needs_reason and not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    check_not_future("on_date", on_date)
    if obj.status_on and on_date < obj.status_on:
        raise ValidationError(
            {
                "on_date": _("The date cannot be before the last change of status (%(date)s).")
                % {"date": obj.status_on.isoformat()}
            }
        )


def transition(
    *,
    obj: Any,
    moves: dict[str, Move],
    action: str,
    on_date: dt.date,
    acting_user: Actor,
    policy: Any,
    reason: str = "",
    before_save: Callable[[Any], None] | None = None,
) -> Any:
    """Apply ``moves[action]`` to ``obj``; ``before_save(locked)`` adds model-specific checks.

    The move runs through :func:`huunghi.core.workflow.locked_move`, the same locking,
    checking and auditing as the approval chain; this module adds the table of allowed
    moves, the dates and the status history row."""
    if action not in moves:
        raise ValidationError({"action": _("Unknown action.")})
    move = moves[action]
    cleaned = reason.strip()

    def check(locked: Any) -> None:
        permit(acting_user, lambda user: policy.can_edit(user, locked))
        _check_move(locked, move, on_date, reason)

    def apply(locked: Any) -> None:
        locked.status, locked.status_on = move.target, on_date
        locked.close_reason = cleaned if move.closes else ""
        if before_save is not None:
            before_save(locked)

    def history(previous: str, locked: Any) -> None:
        record_change(
            obj=locked,
            from_value=previous,
            to_value=move.target,
            on_date=on_date,
            acting_user=acting_user,
            reason=cleaned,
        )

    step = Step(
        action=action, status_field="status", check=check, apply=apply, after=history, note=cleaned
    )
    return locked_move(obj=obj, step=step, acting_user=acting_user, unit=lambda o: o.team)
