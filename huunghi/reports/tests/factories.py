"""Test helpers: activities written the way the record services write them.

The record services (:mod:`huunghi.records.services`) validate kind-specific details
and links; these helpers skip that and write rows directly, then call the same
summary hooks, so the totals tests do not depend on the forms of every kind.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from huunghi.core.models import Qualifier
from huunghi.geography.models import AdminUnit
from huunghi.organisations.models import Unit
from huunghi.records import places
from huunghi.records.models import (
    Activity,
    ActivityCounterpart,
    ActivityKind,
    ActivityQuantity,
    Status,
)
from huunghi.reports.summaries import summary_after, summary_before

_titles = itertools.count(1)
Quantity = tuple[str, Any, str]


def make_activity(
    *,
    unit: Unit,
    start: dt.date,
    kind: str = ActivityKind.OTHER,
    place: AdminUnit | None = None,
    status: str = Status.DRAFT,
    quantities: Iterable[Quantity] = (),
    shared_with: Iterable[Unit] = (),
    details: dict[str, Any] | None = None,
    synthetic: bool = False,
) -> Activity:
    """Create an activity with its quantities and counterparts, and update the summaries."""
    with transaction.atomic():
        activity = Activity.objects.create(
            kind=kind,
            title=f"Activity {next(_titles)}",
            start_date=start,
            unit=unit,
            country_id=unit.country_id,
            place=place,
            province_then=places.province_then(place, start),
            province_now=places.province_now(place),
            status=status,
            details=details or {},
            is_synthetic=synthetic,
        )
        _write_quantities(activity, quantities)
        for other in shared_with:
            ActivityCounterpart.objects.create(activity=activity, unit=other, shared=True)
        summary_after(before=None, activity=activity)
    return activity


def _write_quantities(activity: Activity, quantities: Iterable[Quantity]) -> None:
    for measure, value, qualifier in quantities:
        ActivityQuantity.objects.create(
            activity=activity, measure=measure, value=Decimal(str(value)), qualifier=qualifier
        )


def change_activity(
    activity: Activity, *, quantities: Iterable[Quantity] | None = None, **fields: Any
) -> Activity:
    """Change fields (and replace quantities) with the summary hooks around the change."""
    with transaction.atomic():
        before = summary_before(activity)
        for name, value in fields.items():
            setattr(activity, name, value)
        if "place" in fields or "start_date" in fields:
            activity.province_then = places.province_then(activity.place, activity.start_date)
            activity.province_now = places.province_now(activity.place)
        if "unit" in fields:
            activity.country_id = activity.unit.country_id
        activity.save()
        if quantities is not None:
            activity.quantities.all().delete()
            _write_quantities(activity, quantities)
        summary_after(before=before, activity=activity)
    return activity


def delete_activity(activity: Activity) -> None:
    with transaction.atomic():
        before = summary_before(activity)
        activity.delete()
        summary_after(before=before, activity=None)


EXACT, ABOUT, AT_LEAST = Qualifier.EXACT, Qualifier.ABOUT, Qualifier.AT_LEAST
