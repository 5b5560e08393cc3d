"""Removing synthetic data: activities, their summary rows and the synthetic units.

Made by :mod:`huunghi.records.generator` (``manage.py demo_volume``); removed here by
``manage.py purge_synthetic``. Rows are deleted in bulk SQL, never loaded one by one,
and nothing real is touched: when real rows refer to synthetic ones, nothing is
deleted at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models, transaction

from huunghi.cycle.purge import cycle_purge_synthetic
from huunghi.figures.services import figures_purge_synthetic
from huunghi.geography.marker_services import markers_purge_synthetic
from huunghi.organisations.models import Unit
from huunghi.records.generator import SYNTHETIC_PREFIX, synthetic_units
from huunghi.records.models import Activity
from huunghi.reports.models import ActivityRollup, ActivitySummary

Progress = Callable[[str], None]


class PurgeBlockedError(Exception):
    """Real data points at synthetic data; nothing was deleted."""


def _reverse_relations(model: type[models.Model]) -> list[Any]:
    """Every foreign key pointing at ``model``, hidden ones (``related_name="+"``) too."""
    fields = model._meta._get_fields(forward=False, reverse=True, include_hidden=True)
    return [f for f in fields if not f.many_to_many and f.related_model is not model]


# Rows that belong to synthetic units and go with them.
UNIT_OWNED = {
    "organisations.UnitVersion",
    "accounts.Membership",
    "reports.ReportJob",
    "reports.ActivitySummary",
    "reports.ActivityRollup",
    "cycle.SubmissionTally",
    "cycle.Reminder",
}


def _blockers() -> list[str]:
    """Real rows that refer to synthetic activities or units (they would be orphaned)."""
    found = []
    if Activity.objects.filter(is_synthetic=False, parent__is_synthetic=True).exists():
        found.append("records.Activity.parent")
    units = synthetic_units().values("pk")
    for relation in _reverse_relations(Unit):
        model = relation.related_model
        if model._meta.label in UNIT_OWNED:
            continue
        rows = model._default_manager.filter(**{f"{relation.field.name}__in": units})
        if "is_synthetic" in {f.name for f in model._meta.concrete_fields}:
            rows = rows.filter(is_synthetic=False)
        if rows.exists():
            found.append(f"{model._meta.label}.{relation.field.name}")
    if (
        Unit.objects.exclude(code__startswith=SYNTHETIC_PREFIX)
        .filter(models.Q(parent__in=units) | models.Q(successor__in=units))
        .exists()
    ):
        found.append("organisations.Unit.parent")
    return found


def purge_synthetic(progress: Progress | None = None) -> dict[str, int]:
    """Delete synthetic activities, their summary rows, synthetic reported figures,
    synthetic border markers and the synthetic units.

    Raises :class:`PurgeBlockedError` (deleting nothing) when real data refers to them.
    """
    say = progress or (lambda _message: None)
    blockers = _blockers()
    if blockers:
        raise PurgeBlockedError(", ".join(blockers))
    counts: dict[str, int] = {}
    with transaction.atomic():
        counts["summary_rows"] = _raw_delete(ActivitySummary.objects.filter(is_synthetic=True))
        counts["summary_rows"] += _raw_delete(ActivityRollup.objects.filter(is_synthetic=True))
        say("summary rows deleted")
        counts["activities"] = _delete_activities()
        say("activities deleted")
        counts["figures"] = figures_purge_synthetic()
        say("reported figures deleted")
        counts["cycle"] = cycle_purge_synthetic()
        say("reporting-cycle rows deleted")
        counts["markers"] = markers_purge_synthetic()
        say("synthetic border markers deleted")
        counts["units"] = _delete_units()
    return counts


def _raw_delete(queryset: models.QuerySet[Any]) -> int:
    return queryset._raw_delete(queryset.db)


def _delete_activities() -> int:
    ids = Activity.objects.filter(is_synthetic=True).values("pk")
    for relation in _reverse_relations(Activity):
        model, name = relation.related_model, relation.field.name
        rows = model._default_manager.filter(**{f"{name}__in": ids})
        if relation.on_delete is models.SET_NULL:
            rows.update(**{name: None})
        else:
            _raw_delete(rows)
    for m2m in Activity._meta.many_to_many:
        through: Any = m2m.remote_field.through
        _raw_delete(through._default_manager.filter(**{f"{m2m.m2m_field_name()}__in": ids}))
    return _raw_delete(Activity.objects.filter(is_synthetic=True))


def _delete_units() -> int:
    units = synthetic_units().values("pk")
    for relation in _reverse_relations(Unit):
        if relation.related_model._meta.label in UNIT_OWNED:
            rows = relation.related_model._default_manager.filter(
                **{f"{relation.field.name}__in": units}
            )
            _raw_delete(rows)
    return _raw_delete(synthetic_units())
