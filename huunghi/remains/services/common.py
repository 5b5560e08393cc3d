"""Checks and save steps shared by the remains writes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot
from huunghi.core.actors import as_user
from huunghi.core.workflow import prepare_edit
from huunghi.geography.models import AdminUnit
from huunghi.organisations.models import Unit, UnitKind
from huunghi.remains.services.status import permit, record_change


def check_team(team: Unit) -> None:
    if team.kind != UnitKind.SEARCH_TEAM:
        raise ValidationError({"team": _("Choose a remains search team.")})
    if team.valid_to is not None:
        raise ValidationError({"team": _("This team has been closed.")})


def check_place_in(field: str, place: AdminUnit, country: str) -> None:
    if place.country.code != country:
        message = (
            _("Choose a place in Cambodia.") if country == "KH" else _("Choose a place in Vietnam.")
        )
        raise ValidationError({field: message})


def check_edit(policy: Any, acting_user: Actor, obj: Any) -> None:
    permit(acting_user, lambda user: policy.can_edit(user, obj))


def check_create(policy: Any, acting_user: Actor, unit: Unit) -> None:
    permit(acting_user, lambda user: policy.can_create_in(user, unit))


def begin_edit[T: Model](
    obj: T,
    *,
    policy: Any,
    acting_user: Actor,
    changes: dict[str, Any],
    editable: frozenset[str],
    in_chain: bool = False,
) -> tuple[T, dict[str, Any]]:
    """Lock the case, check the user may edit it, reopen it in the approval chain if it is
    part of it (``in_chain``), note its state before and apply ``changes``. Returns the
    locked case and the state before."""
    locked = type(obj)._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)
    check_edit(policy, acting_user, locked)
    if in_chain:
        prepare_edit(locked, policy=policy, acting_user=acting_user)
    before = snapshot(locked)
    apply_changes(locked, changes, editable)
    return locked, before


def apply_changes(obj: Any, changes: dict[str, Any], editable: frozenset[str]) -> None:
    unknown = set(changes) - editable
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)


def save_new(obj: Any, *, acting_user: Actor, action: str) -> Any:
    """Validate, save, write the first status row (``status`` from ``status_on``) and audit
    a new case, created by the acting user."""
    obj.created_by = as_user(acting_user)
    obj.full_clean()
    obj.save()
    record_change(obj=obj, to_value=obj.status, on_date=obj.status_on, acting_user=acting_user)
    audit_log(actor=acting_user, action=action, target=obj, unit=obj.team, after=snapshot(obj))
    return obj


def save_changed(obj: Any, *, before: dict[str, Any], acting_user: Actor, action: str) -> Any:
    obj.full_clean()
    obj.save()
    audit_log(
        actor=acting_user,
        action=action,
        target=obj,
        unit=obj.team,
        before=before,
        after=snapshot(obj),
    )
    return obj
