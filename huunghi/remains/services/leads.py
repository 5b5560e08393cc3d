"""Writes for seasons, leads and search sites."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot
from huunghi.geography.models import AdminUnit
from huunghi.organisations.models import Unit
from huunghi.remains.models import (
    Credibility,
    Lead,
    LeadStatus,
    Phase,
    SearchSite,
    Season,
    SiteStatus,
)
from huunghi.remains.permissions import LeadPolicy, SearchSitePolicy, SeasonPolicy
from huunghi.remains.services.common import (
    begin_edit,
    check_create,
    check_place_in,
    check_team,
    save_changed,
    save_new,
)
from huunghi.remains.services.status import (
    Move,
    check_not_future,
    permit,
    today,
    transition,
)

LEAD_MOVES = {
    "verify": Move(frozenset({LeadStatus.RECEIVED}), LeadStatus.VERIFYING),
    "confirm": Move(frozenset({LeadStatus.RECEIVED, LeadStatus.VERIFYING}), LeadStatus.CONFIRMED),
    "close": Move(
        frozenset({LeadStatus.RECEIVED, LeadStatus.VERIFYING, LeadStatus.CONFIRMED}),
        LeadStatus.CLOSED,
        needs_reason=True,
        closes=True,
    ),
    "reopen": Move(frozenset({LeadStatus.CLOSED}), LeadStatus.VERIFYING, needs_reason=True),
}
SITE_MOVES = {
    "close": Move(frozenset({SiteStatus.OPEN}), SiteStatus.CLOSED, needs_reason=True, closes=True),
    "reopen": Move(frozenset({SiteStatus.CLOSED}), SiteStatus.OPEN, needs_reason=True),
}

LEAD_EDITABLE = frozenset(
    {
        "received_on",
        "informant_description",
        "place",
        "place_text",
        "estimated_count",
        "credibility",
        "notes",
    }
)
SITE_EDITABLE = frozenset({"name", "place", "place_text", "latitude", "longitude", "notes"})


# Seasons ------------------------------------------------------------------------------


@transaction.atomic
def season_create(*, number: int, start_year: int, acting_user: Actor, notes: str = "") -> Season:
    """Define a season (national reference data)."""
    permit(acting_user, SeasonPolicy.can_manage)
    season = Season(number=number, start_year=start_year, notes=notes.strip())
    season.full_clean()
    season.save()
    audit_log(actor=acting_user, action="season.create", target=season, after=snapshot(season))
    return season


@transaction.atomic
def phase_create(
    *,
    season: Season,
    number: int,
    start_date: dt.date,
    acting_user: Actor,
    end_date: dt.date | None = None,
) -> Phase:
    """Add a phase with its dates to a season."""
    permit(acting_user, SeasonPolicy.can_manage)
    phase = Phase(season=season, number=number, start_date=start_date, end_date=end_date)
    phase.full_clean()
    if start_date.year not in (season.start_year, season.start_year + 1):
        raise ValidationError(
            {
                "start_date": _("A phase of season %(season)s starts in %(first)s or %(second)s.")
                % {
                    "season": season.roman,
                    "first": season.start_year,
                    "second": season.start_year + 1,
                }
            }
        )
    phase.save()
    audit_log(actor=acting_user, action="phase.create", target=phase, after=snapshot(phase))
    return phase


# Leads --------------------------------------------------------------------------------


@transaction.atomic
def lead_create(
    *,
    team: Unit,
    received_on: dt.date,
    informant_description: str,
    place: AdminUnit,
    acting_user: Actor,
    place_text: str = "",
    estimated_count: int | None = None,
    credibility: str = Credibility.MEDIUM,
    notes: str = "",
    is_synthetic: bool = False,
) -> Lead:
    """Register information about a possible burial place in Cambodia."""
    check_team(team)
    check_create(LeadPolicy, acting_user, team)
    check_place_in("place", place, "KH")
    check_not_future("received_on", received_on)
    lead = Lead(
        team=team,
        received_on=received_on,
        informant_description=informant_description.strip(),
        place=place,
        place_text=place_text.strip(),
        estimated_count=estimated_count,
        credibility=credibility,
        notes=notes.strip(),
        is_synthetic=is_synthetic,
        status=LeadStatus.RECEIVED,
        status_on=received_on,
    )
    return save_new(lead, acting_user=acting_user, action="lead.create")


@transaction.atomic
def lead_update(*, lead: Lead, acting_user: Actor, changes: dict[str, Any]) -> Lead:
    lead, before = begin_edit(
        lead, policy=LeadPolicy, acting_user=acting_user, changes=changes, editable=LEAD_EDITABLE
    )
    check_place_in("place", lead.place, "KH")
    check_not_future("received_on", lead.received_on)
    if lead.status == LeadStatus.RECEIVED:
        lead.status_on = lead.received_on
    return save_changed(lead, before=before, acting_user=acting_user, action="lead.update")


def lead_move(
    *, lead: Lead, action: str, on_date: dt.date, acting_user: Actor, reason: str = ""
) -> Lead:
    """verify, confirm, close (with a reason) or reopen (with a reason) a lead."""
    return transition(
        obj=lead,
        moves=LEAD_MOVES,
        action=action,
        on_date=on_date,
        acting_user=acting_user,
        policy=LeadPolicy,
        reason=reason,
    )


# Search sites -------------------------------------------------------------------------


@transaction.atomic
def site_create(
    *,
    team: Unit,
    name: str,
    place: AdminUnit,
    acting_user: Actor,
    lead: Lead | None = None,
    opened_on: dt.date | None = None,
    place_text: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    notes: str = "",
    is_synthetic: bool = False,
) -> SearchSite:
    """Open a search site, usually following one of the team's leads."""
    check_team(team)
    check_create(SearchSitePolicy, acting_user, team)
    check_place_in("place", place, "KH")
    if lead is not None and lead.team_id != team.pk:
        raise ValidationError({"lead": _("The lead belongs to another team.")})
    opened_on = opened_on or today()
    check_not_future("opened_on", opened_on)
    if lead is not None and opened_on < lead.received_on:
        raise ValidationError(
            {
                "opened_on": _("The site cannot be opened before the lead was received (%(date)s).")
                % {"date": lead.received_on.isoformat()}
            }
        )
    site = SearchSite(
        team=team,
        name=name.strip(),
        place=place,
        lead=lead,
        place_text=place_text.strip(),
        opened_on=opened_on,
        latitude=latitude,
        longitude=longitude,
        notes=notes.strip(),
        is_synthetic=is_synthetic,
        status=SiteStatus.OPEN,
        status_on=opened_on,
    )
    return save_new(site, acting_user=acting_user, action="searchsite.create")


@transaction.atomic
def site_update(*, site: SearchSite, acting_user: Actor, changes: dict[str, Any]) -> SearchSite:
    site, before = begin_edit(
        site,
        policy=SearchSitePolicy,
        acting_user=acting_user,
        changes=changes,
        editable=SITE_EDITABLE,
    )
    check_place_in("place", site.place, "KH")
    return save_changed(site, before=before, acting_user=acting_user, action="searchsite.update")


def site_move(
    *, site: SearchSite, action: str, on_date: dt.date, acting_user: Actor, reason: str = ""
) -> SearchSite:
    """close (with a reason) or reopen (with a reason) a search site."""
    return transition(
        obj=site,
        moves=SITE_MOVES,
        action=action,
        on_date=on_date,
        acting_user=acting_user,
        policy=SearchSitePolicy,
        reason=reason,
    )
