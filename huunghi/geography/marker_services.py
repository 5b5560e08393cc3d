"""Writes to the border marker registry.

An entry is created and changed by the border post that manages it (or a unit above
it), goes through the approval chain of :func:`huunghi.core.workflow.transition`
(draft → submitted → approved, returned with a reason; changing an approved entry
reopens it as a new revision) and every write leaves an audit row in its transaction.

Records that name marker numbers (a salute, a joint patrol) fill the registry:
:func:`marker_links_sync` links each named marker to the record, adds a draft entry
for a number not registered yet, and records a repaint as a dated condition entry.
Only the fact of the visit is kept, never a route or a schedule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot
from huunghi.core.actors import as_user, authorize
from huunghi.core.models import Status
from huunghi.core.workflow import prepare_edit, transition
from huunghi.geography.models import (
    BorderMarker,
    MarkerCondition,
    MarkerConditionEntry,
    MarkerKind,
    MarkerVisit,
)
from huunghi.geography.permissions import MarkerPolicy

MARKER_FIELDS = (
    "number",
    "kind",
    "latitude",
    "longitude",
    "province",
    "unit",
    "notes",
    "is_synthetic",
)
REPAINT_CEREMONIES = {"repaint", "both"}
MARKER_KINDS_OF_RECORDS = {"marker_salute", "joint_patrol"}


def marker_key(number: str) -> str:
    """The number without spaces: "230 (2)" and "230(2)" name the same marker."""
    return "".join(str(number).split())


def _number_variants(number: str) -> set[str]:
    key = marker_key(number)
    return {number.strip(), key, key.replace("(", " (")}


# --- entries --------------------------------------------------------------------------


def _authorise(marker: BorderMarker, user: Actor) -> None:
    if marker.unit_id is None:
        raise ValidationError({"unit": _("Choose the unit that manages this marker.")})
    authorize(
        user,
        lambda u: MarkerPolicy.can_edit(u, marker),
        _("You may not change the markers of this unit."),
    )


def marker_create(
    *, acting_user: Actor, number: str, kind: str, unit: Any = None, **fields: Any
) -> BorderMarker:
    """Register a marker managed by ``unit`` (a draft), after validation; audited."""
    _check_fields(fields)
    marker = BorderMarker(
        number=str(number).strip(),
        kind=kind,
        unit=unit,
        created_by=as_user(acting_user),
        status=Status.DRAFT,
        **fields,
    )
    _authorise(marker, acting_user)
    marker.full_clean()
    with transaction.atomic():
        marker.save()
        _audit(marker, acting_user, "create", after=snapshot(marker))
    return marker


def marker_update(*, marker: BorderMarker, acting_user: Actor, **fields: Any) -> BorderMarker:
    """Change a marker's fields; an approved entry is reopened as a new revision."""
    _check_fields(fields)
    with transaction.atomic():
        current = BorderMarker.objects.select_for_update(of=("self",)).get(pk=marker.pk)
        _authorise(current, acting_user)
        before = snapshot(current)
        prepare_edit(current, policy=MarkerPolicy, acting_user=acting_user)
        for name, value in fields.items():
            setattr(current, name, value)
        _authorise(current, acting_user)  # the new managing unit must be the user's too
        current.full_clean()
        current.save()
        _audit(current, acting_user, "update", before=before, after=snapshot(current))
    return current


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(MARKER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown marker fields: {', '.join(sorted(unknown))}")


def _audit(marker: BorderMarker, user: Actor, verb: str, note: str = "", **changes: Any) -> None:
    audit_log(
        actor=user,
        action=f"bordermarker.{verb}",
        target=marker,
        unit=marker.unit,
        note=note,
        **changes,
    )


# --- workflow -------------------------------------------------------------------------


def _move(marker: BorderMarker, action: str, user: Actor, reason: str = "") -> BorderMarker:
    return transition(  # type: ignore[return-value]
        obj=marker, action=action, acting_user=user, policy=MarkerPolicy, reason=reason
    )


def marker_submit(*, marker: BorderMarker, acting_user: Actor) -> BorderMarker:
    """Send a draft or returned entry for approval."""
    return _move(marker, "submit", acting_user)


def marker_approve(*, marker: BorderMarker, acting_user: Actor) -> BorderMarker:
    """Approve a submitted entry (an approver above the managing unit)."""
    return _move(marker, "approve", acting_user)


def marker_return(*, marker: BorderMarker, acting_user: Actor, reason: str) -> BorderMarker:
    """Send a submitted entry back to its unit with a reason."""
    return _move(marker, "return", acting_user, reason)


def marker_reopen(*, marker: BorderMarker, acting_user: Actor) -> BorderMarker:
    """Unlock an approved entry as a new revision."""
    return _move(marker, "reopen", acting_user)


# --- condition history ----------------------------------------------------------------


def marker_condition_add(
    *,
    marker: BorderMarker,
    acting_user: Actor,
    condition: str,
    on_date: dt.date,
    note: str = "",
    activity: Any = None,
) -> MarkerConditionEntry:
    """Add a dated condition entry; the marker shows the latest one. Audited."""
    if activity is None:
        _authorise(marker, acting_user)
    entry = MarkerConditionEntry(
        marker=marker,
        condition=condition,
        on_date=on_date,
        note=note.strip(),
        activity=activity,
        recorded_by=as_user(acting_user),
    )
    entry.full_clean()
    with transaction.atomic():
        entry.save()
        _refresh_condition(marker, acting_user, note=entry.get_condition_display())
    return entry


def _refresh_condition(marker: BorderMarker, user: Actor, note: str = "") -> None:
    """Copy the latest condition and the latest dated visit onto the marker row."""
    before = snapshot(marker, ["condition", "last_inspected_on"])
    latest = marker.condition_entries.order_by("-on_date", "-id").first()
    marker.condition = latest.condition if latest else ""
    marker.last_inspected_on = _last_seen(marker)
    after = snapshot(marker, ["condition", "last_inspected_on"])
    if before != after:
        marker.save(update_fields=["condition", "last_inspected_on", "updated_at"])
        _audit(marker, user, "condition", note=note, before=before, after=after)


def _last_seen(marker: BorderMarker) -> dt.date | None:
    visited = marker.visits.aggregate(day=Max("activity__start_date"))["day"]
    noted = marker.condition_entries.aggregate(day=Max("on_date"))["day"]
    days = [d for d in (visited, noted) if d is not None]
    return max(days) if days else None


# --- links from records ---------------------------------------------------------------


def marker_links_sync(*, activity: Any, acting_user: Actor) -> list[BorderMarker]:
    """Link the markers a record names (its ``details["markers"]``) to the record.

    Called by the activity services on create and update, inside their transaction
    (the record's own policy has already authorised the user). A number not in the
    registry becomes a draft entry managed by the record's unit; links and repaint
    entries of markers the record no longer names are removed.
    """
    if activity.kind not in MARKER_KINDS_OF_RECORDS:
        return []
    numbers = _named_numbers(activity)
    with transaction.atomic():
        markers = [_marker_for(number, activity, acting_user) for number in numbers]
        _sync_visits(activity, markers, acting_user)
        _sync_repaints(activity, markers, acting_user)
    return markers


def _named_numbers(activity: Any) -> list[str]:
    seen: dict[str, str] = {}
    for number in (activity.details or {}).get("markers") or []:
        seen.setdefault(marker_key(number), str(number).strip())
    return list(seen.values())


def _marker_for(number: str, activity: Any, user: Actor) -> BorderMarker:
    found = BorderMarker.objects.filter(number__in=_number_variants(number)).first()
    if found is not None:
        return found
    marker = BorderMarker(
        number=number,
        kind=MarkerKind.AUXILIARY if "/" in number else MarkerKind.MAIN,
        unit=activity.unit,
        created_by=as_user(user),
        status=Status.DRAFT,
        is_synthetic=bool(getattr(activity, "is_synthetic", False)),
    )
    marker.full_clean()
    marker.save()
    _audit(marker, user, "create", note=activity.title, after=snapshot(marker))
    return marker


def _sync_visits(activity: Any, markers: list[BorderMarker], user: Actor) -> None:
    wanted = {m.pk: m for m in markers}
    stale = MarkerVisit.objects.filter(activity=activity).exclude(marker_id__in=wanted)
    gone = list(BorderMarker.objects.filter(visits__in=stale).distinct())
    stale.delete()
    linked = set(MarkerVisit.objects.filter(activity=activity).values_list("marker_id", flat=True))
    for marker in wanted.values():
        if marker.pk not in linked:
            MarkerVisit.objects.create(marker=marker, activity=activity)
            _audit(marker, user, "link", note=activity.title)
    for marker in [*wanted.values(), *gone]:
        _refresh_condition(marker, user)


def _sync_repaints(activity: Any, markers: list[BorderMarker], user: Actor) -> None:
    repainted = (activity.details or {}).get("ceremony") in REPAINT_CEREMONIES
    keep = {m.pk for m in markers} if repainted else set()
    entries = MarkerConditionEntry.objects.filter(
        activity=activity, condition=MarkerCondition.REPAINTED
    )
    dropped = list(
        BorderMarker.objects.filter(condition_entries__in=entries.exclude(marker_id__in=keep))
    )
    entries.exclude(marker_id__in=keep).delete()
    for marker in dropped:
        _refresh_condition(marker, user)
    for marker in markers if repainted else []:
        entry, created = MarkerConditionEntry.objects.get_or_create(
            marker=marker,
            activity=activity,
            condition=MarkerCondition.REPAINTED,
            defaults={"on_date": activity.start_date, "recorded_by": as_user(user)},
        )
        if not created and entry.on_date != activity.start_date:
            entry.on_date = activity.start_date
            entry.save(update_fields=["on_date"])
        _refresh_condition(marker, user, note=str(MarkerCondition.REPAINTED.label))


def markers_purge_synthetic() -> int:
    """Delete the synthetic (demo) markers with their condition history and the links of
    records naming them; a record keeps the marker numbers it was written with."""
    with transaction.atomic():
        synthetic = BorderMarker.objects.filter(is_synthetic=True)
        MarkerConditionEntry.objects.filter(marker__in=synthetic).delete()
        MarkerVisit.objects.filter(marker__in=synthetic).delete()
        count, _deleted = synthetic.delete()
    return count
