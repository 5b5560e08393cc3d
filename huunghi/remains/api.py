"""API: remains cases — leads, recovered remains sets, excavations, seasons and totals.

Reads start from :mod:`huunghi.remains.selectors`; new leads and sets go through
:mod:`huunghi.remains.services` (status history and audit included). Schema names
carry a ``Remains`` prefix: OpenAPI components are shared by every router.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status as Reply

from huunghi.accounts.types import Reader
from huunghi.api import lookups
from huunghi.api.auth import acting_user
from huunghi.api.errors import field_error
from huunghi.api.pagination import Paged
from huunghi.api.schemas import Day, InSchema, PlaceRef, UnitRef, read, text, write
from huunghi.geography import lookups as place_lookups
from huunghi.organisations import selectors as organisations
from huunghi.remains import selectors, services
from huunghi.remains.models import (
    Credibility,
    ExcavationStatus,
    Identification,
    Lead,
    LeadStatus,
    RemainsSet,
    SetStage,
)
from huunghi.remains.permissions import editable_teams

router = Router(tags=["remains"])
ID = Path(..., ge=1, le=2**62)


class RemainsCaseFilterIn(Schema):
    team: int | None = Field(None, description="Unit id: cases of its subtree")
    q: text(100) = ""  # type: ignore[valid-type]


class RemainsLeadFilterIn(RemainsCaseFilterIn):
    status: LeadStatus | None = None
    credibility: Credibility | None = None


class RemainsSetFilterIn(RemainsCaseFilterIn):
    status: SetStage | None = None
    identification: Identification | None = None


class RemainsLeadOut(Schema):
    id: int
    team: UnitRef
    received_on: dt.date
    informant_description: str
    place: PlaceRef
    place_text: str
    estimated_count: int | None
    credibility: str
    status: str
    status_on: dt.date
    close_reason: str
    notes: str
    is_synthetic: bool


class RemainsLeadIn(InSchema):
    team_id: int
    received_on: Day
    informant_description: text(300, 1)  # type: ignore[valid-type]
    place_id: int
    place_text: text(300) = ""  # type: ignore[valid-type]
    estimated_count: int | None = Field(None, ge=1, le=10_000)
    credibility: Credibility = Credibility.MEDIUM
    notes: text(20_000) = ""  # type: ignore[valid-type]


class RemainsSetOut(Schema):
    id: int
    team: UnitRef
    excavation_id: int | None
    recovered_on: dt.date
    count: int
    identification: str
    dna_sample_taken: bool
    soldier_name: str
    soldier_unit: str
    status: str
    status_on: dt.date
    handover_id: int | None
    reburial_id: int | None
    is_synthetic: bool
    record_status: str = Field(description="Approval: /api/v1/workflow/remains_set/{id}")
    revision: int


class RemainsSetIn(InSchema):
    team_id: int
    recovered_on: Day
    count: int = Field(1, ge=1, le=1000)
    identification: Identification = Identification.UNIDENTIFIED
    dna_sample_taken: bool = False
    personal_effects: text(5000) = ""  # type: ignore[valid-type]
    soldier_name: text(200) = ""  # type: ignore[valid-type]
    soldier_unit: text(200) = ""  # type: ignore[valid-type]
    notes: text(20_000) = ""  # type: ignore[valid-type]


class RemainsTotalsIn(Schema):
    date_from: Day | None = None
    date_to: Day | None = None
    unit: int | None = Field(None, description="Unit id: totals of its subtree")


class RemainsTotalsOut(Schema):
    recovered: int
    handed_over: int
    reburied: int
    excavations: int
    leads_received: int
    sets_identified: int


class RemainsYearOut(Schema):
    year: int
    recovered: int
    handed_over: int
    reburied: int


class RemainsPhaseOut(Schema):
    id: int
    number: int
    start_date: dt.date
    end_date: dt.date | None


class RemainsSeasonOut(Schema):
    id: int
    number: int
    roman: str
    start_year: int
    phases: list[RemainsPhaseOut]

    @staticmethod
    def resolve_phases(obj: Any) -> list[Any]:
        return list(obj.phases.all())


class RemainsTeamRowOut(Schema):
    team: UnitRef
    by_phase: list[int]
    total: int


class RemainsSeasonTableOut(Schema):
    season: RemainsSeasonOut
    rows: list[RemainsTeamRowOut]
    phase_totals: list[int]
    total: int


class RemainsExcavationOut(Schema):
    id: int
    team: UnitRef
    site_id: int
    phase_id: int
    start_date: dt.date
    end_date: dt.date | None
    recovered_count: int
    status: str
    status_on: dt.date
    is_synthetic: bool
    record_status: str = Field(description="Approval: /api/v1/workflow/excavation/{id}")
    revision: int


class RemainsExcavationFilterIn(Schema):
    team: int | None = Field(None, description="Unit id: excavations of its subtree")
    status: ExcavationStatus | None = None
    season: int | None = Field(None, ge=1, le=2**62, description="Season id")


def _filters(request: HttpRequest, params: Any, **extra: Any) -> selectors.CaseFilters:
    user = acting_user(request)
    team = organisations.unit_get(user=user, pk=params.team) if params.team else None
    return selectors.CaseFilters(team=team, query=params.q, **extra)


@router.get("/leads", response=read(list[RemainsLeadOut]), summary="Leads")
@paginate(Paged)
def lead_list(request: HttpRequest, params: Query[RemainsLeadFilterIn]) -> Any:
    """Information about possible burial places, in the caller's scope."""
    filters = _filters(
        request, params, status=params.status or "", credibility=params.credibility or ""
    )
    return selectors.lead_list(user=acting_user(request), filters=filters).order_by(
        "-received_on", "-id"
    )


@router.get("/leads/{lead_id}", response=read(RemainsLeadOut), summary="One lead")
def lead_detail(request: HttpRequest, lead_id: int) -> Lead:
    return selectors.lead_get(user=acting_user(request), pk=lead_id)


def _team(user: Reader, pk: int) -> Any:
    teams = editable_teams(user)
    if not teams.exists():
        raise PermissionDenied(_("You may not enter remains cases."))
    return lookups.one_of("team_id", teams, pk, _("Choose a search team you work for."))


@router.post("/leads", response=write(RemainsLeadOut, 201), summary="Register a lead")
def lead_create(request: HttpRequest, payload: RemainsLeadIn) -> Reply[Lead]:
    user = acting_user(request)
    team = _team(user, payload.team_id)
    data = payload.model_dump(exclude={"team_id", "place_id"})
    lead = services.lead_create(
        team=team, place=place_lookups.place("place_id", payload.place_id), acting_user=user, **data
    )
    return Reply(201, selectors.lead_get(user=user, pk=lead.pk))


@router.get("/sets", response=read(list[RemainsSetOut]), summary="Recovered remains sets")
@paginate(Paged)
def set_list(request: HttpRequest, params: Query[RemainsSetFilterIn]) -> Any:
    filters = _filters(
        request,
        params,
        status=params.status or "",
        identification=params.identification or "",
    )
    return selectors.set_list(user=acting_user(request), filters=filters).order_by(
        "-recovered_on", "-id"
    )


@router.get("/sets/{set_id}", response=read(RemainsSetOut), summary="One remains set")
def set_detail(request: HttpRequest, set_id: int) -> RemainsSet:
    return selectors.set_get(user=acting_user(request), pk=set_id)


@router.post("/sets", response=write(RemainsSetOut, 201), summary="Register a remains set")
def set_create(request: HttpRequest, payload: RemainsSetIn) -> Reply[RemainsSet]:
    user = acting_user(request)
    team = _team(user, payload.team_id)
    remains_set = services.set_create(
        team=team, acting_user=user, **payload.model_dump(exclude={"team_id"})
    )
    return Reply(201, selectors.set_get(user=user, pk=remains_set.pk))


def _totals_unit(user: Reader, params: Any) -> Any:
    if params.date_from and params.date_to and params.date_to < params.date_from:
        raise field_error("date_to", _("The end of the period cannot be before its start."))
    return organisations.unit_get(user=user, pk=params.unit) if params.unit else None


@router.get("/totals", response=read(RemainsTotalsOut), summary="Remains totals")
def totals(request: HttpRequest, params: Query[RemainsTotalsIn]) -> Any:
    """Remains recovered, handed over and reburied between two dates, in the caller's scope."""
    user = acting_user(request)
    unit = _totals_unit(user, params)
    return selectors.remains_totals(
        user=user, start=params.date_from, end=params.date_to, unit=unit
    )


@router.get("/totals/years", response=read(list[RemainsYearOut]), summary="Totals per year")
def totals_by_year(request: HttpRequest, params: Query[RemainsTotalsIn]) -> Any:
    """Remains recovered, handed over and reburied per calendar year, in the caller's scope."""
    user = acting_user(request)
    return selectors.remains_totals_by_year(user=user, unit=_totals_unit(user, params))


@router.get("/seasons", response=read(list[RemainsSeasonOut]), summary="Seasons and phases")
def season_list(request: HttpRequest) -> Any:
    return list(selectors.season_list(user=acting_user(request)))


@router.get(
    "/seasons/{season_id}/table", response=read(RemainsSeasonTableOut), summary="Season by team"
)
def season_table(request: HttpRequest, season_id: int = ID) -> Any:
    """Remains recovered per team and phase (recorded excavations in the caller's scope)."""
    user = acting_user(request)
    season = selectors.season_get(user=user, pk=season_id)
    table = selectors.season_table(user=user, season=season)
    return {
        "season": season,
        "rows": table.rows,
        "phase_totals": table.phase_totals,
        "total": table.total,
    }


@router.get("/excavations", response=read(list[RemainsExcavationOut]), summary="Excavations")
@paginate(Paged)
def excavation_list(request: HttpRequest, params: Query[RemainsExcavationFilterIn]) -> Any:
    user = acting_user(request)
    team = organisations.unit_get(user=user, pk=params.team) if params.team else None
    season = None
    if params.season is not None:
        season = lookups.or_field_error(
            "season",
            _("No such season."),
            lambda: selectors.season_get(user=user, pk=params.season),
        )
    return selectors.excavation_list(
        user=user,
        filters=selectors.CaseFilters(team=team, status=params.status or "", season=season),
    ).order_by("-start_date", "-id")
