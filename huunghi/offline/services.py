"""Receiving records a device queued offline: each one written once, or refused on its own.

A device names every record with its own UUID. The first arrival creates the activity
through :func:`huunghi.records.services.activity_create` (policy, checks, audit and
summaries apply as for any record); an identical resend changes nothing; a changed
resend updates the activity unless it changed on the server since the device's base
version, in which case both versions go back to the device field by field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.models import User
from huunghi.audit.services import audit_log
from huunghi.offline import comparison, lookups
from huunghi.offline.models import SyncedRecord
from huunghi.records.models import Activity, Status
from huunghi.records.services import activities as records
from huunghi.records.services import workflow

if TYPE_CHECKING:
    from huunghi.accounts.types import Actor


class Outcome:
    """What happened to one record of a batch."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    INVALID = "invalid"
    REFUSED = "refused"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class DeviceRecord:
    """One queued record as the device sent it (ids not yet resolved)."""

    client_uuid: uuid.UUID
    created_offline_at: dt.datetime
    record: dict[str, Any]
    attachments: list[Any] = field(default_factory=list)
    submit: bool = False
    base_updated_at: dt.datetime | None = None

    def digest(self) -> str:
        """A fingerprint of the content, so an identical resend is recognised."""
        content = {
            "record": self.record,
            "submit": self.submit,
            "attachments": [lookups.photo_digest(p) for p in self.attachments],
        }
        raw = json.dumps(content, sort_keys=True, default=str).encode()
        return hashlib.sha256(raw).hexdigest()


@dataclass
class SyncResult:
    """The answer for one record: its outcome, the activity, errors or the conflict."""

    client_uuid: str
    status: str
    activity_id: int | None = None
    updated_at: str = ""
    record_status: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    conflict: dict[str, Any] | None = None


def revision(updated_at: dt.datetime) -> str:
    """The version a device edits from: the last change time to the microsecond."""
    return updated_at.isoformat(timespec="microseconds")


def _result(item: DeviceRecord, status: str, activity: Activity | None = None) -> SyncResult:
    return SyncResult(
        client_uuid=str(item.client_uuid),
        status=status,
        activity_id=activity.pk if activity else None,
        updated_at=revision(activity.updated_at) if activity else "",
        record_status=activity.status if activity else "",
    )


def _failed(item: DeviceRecord, status: str, errors: dict[str, list[str]]) -> SyncResult:
    return SyncResult(client_uuid=str(item.client_uuid), status=status, errors=errors)


def invalid_result(item_uuid: str, errors: dict[str, list[str]]) -> SyncResult:
    """The answer for an item whose shape could not even be read."""
    return SyncResult(client_uuid=item_uuid, status=Outcome.INVALID, errors=errors)


# --- the service ------------------------------------------------------------------------


def offline_record_sync(*, item: DeviceRecord, acting_user: Actor) -> SyncResult:
    """Write one queued record exactly once; never raises for the record's own faults.

    Only a signed-in account sends from a device (the record id is kept per account):
    anyone else, the system included, is refused with ``PermissionDenied``.
    """
    user = _device_owner(acting_user)
    try:
        return _sync(item, user)
    except ValidationError as exc:
        return _failed(item, Outcome.INVALID, _messages(exc))
    except PermissionDenied as exc:
        return _failed(item, Outcome.REFUSED, {"unit": [str(exc) or str(LOST_ACCESS)]})
    except IntegrityError:
        # The same UUID arrived twice at the same moment: the other request wrote it.
        return _sync(item, user)


def _device_owner(acting_user: Actor) -> User:
    if isinstance(acting_user, User) and acting_user.is_authenticated:
        return acting_user
    raise PermissionDenied(_("Only a signed-in account can send records from a device."))


LOST_ACCESS = _(
    "You may no longer report for this unit. The record stays on this device: "
    "download it and pass it to someone who reports for the unit."
)


def _sync(item: DeviceRecord, user: User) -> SyncResult:
    known = SyncedRecord.objects.filter(client_uuid=item.client_uuid).first()
    if known is None:
        return _create(item, user)
    if known.user_id != user.pk:
        raise ValidationError({"client_uuid": _("This record id belongs to another account.")})
    activity = _linked_activity(known)
    if known.payload_digest == item.digest():
        unchanged = _result(item, Outcome.UNCHANGED, activity)
        # The device's version is the one written then, not any later server change.
        unchanged.updated_at = revision(known.server_updated_at)
        return unchanged
    return _update(item, known, activity, user)


def _linked_activity(known: SyncedRecord) -> Activity:
    activity = Activity.objects.filter(pk=known.activity_id).first() if known.activity_id else None
    if activity is None:
        raise PermissionDenied(_("This record was deleted on the server."))
    return activity


def _fields(item: DeviceRecord, user: User) -> dict[str, Any]:
    fields = lookups.service_fields(item.record, user)
    if fields.get("unit") is None:
        raise PermissionDenied(LOST_ACCESS)
    return fields


def _create(item: DeviceRecord, user: User) -> SyncResult:
    fields = _fields(item, user)
    photos = lookups.photo_uploads(item.attachments)
    with transaction.atomic():
        activity = records.activity_create(
            acting_user=user,
            kind=item.record["kind"],
            unit=fields.pop("unit"),
            title=fields.pop("title"),
            start_date=fields.pop("start_date"),
            attachments=photos,
            **fields,
        )
        activity = _submit_if_asked(item, activity, user)
        SyncedRecord.objects.create(**_row(item, user, activity))
        _audit(item, activity, user, "activity.offline_create")
    return _result(item, Outcome.CREATED, activity)


def _update(item: DeviceRecord, known: SyncedRecord, activity: Activity, user: User) -> SyncResult:
    fields = _fields(item, user)
    with transaction.atomic():
        current = Activity.objects.select_for_update(of=("self",)).get(pk=activity.pk)
        base = item.base_updated_at or known.server_updated_at
        if current.updated_at != base:
            return _conflict(item, current, fields)
        if current.kind != item.record["kind"]:
            raise ValidationError({"kind": _("The kind of a sent record cannot change.")})
        photos = lookups.photo_uploads(item.attachments)
        updated = records.activity_update(
            activity=current, acting_user=user, attachments=photos, **fields
        )
        updated = _submit_if_asked(item, updated, user)
        SyncedRecord.objects.filter(pk=known.pk).update(**_row(item, user, updated))
        _audit(item, updated, user, "activity.offline_update")
    return _result(item, Outcome.UPDATED, updated)


def _conflict(item: DeviceRecord, current: Activity, fields: dict[str, Any]) -> SyncResult:
    result = _failed(item, Outcome.CONFLICT, {})
    result.activity_id = current.pk
    result.updated_at = revision(current.updated_at)
    result.record_status = current.status
    result.conflict = {
        "server_updated_at": revision(current.updated_at),
        "status": current.status,
        "return_reason": current.return_reason,
        "fields": comparison.differences(current, item.record, fields),
    }
    return result


def _submit_if_asked(item: DeviceRecord, activity: Activity, user: User) -> Activity:
    if item.submit and activity.status in {Status.DRAFT, Status.RETURNED}:
        return workflow.activity_submit(activity=activity, acting_user=user)
    return activity


def _row(item: DeviceRecord, user: User, activity: Activity) -> dict[str, Any]:
    return {
        "client_uuid": item.client_uuid,
        "user": user,
        "activity": activity,
        "created_offline_at": item.created_offline_at,
        "synced_at": timezone.now(),
        "server_updated_at": activity.updated_at,
        "payload_digest": item.digest(),
    }


def _audit(item: DeviceRecord, activity: Activity, user: User, action: str) -> None:
    """An audit row saying when the record was made on the device and when it arrived."""
    synced_at = timezone.now()
    audit_log(
        actor=user,
        action=action,
        target=activity,
        unit=activity.unit,
        after={
            "client_uuid": str(item.client_uuid),
            "created_offline_at": item.created_offline_at.isoformat(),
            "synced_at": synced_at.isoformat(),
        },
        note=_("Recorded offline at %(offline)s; received at %(synced)s.")
        % {
            "offline": item.created_offline_at.isoformat(timespec="seconds"),
            "synced": synced_at.isoformat(timespec="seconds"),
        },
    )


def _messages(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}
