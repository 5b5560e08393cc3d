"""Reads for remains search and repatriation, limited to what the reader may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Reader
from huunghi.figures.models import ReportedFigure
from huunghi.figures.selectors import FigureFilters, figure_list
from huunghi.geography.models import AdminLevel, AdminUnit
from huunghi.organisations.models import Unit
from huunghi.remains.models import (
    Excavation,
    ExcavationStatus,
    Handover,
    Lead,
    Phase,
    Reburial,
    RemainsSet,
    SearchSite,
    Season,
    SetStage,
    StatusChange,
)
from huunghi.remains.permissions import (
    ExcavationPolicy,
    HandoverPolicy,
    LeadPolicy,
    ReburialPolicy,
    RemainsSetPolicy,
    SearchSitePolicy,
    SeasonPolicy,
    visible_teams,
)


def _in_unit(unit: Unit | None, field_name: str = "team") -> Q:
    if unit is None:
        return Q()
    return Q(**{f"{field_name}__path__startswith": unit.path})


def _between(field_name: str, start: dt.date | None, end: dt.date | None) -> Q:
    query = Q()
    if start is not None:
        query &= Q(**{f"{field_name}__gte": start})
    if end is not None:
        query &= Q(**{f"{field_name}__lte": end})
    return query


# Lists and details ------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFilters:
    team: Unit | None = None
    status: str = ""
    season: Season | None = None
    phase: Phase | None = None
    query: str = ""
    identification: str = ""
    credibility: str = ""


def lead_list(*, user: Reader, filters: CaseFilters | None = None) -> QuerySet[Lead]:
    filters = filters or CaseFilters()
    leads = LeadPolicy.visible(user).select_related("team", "place").filter(_in_unit(filters.team))
    if filters.status:
        leads = leads.filter(status=filters.status)
    if filters.credibility:
        leads = leads.filter(credibility=filters.credibility)
    if filters.query:
        leads = leads.filter(
            Q(informant_description__icontains=filters.query)
            | Q(place_text__icontains=filters.query)
            | Q(place__name_vi__icontains=filters.query)
            | Q(place__name_en__icontains=filters.query)
        )
    return leads


def site_list(*, user: Reader, filters: CaseFilters | None = None) -> QuerySet[SearchSite]:
    filters = filters or CaseFilters()
    sites = SearchSitePolicy.visible(user).select_related("team", "place", "lead")
    sites = sites.filter(_in_unit(filters.team))
    if filters.status:
        sites = sites.filter(status=filters.status)
    if filters.query:
        sites = sites.filter(
            Q(name__icontains=filters.query) | Q(place_text__icontains=filters.query)
        )
    return sites.annotate(excavation_count=Count("excavations")).order_by("name", "id")


def excavation_list(*, user: Reader, filters: CaseFilters | None = None) -> QuerySet[Excavation]:
    filters = filters or CaseFilters()
    excavations = (
        ExcavationPolicy.visible(user)
        .select_related("team", "site", "phase__season")
        .filter(_in_unit(filters.team))
    )
    if filters.status:
        excavations = excavations.filter(status=filters.status)
    if filters.season:
        excavations = excavations.filter(phase__season=filters.season)
    if filters.phase:
        excavations = excavations.filter(phase=filters.phase)
    return excavations


def set_list(*, user: Reader, filters: CaseFilters | None = None) -> QuerySet[RemainsSet]:
    filters = filters or CaseFilters()
    sets = (
        RemainsSetPolicy.visible(user)
        .select_related("team", "excavation__site", "handover", "reburial")
        .filter(_in_unit(filters.team))
    )
    if filters.status:
        sets = sets.filter(status=filters.status)
    if filters.identification:
        sets = sets.filter(identification=filters.identification)
    if filters.season:
        sets = sets.filter(excavation__phase__season=filters.season)
    if filters.query:
        sets = sets.filter(
            Q(soldier_name__icontains=filters.query) | Q(soldier_unit__icontains=filters.query)
        )
    return sets


def handover_list(*, user: Reader, unit: Unit | None = None) -> QuerySet[Handover]:
    return (
        HandoverPolicy.visible(user)
        .select_related("unit", "kh_province", "vn_province")
        .filter(_in_unit(unit, "unit"))
        .annotate(set_count=Count("sets"))
        .order_by("-held_on", "-id")
    )


def reburial_list(*, user: Reader, unit: Unit | None = None) -> QuerySet[Reburial]:
    return (
        ReburialPolicy.visible(user)
        .select_related("unit", "place")
        .filter(_in_unit(unit, "unit"))
        .annotate(remains=Sum("sets__count"))
        .order_by("-held_on", "-id")
    )


def lead_get(*, user: Reader, pk: Any) -> Lead:
    return LeadPolicy.get_visible(user, pk)


def site_get(*, user: Reader, pk: Any) -> SearchSite:
    return SearchSitePolicy.get_visible(user, pk)


def excavation_get(*, user: Reader, pk: Any) -> Excavation:
    return ExcavationPolicy.get_visible(user, pk)


def set_get(*, user: Reader, pk: Any) -> RemainsSet:
    return RemainsSetPolicy.get_visible(user, pk)


def handover_get(*, user: Reader, pk: Any) -> Handover:
    return HandoverPolicy.get_visible(user, pk)


def reburial_get(*, user: Reader, pk: Any) -> Reburial:
    return ReburialPolicy.get_visible(user, pk)


def registered_count(excavation: Excavation, *, exclude_pk: int | None = None) -> int:
    """Remains already registered in (not closed) sets of the excavation."""
    sets = excavation.sets.exclude(status=SetStage.CLOSED)
    if exclude_pk is not None:
        sets = sets.exclude(pk=exclude_pk)
    return int(sets.aggregate(n=Sum("count"))["n"] or 0)


def season_list(*, user: Reader) -> QuerySet[Season]:
    return SeasonPolicy.visible(user).prefetch_related("phases")


def season_get(*, user: Reader, pk: Any) -> Season:
    try:
        return SeasonPolicy.visible(user).get(pk=pk)
    except (Season.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def phase_choices(*, user: Reader) -> QuerySet[Phase]:
    return (
        SeasonPolicy.visible_phases(user)
        .select_related("season")
        .order_by("-season__start_year", "number")
    )


def status_history(obj: Any) -> QuerySet[StatusChange]:
    """The object's status (and identification) changes, newest first."""
    return StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("changed_by")


def sets_for_handover(*, user: Reader) -> QuerySet[RemainsSet]:
    """Recovered sets the user may hand over."""
    return (
        RemainsSetPolicy.visible(user)
        .filter(_editable_q(user), status=SetStage.RECOVERED)
        .select_related("team")
    )


def sets_for_reburial(*, user: Reader) -> QuerySet[RemainsSet]:
    """Handed-over sets the user may rebury."""
    return (
        RemainsSetPolicy.visible(user)
        .filter(_editable_q(user), status=SetStage.HANDED_OVER)
        .select_related("team", "handover")
    )


def _editable_q(user: Reader) -> Q:
    return scope_for(user).unit_q(Capability.EDIT, "team")


def place_choices(country: str, *, provinces_only: bool = False) -> QuerySet[AdminUnit]:
    """Places in force of one country: provinces, and communes unless ``provinces_only``."""
    places = AdminUnit.objects.filter(country__code=country, valid_to__isnull=True)
    levels = [AdminLevel.PROVINCE]
    if not provinces_only:
        levels += [AdminLevel.DISTRICT, AdminLevel.COMMUNE]
    return (
        places.filter(level__in=levels)
        .select_related("province")
        .order_by("province__name_vi", "level", "name_vi")
    )


# Totals -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RemainsTotals:
    recovered: int = 0
    handed_over: int = 0
    reburied: int = 0
    excavations: int = 0
    leads_received: int = 0
    sets_identified: int = 0


def _counted_excavations(user: Reader, unit: Unit | None) -> QuerySet[Excavation]:
    return (
        ExcavationPolicy.visible(user)
        .filter(_in_unit(unit))
        .exclude(status=ExcavationStatus.CANCELLED)
    )


def remains_totals(
    *,
    user: Reader,
    start: dt.date | None = None,
    end: dt.date | None = None,
    unit: Unit | None = None,
) -> RemainsTotals:
    """Remains recovered (by excavation start date), handed over and reburied (by
    ceremony date) between ``start`` and ``end`` inclusive, in the user's scope."""
    excavations = _counted_excavations(user, unit).filter(_between("start_date", start, end))
    recovered = excavations.aggregate(n=Sum("recovered_count"), e=Count("id"))
    handed = (
        HandoverPolicy.visible(user)
        .filter(_in_unit(unit, "unit"), _between("held_on", start, end))
        .aggregate(n=Sum("remains_count"))
    )
    reburied = (
        RemainsSetPolicy.visible(user)
        .filter(_in_unit(unit), _between("reburial__held_on", start, end), reburial__isnull=False)
        .aggregate(n=Sum("count"))
    )
    identified = (
        RemainsSetPolicy.visible(user)
        .filter(_in_unit(unit), _between("recovered_on", start, end), identification="identified")
        .exclude(status=SetStage.CLOSED)
        .aggregate(n=Sum("count"))
    )
    return RemainsTotals(
        recovered=int(recovered["n"] or 0),
        handed_over=int(handed["n"] or 0),
        reburied=int(reburied["n"] or 0),
        excavations=recovered["e"],
        leads_received=LeadPolicy.visible(user)
        .filter(_in_unit(unit), _between("received_on", start, end))
        .count(),
        sets_identified=int(identified["n"] or 0),
    )


@dataclass(frozen=True)
class YearTotals:
    year: int
    recovered: int = 0
    handed_over: int = 0
    reburied: int = 0


def remains_totals_by_year(*, user: Reader, unit: Unit | None = None) -> list[YearTotals]:
    """Remains recovered, handed over and reburied per calendar year, oldest first."""
    recovered = _per_year(_counted_excavations(user, unit), "start_date", "recovered_count")
    handed = _per_year(
        HandoverPolicy.visible(user).filter(_in_unit(unit, "unit")), "held_on", "remains_count"
    )
    reburied = _per_year(
        RemainsSetPolicy.visible(user).filter(_in_unit(unit), reburial__isnull=False),
        "reburial__held_on",
        "count",
    )
    years = sorted(set(recovered) | set(handed) | set(reburied))
    return [YearTotals(y, recovered.get(y, 0), handed.get(y, 0), reburied.get(y, 0)) for y in years]


def _per_year(rows: QuerySet[Any], date_field: str, amount_field: str) -> dict[int, int]:
    grouped = (
        rows.order_by()
        .annotate(year=ExtractYear(date_field))
        .values("year")
        .annotate(n=Sum(amount_field))
    )
    return {row["year"]: int(row["n"] or 0) for row in grouped}


@dataclass(frozen=True)
class DayRange:
    """Inclusive ``start`` and ``end`` (the period shape the figures app reads)."""

    start: dt.date
    end: dt.date


def season_days(season: Season) -> DayRange:
    """October to September of the season, widened to cover its phases."""
    first, end = dt.date(season.start_year, 10, 1), dt.date(season.start_year + 1, 9, 30)
    bounds = season.phases.aggregate(first=Min("start_date"), last=Max("end_date"))
    return DayRange(min(first, bounds["first"] or first), max(end, bounds["last"] or end))


def reported_recovered(*, user: Reader, season: Season) -> QuerySet[ReportedFigure]:
    """Figures the sources report for remains recovered during the season (not records)."""
    filters = FigureFilters(indicator="remains_recovered", period=season_days(season))
    return figure_list(user=user, filters=filters).order_by("period_start", "unit__path")


@dataclass(frozen=True)
class TeamRow:
    team: Unit
    by_phase: list[int]
    total: int


@dataclass(frozen=True)
class SeasonTable:
    season: Season
    phases: list[Phase]
    rows: list[TeamRow] = field(default_factory=list)
    phase_totals: list[int] = field(default_factory=list)
    total: int = 0


def season_table(*, user: Reader, season: Season, unit: Unit | None = None) -> SeasonTable:
    """Remains recovered per team and phase of a season (recorded excavations only)."""
    phases = list(season.phases.order_by("number"))
    grouped = (
        _counted_excavations(user, unit)
        .filter(phase__season=season)
        .order_by()
        .values("team", "phase")
        .annotate(n=Sum("recovered_count"))
    )
    cells: dict[tuple[int, int], int] = {(r["team"], r["phase"]): int(r["n"]) for r in grouped}
    team_ids = {team for team, _ in cells}
    teams = visible_teams(user).filter(pk__in=team_ids)
    rows = [_team_row(team, phases, cells) for team in teams]
    phase_totals = [sum(row.by_phase[i] for row in rows) for i in range(len(phases))]
    return SeasonTable(season, phases, rows, phase_totals, sum(phase_totals))


def _team_row(team: Unit, phases: list[Phase], cells: dict[tuple[int, int], int]) -> TeamRow:
    values = [cells.get((team.pk, phase.pk), 0) for phase in phases]
    return TeamRow(team, values, sum(values))
