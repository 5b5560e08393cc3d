"""Writes for excavations and the remains sets they recover."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from huunghi.accounts.types import Actor
from huunghi.organisations.models import Unit
from huunghi.remains.models import (
    Excavation,
    ExcavationStatus,
    Identification,
    Phase,
    RemainsSet,
    SearchSite,
    SetStage,
    SiteStatus,
)
from huunghi.remains.permissions import ExcavationPolicy, RemainsSetPolicy
from huunghi.remains.selectors import registered_count
from huunghi.remains.services.common import ChainCase, check_create, check_team
from huunghi.remains.services.status import (
    Move,
    check_not_future,
    record_change,
    today,
    transition,
)

EXCAVATION_MOVES = {
    "complete": Move(frozenset({ExcavationStatus.IN_PROGRESS}), ExcavationStatus.COMPLETED),
    "cancel": Move(
        frozenset({ExcavationStatus.IN_PROGRESS}),
        ExcavationStatus.CANCELLED,
        needs_reason=True,
        closes=True,
    ),
    "reopen": Move(
        frozenset({ExcavationStatus.COMPLETED, ExcavationStatus.CANCELLED}),
        ExcavationStatus.IN_PROGRESS,
        needs_reason=True,
    ),
}
SET_MOVES = {
    "close": Move(frozenset({SetStage.RECOVERED}), SetStage.CLOSED, needs_reason=True, closes=True),
    "reopen": Move(frozenset({SetStage.CLOSED}), SetStage.RECOVERED, needs_reason=True),
}

EXCAVATION_EDITABLE = frozenset({"phase", "start_date", "end_date", "recovered_count", "notes"})
SET_EDITABLE = frozenset(
    {
        "recovered_on",
        "count",
        "identification",
        "dna_sample_taken",
        "personal_effects",
        "soldier_name",
        "soldier_unit",
        "notes",
    }
)


# Excavations --------------------------------------------------------------------------


def _check_excavation_dates(excavation: Excavation) -> None:
    phase, start = excavation.phase, excavation.start_date
    check_not_future("start_date", start)
    check_not_future("end_date", excavation.end_date)
    if start < phase.start_date or (phase.end_date and start > phase.end_date):
        raise ValidationError(
            {
                "start_date": _(
                    "The start date (%(date)s) lies outside %(phase)s (%(from)s – %(to)s)."
                )
                % {
                    "date": start.isoformat(),
                    "phase": phase,
                    "from": phase.start_date.isoformat(),
                    "to": phase.end_date.isoformat() if phase.end_date else "…",
                }
            }
        )
    lead = excavation.site.lead
    if lead is not None and start < lead.received_on:
        raise ValidationError(
            {
                "start_date": _(
                    "The excavation cannot start before the lead was received (%(date)s)."
                )
                % {"date": lead.received_on.isoformat()}
            }
        )


EXCAVATIONS = ChainCase(
    policy=ExcavationPolicy,
    editable=EXCAVATION_EDITABLE,
    audit_name="excavation",
    check=_check_excavation_dates,
)


@transaction.atomic
def excavation_create(
    *,
    team: Unit,
    site: SearchSite,
    phase: Phase,
    start_date: dt.date,
    acting_user: Actor,
    end_date: dt.date | None = None,
    recovered_count: int = 0,
    notes: str = "",
    is_synthetic: bool = False,
) -> Excavation:
    """Record a team's excavation at one of its open sites during a phase."""
    check_team(team)
    check_create(ExcavationPolicy, acting_user, team)
    site = SearchSite.objects.select_for_update(of=("self",)).select_related("lead").get(pk=site.pk)
    if site.team_id != team.pk:
        raise ValidationError({"site": _("The site belongs to another team.")})
    if site.status != SiteStatus.OPEN:
        raise ValidationError({"site": _("The site is closed; reopen it first.")})
    excavation = Excavation(
        team=team,
        site=site,
        phase=phase,
        start_date=start_date,
        end_date=end_date,
        recovered_count=recovered_count,
        notes=notes.strip(),
        is_synthetic=is_synthetic,
        status=ExcavationStatus.IN_PROGRESS,
        status_on=start_date,
    )
    return EXCAVATIONS.create(excavation, acting_user=acting_user)


@transaction.atomic
def excavation_update(
    *, excavation: Excavation, acting_user: Actor, changes: dict[str, Any]
) -> Excavation:
    """Correct an excavation; the count cannot drop below the remains already in sets."""
    excavation, before = EXCAVATIONS.begin_edit(
        excavation, acting_user=acting_user, changes=changes
    )
    registered = registered_count(excavation)
    if excavation.recovered_count < registered:
        raise ValidationError(
            {
                "recovered_count": _(
                    "%(n)s remains are already registered in sets for this excavation."
                )
                % {"n": registered}
            }
        )
    return EXCAVATIONS.save_edit(excavation, before=before, acting_user=acting_user)


def _before_excavation_move(action: str) -> Any:
    def check(excavation: Excavation) -> None:
        if action == "complete" and excavation.end_date is None:
            excavation.end_date = excavation.status_on
        if action == "cancel" and registered_count(excavation):
            raise ValidationError(
                {"status": _("Remains sets are registered for this excavation; close them first.")}
            )

    return check


def excavation_move(
    *, excavation: Excavation, action: str, on_date: dt.date, acting_user: Actor, reason: str = ""
) -> Excavation:
    """complete, cancel (with a reason) or reopen (with a reason) an excavation."""
    return transition(
        obj=excavation,
        moves=EXCAVATION_MOVES,
        action=action,
        on_date=on_date,
        acting_user=acting_user,
        policy=ExcavationPolicy,
        reason=reason,
        before_save=_before_excavation_move(action),
    )


# Remains sets -------------------------------------------------------------------------


def _check_set_against_excavation(remains_set: RemainsSet) -> None:
    excavation = remains_set.excavation
    check_not_future("recovered_on", remains_set.recovered_on)
    if excavation is None:
        return
    if excavation.team_id != remains_set.team_id:
        raise ValidationError({"excavation": _("The excavation belongs to another team.")})
    if excavation.status == ExcavationStatus.CANCELLED:
        raise ValidationError({"excavation": _("The excavation was cancelled.")})
    if remains_set.recovered_on < excavation.start_date:
        raise ValidationError(
            {
                "recovered_on": _(
                    "The remains cannot be recovered before the excavation started (%(date)s)."
                )
                % {"date": excavation.start_date.isoformat()}
            }
        )
    registered = registered_count(excavation, exclude_pk=remains_set.pk)
    if registered + remains_set.count > excavation.recovered_count:
        raise ValidationError(
            {
                "count": _(
                    "The excavation recorded %(recovered)s remains and %(registered)s are already "
                    "in sets; raise the excavation's count first."
                )
                % {"recovered": excavation.recovered_count, "registered": registered}
            }
        )


REMAINS_SETS = ChainCase(
    policy=RemainsSetPolicy,
    editable=SET_EDITABLE,
    audit_name="remainsset",
    check=_check_set_against_excavation,
)


@transaction.atomic
def set_create(
    *,
    team: Unit,
    recovered_on: dt.date,
    acting_user: Actor,
    excavation: Excavation | None = None,
    count: int = 1,
    identification: str = Identification.UNIDENTIFIED,
    dna_sample_taken: bool = False,
    personal_effects: str = "",
    soldier_name: str = "",
    soldier_unit: str = "",
    notes: str = "",
    is_synthetic: bool = False,
) -> RemainsSet:
    """Register a set of remains recovered by the team."""
    check_team(team)
    check_create(RemainsSetPolicy, acting_user, team)
    if excavation is not None:
        excavation = Excavation.objects.select_for_update(of=("self",)).get(pk=excavation.pk)
    remains_set = RemainsSet(
        team=team,
        excavation=excavation,
        recovered_on=recovered_on,
        count=count,
        identification=identification,
        dna_sample_taken=dna_sample_taken,
        personal_effects=personal_effects.strip(),
        soldier_name=soldier_name.strip(),
        soldier_unit=soldier_unit.strip(),
        notes=notes.strip(),
        is_synthetic=is_synthetic,
        status=SetStage.RECOVERED,
        status_on=recovered_on,
    )
    return REMAINS_SETS.create(remains_set, acting_user=acting_user)


@transaction.atomic
def set_update(
    *, remains_set: RemainsSet, acting_user: Actor, changes: dict[str, Any]
) -> RemainsSet:
    """Correct a set's details; a change of identification is kept in its status history."""
    remains_set, before = REMAINS_SETS.begin_edit(
        remains_set, acting_user=acting_user, changes=changes
    )
    remains_set = REMAINS_SETS.save_edit(remains_set, before=before, acting_user=acting_user)
    if remains_set.identification != before["identification"]:
        record_change(
            obj=remains_set,
            field="identification",
            from_value=before["identification"],
            to_value=remains_set.identification,
            on_date=today(),
            acting_user=acting_user,
        )
    return remains_set


def set_move(
    *, remains_set: RemainsSet, action: str, on_date: dt.date, acting_user: Actor, reason: str = ""
) -> RemainsSet:
    """close (with a reason, e.g. not human remains) or reopen a recovered set."""
    return transition(
        obj=remains_set,
        moves=SET_MOVES,
        action=action,
        on_date=on_date,
        acting_user=acting_user,
        policy=RemainsSetPolicy,
        reason=reason,
    )
