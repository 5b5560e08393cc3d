"""Reads of the unit hierarchy, limited to what the reader may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q, QuerySet

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Reader
from huunghi.organisations.models import Unit, UnitVersion
from huunghi.organisations.permissions import UnitPolicy


def unit_list(
    *, user: Reader, query: str = "", country: str = "", kind: str = "", active_only: bool = True
) -> QuerySet[Unit]:
    """Units the user may see, filtered, in tree order."""
    units = UnitPolicy.visible(user).select_related("country", "parent")
    if active_only:
        units = units.filter(valid_to__isnull=True)
    if query:
        units = units.filter(
            Q(name_vi__icontains=query)
            | Q(name_en__icontains=query)
            | Q(name_km__icontains=query)
            | Q(code__icontains=query)
            | Q(short_name__icontains=query)
        )
    if country:
        units = units.filter(country__code=country)
    if kind:
        units = units.filter(kind=kind)
    return units.order_by("path")


def unit_get(*, user: Reader, pk: Any) -> Unit:
    """One visible unit or 404."""
    return UnitPolicy.get_visible(user, pk)


def unit_subtree(unit: Unit, *, include_self: bool = True) -> QuerySet[Unit]:
    """The unit and all units beneath it in the current tree (one indexed query)."""
    units = Unit.objects.filter(path__startswith=unit.path)
    return units if include_self else units.exclude(pk=unit.pk)


def unit_children(*, user: Reader, unit: Unit) -> QuerySet[Unit]:
    """Visible direct children with the size of their subtree."""
    return (
        UnitPolicy.visible(user)
        .filter(parent=unit, valid_to__isnull=True)
        .annotate(child_count=Count("children"))
        .order_by("name_vi")
    )


def unit_ancestors(unit: Unit) -> QuerySet[Unit]:
    """The unit's ancestors, root first (for breadcrumbs)."""
    return Unit.objects.filter(path__in=unit.ancestor_paths()[:-1]).order_by("depth")


def unit_versions(unit: Unit) -> QuerySet[UnitVersion]:
    """The unit's names and parents over time."""
    return unit.versions.select_related("parent").order_by(
        F("valid_from").asc(nulls_first=True), "pk"
    )


def counterpart_unit_choices(*, country_code: str | None = None) -> QuerySet[Unit]:
    """Active units of either country that records may name as counterparts.

    Unit names and codes are a public directory: any signed-in user may pick a
    counterpart; seeing the counterpart's records still needs scope.
    """
    units = Unit.objects.filter(valid_to__isnull=True).select_related("country")
    if country_code:
        units = units.filter(country__code=country_code)
    return units.order_by("country__code", "path")


def manageable_units(*, user: Reader, country: Any = None) -> QuerySet[Unit]:
    """Active units the user may administer (targets for moves and merges)."""
    scope = scope_for(user)
    units = Unit.objects.filter(scope.unit_q(Capability.MANAGE, ""), valid_to__isnull=True)
    if country is not None:
        units = units.filter(country=country)
    return units.order_by("path")
