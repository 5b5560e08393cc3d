"""API: cooperation activities, their quantities and counterparts, and approvals.

Reads go through :mod:`huunghi.records.selectors` (what the caller may see), writes
through :mod:`huunghi.records.services` (the same checks, audit and summary upkeep
as the pages). A record outside the caller's scope is a 404; an action the caller
may not take on a record they can see is a 403.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.renderers import JSONRenderer
from ninja.responses import Status as Reply

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Reader
from huunghi.api import lookups
from huunghi.api.auth import acting_user
from huunghi.api.pagination import Paged
from huunghi.api.schemas import Day, InSchema, PlaceRef, UnitRef, read, text, write
from huunghi.core.models import Qualifier
from huunghi.geography import lookups as place_lookups
from huunghi.geography import selectors as geography
from huunghi.organisations import selectors as organisations
from huunghi.records import selectors
from huunghi.records.kinds import Link, spec_for
from huunghi.records.models import Activity, ActivityKind, CounterpartRole, Measure, Status
from huunghi.records.permissions import ActivityPolicy
from huunghi.records.services import activities as services
from huunghi.records.services import workflow

router = Router(tags=["activities"])
approvals_router = Router(tags=["approvals"])

MAX_PAGE = 200


# --- schemas ----------------------------------------------------------------------------


class ActivityFilterIn(Schema):
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    unit: int | None = Field(None, description="Unit id: records of its subtree")
    kind: ActivityKind | None = None
    country: str = Field("", pattern="^([A-Za-z]{2})?$")
    province: int | None = Field(None, description="Place id: records there then or now")
    status: Status | None = None
    q: text(100) = ""  # type: ignore[valid-type]
    after: text(40) = Field("", description="Cursor: the page after this one")  # type: ignore[valid-type]
    before: text(40) = Field("", description="Cursor: the page before this one")  # type: ignore[valid-type]
    size: int = Field(50, ge=1, le=MAX_PAGE)


class QuantityOut(Schema):
    measure: str
    value: Decimal
    qualifier: str
    note: str


class QuantityIn(InSchema):
    measure: Measure
    value: Decimal = Field(..., ge=0, lt=Decimal("1e15"), decimal_places=2)
    qualifier: Qualifier = Qualifier.EXACT
    note: text(200) = ""  # type: ignore[valid-type]


class CounterpartOut(Schema):
    unit: UnitRef
    role: str
    shared: bool


class CounterpartIn(InSchema):
    unit_id: int
    role: CounterpartRole = CounterpartRole.COUNTERPART
    shared: bool = False


class ActivityOut(Schema):
    id: int
    kind: str
    title: str
    start_date: dt.date
    end_date: dt.date | None
    unit: UnitRef
    country: str
    place: PlaceRef | None
    province_now: PlaceRef | None
    status: str
    revision: int
    source_type: str
    is_synthetic: bool
    updated_at: dt.datetime

    @staticmethod
    def resolve_country(obj: Activity | dict[str, Any]) -> str:
        if isinstance(obj, dict):  # a list row (_list_item) brings its code
            return str(obj["country"])
        return str(obj.country.code)


class PermissionsOut(Schema):
    can_edit: bool
    can_submit: bool
    can_decide: bool
    can_reopen: bool


class ActivityDetailOut(ActivityOut):
    place_text: str
    province_then: PlaceRef | None
    parent_id: int | None
    description: str
    notes: str
    details: dict[str, Any]
    quantities: list[QuantityOut]
    counterparts: list[CounterpartOut]
    counterpart_places: list[PlaceRef]
    twinning_pair_id: int | None
    return_reason: str
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    created_at: dt.datetime
    source_url: str
    source_title: str
    permissions: PermissionsOut

    @staticmethod
    def resolve_quantities(obj: Activity) -> list[Any]:
        return list(obj.quantities.all())

    @staticmethod
    def resolve_counterparts(obj: Activity) -> list[Any]:
        return list(obj.participations.all())

    @staticmethod
    def resolve_counterpart_places(obj: Activity) -> list[Any]:
        return list(obj.counterpart_places.select_related("country"))

    @staticmethod
    def resolve_permissions(obj: Activity, context: Any) -> dict[str, bool]:
        user = acting_user(context["request"])
        return {
            "can_edit": ActivityPolicy.can_change(user, obj),
            "can_submit": ActivityPolicy.can_submit(user, obj),
            "can_decide": ActivityPolicy.can_decide(user, obj),
            "can_reopen": ActivityPolicy.can_reopen(user, obj),
        }


class ActivityPage(Schema):
    items: list[ActivityOut]
    next_cursor: str
    previous_cursor: str


class ActivityChangeIn(InSchema):
    """Fields that may change on an existing record (all optional)."""

    unit_id: int | None = None
    title: text(300, 1) | None = None  # type: ignore[valid-type]
    start_date: Day | None = None
    end_date: Day | None = None
    place_id: int | None = None
    place_text: text(300) | None = None  # type: ignore[valid-type]
    parent_id: int | None = None
    description: text(20_000) | None = None  # type: ignore[valid-type]
    notes: text(20_000) | None = None  # type: ignore[valid-type]
    details: dict[str, Any] | None = None
    quantities: list[QuantityIn] | None = Field(None, max_length=len(Measure.values))
    counterparts: list[CounterpartIn] | None = Field(None, max_length=50)
    counterpart_place_ids: list[int] | None = Field(None, max_length=50)
    link_id: int | None = Field(None, description="Facility, agreement or twinning pair id")
    source_url: text(500) | None = None  # type: ignore[valid-type]
    source_title: text(300) | None = None  # type: ignore[valid-type]


class ActivityIn(ActivityChangeIn):
    """A new record; it starts as a draft."""

    kind: ActivityKind
    unit_id: int  # type: ignore[assignment]
    title: text(300, 1)  # type: ignore[valid-type]
    start_date: Day  # type: ignore[assignment]


class ReturnIn(InSchema):
    reason: text(2000, 1)  # type: ignore[valid-type]


# --- reads ------------------------------------------------------------------------------


def _filters(request: HttpRequest, f: ActivityFilterIn) -> selectors.ActivityFilters:
    user = acting_user(request)
    unit = organisations.unit_get(user=user, pk=f.unit) if f.unit is not None else None
    province = geography.unit_get(f.province) if f.province is not None else None
    return selectors.ActivityFilters(
        date_from=f.date_from,
        date_to=f.date_to,
        unit=unit,
        kind=f.kind or "",
        country=f.country.upper(),
        province=province,
        status=f.status or "",
        text=f.q,
    )


@router.get("/", response=read(ActivityPage), summary="List activities")
def activity_list(request: HttpRequest, filters: Query[ActivityFilterIn]) -> Any:
    """Activities the caller may read, newest first, a page at a time.

    Follow ``next_cursor`` with ``?after=`` (and ``previous_cursor`` with ``?before=``).
    """
    page = selectors.activity_page(
        user=acting_user(request),
        filters=_filters(request, filters),
        after=filters.after,
        before=filters.before,
        size=filters.size,
        columns=selectors.API_COLUMNS,
    )
    units, places = selectors.units_and_places(page.items)
    language = (get_language() or "vi")[:2]
    body = {
        "items": [_list_item(row, units, places, language) for row in page.items],
        "next_cursor": page.next_cursor,
        "previous_cursor": page.previous_cursor,
    }
    # The items are already what ActivityPage dumps (same fields, order and values): they
    # are rendered as they are, by the API's renderer. Validating them again wrapped each
    # of the page's 200 dicts in ninja's attribute getter, a third of the request's CPU.
    # A test compares this answer with the schema's, byte for byte.
    content = _RENDERER.render(request, body, response_status=200)
    return HttpResponse(content, content_type=_CONTENT_TYPE)


_RENDERER = JSONRenderer()
_CONTENT_TYPE = f"{_RENDERER.media_type}; charset={_RENDERER.charset}"


Rows = dict[int, dict[str, Any]]


def _list_item(row: dict[str, Any], units: Rows, places: Rows, language: str) -> dict[str, Any]:
    """An :class:`ActivityOut` of the list, as its dump, from the row's values
    (``API_COLUMNS``) and its units and places: the same answer as from the activity,
    without building eight model objects per row. Keys in the schema's order."""
    return {
        "id": row["id"],
        "kind": row["kind"],
        "title": row["title"],
        "start_date": row["start_date"],
        "end_date": row["end_date"],
        "unit": _unit_ref(units.get(row["unit_id"]), language),
        "country": row["country__code"],
        "place": _place_ref(places.get(row["place_id"]), language),
        "province_now": _place_ref(places.get(row["province_now_id"]), language),
        "status": row["status"],
        "revision": row["revision"],
        "source_type": row["source_type"],
        "is_synthetic": row["is_synthetic"],
        "updated_at": row["updated_at"],
    }


def _name(values: dict[str, Any], language: str) -> str:
    return selectors.name_in((values["name_vi"], values["name_km"], values["name_en"]), language)


def _unit_ref(values: dict[str, Any] | None, language: str) -> dict[str, Any] | None:
    """A :class:`UnitRef` dump from a unit's values (None: no link)."""
    if values is None:
        return None
    return {
        "id": values["id"],
        "code": values["code"],
        "name": _name(values, language),
        "country": values["country__code"],
    }


def _place_ref(values: dict[str, Any] | None, language: str) -> dict[str, Any] | None:
    """A :class:`PlaceRef` dump from a place's values (None: no link)."""
    if values is None:
        return None
    return {
        "id": values["id"],
        "code": values["code"],
        "name": _name(values, language),
        "level": values["level"],
        "country": values["country__code"],
        "valid_from": values["valid_from"],
        "valid_to": values["valid_to"],
    }


def _detail(request: HttpRequest, pk: int) -> Activity:
    return selectors.activity_get(user=acting_user(request), pk=pk)


@router.get("/{activity_id}", response=read(ActivityDetailOut), summary="One activity")
def activity_detail(request: HttpRequest, activity_id: int) -> Activity:
    """A record the caller may read (404 otherwise)."""
    return _detail(request, activity_id)


@router.get("/{activity_id}/quantities", response=read(list[QuantityOut]), summary="Quantities")
def activity_quantities(request: HttpRequest, activity_id: int) -> list[Any]:
    return list(_detail(request, activity_id).quantities.all())


@router.get(
    "/{activity_id}/counterparts", response=read(list[CounterpartOut]), summary="Counterpart units"
)
def activity_counterparts(request: HttpRequest, activity_id: int) -> list[Any]:
    return list(_detail(request, activity_id).participations.all())


# --- writes -----------------------------------------------------------------------------


def _given(payload: Schema) -> dict[str, Any]:
    """The fields the client sent (nested items with their defaults filled in)."""
    full = payload.model_dump()
    return {name: full[name] for name in payload.model_fields_set}


NOT_EMPTY = ("unit_id", "title", "start_date")


def _resolve(request: HttpRequest, data: dict[str, Any], kind: str) -> dict[str, Any]:
    """Service keyword arguments from API input, with ids turned into objects."""
    user = acting_user(request)
    for name in NOT_EMPTY:
        if name in data and data[name] is None:
            raise lookups.field_error(name, _("This field cannot be empty."))
    fields = {k: v for k, v in data.items() if not k.endswith("_id") and not k.endswith("_ids")}
    fields.pop("kind", None)
    if "unit_id" in data:
        fields["unit"] = lookups.one_of(
            "unit_id",
            selectors.editable_units(user=user),
            data["unit_id"],
            _("Choose a unit you report for."),
        )
    if "place_id" in data:
        fields["place"] = place_lookups.place("place_id", data["place_id"])
    if "parent_id" in data:
        fields["parent"] = _parent(user, data["parent_id"])
    if "quantities" in data:
        fields["quantities"] = [services.QuantityIn(**q) for q in data["quantities"] or []]
    if "counterparts" in data:
        fields["counterparts"] = _counterparts(data["counterparts"] or [])
    if "counterpart_place_ids" in data:
        fields["counterpart_places"] = place_lookups.places(
            "counterpart_place_ids", data["counterpart_place_ids"] or []
        )
    if "link_id" in data:
        fields["link"] = _link(user, kind, data["link_id"])
    return {k: ("" if v is None and k in TEXT_FIELDS else v) for k, v in fields.items()}


TEXT_FIELDS = {"place_text", "description", "notes", "source_url", "source_title"}


def _parent(user: Reader, pk: int | None) -> Activity | None:
    if pk is None:
        return None
    return lookups.or_field_error(
        "parent_id",
        _("Choose a festival you may see."),
        lambda: selectors.activity_get(user=user, pk=pk),
    )


def _counterparts(entries: list[dict[str, Any]]) -> list[services.CounterpartIn]:
    directory = organisations.counterpart_unit_choices()
    return [
        services.CounterpartIn(
            unit=lookups.one_of("counterparts", directory, e["unit_id"], _("No such unit.")),
            role=e["role"],
            shared=e["shared"],
        )
        for e in entries
    ]


LINK_GETTERS = {
    Link.FACILITY: selectors.facility_get,
    Link.AGREEMENT: selectors.agreement_get,
    Link.TWINNING_PAIR: selectors.twinning_get,
}


def _link(user: Reader, kind: str, pk: int | None) -> Any:
    link = spec_for(kind).link
    if pk is None or link is None:
        return None
    getter = LINK_GETTERS[link]
    return lookups.or_field_error(
        "link_id", _("Choose an object you may see."), lambda: getter(user=user, pk=pk)
    )


def _require_editor(user: Reader) -> None:
    if not scope_for(user).has_any(Capability.EDIT):
        raise PermissionDenied(_("You may not enter records."))


@router.post("/", response=write(ActivityDetailOut, 201), summary="Create an activity")
def activity_create(request: HttpRequest, payload: ActivityIn) -> Reply[Activity]:
    """Record a new activity (a draft) for a unit the caller reports for."""
    user = acting_user(request)
    _require_editor(user)
    fields = _resolve(request, _given(payload), payload.kind)
    created = services.activity_create(
        acting_user=user,
        kind=payload.kind,
        unit=fields.pop("unit"),
        title=fields.pop("title"),
        start_date=fields.pop("start_date"),
        **fields,
    )
    return Reply(201, _detail(request, created.pk))


@router.patch("/{activity_id}", response=write(ActivityDetailOut), summary="Change")
def activity_update(request: HttpRequest, activity_id: int, payload: ActivityChangeIn) -> Any:
    """Change the fields given; an approved record reopens as a new revision."""
    activity = _detail(request, activity_id)
    fields = _resolve(request, _given(payload), activity.kind)
    services.activity_update(activity=activity, acting_user=acting_user(request), **fields)
    return _detail(request, activity_id)


@router.put(
    "/{activity_id}/quantities", response=write(list[QuantityOut]), summary="Replace the quantities"
)
def activity_set_quantities(
    request: HttpRequest, activity_id: int, payload: list[QuantityIn]
) -> list[Any]:
    activity = _detail(request, activity_id)
    quantities = [services.QuantityIn(**q.model_dump()) for q in payload]
    services.activity_update(
        activity=activity, acting_user=acting_user(request), quantities=quantities
    )
    return list(_detail(request, activity_id).quantities.all())


@router.put(
    "/{activity_id}/counterparts",
    response=write(list[CounterpartOut]),
    summary="Replace the counterpart units",
)
def activity_set_counterparts(
    request: HttpRequest, activity_id: int, payload: list[CounterpartIn]
) -> list[Any]:
    activity = _detail(request, activity_id)
    counterparts = _counterparts([c.model_dump() for c in payload])
    services.activity_update(
        activity=activity, acting_user=acting_user(request), counterparts=counterparts
    )
    return list(_detail(request, activity_id).participations.all())


# --- workflow ---------------------------------------------------------------------------

NOT_ALLOWED = _("You may not do this for this record.")


def _for_action(request: HttpRequest, pk: int, *, approve: bool = False) -> Activity:
    """A visible record the caller may move (403 if visible but not theirs to move)."""
    user = acting_user(request)
    activity = _detail(request, pk)
    allowed = ActivityPolicy.can_approve if approve else ActivityPolicy.can_edit
    if not allowed(user, activity):
        raise PermissionDenied(NOT_ALLOWED)
    return activity


@router.post("/{activity_id}/submit", response=write(ActivityDetailOut), summary="Submit")
def activity_submit(request: HttpRequest, activity_id: int) -> Any:
    """Send a draft or returned record for approval."""
    workflow.activity_submit(
        activity=_for_action(request, activity_id), acting_user=acting_user(request)
    )
    return _detail(request, activity_id)


@router.post("/{activity_id}/approve", response=write(ActivityDetailOut), summary="Approve")
def activity_approve(request: HttpRequest, activity_id: int) -> Any:
    """Approve a submitted record (approvers of a unit above the record's unit)."""
    workflow.activity_approve(
        activity=_for_action(request, activity_id, approve=True), acting_user=acting_user(request)
    )
    return _detail(request, activity_id)


@router.post("/{activity_id}/return", response=write(ActivityDetailOut), summary="Return")
def activity_return(request: HttpRequest, activity_id: int, payload: ReturnIn) -> Any:
    """Send a submitted record back to its unit with a reason."""
    workflow.activity_return(
        activity=_for_action(request, activity_id, approve=True),
        acting_user=acting_user(request),
        reason=payload.reason,
    )
    return _detail(request, activity_id)


@router.post("/{activity_id}/reopen", response=write(ActivityDetailOut), summary="Reopen")
def activity_reopen(request: HttpRequest, activity_id: int) -> Any:
    """Unlock an approved record as a new revision."""
    workflow.activity_reopen(
        activity=_for_action(request, activity_id), acting_user=acting_user(request)
    )
    return _detail(request, activity_id)


# --- approvals inbox --------------------------------------------------------------------


@approvals_router.get("/", response=read(list[ActivityOut]), summary="Approvals inbox")
@paginate(Paged)
def approvals_inbox(request: HttpRequest) -> Any:
    """Submitted records waiting for the caller's approval, oldest first."""
    return selectors.approvals_inbox(user=acting_user(request))
