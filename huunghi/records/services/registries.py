"""Creating and changing the long-lived registries: twinning pairs, facilities and
agreements. Same scope rules as activities: the responsible unit must be in the
user's edit scope; every change is audited in its transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot
from huunghi.core.workflow import check_editable, prepare_edit
from huunghi.organisations.models import Unit
from huunghi.records import places
from huunghi.records.files import PDF_ONLY, check_upload
from huunghi.records.models import (
    Agreement,
    Facility,
    TwinningKind,
    TwinningPair,
    TwinningStatus,
)
from huunghi.records.permissions import AgreementPolicy, FacilityPolicy, TwinningPairPolicy
from huunghi.records.services.errors import ErrorCollector
from huunghi.records.services.snapshots import agreement_snapshot

TWINNING_FIELDS = (
    "kind",
    "unit",
    "vn_unit",
    "kh_unit",
    "vn_place",
    "vn_place_text",
    "kh_place",
    "kh_place_text",
    "started_on",
    "status",
    "ended_on",
    "notes",
)
FACILITY_FIELDS = ("name", "kind", "unit", "place", "inaugurated_on", "notes")
AGREEMENT_FIELDS = ("title", "unit", "signed_on", "term_years", "expires_on", "notes")


# --- shared steps -----------------------------------------------------------------------


def _assign(obj: models.Model, fields: dict[str, Any], allowed: Sequence[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(obj, name, value)


def _check_unit(obj: Any, policy: Any, user: Actor, original_unit_id: int | None) -> None:
    """The responsible unit must be active and in the user's edit scope."""
    if obj.unit_id is None:
        raise ValidationError({"unit": _("Choose the responsible unit.")})
    if obj.unit_id == original_unit_id:
        return
    unit: Unit = obj.unit
    if unit.valid_to is not None:
        raise ValidationError(
            {"unit": _("“%(unit)s” is closed; choose a unit in force.") % {"unit": unit}}
        )
    if not policy.can_create_in(user, unit):
        raise ValidationError({"unit": _("You may not record for “%(unit)s”.") % {"unit": unit}})


def _authorise(obj: Any, policy: Any, user: Actor) -> None:
    """Edit rights on an existing row; a submitted row is refused, an approved one reopens
    as a new revision; a new row remembers its creator (four-eyes rule)."""
    if obj.pk is None:
        obj.created_by = user
        return
    if not policy.can_edit(user, obj):
        raise PermissionDenied(_("You may not change records of this unit."))
    check_editable(obj)


def _registry_save[M: models.Model](
    obj: M,
    fields: dict[str, Any],
    user: Actor,
    *,
    policy: Any,
    allowed: Sequence[str],
    check: Callable[[ErrorCollector], None],
    unchecked: list[str],
) -> M:
    """Create or change a registry entry: edit rights, the fields, the responsible unit,
    the entry's own ``check``, the model's validation (but the ``unchecked`` fields), then
    save and audit in one transaction. Every refusal is collected before any is raised."""
    _authorise(obj, policy, user)
    before = snapshot(obj) if obj.pk else None
    original_unit_id = obj.unit_id if obj.pk else None  # type: ignore[attr-defined]
    _assign(obj, fields, allowed)
    errors = ErrorCollector()
    with errors.check():
        _check_unit(obj, policy, user, original_unit_id)
    check(errors)
    with errors.check():
        obj.full_clean(exclude=unchecked, validate_constraints=False)
    errors.raise_if_any()
    with transaction.atomic():
        prepare_edit(obj, policy=policy, acting_user=user)
        obj.save()
        _audit(obj, user, "update" if before else "create", before, snapshot(obj))
    return obj


def _audit(
    obj: Any, user: Actor, verb: str, before: dict[str, Any] | None, after: dict[str, Any]
) -> None:
    audit_log(
        actor=user,
        action=f"{obj._meta.model_name}.{verb}",
        target=obj,
        unit=obj.unit,
        before=before,
        after=after,
    )


# --- twinning pairs ---------------------------------------------------------------------


def twinning_create(*, acting_user: Actor, **fields: Any) -> TwinningPair:
    """Register a twinning pair (post pair or residential cluster pair)."""
    return _twinning_save(TwinningPair(), fields, acting_user)


def twinning_update(*, pair: TwinningPair, acting_user: Actor, **fields: Any) -> TwinningPair:
    """Change a twinning pair (e.g. end it)."""
    return _twinning_save(pair, fields, acting_user)


def _twinning_save(pair: TwinningPair, fields: dict[str, Any], user: Actor) -> TwinningPair:
    def check(errors: ErrorCollector) -> None:
        _check_twinning_sides(pair, errors)
        with errors.check():
            _check_twinning_dates(pair)

    return _registry_save(
        pair,
        fields,
        user,
        policy=TwinningPairPolicy,
        allowed=TWINNING_FIELDS,
        check=check,
        unchecked=["unit", "vn_unit", "kh_unit"],
    )


def _check_twinning_sides(pair: TwinningPair, errors: ErrorCollector) -> None:
    for side, country in (("vn", "VN"), ("kh", "KH")):
        with errors.check():
            if pair.kind == TwinningKind.POST_PAIR:
                _check_side_unit(getattr(pair, f"{side}_unit"), country, f"{side}_unit")
            else:
                _check_side_place(pair, side, country)


def _check_side_unit(unit: Unit | None, country: str, field: str) -> None:
    if unit is None:
        raise ValidationError({field: _("Choose the post or station of this side.")})
    if unit.country.code != country:
        raise ValidationError(
            {field: _("“%(unit)s” belongs to the other country.") % {"unit": unit}}
        )


def _check_side_place(pair: TwinningPair, side: str, country: str) -> None:
    place = getattr(pair, f"{side}_place")
    if place is None and not getattr(pair, f"{side}_place_text").strip():
        raise ValidationError(
            {f"{side}_place_text": _("Name the residential cluster of this side.")}
        )
    if place is not None and place.country.code != country:
        raise ValidationError(
            {f"{side}_place": _("“%(place)s” is in the other country.") % {"place": place}}
        )
    places.check_in_force(place, pair.started_on, f"{side}_place")


def _check_twinning_dates(pair: TwinningPair) -> None:
    if pair.ended_on and pair.started_on and pair.ended_on < pair.started_on:
        raise ValidationError({"ended_on": _("The end date is before the date of twinning.")})
    if pair.status == TwinningStatus.ENDED and not pair.ended_on:
        raise ValidationError({"ended_on": _("Give the date the twinning ended.")})
    if pair.ended_on and pair.status != TwinningStatus.ENDED:
        raise ValidationError({"status": _("A twinning with an end date has the status “ended”.")})


# --- facilities -------------------------------------------------------------------------


def facility_create(*, acting_user: Actor, **fields: Any) -> Facility:
    """Register a facility built or supported together (e.g. a joint clinic)."""
    return _facility_save(Facility(), fields, acting_user)


def facility_update(*, facility: Facility, acting_user: Actor, **fields: Any) -> Facility:
    return _facility_save(facility, fields, acting_user)


def _facility_save(facility: Facility, fields: dict[str, Any], user: Actor) -> Facility:
    def check(errors: ErrorCollector) -> None:
        with errors.check():
            places.check_in_force(facility.place, facility.inaugurated_on, "place")

    return _registry_save(
        facility,
        fields,
        user,
        policy=FacilityPolicy,
        allowed=FACILITY_FIELDS,
        check=check,
        unchecked=["unit", "inauguration"],
    )


# --- agreements -------------------------------------------------------------------------


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` plus whole years; 29 February becomes 28 February in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def agreement_create(
    *, acting_user: Actor, parties: Sequence[Unit], document: Any = None, **fields: Any
) -> Agreement:
    """Register a signed agreement; expiry follows from the term if not given."""
    return _agreement_save(Agreement(), fields, parties, document, acting_user)


def agreement_update(
    *,
    agreement: Agreement,
    acting_user: Actor,
    parties: Sequence[Unit] | None = None,
    document: Any = None,
    **fields: Any,
) -> Agreement:
    return _agreement_save(agreement, fields, parties, document, acting_user)


def _agreement_save(
    agreement: Agreement,
    fields: dict[str, Any],
    parties: Sequence[Unit] | None,
    document: Any,
    user: Actor,
) -> Agreement:
    _authorise(agreement, AgreementPolicy, user)
    before = agreement_snapshot(agreement) if agreement.pk else None
    original_unit_id = agreement.unit_id if agreement.pk else None
    _assign(agreement, fields, AGREEMENT_FIELDS)
    checked_document = _check_agreement(agreement, parties, document, user, original_unit_id)
    with transaction.atomic():
        prepare_edit(agreement, policy=AgreementPolicy, acting_user=user)
        agreement.save()
        if parties is not None:
            agreement.parties.set(parties)
        if checked_document is not None:
            _store_document(agreement, checked_document)
        _audit(
            agreement, user, "update" if before else "create", before, agreement_snapshot(agreement)
        )
    return agreement


def _check_agreement(
    agreement: Agreement,
    parties: Sequence[Unit] | None,
    document: Any,
    user: Actor,
    original_unit_id: int | None,
) -> Any:
    errors = ErrorCollector()
    with errors.check():
        _check_unit(agreement, AgreementPolicy, user, original_unit_id)
    if parties is not None and len(set(parties)) < 2:
        errors.add(ValidationError({"parties": _("An agreement has at least two parties.")}))
    if agreement.expires_on is None and agreement.term_years and agreement.signed_on:
        agreement.expires_on = add_years(agreement.signed_on, agreement.term_years)
    if agreement.expires_on and agreement.signed_on and agreement.expires_on <= agreement.signed_on:
        errors.add(
            ValidationError({"expires_on": _("The expiry date must be after the signing date.")})
        )
    checked = None
    if document is not None:
        with errors.check():
            checked = check_upload(document, field="document", allowed=PDF_ONLY)
    with errors.check():
        agreement.full_clean(exclude=["unit", "signing", "document"], validate_constraints=False)
    errors.raise_if_any()
    return checked


def _store_document(agreement: Agreement, checked: Any) -> None:
    old = agreement.document.name if agreement.document else ""
    agreement.document.save(f"{uuid.uuid4().hex}.pdf", checked.file, save=False)
    agreement.save(update_fields=["document", "updated_at"])
    if old:
        storage = agreement.document.storage
        transaction.on_commit(lambda: storage.delete(old))
