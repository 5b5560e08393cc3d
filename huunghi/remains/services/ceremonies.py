"""Writes for handover ceremonies and reburials, which move remains sets along.

A handover takes sets in the *recovered* stage to *handed over*; a reburial takes
handed-over sets to *reburied*. Each set's move is dated with the ceremony and kept
in its status history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot
from huunghi.core.actors import as_user
from huunghi.geography.models import AdminLevel, AdminUnit
from huunghi.organisations.models import Unit
from huunghi.remains.models import Handover, Reburial, RemainsSet, SetStage
from huunghi.remains.permissions import (
    CEREMONY_UNIT_KINDS,
    HandoverPolicy,
    ReburialPolicy,
    RemainsSetPolicy,
)
from huunghi.remains.services.common import check_place_in
from huunghi.remains.services.status import check_not_future, permit, record_change


def _check_unit(unit: Unit) -> None:
    if unit.kind not in CEREMONY_UNIT_KINDS or unit.country.code != "VN":
        raise ValidationError(
            {"unit": _("Choose a steering committee 515, a search team or the command above them.")}
        )


def _check_province(field: str, place: AdminUnit, country: str) -> None:
    check_place_in(field, place, country)
    if place.level != AdminLevel.PROVINCE:
        raise ValidationError({field: _("Choose a province.")})


def _lock_sets(sets: Iterable[RemainsSet], acting_user: Actor) -> list[RemainsSet]:
    pks = [s.pk for s in sets]
    locked = list(
        RemainsSet.objects.select_for_update(of=("self",))
        .filter(pk__in=pks)
        .select_related("team", "excavation", "handover")
        .order_by("pk")
    )
    permit(acting_user, lambda user: all(RemainsSetPolicy.can_edit(user, s) for s in locked))
    return locked


def _check_sets_belong(sets: list[RemainsSet], unit: Unit, stage: str) -> None:
    for remains_set in sets:
        if not remains_set.team.path.startswith(unit.path):
            raise ValidationError(
                {
                    "sets": _("%(set)s belongs to a team outside %(unit)s.")
                    % {"set": remains_set, "unit": unit}
                }
            )
        if remains_set.status != stage:
            raise ValidationError(
                {
                    "sets": _("%(set)s is “%(stage)s” and cannot be included.")
                    % {"set": remains_set, "stage": remains_set.get_status_display()}
                }
            )


def _check_handover_dates(sets: list[RemainsSet], held_on: dt.date) -> None:
    for remains_set in sets:
        recovered = remains_set.recovered_on
        if remains_set.excavation is not None:
            recovered = max(recovered, remains_set.excavation.start_date)
        if held_on < recovered:
            raise ValidationError(
                {
                    "held_on": _(
                        "The handover (%(date)s) cannot be before %(set)s was recovered "
                        "(%(recovered)s)."
                    )
                    % {"date": held_on.isoformat(), "set": remains_set, "recovered": recovered}
                }
            )


def _move_sets(
    sets: list[RemainsSet], *, stage: str, on_date: dt.date, acting_user: Actor, **link: Any
) -> None:
    for remains_set in sets:
        previous = remains_set.status
        remains_set.status, remains_set.status_on = stage, on_date
        for name, value in link.items():
            setattr(remains_set, name, value)
        remains_set.save(update_fields=["status", "status_on", *link, "updated_at"])
        record_change(
            obj=remains_set,
            from_value=previous,
            to_value=stage,
            on_date=on_date,
            acting_user=acting_user,
        )


@transaction.atomic
def handover_create(
    *,
    unit: Unit,
    held_on: dt.date,
    kh_province: AdminUnit,
    vn_province: AdminUnit,
    remains_count: int,
    acting_user: Actor,
    sets: Iterable[RemainsSet] = (),
    place_text: str = "",
    notes: str = "",
    is_synthetic: bool = False,
) -> Handover:
    """Record a handover ceremony and move the sets included to *handed over*."""
    permit(acting_user, lambda user: HandoverPolicy.can_create_in(user, unit))
    _check_unit(unit)
    _check_province("kh_province", kh_province, "KH")
    _check_province("vn_province", vn_province, "VN")
    check_not_future("held_on", held_on)
    handover = Handover(
        unit=unit,
        held_on=held_on,
        kh_province=kh_province,
        vn_province=vn_province,
        remains_count=remains_count,
        place_text=place_text.strip(),
        notes=notes.strip(),
        is_synthetic=is_synthetic,
        created_by=as_user(acting_user),
    )
    handover.full_clean()
    locked = _lock_sets(sets, acting_user)
    _check_sets_belong(locked, unit, SetStage.RECOVERED)
    _check_handover_dates(locked, held_on)
    included = sum(s.count for s in locked)
    if included > remains_count:
        raise ValidationError(
            {
                "remains_count": _(
                    "The sets included hold %(included)s remains, more than the %(count)s "
                    "handed over."
                )
                % {"included": included, "count": remains_count}
            }
        )
    return _save_ceremony(handover, locked, stage=SetStage.HANDED_OVER, acting_user=acting_user)


def _check_reburial_dates(sets: list[RemainsSet], held_on: dt.date) -> None:
    for remains_set in sets:
        handed_over = remains_set.handover.held_on if remains_set.handover else None
        if handed_over and held_on < handed_over:
            raise ValidationError(
                {
                    "held_on": _(
                        "The reburial (%(date)s) cannot be before %(set)s was handed over "
                        "(%(handover)s)."
                    )
                    % {"date": held_on.isoformat(), "set": remains_set, "handover": handed_over}
                }
            )


@transaction.atomic
def reburial_create(
    *,
    unit: Unit,
    held_on: dt.date,
    cemetery_name: str,
    place: AdminUnit,
    acting_user: Actor,
    sets: Iterable[RemainsSet] = (),
    notes: str = "",
    is_synthetic: bool = False,
) -> Reburial:
    """Record a reburial and move the handed-over sets included to *reburied*."""
    permit(acting_user, lambda user: ReburialPolicy.can_create_in(user, unit))
    _check_unit(unit)
    check_place_in("place", place, "VN")
    check_not_future("held_on", held_on)
    reburial = Reburial(
        unit=unit,
        held_on=held_on,
        cemetery_name=cemetery_name.strip(),
        place=place,
        notes=notes.strip(),
        is_synthetic=is_synthetic,
        created_by=as_user(acting_user),
    )
    reburial.full_clean()
    locked = _lock_sets(sets, acting_user)
    if not locked:
        raise ValidationError({"sets": _("Choose the remains sets reburied.")})
    _check_sets_belong(locked, unit, SetStage.HANDED_OVER)
    _check_reburial_dates(locked, held_on)
    return _save_ceremony(reburial, locked, stage=SetStage.REBURIED, acting_user=acting_user)


def _save_ceremony[C: Handover | Reburial](
    ceremony: C, locked: list[RemainsSet], *, stage: str, acting_user: Actor
) -> C:
    """Save a handover or reburial, move its sets to ``stage`` and audit it with them."""
    ceremony.save()
    kind = str(ceremony._meta.model_name)
    _move_sets(
        locked,
        stage=stage,
        on_date=ceremony.held_on,
        acting_user=acting_user,
        **{kind: ceremony},
    )
    audit_log(
        actor=acting_user,
        action=f"{kind}.create",
        target=ceremony,
        unit=ceremony.unit,
        after={**snapshot(ceremony), "sets": [s.pk for s in locked]},
    )
    return ceremony
