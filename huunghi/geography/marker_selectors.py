"""Reads of the border marker registry, starting from what the reader may see
(:class:`~huunghi.geography.permissions.MarkerPolicy`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Reader
from huunghi.geography.models import (
    AdminLevel,
    AdminUnit,
    BorderMarker,
    MarkerConditionEntry,
)
from huunghi.geography.permissions import MarkerPolicy
from huunghi.organisations.models import Unit

MAX_MAP_POINTS = 5000


@dataclass(frozen=True)
class MarkerFilters:
    """What the marker list is filtered by (all optional)."""

    province: AdminUnit | None = None
    kind: str = ""
    condition: str = ""
    status: str = ""
    q: str = ""


def marker_list(*, user: Reader, filters: MarkerFilters | None = None) -> QuerySet[BorderMarker]:
    """Markers the user may read, filtered; a number search puts the exact number first."""
    f = filters or MarkerFilters()
    markers = MarkerPolicy.visible(user).select_related("province", "unit")
    if f.province is not None:
        markers = markers.filter(province=f.province)
    for name in ("kind", "condition", "status"):
        if getattr(f, name):
            markers = markers.filter(**{name: getattr(f, name)})
    text = "".join(f.q.replace("\x00", "").split())
    if not text:
        return markers.order_by("number")
    spaced = text.replace("(", " (")
    exact = Q(number__in={text, spaced})
    markers = markers.filter(exact | Q(number__startswith=text) | Q(number__startswith=spaced))
    first = Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField())
    return markers.annotate(exact_first=first).order_by("exact_first", "number")


def marker_get(*, user: Reader, pk: Any) -> BorderMarker:
    """One marker the user may read, or 404 (missing and forbidden alike)."""
    markers = MarkerPolicy.visible(user).select_related(
        "province", "unit", "created_by", "approved_by"
    )
    try:
        return markers.get(pk=pk)
    except (BorderMarker.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def marker_get_for_edit(*, user: Reader, pk: Any) -> BorderMarker:
    """A marker the user may change now; read-only or missing both give 404."""
    marker = marker_get(user=user, pk=pk)
    if not MarkerPolicy.can_change(user, marker):
        raise Http404
    return marker


def marker_condition_history(*, user: Reader, marker: BorderMarker) -> list[MarkerConditionEntry]:
    """The marker's dated condition entries, newest first, with who entered them.

    ``entry.record`` is the record the entry came from when the user may read it
    (None otherwise: the entry still shows, the record's title does not).
    """
    entries = list(
        marker.condition_entries.select_related("recorded_by", "activity").order_by(
            "-on_date", "-id"
        )
    )
    ids = {e.activity_id for e in entries if e.activity_id is not None}
    readable = set(_readable_records(user).filter(pk__in=ids).values_list("pk", flat=True))
    for entry in entries:
        entry.record = entry.activity if entry.activity_id in readable else None  # type: ignore[attr-defined]
    return entries


_record_reader: Callable[[Any], QuerySet[Any]] | None = None


def register_record_reader(reader: Callable[[Any], QuerySet[Any]]) -> None:
    """Name the records a user may read (the records app does, when it is ready):
    geography sits below the records, so it cannot ask their policy itself."""
    global _record_reader
    _record_reader = reader


def _readable_records(user: Reader) -> QuerySet[Any]:
    if _record_reader is None:
        raise RuntimeError("No record reader registered (is huunghi.records installed?)")
    return _record_reader(user)


def marker_records(*, user: Reader, marker: BorderMarker) -> QuerySet[Any]:
    """The records naming the marker that the user may read, newest first."""
    return (
        _readable_records(user)
        .filter(marker_visits__marker=marker)
        .select_related("unit")
        .order_by("-start_date", "-id")
    )


def marker_map_points(
    *, user: Reader, filters: MarkerFilters | None = None
) -> list[dict[str, Any]]:
    """Positions of the listed markers for the map (no position, no point)."""
    markers = marker_list(user=user, filters=filters).filter(
        latitude__isnull=False, longitude__isnull=False
    )
    rows = markers.values_list("pk", "number", "kind", "condition", "latitude", "longitude")
    return [
        {"id": pk, "name": number, "kind": kind, "condition": cond, "lat": lat, "lng": lng}
        for pk, number, kind, cond, lat, lng in rows[:MAX_MAP_POINTS]
    ]


def marker_province_choices() -> QuerySet[AdminUnit]:
    """Vietnamese provinces (today's, then historic) for the list filter and the form."""
    return AdminUnit.objects.filter(country__code="VN", level=AdminLevel.PROVINCE).order_by(
        "valid_to", "name_vi"
    )


def marker_unit_choices(*, user: Reader) -> QuerySet[Unit]:
    """Active units whose markers the user may manage (their edit subtrees)."""
    scope = scope_for(user)
    if scope.is_anonymous or not scope.has_any(Capability.EDIT):
        return Unit.objects.none()
    units = Unit.objects.filter(scope.unit_q(Capability.EDIT, ""), valid_to__isnull=True)
    return units.select_related("country").order_by("path")


def markers_pending(*, user: Reader) -> QuerySet[BorderMarker]:
    """Submitted entries the user may approve."""
    scope = scope_for(user)
    pending = MarkerPolicy.visible(user).filter(status="submitted")
    if scope.is_global:
        return pending
    below = Q(pk__in=[])
    for prefix in scope.paths.get(Capability.APPROVE, ()):
        below |= Q(unit__path__startswith=prefix) & ~Q(unit__path=prefix)
    return pending.filter(below).select_related("unit", "province")
