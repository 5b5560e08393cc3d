"""Creating and changing activities.

Every change is checked in full before anything is written, then written in one
transaction together with its audit row and the summary update. Editing an approved
record reopens it as a new revision that needs approval again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot
from huunghi.core.actors import as_user
from huunghi.core.hooks import ACTIVITY_CHANGED, run_write_hooks, write_started
from huunghi.core.models import Qualifier
from huunghi.core.workflow import transition
from huunghi.geography.marker_services import marker_links_sync
from huunghi.geography.models import AdminUnit
from huunghi.organisations.models import Unit
from huunghi.records import places
from huunghi.records.files import CheckedFile
from huunghi.records.kinds import KindSpec, Link, clean_details, record_rule_errors, spec_for
from huunghi.records.models import (
    Activity,
    ActivityCounterpart,
    ActivityKind,
    ActivityQuantity,
    Agreement,
    CounterpartRole,
    Facility,
    Measure,
    SourceType,
    Status,
    TwinningPair,
)
from huunghi.records.permissions import (
    ActivityPolicy,
    AgreementPolicy,
    FacilityPolicy,
    TwinningPairPolicy,
)
from huunghi.records.selectors import festival_allowed
from huunghi.records.services import attachments as files_service
from huunghi.records.services.errors import ErrorCollector
from huunghi.records.services.snapshots import activity_snapshot


@dataclass(frozen=True)
class QuantityIn:
    """A quantity as entered: ``value`` must not be negative."""

    measure: str
    value: Decimal | int | float | str
    qualifier: str = Qualifier.EXACT
    note: str = ""


@dataclass(frozen=True)
class CounterpartIn:
    """A counterpart unit; ``shared`` lets its accounts read the record."""

    unit: Unit
    role: str = CounterpartRole.COUNTERPART
    shared: bool = False


Linked = Facility | Agreement | TwinningPair


class OptionalFields(TypedDict, total=False):
    """The optional fields of :func:`activity_create`."""

    end_date: dt.date | None
    place: AdminUnit | None
    place_text: str
    parent: Activity | None
    description: str
    notes: str
    details: Mapping[str, Any]
    quantities: Sequence[QuantityIn]
    counterparts: Sequence[CounterpartIn]
    counterpart_places: Sequence[AdminUnit]
    link: Linked | None
    source_type: str
    source_url: str
    source_title: str
    attachments: Sequence[Any]
    attachment_caption: str
    is_synthetic: bool
    import_key: str


class ActivityFields(OptionalFields, total=False):
    """Fields of an activity that create and update accept (update: only those given)."""

    unit: Unit
    title: str
    start_date: dt.date
    remove_attachments: Sequence[int]


SIMPLE_FIELDS = (
    "unit",
    "title",
    "start_date",
    "end_date",
    "place",
    "place_text",
    "parent",
    "description",
    "notes",
    "source_type",
    "source_url",
    "source_title",
    "is_synthetic",
    "import_key",
)


@dataclass
class Prepared:
    """A fully checked change, ready to write."""

    activity: Activity
    spec: KindSpec
    quantities: list[ActivityQuantity] | None
    counterparts: list[ActivityCounterpart] | None
    counterpart_places: list[AdminUnit] | None
    link: Linked | None
    set_link: bool
    files: list[CheckedFile]
    caption: str
    remove_ids: list[int]


# --- public services --------------------------------------------------------------------


def activity_create(
    *,
    acting_user: Actor,
    kind: str,
    unit: Unit,
    title: str,
    start_date: dt.date,
    **fields: Unpack[OptionalFields],
) -> Activity:
    """Record a new activity of ``kind`` reported by ``unit`` (a draft)."""
    prepared = activity_prepare_create(
        acting_user=acting_user, kind=kind, unit=unit, title=title, start_date=start_date, **fields
    )
    with transaction.atomic():
        _write(prepared, acting_user)
        marker_links_sync(activity=prepared.activity, acting_user=acting_user)
        audit_log(
            actor=acting_user,
            action="activity.create",
            target=prepared.activity,
            unit=prepared.activity.unit,
            after=activity_snapshot(prepared.activity),
        )
        run_write_hooks(ACTIVITY_CHANGED, prepared.activity)
    return prepared.activity


def activity_prepare_create(
    *,
    acting_user: Actor,
    kind: str,
    unit: Unit,
    title: str,
    start_date: dt.date,
    **fields: Unpack[OptionalFields],
) -> Prepared:
    """Every check of :func:`activity_create` (the policy included), writing nothing: the
    new activity in memory with its rows, for a caller that writes many at once (an
    import's chunk, ``dataio.services.activity_batch``)."""
    activity = Activity(kind=kind, created_by=as_user(acting_user), status=Status.DRAFT)
    values: dict[str, Any] = {"unit": unit, "title": title, "start_date": start_date, **fields}
    values.setdefault("details", {})
    values.setdefault("quantities", [])
    values.setdefault("counterparts", [])
    values.setdefault("counterpart_places", [])
    values.setdefault("link", None)
    return _prepare(activity, values, acting_user, creating=True)


def activity_update(
    *, activity: Activity, acting_user: Actor, **fields: Unpack[ActivityFields]
) -> Activity:
    """Change the given fields; an approved record is reopened as a new revision."""
    with transaction.atomic():
        current = Activity.objects.select_for_update(of=("self",)).get(pk=activity.pk)
        _authorise_update(current, acting_user)
        pending = write_started(ACTIVITY_CHANGED, current)
        before = activity_snapshot(current)
        prepared = _prepare(current, dict(fields), acting_user, creating=False)
        if current.status == Status.APPROVED:
            reopened = transition(
                obj=current,
                action="reopen",
                acting_user=acting_user,
                policy=ActivityPolicy,
                reason=str(_("Edited after approval.")),
            )
            _copy_workflow(reopened, prepared.activity)  # type: ignore[arg-type]
        _write(prepared, acting_user)
        marker_links_sync(activity=prepared.activity, acting_user=acting_user)
        audit_log(
            actor=acting_user,
            action="activity.update",
            target=prepared.activity,
            unit=prepared.activity.unit,
            before=before,
            after=activity_snapshot(prepared.activity),
        )
        pending.finish(prepared.activity)
    return prepared.activity


def _authorise_update(activity: Activity, user: Actor) -> None:
    if not ActivityPolicy.can_edit(user, activity):
        raise PermissionDenied(_("You may not change records of this unit."))
    if activity.status == Status.SUBMITTED:
        raise ValidationError(
            {
                "status": _(
                    "This record is waiting for approval. "
                    "Ask the approver to return it before editing."
                )
            }
        )


def _copy_workflow(source: Activity, target: Activity) -> None:
    for name in ("status", "revision", "approved_at", "approved_by_id", "return_reason"):
        setattr(target, name, getattr(source, name))


# --- checking ---------------------------------------------------------------------------


def _prepare(
    activity: Activity, values: dict[str, Any], user: Actor, *, creating: bool
) -> Prepared:
    """Apply ``values`` to ``activity`` in memory and check everything."""
    errors = ErrorCollector()
    spec = spec_for(activity.kind)
    original_unit_id = activity.unit_id
    _assign(activity, values)
    with errors.check():
        _check_unit(activity, user, changed=creating or activity.unit_id != original_unit_id)
    with errors.check():
        _check_dates(activity)
    if "details" in values:
        with errors.check():
            activity.details = clean_details(activity.kind, values["details"])
    with errors.check():
        _check_record_rules(activity)
    with errors.check():
        places.check_in_force(activity.place, activity.start_date, "place")
    with errors.check():
        _check_parent(activity, user)
    with errors.check():
        _check_source(activity)
    link, set_link = _checked_link(activity, spec, values, user, errors)
    quantities = _checked_quantities(activity, spec, values, errors)
    counterparts = _checked_counterparts(activity, values, errors)
    counterpart_places = _checked_counterpart_places(activity, values, errors)
    files = files_service.check_attachments(values.get("attachments") or (), errors)
    _derive(activity)
    with errors.check():
        activity.full_clean(exclude=MODEL_CHECK_EXCLUDE, validate_constraints=False)
    errors.raise_if_any()
    return Prepared(
        activity=activity,
        spec=spec,
        quantities=quantities,
        counterparts=counterparts,
        counterpart_places=counterpart_places,
        link=link,
        set_link=set_link,
        files=files,
        caption=str(values.get("attachment_caption") or ""),
        remove_ids=list(values.get("remove_attachments") or ()),
    )


def _assign(activity: Activity, values: Mapping[str, Any]) -> None:
    for name in SIMPLE_FIELDS:
        if name in values:
            value = values[name]
            setattr(activity, name, value if value is not None or name not in _TEXT else "")
    if activity.source_type == SourceType.SYNTHETIC:
        activity.is_synthetic = True


MODEL_CHECK_EXCLUDE = [
    "country",
    "created_by",
    "approved_by",
    "details",
    "parent",
    "unit",
    "place",
    "province_then",
    "province_now",
    "twinning_pair",
]
_TEXT = {"place_text", "description", "notes", "source_url", "source_title", "title", "import_key"}


def _check_unit(activity: Activity, user: Actor, *, changed: bool) -> None:
    unit = activity.unit
    if not changed:
        return
    if unit.valid_to is not None:
        raise ValidationError(
            {"unit": _("“%(unit)s” is closed; choose a unit in force.") % {"unit": unit}}
        )
    if not ActivityPolicy.can_create_in(user, unit):
        raise ValidationError({"unit": _("You may not report for “%(unit)s”.") % {"unit": unit}})


def _check_dates(activity: Activity) -> None:
    if activity.end_date and activity.start_date and activity.end_date < activity.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})


def _check_record_rules(activity: Activity) -> None:
    rule_errors = record_rule_errors(activity.kind, activity.details, activity.start_date)
    if rule_errors:
        spec = spec_for(activity.kind)
        raise ValidationError(
            {
                "details": [
                    _("%(field)s: %(message)s")
                    % {
                        "field": str(getattr(spec.detail(key), "label", key)).capitalize(),
                        "message": message,
                    }
                    for key, message in rule_errors.items()
                ]
            }
        )


def _check_parent(activity: Activity, user: Actor) -> None:
    parent = activity.parent
    if activity.kind == ActivityKind.FESTIVAL:
        if parent is not None:
            raise ValidationError({"parent": _("A festival cannot be part of another festival.")})
        _check_children_fit(activity)
        return
    if parent is None:
        return
    if parent.kind != ActivityKind.FESTIVAL or parent.pk == activity.pk:
        raise ValidationError({"parent": _("Only a festival can have parts.")})
    if not festival_allowed(user=user, festival=parent, unit=activity.unit):
        raise ValidationError({"parent": _("This festival is not one of your unit's festivals.")})
    if activity.start_date < parent.start_date or activity.last_date > parent.last_date:
        raise ValidationError(
            {
                "parent": _(
                    "The activity's dates must lie within the festival's dates "
                    "(%(start)s – %(end)s)."
                )
                % {"start": parent.start_date.isoformat(), "end": parent.last_date.isoformat()}
            }
        )


def _check_children_fit(festival: Activity) -> None:
    if festival.pk is None:
        return
    children = festival.children.only("start_date", "end_date")
    if any(
        child.start_date < festival.start_date or child.last_date > festival.last_date
        for child in children
    ):
        raise ValidationError(
            {
                "end_date": _(
                    "Some parts of this festival fall outside the new dates; change them first."
                )
            }
        )


def _check_source(activity: Activity) -> None:
    if activity.source_type == SourceType.NEWS and not activity.source_url:
        raise ValidationError({"source_url": _("Give the address of the news article.")})


def _derive(activity: Activity) -> None:
    """Fields computed from others: country and the provinces of the place."""
    if activity.unit_id:
        activity.country_id = activity.unit.country_id
    if activity.start_date:
        activity.province_then = places.province_then(activity.place, activity.start_date)
        activity.province_now = places.province_now(activity.place)


def _checked_link(
    activity: Activity,
    spec: KindSpec,
    values: Mapping[str, Any],
    user: Actor,
    errors: ErrorCollector,
) -> tuple[Linked | None, bool]:
    if spec.link is None or "link" not in values:
        return None, False
    target = values["link"]
    with errors.check():
        _check_link(activity, spec.link, target, user)
    return target, True


LINK_POLICIES: dict[Link, tuple[type, Any]] = {
    Link.FACILITY: (Facility, FacilityPolicy),
    Link.AGREEMENT: (Agreement, AgreementPolicy),
    Link.TWINNING_PAIR: (TwinningPair, TwinningPairPolicy),
}
LINK_MESSAGES = {
    Link.FACILITY: _("Choose the facility that was inaugurated."),
    Link.AGREEMENT: _("Choose the agreement that was signed."),
    Link.TWINNING_PAIR: _("Choose the twinning pair that was reviewed."),
}


def _check_link(activity: Activity, link: Link, target: Any, user: Actor) -> None:
    model, policy = LINK_POLICIES[link]
    if target is None:
        if activity.source_type == SourceType.ENTERED:
            raise ValidationError({"link": LINK_MESSAGES[link]})
        return
    if not isinstance(target, model) or not policy.can_view(user, target):
        raise ValidationError({"link": LINK_MESSAGES[link]})


def _checked_quantities(
    activity: Activity, spec: KindSpec, values: Mapping[str, Any], errors: ErrorCollector
) -> list[ActivityQuantity] | None:
    if "quantities" not in values:
        return None
    entries = list(values["quantities"])
    entries = _with_marker_count(activity, spec, entries)
    offered = {q.measure for q in spec.measures}
    rows: list[ActivityQuantity] = []
    seen: set[str] = set()
    for entry in entries:
        with errors.check():
            rows.append(_quantity_row(entry, offered, seen))
    return rows


def _with_marker_count(
    activity: Activity, spec: KindSpec, entries: list[QuantityIn]
) -> list[QuantityIn]:
    """Count the markers listed when the markers quantity was left empty."""
    markers = activity.details.get("markers") or []
    offered = any(q.measure == Measure.MARKERS for q in spec.measures)
    given = any(e.measure == Measure.MARKERS for e in entries)
    if markers and offered and not given:
        return [*entries, QuantityIn(Measure.MARKERS, len(markers))]
    return entries


def _quantity_row(entry: QuantityIn, offered: set[str], seen: set[str]) -> ActivityQuantity:
    label = _measure_label(entry.measure)
    if entry.measure not in offered:
        raise ValidationError(
            {"quantities": _("%(measure)s is not recorded for this kind.") % {"measure": label}}
        )
    if entry.measure in seen:
        raise ValidationError({"quantities": _("%(measure)s is given twice.") % {"measure": label}})
    seen.add(entry.measure)
    value = _decimal(entry.value, label)
    if entry.qualifier not in Qualifier.values:
        raise ValidationError(
            {"quantities": _("%(measure)s: choose how exact the number is.") % {"measure": label}}
        )
    return ActivityQuantity(
        measure=entry.measure, value=value, qualifier=entry.qualifier, note=entry.note[:200]
    )


def _decimal(raw: Any, label: str) -> Decimal:
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise ValidationError(
            {"quantities": _("%(measure)s: enter a number.") % {"measure": label}}
        ) from None
    if not value.is_finite() or value < 0:
        raise ValidationError(
            {"quantities": _("%(measure)s cannot be negative.") % {"measure": label}}
        )
    if value >= Decimal("1e18"):
        raise ValidationError({"quantities": _("%(measure)s is too large.") % {"measure": label}})
    return value.quantize(Decimal("0.01"))


def _measure_label(measure: str) -> str:
    try:
        return str(capfirst(Measure(measure).label))
    except ValueError:
        return measure


def _checked_counterparts(
    activity: Activity, values: Mapping[str, Any], errors: ErrorCollector
) -> list[ActivityCounterpart] | None:
    if "counterparts" not in values:
        return None
    rows: list[ActivityCounterpart] = []
    seen: set[int] = set()
    for entry in values["counterparts"]:
        with errors.check():
            rows.append(_counterpart_row(activity, entry, seen))
    return rows


def _counterpart_row(
    activity: Activity, entry: CounterpartIn, seen: set[int]
) -> ActivityCounterpart:
    if entry.unit.pk == activity.unit_id:
        raise ValidationError(
            {"counterparts": _("The reporting unit cannot be its own counterpart.")}
        )
    if entry.unit.pk in seen:
        raise ValidationError(
            {"counterparts": _("“%(unit)s” is listed twice.") % {"unit": entry.unit}}
        )
    if entry.role not in CounterpartRole.values:
        raise ValidationError({"counterparts": _("Choose the counterpart's role.")})
    seen.add(entry.unit.pk)
    return ActivityCounterpart(unit=entry.unit, role=entry.role, shared=bool(entry.shared))


def _checked_counterpart_places(
    activity: Activity, values: Mapping[str, Any], errors: ErrorCollector
) -> list[AdminUnit] | None:
    if "counterpart_places" not in values:
        return None
    chosen = list(values["counterpart_places"])
    for place in chosen:
        with errors.check():
            places.check_in_force(place, activity.start_date, "counterpart_places")
    return chosen


# --- writing ----------------------------------------------------------------------------


def _write(prepared: Prepared, user: Actor) -> None:
    written: list[str] = []
    try:
        with transaction.atomic():
            _write_rows(prepared, user, written)
    except BaseException:
        files_service.discard_files(written)
        raise


def _write_rows(prepared: Prepared, user: Actor, written: list[str]) -> None:
    activity = prepared.activity
    activity.save()
    if prepared.quantities is not None:
        _replace_rows(activity, ActivityQuantity, prepared.quantities)
    if prepared.counterparts is not None:
        _replace_rows(activity, ActivityCounterpart, prepared.counterparts)
    if prepared.counterpart_places is not None:
        activity.counterpart_places.set(prepared.counterpart_places)
    if prepared.set_link:
        _write_link(activity, prepared.spec.link, prepared.link, user)
    if prepared.remove_ids:
        files_service.remove_attachments(activity=activity, ids=prepared.remove_ids)
    files_service.store_attachments(
        activity=activity,
        files=prepared.files,
        caption=prepared.caption,
        acting_user=user,
        written=written,
    )


def _replace_rows(activity: Activity, model: Any, rows: Sequence[Any]) -> None:
    """Replace the activity's quantities or counterparts with ``rows``."""
    model.objects.filter(activity=activity).delete()
    for row in rows:
        row.activity = activity
    model.objects.bulk_create(rows)


def _write_link(activity: Activity, link: Link | None, target: Linked | None, user: Actor) -> None:
    if link == Link.TWINNING_PAIR:
        activity.twinning_pair = target  # type: ignore[assignment]
        activity.save(update_fields=["twinning_pair", "updated_at"])
    elif link == Link.FACILITY:
        _relink(Facility, "inauguration", activity, target, user, date_field="inaugurated_on")
    elif link == Link.AGREEMENT:
        _relink(Agreement, "signing", activity, target, user)


def _relink(
    model: Any, field: str, activity: Activity, target: Any, user: Actor, date_field: str = ""
) -> None:
    """Point ``target.<field>`` at the activity and unlink anything else pointing at it."""
    for old in model.objects.filter(**{field: activity}).exclude(pk=getattr(target, "pk", None)):
        _set_link(old, field, None, user)
    if target is None or getattr(target, f"{field}_id") == activity.pk:
        return
    extra = (
        {date_field: activity.start_date} if date_field and not getattr(target, date_field) else {}
    )
    _set_link(target, field, activity, user, **extra)


def _set_link(obj: Any, field: str, activity: Activity | None, user: Actor, **extra: Any) -> None:
    before = snapshot(obj)
    setattr(obj, field, activity)
    for name, value in extra.items():
        setattr(obj, name, value)
    obj.save(update_fields=[field, *extra, "updated_at"])
    audit_log(
        actor=user,
        action=f"{obj._meta.model_name}.link",
        target=obj,
        unit=obj.unit,
        before=before,
        after=snapshot(obj),
    )
