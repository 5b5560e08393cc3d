"""API: administrative places of both countries, with their history.

Geography is reference data: every signed-in caller reads all of it (still no
anonymous access).
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from huunghi.api.schemas import PlaceRef, read
from huunghi.geography import selectors
from huunghi.geography.models import AdminLevel

router = Router(tags=["places"])


class PlaceSearchIn(Schema):
    q: str = Field(..., min_length=1, max_length=100, description="Code or name, accents optional")
    country: str = Field("", pattern="^([A-Za-z]{2})?$")
    level: AdminLevel | None = None
    on_date: dt.date | None = Field(None, description="Only places in force on this date")
    limit: int = Field(20, ge=1, le=100)


class PlaceOut(PlaceRef):
    province: PlaceRef | None = None
    parent: PlaceRef | None = None


class HistoryStepOut(Schema):
    place: PlaceRef
    on_date: dt.date
    whole: bool
    depth: int

    @staticmethod
    def resolve_place(obj: Any) -> Any:
        return obj.unit


class PlaceDetailOut(PlaceOut):
    ancestors: list[PlaceRef]
    predecessors: list[HistoryStepOut]
    successors: list[HistoryStepOut]

    @staticmethod
    def resolve_ancestors(obj: Any) -> list[Any]:
        return selectors.unit_ancestors(obj)

    @staticmethod
    def resolve_predecessors(obj: Any) -> list[Any]:
        return obj.history.predecessors

    @staticmethod
    def resolve_successors(obj: Any) -> list[Any]:
        return obj.history.successors


@router.get("/", response=read(list[PlaceOut]), summary="Search places")
def place_search(request: HttpRequest, filters: Query[PlaceSearchIn]) -> list[Any]:
    """Places matching a code or a name, historic places included unless ``on_date``."""
    return selectors.place_search(
        filters.q,
        country=filters.country or None,
        on_date=filters.on_date,
        level=filters.level or None,
        limit=filters.limit,
    )


@router.get("/{place_id}", response=read(PlaceDetailOut), summary="One place")
def place_detail(request: HttpRequest, place_id: int) -> Any:
    """A place with its parents, predecessors and successors."""
    place = selectors.unit_get(place_id)
    place.history = selectors.place_history(place)
    return place
