"""Turning a device record's ids into the objects the records services take.

Every id is looked up in what the sender may use, the same way the records API does;
a wrong id becomes an error on the device form's field of that name.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from huunghi.geography import selectors as geography
from huunghi.organisations import selectors as organisations
from huunghi.records import selectors as records
from huunghi.records.kinds import Link, spec_for
from huunghi.records.services import CounterpartIn, QuantityIn
from huunghi.records.services.errors import ErrorCollector

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader

PLAIN_FIELDS = ("title", "start_date", "end_date", "place_text", "description", "details")
TEXT_FIELDS = {"place_text", "description"}


def service_fields(record: Mapping[str, Any], user: Reader) -> dict[str, Any]:
    """Keyword arguments for ``activity_create``/``activity_update``.

    ``unit`` is None when the sender may not report for the unit given.
    """
    errors = ErrorCollector()
    fields: dict[str, Any] = {
        name: ("" if record.get(name) is None and name in TEXT_FIELDS else record.get(name))
        for name in PLAIN_FIELDS
    }
    fields["unit"] = records.editable_units(user=user).filter(pk=record["unit_id"]).first()
    fields["quantities"] = [QuantityIn(**q) for q in record.get("quantities") or []]
    with errors.check():
        fields["place"] = _place(record.get("place_id"))
    with errors.check():
        fields["counterparts"] = _counterparts(record.get("counterparts") or [])
    with errors.check():
        fields.update(_link(user, record["kind"], record.get("link_id")))
    errors.raise_if_any()
    return fields


def _or_error[T](name: str, message: Any, fetch: Callable[[], T]) -> T:
    try:
        return fetch()
    except Http404:
        raise ValidationError({name: [message]}) from None


def _place(pk: int | None) -> Any:
    if pk is None:
        return None
    return _or_error("place", _("No such place."), lambda: geography.unit_get(pk))


def _counterparts(entries: Iterable[Mapping[str, Any]]) -> list[CounterpartIn]:
    directory = organisations.counterpart_unit_choices()
    chosen = []
    for entry in entries:
        unit = directory.filter(pk=entry["unit_id"]).first()
        if unit is None:
            raise ValidationError({"counterparts": [_("No such unit.")]})
        chosen.append(CounterpartIn(unit=unit, role=entry["role"], shared=entry["shared"]))
    return chosen


LINK_GETTERS = {
    Link.FACILITY: records.facility_get,
    Link.AGREEMENT: records.agreement_get,
    Link.TWINNING_PAIR: records.twinning_get,
}


def _link(user: Reader, kind: str, pk: int | None) -> dict[str, Any]:
    link = spec_for(kind).link
    if link is None:
        return {}
    if pk is None:
        return {"link": None}
    getter = LINK_GETTERS[link]
    message = _("Choose an object you may see.")
    return {"link": _or_error("link", message, lambda: getter(user=user, pk=pk))}


# --- photos -----------------------------------------------------------------------------


def photo_digest(photo: Mapping[str, Any]) -> str:
    return hashlib.sha256(str(photo.get("data", "")).encode()).hexdigest()


def photo_uploads(photos: Iterable[Mapping[str, Any]]) -> list[SimpleUploadedFile]:
    """Photos sent as base64 text, as uploads the attachment checks understand."""
    return [_upload(photo) for photo in photos]


def _upload(photo: Mapping[str, Any]) -> SimpleUploadedFile:
    name = str(photo.get("name") or "photo.jpg")
    try:
        content = base64.b64decode(str(photo.get("data", "")), validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(
            {"attachments": [_("“%(name)s” could not be read.") % {"name": name}]}
        ) from None
    return SimpleUploadedFile(name, content)
