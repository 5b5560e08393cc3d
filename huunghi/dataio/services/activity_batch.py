"""Writing a chunk of new imported activities at once.

Each activity was checked in full by the records service's own checks
(:func:`huunghi.records.services.activities.activity_prepare`, which refuses a unit the
user may not report for); this writes the chunk in a few statements instead of a dozen
per record: the activities, their quantities, counterparts and counterpart places, one
audit row per activity (the same snapshot the service records), and the write hooks of
:data:`~huunghi.core.hooks.ACTIVITIES_CREATED` once for the chunk (summary upkeep and the
totals cache), all in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils.translation import gettext as _

from huunghi.accounts.types import Actor
from huunghi.audit.models import AuditEvent
from huunghi.audit.services import audit_event, snapshot
from huunghi.core.hooks import ACTIVITIES_CREATED, run_write_hooks
from huunghi.geography.marker_services import MARKER_KINDS_OF_RECORDS, marker_links_sync
from huunghi.organisations.models import Unit
from huunghi.records.models import Activity, ActivityCounterpart, ActivityQuantity
from huunghi.records.permissions import ActivityPolicy
from huunghi.records.services.activities import Prepared


def activities_import_create(*, prepared: Sequence[Prepared], acting_user: Actor) -> list[Activity]:
    """Store checked new activities (see the module); they get their primary keys."""
    _authorise(prepared, acting_user)
    if not prepared:
        return []
    with transaction.atomic():
        activities = Activity.objects.bulk_create([p.activity for p in prepared])
        _write_related(prepared)
        for activity in activities:
            if activity.kind in MARKER_KINDS_OF_RECORDS:
                marker_links_sync(activity=activity, acting_user=acting_user)
        AuditEvent.objects.bulk_create(_audit_row(p, acting_user) for p in prepared)
        run_write_hooks(ACTIVITIES_CREATED, activities)
    return activities


def activities_import_lock(*, unit_ids: Iterable[int]) -> bool:
    """Serialise imports into the same units until the caller's transaction ends.

    An import looks up a row's key (unique per kind and unit) and creates the record if
    none has it; two imports of the same rows must not both find none. On PostgreSQL
    this takes the units' rows ``FOR NO KEY UPDATE`` (in id order: no deadlock between
    two imports), which other imports of these units wait for, while a form save of a
    record of the unit does not (its foreign key takes ``FOR KEY SHARE``). SQLite needs
    nothing: every transaction there starts with the write lock (``IMMEDIATE``).
    Take it before the transaction writes anything (a lock awaited while holding summary
    rows can deadlock with the import holding it). Whether a lock was taken (False on
    SQLite).
    """
    if not connection.features.has_select_for_update:
        return False
    ids = sorted(set(unit_ids))
    locked = Unit.objects.select_for_update(no_key=True, of=("self",)).filter(pk__in=ids)
    list(locked.order_by("pk").values_list("pk", flat=True))
    return True


def _authorise(prepared: Sequence[Prepared], user: Actor) -> None:
    """The policy once per unit of the chunk (the checks did it per row, too)."""
    units = {p.activity.unit_id: p.activity.unit for p in prepared}
    for unit in units.values():
        if not ActivityPolicy.can_create_in(user, unit):
            raise PermissionDenied(_("You may not report for “%(unit)s”.") % {"unit": unit})


def _write_related(prepared: Sequence[Prepared]) -> None:
    quantities: list[ActivityQuantity] = []
    counterparts: list[ActivityCounterpart] = []
    through = Activity.counterpart_places.through
    places: list[Any] = []
    for item in prepared:
        activity = item.activity
        for quantity in item.quantities or ():
            quantity.activity = activity
            quantities.append(quantity)
        for counterpart in item.counterparts or ():
            counterpart.activity = activity
            counterparts.append(counterpart)
        for place in item.counterpart_places or ():
            places.append(through(activity_id=activity.pk, adminunit_id=place.pk))
    ActivityQuantity.objects.bulk_create(quantities)
    ActivityCounterpart.objects.bulk_create(counterparts)
    through.objects.bulk_create(places)


def _audit_row(item: Prepared, user: Actor) -> AuditEvent:
    """What ``audit_log(action="activity.create", …)`` writes for the activity."""
    activity = item.activity
    return audit_event(
        actor=user,
        action="activity.create",
        target=activity,
        unit=activity.unit_id,
        after=_snapshot(item),
    )


def _snapshot(item: Prepared) -> dict[str, Any]:
    """``activity_snapshot`` of the new record, from what was just written."""
    activity = item.activity
    data = snapshot(activity)
    data["quantities"] = {
        q.measure: f"{q.value.normalize():f} {q.qualifier}".strip()
        for q in sorted(item.quantities or (), key=lambda q: q.measure)
    }
    data["counterparts"] = [
        f"{c.unit_id}:{c.role}:{'shared' if c.shared else 'private'}"
        for c in sorted(item.counterparts or (), key=lambda c: c.unit_id)
    ]
    data["counterpart_places"] = sorted(p.pk for p in item.counterpart_places or ())
    data["attachments"] = []
    return data
