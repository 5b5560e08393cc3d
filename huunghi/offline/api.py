"""API for offline entry: the reference data a device keeps, and the batch sync.

``POST /api/v1/offline/sync`` takes up to 20 queued records. Each is answered on its
own (created, updated, unchanged, invalid with field-named errors, refused, or a
conflict listing the server's and the device's values per field); one bad record never
stops the others, and the same record sent again is written once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pydantic
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema

from huunghi.accounts.models import User
from huunghi.accounts.scope import Capability, scope_for
from huunghi.api.auth import acting_user
from huunghi.api.schemas import Day, InSchema, read, text, write
from huunghi.core.models import Qualifier
from huunghi.offline import selectors, services
from huunghi.records.models import ActivityKind, CounterpartRole, Measure

router = Router(tags=["offline"])

MAX_BATCH = 20
MAX_PHOTOS = 3
# A photo downscaled on the device stays under 1 MB; base64 adds a third.
MAX_PHOTO_CHARS = 1_400_000


class OfflineQuantityIn(InSchema):
    measure: Measure
    value: Decimal = Field(..., ge=0, lt=Decimal("1e15"), decimal_places=2)
    qualifier: Qualifier = Qualifier.EXACT


class OfflineCounterpartIn(InSchema):
    unit_id: int
    role: CounterpartRole = CounterpartRole.COUNTERPART
    shared: bool = False


class PhotoIn(InSchema):
    name: text(200) = "photo.jpg"  # type: ignore[valid-type]
    data: str = Field(..., max_length=MAX_PHOTO_CHARS, description="The photo, base64")


class RecordIn(InSchema):
    kind: ActivityKind
    unit_id: int
    title: text(300, 1)  # type: ignore[valid-type]
    start_date: Day
    end_date: Day | None = None
    place_id: int | None = None
    place_text: text(300) = ""  # type: ignore[valid-type]
    description: text(20_000) = ""  # type: ignore[valid-type]
    details: dict[str, Any] = {}
    quantities: list[OfflineQuantityIn] = Field([], max_length=len(Measure.values))
    counterparts: list[OfflineCounterpartIn] = Field([], max_length=20)
    link_id: int | None = None


class SyncItemIn(InSchema):
    client_uuid: uuid.UUID
    created_offline_at: pydantic.AwareDatetime
    submit: bool = False
    base_updated_at: dt.datetime | None = None
    record: RecordIn
    attachments: list[PhotoIn] = Field([], max_length=MAX_PHOTOS)


class BatchIn(InSchema):
    items: list[dict[str, Any]] = Field(..., min_length=1, max_length=MAX_BATCH)


class SyncResultOut(Schema):
    client_uuid: str
    status: str
    activity_id: int | None
    updated_at: str = Field(description="The version to send back as base_updated_at")
    record_status: str
    errors: dict[str, list[str]]
    conflict: dict[str, Any] | None


class BatchOut(Schema):
    results: list[SyncResultOut]


class NamedRef(Schema):
    id: int
    code: str = ""
    name: str
    kind: str = ""


class OfflinePlaceOut(Schema):
    id: int
    name: str
    names: list[str]
    level: str
    country: str
    parent: str
    province_id: int | None


class OfflineMarkerOut(Schema):
    number: str
    province_id: int | None


class LinkOut(Schema):
    id: int
    link: str
    name: str


class ReferenceOut(Schema):
    user_id: int
    generated_at: dt.datetime
    expires_at: dt.datetime
    units: list[NamedRef]
    places: list[OfflinePlaceOut]
    markers: list[OfflineMarkerOut]
    counterparts: list[NamedRef]
    links: list[LinkOut]


def _require_editor(user: User) -> None:
    if not scope_for(user).has_any(Capability.EDIT):
        raise PermissionDenied(_("You may not enter records."))


@router.get(
    "/reference",
    response=read(ReferenceOut),
    summary="Reference data for a device",
    url_name="offline_reference",
)
def reference(request: HttpRequest) -> dict[str, Any]:
    """The units, places, markers and counterparts of the caller's scope, for offline use."""
    user = acting_user(request)
    _require_editor(user)
    return selectors.reference_data(user=user)


@router.post(
    "/sync", response=write(BatchOut), summary="Send queued records", url_name="offline_sync"
)
def sync(request: HttpRequest, payload: BatchIn) -> dict[str, Any]:
    """Write each queued record once; every record gets its own answer."""
    user = acting_user(request)
    _require_editor(user)
    return {"results": [_sync_one(raw, user) for raw in payload.items]}


def _sync_one(raw: dict[str, Any], user: User) -> services.SyncResult:
    try:
        item = SyncItemIn.model_validate(raw)
    except pydantic.ValidationError as exc:
        return services.invalid_result(str(raw.get("client_uuid", ""))[:40], _shape_errors(exc))
    device = services.DeviceRecord(
        client_uuid=item.client_uuid,
        created_offline_at=item.created_offline_at,
        record=item.record.model_dump(),
        attachments=[p.model_dump() for p in item.attachments],
        submit=item.submit,
        base_updated_at=item.base_updated_at,
    )
    return services.offline_record_sync(item=device, acting_user=user)


def _shape_errors(exc: pydantic.ValidationError) -> dict[str, list[str]]:
    """Pydantic errors keyed by the device form's field (``record.title`` → ``title``)."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        name = loc[1] if loc[:1] == ["record"] and len(loc) > 1 else (loc[0] if loc else "")
        name = name.removesuffix("_id") if name in {"unit_id", "place_id", "link_id"} else name
        errors.setdefault(name or "__all__", []).append(str(error["msg"]))
    return errors
