"""Checks and save steps shared by the remains writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ChainCase:
    """How one kind of case in the approval chain (excavations, remains sets) is written.

    ``policy`` authorises the writes, ``editable`` lists the fields an edit may change,
    ``audit_name`` prefixes the audit actions (``<name>.create``, ``<name>.update``) and
    ``check`` holds the rules across cases (dates and counts against the excavation…),
    which run once the case itself is valid, on creation and on every edit alike.
    """

    policy: Any
    editable: frozenset[str]
    audit_name: str
    check: Callable[[Any], None]

    def validate(self, case: Any) -> None:
        case.full_clean()
        self.check(case)

    def create[T: Model](self, case: T, *, acting_user: Actor) -> T:
        """Validate a new case and save it with its first status row and audit event."""
        self.validate(case)
        saved: T = save_new(case, acting_user=acting_user, action=f"{self.audit_name}.create")
        return saved

    def begin_edit[T: Model](
        self, case: T, *, acting_user: Actor, changes: dict[str, Any]
    ) -> tuple[T, dict[str, Any]]:
        """Lock the case, check the user may edit it, reopen it in the approval chain,
        apply ``changes`` and validate the result. Returns the case and its state before."""
        locked, before = begin_edit(
            case,
            policy=self.policy,
            acting_user=acting_user,
            changes=changes,
            editable=self.editable,
            in_chain=True,
        )
        self.validate(locked)
        return locked, before

    def save_edit[T: Model](self, case: T, *, before: dict[str, Any], acting_user: Actor) -> T:
        saved: T = save_changed(
            case, before=before, acting_user=acting_user, action=f"{self.audit_name}.update"
        )
        return saved
