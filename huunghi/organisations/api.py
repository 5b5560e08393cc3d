"""API: organisation units the caller may see."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from huunghi.api.auth import acting_user
from huunghi.api.pagination import Paged
from huunghi.api.schemas import PlaceRef, UnitRef, read
from huunghi.organisations import selectors
from huunghi.organisations.models import UnitKind

router = Router(tags=["units"])


class UnitFilterIn(Schema):
    q: str = Field("", max_length=100)
    country: str = Field("", pattern="^([A-Za-z]{2})?$")
    kind: UnitKind | None = None
    active_only: bool = True


class UnitOut(UnitRef):
    short_name: str
    kind: str
    parent_id: int | None
    depth: int
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitVersionOut(Schema):
    name_vi: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    change: str


class UnitDetailOut(UnitOut):
    name_vi: str
    name_km: str
    name_en: str
    place: PlaceRef | None
    ancestors: list[UnitRef]
    versions: list[UnitVersionOut]

    @staticmethod
    def resolve_ancestors(obj: Any) -> list[Any]:
        return list(selectors.unit_ancestors(obj).select_related("country"))

    @staticmethod
    def resolve_versions(obj: Any) -> list[Any]:
        return list(selectors.unit_versions(obj))


@router.get("/", response=read(list[UnitOut]), summary="List units")
@paginate(Paged)
def unit_list(request: HttpRequest, filters: Query[UnitFilterIn]) -> Any:
    """Units inside the caller's scope, in tree order."""
    return selectors.unit_list(
        user=acting_user(request),
        query=filters.q,
        country=filters.country.upper(),
        kind=filters.kind or "",
        active_only=filters.active_only,
    )


@router.get("/{unit_id}", response=read(UnitDetailOut), summary="One unit")
def unit_detail(request: HttpRequest, unit_id: int) -> Any:
    """A unit inside the caller's scope with its ancestors and history; 404 otherwise."""
    return selectors.unit_get(user=acting_user(request), pk=unit_id)
