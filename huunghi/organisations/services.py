"""Changes to the unit hierarchy: create, rename, move, merge, close.

Every change keeps history: the current ``Unit`` row is updated, the previous
name/parent is closed in a :class:`UnitVersion`, and records made by the unit
are never rewritten. Paths of the moved subtree are recomputed in one UPDATE.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from huunghi.accounts.models import User
from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot
from huunghi.core.actors import authorize
from huunghi.core.hooks import UNIT_MOVED, write_started
from huunghi.organisations.models import PATH_SEGMENT_WIDTH, Unit, UnitVersion


def _segment(unit_id: int) -> str:
    return f"{unit_id:0{PATH_SEGMENT_WIDTH}d}."


def _may_manage(unit: Unit | None) -> Callable[[Any], bool]:
    """Managing a unit (or creating a root when ``unit`` is None) needs the manage capability
    over it: a root needs it everywhere (a system administrator)."""

    def allowed(user: User) -> bool:
        scope = scope_for(user)
        if unit is None:
            return scope.is_global and scope.has_any(Capability.MANAGE)
        return scope.covers(Capability.MANAGE, unit.path)

    return allowed


def _authorize_manage(acting_user: Actor, *units: Unit | None) -> None:
    for unit in units:
        authorize(
            acting_user,
            _may_manage(unit),
            _("You may not change the organisation tree at this unit."),
        )


def _check_parent(*, unit: Unit, parent: Unit | None) -> None:
    """Refuse cycles, closed parents and parents in another country."""
    if parent is None:
        return
    if parent.valid_to is not None:
        raise ValidationError({"parent": _("The parent unit is closed.")})
    if unit.pk and parent.path.startswith(unit.path):
        raise ValidationError(
            {"parent": _("A unit cannot be placed under itself or one of its own sub-units.")}
        )
    if parent.country_id != unit.country_id:
        raise ValidationError(
            {"parent": _("The parent unit belongs to another country than this unit.")}
        )


@transaction.atomic
def unit_create(
    *,
    code: str,
    name_vi: str,
    kind: str,
    country: Any,
    parent: Unit | None = None,
    acting_user: Actor,
    valid_from: dt.date | None = None,
    **fields: Any,
) -> Unit:
    """Create a unit under ``parent`` (or as a root) and audit it."""
    _authorize_manage(acting_user, parent)
    unit = Unit(
        code=code,
        name_vi=name_vi,
        kind=kind,
        country=country,
        parent=parent,
        valid_from=valid_from,
        path=f"tmp-{uuid.uuid4().hex}",
        **fields,
    )
    _check_parent(unit=unit, parent=parent)
    unit.full_clean()
    unit.depth = parent.depth + 1 if parent else 0
    unit.save()
    unit.path = (parent.path if parent else "") + _segment(unit.pk)
    Unit.objects.filter(pk=unit.pk).update(path=unit.path)
    UnitVersion.objects.create(
        unit=unit, name_vi=name_vi, parent=parent, valid_from=valid_from, change="created"
    )
    audit_log(actor=acting_user, action="unit.create", target=unit, unit=unit, after=snapshot(unit))
    return unit


def _close_version(unit: Unit, on_date: dt.date) -> None:
    current = (
        unit.versions.filter(valid_to__isnull=True)
        .order_by(F("valid_from").desc(nulls_last=True), "-pk")
        .first()
    )
    if current is None:
        return
    if current.valid_from and on_date <= current.valid_from:
        raise ValidationError(
            {"on_date": _("The date must be after the start of the unit's current version.")}
        )
    current.valid_to = on_date
    current.save(update_fields=["valid_to"])


@transaction.atomic
def unit_rename(
    *, unit: Unit, name_vi: str, on_date: dt.date, acting_user: Actor, **names: str
) -> Unit:
    """Give the unit a new name from ``on_date``; the old name stays in its history."""
    _authorize_manage(acting_user, unit)
    before = snapshot(unit)
    _close_version(unit, on_date)
    unit.name_vi = name_vi
    for key, value in names.items():
        setattr(unit, key, value)
    unit.full_clean(exclude=["path"])
    unit.save()
    UnitVersion.objects.create(
        unit=unit, name_vi=name_vi, parent=unit.parent, valid_from=on_date, change="renamed"
    )
    audit_log(
        actor=acting_user,
        action="unit.rename",
        target=unit,
        unit=unit,
        before=before,
        after=snapshot(unit),
    )
    return unit


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit, on_date: dt.date, acting_user: Actor) -> Unit:
    """Place the unit (and its subtree) under ``new_parent`` from ``on_date``."""
    _authorize_manage(acting_user, unit, new_parent)
    unit = Unit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
    _check_parent(unit=unit, parent=new_parent)
    before = snapshot(unit)
    _close_version(unit, on_date)
    old_path = unit.path
    new_path = new_parent.path + _segment(unit.pk)
    depth_change = new_parent.depth + 1 - unit.depth
    pending = write_started(UNIT_MOVED, unit)
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    Unit.objects.filter(pk=unit.pk).update(parent=new_parent)
    pending.finish(unit)
    unit.refresh_from_db()
    UnitVersion.objects.create(
        unit=unit, name_vi=unit.name_vi, parent=new_parent, valid_from=on_date, change="moved"
    )
    audit_log(
        actor=acting_user,
        action="unit.move",
        target=unit,
        unit=unit,
        before=before,
        after=snapshot(unit),
    )
    return unit


@transaction.atomic
def unit_merge(*, unit: Unit, into: Unit, on_date: dt.date, acting_user: Actor) -> Unit:
    """Close ``unit`` on ``on_date``; its children move under ``into``."""
    _authorize_manage(acting_user, unit, into)
    if unit.pk == into.pk:
        raise ValidationError({"into": _("A unit cannot be merged into itself.")})
    if into.path.startswith(unit.path):
        raise ValidationError({"into": _("A unit cannot be merged into one of its own sub-units.")})
    if into.country_id != unit.country_id:
        raise ValidationError({"into": _("Units of different countries cannot be merged.")})
    for child in list(unit.children.filter(valid_to__isnull=True)):
        unit_move(unit=child, new_parent=into, on_date=on_date, acting_user=acting_user)
    return unit_close(unit=unit, on_date=on_date, acting_user=acting_user, successor=into)


@transaction.atomic
def unit_close(
    *, unit: Unit, on_date: dt.date, acting_user: Actor, successor: Unit | None = None
) -> Unit:
    """Mark the unit as no longer in force from ``on_date``."""
    _authorize_manage(acting_user, unit)
    if unit.children.filter(valid_to__isnull=True).exists():
        raise ValidationError({"on_date": _("Close or move the unit's active sub-units first.")})
    before = snapshot(unit)
    _close_version(unit, on_date)
    unit.valid_to = on_date
    unit.successor = successor
    unit.full_clean(exclude=["path"])
    unit.save()
    audit_log(
        actor=acting_user,
        action="unit.merge" if successor else "unit.close",
        target=unit,
        unit=unit,
        before=before,
        after=snapshot(unit),
    )
    return unit
