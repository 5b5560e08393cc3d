"""API: administrative places of both countries, with their history, and the border
marker registry.

Geography is reference data: every signed-in caller reads all of it (still no
anonymous access). Markers follow :class:`~huunghi.geography.permissions.MarkerPolicy`:
approved markers for everyone, entries in progress inside the managing unit's subtree
(404 elsewhere, as for a missing marker).
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from huunghi.api.auth import acting_user
from huunghi.api.pagination import Paged
from huunghi.api.schemas import InSchema, PlaceRef, UnitRef, read, text
from huunghi.core.models import Status
from huunghi.geography import lookups as place_lookups
from huunghi.geography import marker_selectors, selectors
from huunghi.geography.models import AdminLevel, MarkerCondition, MarkerKind

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
    place: Any = selectors.unit_get(place_id)  # carries its history to the response
    place.history = selectors.place_history(place)
    return place


# --- border markers -------------------------------------------------------------------

marker_router = Router(tags=["markers"])


class MarkerFilterIn(InSchema):
    q: text(20) = Field("", description="Marker number or its beginning, e.g. 229/12")  # type: ignore[valid-type]
    province: int | None = Field(None, description="Place id of a Vietnamese province")
    kind: MarkerKind | None = None
    condition: MarkerCondition | None = None
    status: Status | None = None


class MarkerOut(Schema):
    id: int
    number: str
    kind: str
    condition: str
    last_inspected_on: dt.date | None
    latitude: float | None
    longitude: float | None
    province: PlaceRef | None
    unit: UnitRef | None
    status: str
    revision: int


class ConditionEntryOut(Schema):
    on_date: dt.date
    condition: str
    note: str
    activity_id: int | None
    recorded_by: str

    @staticmethod
    def resolve_activity_id(obj: Any) -> int | None:
        return obj.record.pk if obj.record is not None else None

    @staticmethod
    def resolve_recorded_by(obj: Any) -> str:
        return obj.recorded_by.username if obj.recorded_by else ""


class MarkerDetailOut(MarkerOut):
    notes: str
    conditions: list[ConditionEntryOut]
    record_ids: list[int]


@marker_router.get("/", response=read(list[MarkerOut]), summary="List border markers")
@paginate(Paged)
def marker_list(request: HttpRequest, filters: Query[MarkerFilterIn]) -> Any:
    """Approved markers, and entries in progress inside the caller's units."""
    province = place_lookups.place("province", filters.province)
    return marker_selectors.marker_list(
        user=acting_user(request),
        filters=marker_selectors.MarkerFilters(
            province=province,
            kind=filters.kind or "",
            condition=filters.condition or "",
            status=filters.status or "",
            q=filters.q,
        ),
    )


@marker_router.get("/{marker_id}", response=read(MarkerDetailOut), summary="One border marker")
def marker_detail(request: HttpRequest, marker_id: int) -> Any:
    """A marker with its condition history and the records naming it that the caller reads."""
    user = acting_user(request)
    marker: Any = marker_selectors.marker_get(user=user, pk=marker_id)  # plus history and ids
    marker.conditions = marker_selectors.marker_condition_history(user=user, marker=marker)
    records = marker_selectors.marker_records(user=user, marker=marker)
    marker.record_ids = list(records.values_list("pk", flat=True)[:500])
    return marker
