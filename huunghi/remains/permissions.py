"""Access to remains records: the standard unit policy on the owning team or unit.

A team's records are visible to accounts of the team, of its sub-units and of its
ancestors (the steering committee 515, the provincial command, the national level).
Seasons and phases are shared reference data: any account with a role may read them;
only the national level (a manager of a root unit) or a system administrator defines them.
"""

from __future__ import annotations

from django.db.models import QuerySet

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Actor
from huunghi.core.policy import UnitScopedPolicy
from huunghi.organisations.models import Unit, UnitKind
from huunghi.remains.models import (
    Excavation,
    Handover,
    Lead,
    Phase,
    Reburial,
    RemainsSet,
    SearchSite,
    Season,
)


class LeadPolicy(UnitScopedPolicy[Lead]):
    model = Lead
    unit_field = "team"


class SearchSitePolicy(UnitScopedPolicy[SearchSite]):
    model = SearchSite
    unit_field = "team"


class ExcavationPolicy(UnitScopedPolicy[Excavation]):
    model = Excavation
    unit_field = "team"


class RemainsSetPolicy(UnitScopedPolicy[RemainsSet]):
    model = RemainsSet
    unit_field = "team"


class HandoverPolicy(UnitScopedPolicy[Handover]):
    model = Handover
    unit_field = "unit"


class ReburialPolicy(UnitScopedPolicy[Reburial]):
    model = Reburial
    unit_field = "unit"


class SeasonPolicy:
    """Seasons are reference data shared by every team."""

    @staticmethod
    def visible(user: Actor) -> QuerySet[Season]:
        scope = scope_for(user)
        if scope.is_anonymous or not (scope.is_global or scope.has_any(Capability.VIEW)):
            return Season.objects.none()
        return Season.objects.all()

    @staticmethod
    def visible_phases(user: Actor) -> QuerySet[Phase]:
        return Phase.objects.filter(season__in=SeasonPolicy.visible(user))

    @staticmethod
    def can_manage(user: Actor) -> bool:
        scope = scope_for(user)
        if scope.is_global:
            return True
        return any(p.count(".") == 1 for p in scope.paths.get(Capability.MANAGE, ()))


def editable_teams(user: Actor) -> QuerySet[Unit]:
    """Active search teams in which the user may enter records."""
    scope = scope_for(user)
    if not scope.has_any(Capability.EDIT):
        return Unit.objects.none()
    return Unit.objects.filter(
        scope.unit_q(Capability.EDIT, ""), kind=UnitKind.SEARCH_TEAM, valid_to__isnull=True
    ).order_by("path")


def visible_teams(user: Actor) -> QuerySet[Unit]:
    """Search teams inside the user's view scope (filters and season tables)."""
    scope = scope_for(user)
    if scope.is_anonymous or not scope.has_any(Capability.VIEW):
        return Unit.objects.none()
    return Unit.objects.filter(
        scope.unit_q(Capability.VIEW, ""), kind=UnitKind.SEARCH_TEAM
    ).order_by("path")


CEREMONY_UNIT_KINDS = (
    UnitKind.MINISTRY,
    UnitKind.MILITARY_REGION,
    UnitKind.PROVINCIAL_COMMAND,
    UnitKind.STEERING_COMMITTEE,
    UnitKind.SEARCH_TEAM,
)


def editable_units(user: Actor) -> QuerySet[Unit]:
    """Active units of the remains chain (ministry, military regions, provincial commands,
    committees 515, teams) in which the user may record handovers and reburials."""
    scope = scope_for(user)
    if not scope.has_any(Capability.EDIT):
        return Unit.objects.none()
    return Unit.objects.filter(
        scope.unit_q(Capability.EDIT, ""),
        valid_to__isnull=True,
        country__code="VN",
        kind__in=CEREMONY_UNIT_KINDS,
    ).order_by("path")
