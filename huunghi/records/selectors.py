"""Reads of cooperation records, always starting from what the reader may see.

Lists page by keyset on ``(start_date, id)`` (both directions) so a page costs the same
on the first and the millionth row, and never count the whole filtered table.
"""

from __future__ import annotations

import datetime as dt
import operator
import time
from dataclasses import dataclass, field, replace
from functools import reduce
from typing import Any

from django.db import connections, router
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from huunghi.accounts.scope import Capability, scope_for, scope_generation
from huunghi.accounts.types import Actor, Reader
from huunghi.audit.models import AuditEvent
from huunghi.audit.selectors import history_for
from huunghi.geography import selectors as geography
from huunghi.geography.models import AdminLevel, AdminUnit
from huunghi.organisations.models import Unit
from huunghi.records.models import (
    Activity,
    ActivityCounterpart,
    ActivityKind,
    Agreement,
    Facility,
    Status,
    TwinningPair,
)
from huunghi.records.permissions import (
    ActivityPolicy,
    AgreementPolicy,
    FacilityPolicy,
    TwinningPairPolicy,
)

PAGE_SIZE = 50
LIST_RELATED = ("unit__country", "place__country", "province_now__country", "country")
# A scope of at most this many units is given to the database as a list of unit ids, so
# it reads those units' rows through the (unit, start_date) index instead of walking
# the whole date index to find a few of its rows among a million.
NARROW_SCOPE_UNITS = 300
PAGE_DEFERRED = ("description", "notes", "details", "return_reason", "source_title")
_NAMES = ("name_vi", "name_km", "name_en")
# What a row of the records page shows, read as plain values (:class:`ActivityRow`):
# building five model objects per row cost more than the query. The names of its unit
# and places are read by id afterwards (:func:`_names`): joined, PostgreSQL spent more
# time planning the query than running it.
ROW_COLUMNS = (
    *("id", "start_date", "end_date", "title", "kind", "status", "is_synthetic", "place_text"),
    *("country__code", "unit_id", "place_id", "province_now_id"),
)
Names = tuple[str | None, str | None, str | None]
NO_NAMES: Names = (None, None, None)
_PLACE_FIELDS = ("code", *_NAMES, "level", "valid_from", "valid_to", "country__code")
# What a row of the API list returns (records.api.ActivityOut), read as plain values: the
# activity's own columns, its units and places by id (:func:`units_and_places`). Joining
# all of them (eight tables) cost PostgreSQL 25 ms of planning per page.
API_COLUMNS = (
    *("id", "kind", "title", "start_date", "end_date", "status", "revision", "source_type"),
    *("is_synthetic", "updated_at", "country__code", "unit_id", "place_id", "province_now_id"),
)
_UNIT_REF = ("id", "code", *_NAMES, "country__code")
_PLACE_REF = ("id", "code", *_NAMES, "level", "valid_from", "valid_to", "country__code")


def units_and_places(
    rows: list[dict[str, Any]],
) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
    """The units and the places (place and today's province) that rows of
    :data:`API_COLUMNS` name, by id, as values (kept per process, :func:`_refs`)."""
    unit_ids = {row["unit_id"] for row in rows}
    place_ids = {row[name] for row in rows for name in ("place_id", "province_now_id")}
    place_ids.discard(None)
    return _refs(Unit, unit_ids), _refs(AdminUnit, place_ids)


# The values of units and places that list rows name (_UNIT_REF, _PLACE_REF), by id, per
# process: two queries less on every list page. Units are kept until the scope generation
# changes (every save or deletion of a unit or unit version bumps it, in every process);
# places, reference data, for at most REFS_SECONDS as well (the province filter keeps its
# options as long). Nothing read inside a transaction is kept (it may be rolled back).
REFS_SECONDS = 300.0
_REFS_LIMIT = 50_000
_REFS: dict[type, tuple[tuple[int, int], dict[int, dict[str, Any]]]] = {}


def _refs(model: type[Unit] | type[AdminUnit], ids: set[int]) -> dict[int, dict[str, Any]]:
    """``{id: values}`` of these units or places (only the missing ones are read)."""
    if not ids:
        return {}
    key = (scope_generation(), int(time.time() // REFS_SECONDS))
    kept_key, kept = _REFS.get(model, (None, {}))
    if kept_key != key:
        kept = {}
    found = {pk: kept[pk] for pk in ids if pk in kept}
    missing = ids - found.keys()
    if missing:
        fields = _UNIT_REF if model is Unit else _PLACE_REF
        read = model.objects.filter(pk__in=missing).order_by().values(*fields)
        fresh = {values["id"]: values for values in read}
        found.update(fresh)
        if not connections[read.db].in_atomic_block:
            if len(kept) + len(fresh) > _REFS_LIMIT:
                kept = {}
            _REFS[model] = (key, {**kept, **fresh})
    return found


@dataclass(frozen=True)
class ActivityFilters:
    """What the activity list is filtered by (all optional)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    unit: Unit | None = None
    kind: str = ""
    country: str = ""
    province: AdminUnit | None = None
    status: str = ""
    text: str = ""
    festival: Activity | None = None


@dataclass(slots=True)
class ActivityRow:
    """One row of the records page: what it shows, names in the active language."""

    pk: int
    start_date: dt.date
    end_date: dt.date | None
    title: str
    kind: str
    status: str
    is_synthetic: bool
    place_text: str
    unit_name: str
    country_code: str
    place_id: int | None
    place_name: str
    province_now_id: int | None
    province_now_name: str
    kind_label: str = ""
    status_label: str = ""

    @classmethod
    def from_values(
        cls,
        values: tuple[Any, ...],
        names: tuple[dict[int, Names], dict[int, Names]],
        language: str,
    ) -> ActivityRow:
        """From the :data:`ROW_COLUMNS` of one activity and the names of units and places."""
        pk, start, end, title, kind, status, synthetic, place_text = values[:8]
        code, unit_id, place_id, province_id = values[8:]
        units, places = names
        return cls(
            *(pk, start, end, title, kind, status, synthetic, place_text),
            name_in(units.get(unit_id, NO_NAMES), language),
            *(code, place_id, name_in(places.get(place_id, NO_NAMES), language)),
            *(province_id, name_in(places.get(province_id, NO_NAMES), language)),
        )


def _names(rows: list[tuple[Any, ...]]) -> tuple[dict[int, Names], dict[int, Names]]:
    """The (vi, km, en) names of the units and places that rows of :data:`ROW_COLUMNS`
    name, by id (kept per process, :func:`_refs`)."""
    unit_ids = {row[9] for row in rows}
    place_ids = {row[index] for row in rows for index in (10, 11)} - {None}
    units, places = _refs(Unit, unit_ids), _refs(AdminUnit, place_ids)
    return (
        {pk: (v["name_vi"], v["name_km"], v["name_en"]) for pk, v in units.items()},
        {pk: (v["name_vi"], v["name_km"], v["name_en"]) for pk, v in places.items()},
    )


def name_in(names: tuple[str | None, ...], language: str) -> str:
    """``localized_name`` of a (vi, km, en) triple: the language's name or the Vietnamese."""
    vi, km, en = names
    return str({"km": km, "en": en}.get(language) or vi or "")


@dataclass
class Page:
    """One page of a keyset-paged list."""

    items: list[Any]
    next_cursor: str = ""
    previous_cursor: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)


# --- activities -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Listing:
    """Filtered activities (``base``) and the reader's scope as ``parts``: a record is
    visible when it matches one of them (none: ``base`` is scoped already). ``narrow``:
    the parts name the reader's units as a short list of ids."""

    base: QuerySet[Activity]
    parts: tuple[Q, ...] = ()
    narrow: bool = False

    def scoped(self) -> QuerySet[Activity]:
        if not self.parts:
            return self.base
        return self.base.filter(reduce(operator.or_, self.parts))


def activity_list(*, user: Reader, filters: ActivityFilters | None = None) -> QuerySet[Activity]:
    """Activities the user may read, filtered, newest first."""
    return _listing(user, filters).scoped().order_by("-start_date", "-id")


def _listing(user: Reader, filters: ActivityFilters | None) -> _Listing:
    """:meth:`ActivityPolicy.visible`, filtered, with the scope spelled as unit ids.

    The reader's units go to the database as ids (:meth:`ActivityPolicy.visibility_by_units`):
    a list when there are only a few, so that it reads their rows through the
    (unit, start_date) index. A wide scope is a subquery of unit ids on PostgreSQL (with
    the policy's join on unit paths it compared each record of the date index with every
    unit of a national scope: 10 ms at 1 M records, 0.7 ms so) and the policy's own
    filter on SQLite (whose planner, without statistics, reads an OR of two indexed id
    lists as both index ranges whole and sorts them: 150 ms at 100 k records, 0.2 ms so).
    A global, anonymous or empty scope is the policy's own queryset."""
    scope = scope_for(user)
    listing = _Listing(ActivityPolicy.visible(user))
    if not (scope.is_anonymous or scope.is_global or not scope.has_any(Capability.VIEW)):
        units = Unit.objects.filter(scope.unit_q(Capability.VIEW, "")).order_by()
        ids = _scope_unit_ids(scope, units)
        if ids is not None:
            parts = ActivityPolicy.visibility_by_units(ids)
            listing = _Listing(ActivityPolicy.base_queryset(), parts, narrow=True)
        elif wide_scope_as_subquery(listing.base.db):
            parts = ActivityPolicy.visibility_by_units(units.values("id"))
            listing = _Listing(ActivityPolicy.base_queryset(), parts)
    base = listing.base.select_related(*LIST_RELATED)
    return replace(listing, base=_apply_filters(base, filters or ActivityFilters()))


# The unit ids of narrow scopes, per process, until memberships or the unit tree change
# (the scope generation, bumped by every save or deletion of a unit): one query less on
# every list page.
_SCOPE_UNITS: dict[tuple[Any, ...], list[int] | None] = {}
_SCOPE_UNITS_LIMIT = 5_000


def _scope_unit_ids(scope: Any, units: QuerySet[Unit]) -> list[int] | None:
    """The ids of the scope's units (``units``), or None when there are more than
    :data:`NARROW_SCOPE_UNITS`. Nothing read inside a transaction is kept (it may be
    rolled back under the generation it bumped)."""
    key = (scope_generation(), scope.own_unit_paths(), NARROW_SCOPE_UNITS)
    if key in _SCOPE_UNITS:
        return _SCOPE_UNITS[key]
    ids = list(units.values_list("id", flat=True)[: NARROW_SCOPE_UNITS + 1])
    found = ids if len(ids) <= NARROW_SCOPE_UNITS else None
    if not connections[units.db].in_atomic_block:
        if len(_SCOPE_UNITS) >= _SCOPE_UNITS_LIMIT:
            _SCOPE_UNITS.clear()
        _SCOPE_UNITS[key] = found
    return found


def wide_scope_as_subquery(alias: str) -> bool:
    """Whether a wide scope is given as a subquery of unit ids (see :func:`_listing`)."""
    return connections[alias].vendor != "sqlite"


def _apply_filters(activities: QuerySet[Activity], f: ActivityFilters) -> QuerySet[Activity]:
    if f.date_from:
        activities = activities.filter(start_date__gte=f.date_from)
    if f.date_to:
        activities = activities.filter(start_date__lte=f.date_to)
    if f.unit is not None:
        activities = activities.filter(unit__path__startswith=f.unit.path)
    if f.kind:
        activities = activities.filter(kind=f.kind)
    if f.country:
        activities = activities.filter(country__code=f.country)
    if f.status:
        activities = activities.filter(status=f.status)
    if f.province is not None:
        activities = activities.filter(_place_q(f.province))
    if f.text:
        activities = activities.filter(Q(title__icontains=f.text) | Q(place_text__icontains=f.text))
    if f.festival is not None:
        activities = activities.filter(parent=f.festival)
    return activities


def _place_q(place: AdminUnit) -> Q:
    """Records in the province as it was on their date, or as it is today (every record
    with a place has both computed, so a province's own records are included)."""
    if place.level != AdminLevel.PROVINCE:
        return Q(place=place)
    return Q(province_now=place) | Q(province_then=place)


def _key(item: Activity | ActivityRow | dict[str, Any]) -> tuple[dt.date, int]:
    """The keyset position of a page item: (start date, id)."""
    if isinstance(item, dict):
        return item["start_date"], item["id"]
    return item.start_date, item.pk


def encode_cursor(activity: Activity | ActivityRow | dict[str, Any]) -> str:
    day, pk = _key(activity)
    return f"{day.isoformat()}_{pk}"


def decode_cursor(cursor: str) -> tuple[dt.date, int] | None:
    try:
        day, pk = cursor.split("_", 1)
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def activity_page(
    *,
    user: Reader,
    filters: ActivityFilters | None = None,
    after: str = "",
    before: str = "",
    size: int = PAGE_SIZE,
    columns: tuple[str, ...] = (),
    as_rows: bool = False,
) -> Page:
    """One page of :func:`activity_list`, after or before a cursor (newest first).

    Items are activities without their long texts and details JSON (a list row never
    shows them, and parsing them was a good part of a page's cost); with ``columns``,
    dicts of those values only (e.g. :data:`API_COLUMNS`); with ``as_rows``,
    :class:`ActivityRow` values (the records page)."""
    backwards = decode_cursor(before) if before else None
    forwards = decode_cursor(after) if after and backwards is None else None
    key = _row_query_key(user, filters, backwards, forwards, size) if as_rows else None
    rows = _kept_rows(key)
    if rows is None:
        rows = _read_page(user, filters, backwards, forwards, size, columns, as_rows, key)
    if backwards is not None:
        more = len(rows) > size
        items = list(reversed(rows[:size]))
        return _page(items, more_before=more, more_after=True)
    return _page(rows[:size], more_before=forwards is not None, more_after=len(rows) > size)


def _read_page(
    user: Reader,
    filters: ActivityFilters | None,
    backwards: tuple[dt.date, int] | None,
    forwards: tuple[dt.date, int] | None,
    size: int,
    columns: tuple[str, ...],
    as_rows: bool,
    key: tuple[Any, ...] | None,
) -> list[Any]:
    """The page's first ``size + 1`` rows (oldest first when going backwards)."""
    listing = _listing(user, filters)
    activities = listing.base
    if backwards is not None:
        day, pk = backwards
        newer = activities.filter(start_date__gte=day).filter(Q(start_date__gt=day) | Q(id__gt=pk))
        return _rows(replace(listing, base=newer), size + 1, False, columns, as_rows, key)
    if forwards is not None:
        day, pk = forwards
        # The plain range on start_date lets the (start_date, id) index bound the scan.
        activities = activities.filter(start_date__lte=day).filter(
            Q(start_date__lt=day) | Q(id__lt=pk)
        )
    return _rows(replace(listing, base=activities), size + 1, True, columns, as_rows, key)


# The records page's built row queries (never evaluated; each request reads a clone),
# per process, for scopes that are not narrow (a narrow scope's query names the ids its
# parts found). Building one through the ORM cost more CPU than PostgreSQL spends
# running it. Keyed by the scope object (scope_for keeps one per user until memberships
# or the unit tree change; the entry holds it, so its id is not reused meanwhile), the
# scope generation, the read database, the filters, the cursor and the page size.
_ROW_QUERIES: dict[tuple[Any, ...], tuple[Any, QuerySet[Any]]] = {}
_ROW_QUERIES_LIMIT = 2_000


def _row_query_key(
    user: Reader,
    filters: ActivityFilters | None,
    backwards: tuple[dt.date, int] | None,
    forwards: tuple[dt.date, int] | None,
    size: int,
) -> tuple[Any, ...]:
    scope = scope_for(user)
    alias = router.db_for_read(Activity)
    where = (backwards, forwards, size)
    form = (NARROW_SCOPE_UNITS, wide_scope_as_subquery(alias))
    return (scope, id(scope), scope_generation(), alias, form, filters or ActivityFilters(), where)


def _kept_rows(key: tuple[Any, ...] | None) -> list[ActivityRow] | None:
    """The rows of a kept row query (None: no query kept for ``key``)."""
    if key is None:
        return None
    kept = _ROW_QUERIES.get(key[1:])
    if kept is None or kept[0] is not key[0]:
        return None
    return _as_rows(kept[1].all())


def _keep_row_query(key: tuple[Any, ...] | None, query: QuerySet[Any]) -> None:
    """Keep ``query`` (it holds no data: one built inside a transaction is kept too; a
    wide scope's query means the same whichever form the scope took)."""
    if key is None:
        return
    if len(_ROW_QUERIES) >= _ROW_QUERIES_LIMIT:
        _ROW_QUERIES.clear()
    _ROW_QUERIES[key[1:]] = (key[0], query)


def _as_rows(query: QuerySet[Any]) -> list[ActivityRow]:
    language = (get_language() or "vi")[:2]
    values = list(query)
    names = _names(values)
    return [ActivityRow.from_values(row, names, language) for row in values]


def _rows(
    listing: _Listing,
    limit: int,
    newest_first: bool,
    columns: tuple[str, ...],
    as_rows: bool,
    key: tuple[Any, ...] | None = None,
) -> list[Any]:
    """The first ``limit`` visible rows in date order (see :func:`activity_page`).

    A narrow scope's rows cannot be read in date order from one index (its units and
    the records shared with them are two index ranges), and one query with both made
    PostgreSQL walk the whole date index to find a post's few records. So each part
    gives its first ``limit`` ids from its own index, merged here, and only then are
    the page's rows read with their joined names."""
    order = ("-start_date", "-id") if newest_first else ("start_date", "id")
    if listing.narrow and listing.parts:
        ids = _first_ids(listing.base.order_by(*order), listing.parts, limit, newest_first)
        activities = listing.base.filter(pk__in=ids) if ids else listing.base.none()
    else:
        activities = listing.scoped()
    activities = activities.order_by(*order)
    if as_rows:
        query = activities.select_related(None).values_list(*ROW_COLUMNS)[:limit]
        if not listing.narrow:
            _keep_row_query(key, query)
        return _as_rows(query.all())
    if columns:
        return list(activities.select_related(None).values(*columns)[:limit])
    return list(activities.defer(*PAGE_DEFERRED)[:limit])


def _first_ids(
    activities: QuerySet[Activity], parts: tuple[Q, ...], limit: int, newest_first: bool
) -> list[int]:
    """The ids of the first ``limit`` activities matching any of ``parts``, in the
    queryset's date order: each part's first ``limit``, merged."""
    found: set[tuple[dt.date, int]] = set()
    for part in parts:
        keys = activities.filter(part).select_related(None).values_list("start_date", "pk")
        found.update(keys[:limit])
    return [pk for _day, pk in sorted(found, reverse=newest_first)[:limit]]


def _page(items: list[Any], *, more_before: bool, more_after: bool) -> Page:
    if not items:
        return Page(items=[])
    return Page(
        items=items,
        next_cursor=encode_cursor(items[-1]) if more_after else "",
        previous_cursor=encode_cursor(items[0]) if more_before else "",
    )


def activity_get(*, user: Reader, pk: Any) -> Activity:
    """One readable activity with everything its page shows, or 404."""
    queryset = (
        ActivityPolicy.visible(user)
        .select_related(
            *LIST_RELATED,
            "province_then",
            "parent",
            "approved_by",
            "created_by",
            "twinning_pair",
            "place__province",
        )
        .prefetch_related(
            "quantities",
            Prefetch("participations", ActivityCounterpart.objects.select_related("unit__country")),
            "counterpart_places",
            "attachments",
            "facilities",
            "agreements",
        )
    )
    try:
        return queryset.get(pk=pk)
    except (Activity.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def activity_get_for_edit(*, user: Reader, pk: Any) -> Activity:
    """An activity the user may change now; read-only or missing both give 404."""
    activity = activity_get(user=user, pk=pk)
    if not ActivityPolicy.can_change(user, activity):
        raise Http404
    return activity


def activity_children(*, user: Reader, activity: Activity) -> QuerySet[Activity]:
    """Parts of a festival that the user may read, in date order."""
    return (
        ActivityPolicy.visible(user)
        .filter(parent=activity)
        .select_related(*LIST_RELATED)
        .order_by("start_date", "id")
    )


def activity_history(*, activity: Activity) -> QuerySet[AuditEvent]:
    """Audit events of the record (caller has checked it is readable)."""
    return history_for(activity)


def approvals_inbox(*, user: Reader) -> QuerySet[Activity]:
    """Submitted records the user may approve: units strictly below an approver membership."""
    scope = scope_for(user)
    submitted = ActivityPolicy.visible(user).filter(status=Status.SUBMITTED)
    if not scope.is_global:
        strictly_below = Q(pk__in=[])
        for prefix in scope.paths.get(Capability.APPROVE, ()):
            strictly_below |= Q(unit__path__startswith=prefix) & ~Q(unit__path=prefix)
        submitted = submitted.filter(strictly_below)
    return submitted.select_related(*LIST_RELATED).order_by("submitted_at", "id")


def markers_for(activity: Activity, user: Reader | None = None) -> list[tuple[str, Any]]:
    """The record's marker numbers, each with the registered marker if there is one
    (with ``user``: only a marker that user may open, so a link never leads to a 404)."""
    numbers = list(activity.details.get("markers") or [])
    if not numbers:
        return []
    from huunghi.geography.models import BorderMarker
    from huunghi.geography.permissions import MarkerPolicy

    markers = MarkerPolicy.visible(user) if user is not None else BorderMarker.objects.all()
    keys = {number.replace(" ", ""): number for number in numbers}
    found = {
        marker.number.replace(" ", ""): marker
        for marker in markers.filter(number__in=[*numbers, *keys])
    }
    return [(number, found.get(number.replace(" ", ""))) for number in numbers]


# --- choices for forms ------------------------------------------------------------------


def editable_units(*, user: Reader | None) -> QuerySet[Unit]:
    """Active units where the user may create records (their EDIT subtrees)."""
    scope = scope_for(user)
    if scope.is_anonymous or not scope.has_any(Capability.EDIT):
        return Unit.objects.none()
    return (
        Unit.objects.filter(scope.unit_q(Capability.EDIT, ""), valid_to__isnull=True)
        .select_related("country")
        .order_by("path")
    )


def default_unit(*, user: Reader) -> Unit | None:
    """The unit a new record starts with: the user's highest editable membership unit."""
    scope = scope_for(user)
    if scope.is_anonymous:
        return None
    return editable_units(user=user).filter(pk__in=scope.unit_ids).order_by("depth", "path").first()


def readable_units(*, user: Reader | None) -> QuerySet[Unit]:
    """Units the user may filter by (their VIEW subtrees)."""
    scope = scope_for(user)
    if scope.is_anonymous:
        return Unit.objects.none()
    return Unit.objects.filter(scope.unit_q(Capability.VIEW, "")).order_by("path")


def unit_search(*, user: Reader, text: str, limit: int = 30) -> QuerySet[Unit]:
    """Readable units whose name or code contains ``text`` (at least 2 characters)."""
    text = text.strip()
    if len(text) < 2:
        return Unit.objects.none()
    matches = (
        Q(name_vi__icontains=text)
        | Q(name_en__icontains=text)
        | Q(name_km__icontains=text)
        | Q(short_name__icontains=text)
        | Q(code__icontains=text)
    )
    units = readable_units(user=user).filter(matches).select_related("country")
    return units.order_by("depth", "path")[:limit]


def counterpart_units() -> QuerySet[Unit]:
    """Active units of either country (a public directory)."""
    return (
        Unit.objects.filter(valid_to__isnull=True)
        .select_related("country")
        .order_by("country__code", "path")
    )


def festival_choices(*, user: Actor | None, unit: Unit | None = None) -> QuerySet[Activity]:
    """Festivals a record may be part of: readable ones, and those of the record's own
    unit or its ancestors (a post's activity belongs to its province's festival)."""
    allowed = ActivityPolicy.visibility_q(scope_for(user))
    if unit is not None:
        allowed |= Q(unit__path__in=unit.ancestor_paths())
    if scope_for(user).is_global:
        allowed = Q()
    return (
        Activity.objects.filter(allowed, kind=ActivityKind.FESTIVAL)
        .select_related("unit")
        .order_by("-start_date", "-id")
    )


def festival_allowed(*, user: Actor, festival: Activity, unit: Unit) -> bool:
    return festival_choices(user=user, unit=unit).filter(pk=festival.pk).exists()


def place_queryset() -> QuerySet[AdminUnit]:
    """Every place of either country, historic ones included (validated by date)."""
    return AdminUnit.objects.select_related("province")


def place_starting_choices(*, selected: list[int] | None = None) -> QuerySet[AdminUnit]:
    """Places listed before any search: provinces of both eras and the selected ones."""
    wanted = Q(level=AdminLevel.PROVINCE)
    if selected:
        wanted |= Q(pk__in=selected)
    return place_queryset().filter(wanted).order_by("country__code", "valid_to", "name_vi")


def place_search(*, text: str, limit: int = 40) -> list[AdminUnit]:
    """Places whose code or name matches ``text``: the geography search
    (:func:`huunghi.geography.selectors.place_search`, NUL bytes dropped, best matches,
    provinces and places in force first); fewer than two characters find nothing."""
    if len(text.strip()) < 2:
        return []
    return geography.place_search(text, limit=limit)


def province_filter_choices() -> QuerySet[AdminUnit]:
    """Provinces for the list filter: today's, then historic ones."""
    return AdminUnit.objects.filter(level=AdminLevel.PROVINCE).order_by(
        "country__code", "valid_to", "name_vi"
    )


# --- registries -------------------------------------------------------------------------


def twinning_list(*, user: Reader, kind: str = "", status: str = "") -> QuerySet[TwinningPair]:
    pairs = TwinningPairPolicy.visible(user).select_related(
        "unit", "vn_unit", "kh_unit", "vn_place", "kh_place"
    )
    if kind:
        pairs = pairs.filter(kind=kind)
    if status:
        pairs = pairs.filter(status=status)
    return pairs.order_by("kind", "-started_on", "id")


def twinning_get(*, user: Reader, pk: Any) -> TwinningPair:
    return TwinningPairPolicy.get_visible(user, pk)


def twinning_reviews(*, user: Reader, pair: TwinningPair) -> QuerySet[Activity]:
    return (
        ActivityPolicy.visible(user)
        .filter(twinning_pair=pair)
        .select_related(*LIST_RELATED)
        .order_by("-start_date", "-id")
    )


def twinning_choices(*, user: Reader) -> QuerySet[TwinningPair]:
    return TwinningPairPolicy.visible(user).select_related(
        "vn_unit", "kh_unit", "vn_place", "kh_place"
    )


def facility_list(*, user: Reader, kind: str = "") -> QuerySet[Facility]:
    facilities = FacilityPolicy.visible(user).select_related("unit", "place", "inauguration")
    if kind:
        facilities = facilities.filter(kind=kind)
    return facilities.order_by("name", "id")


def facility_get(*, user: Reader, pk: Any) -> Facility:
    return FacilityPolicy.get_visible(user, pk)


def facility_choices(*, user: Reader) -> QuerySet[Facility]:
    return FacilityPolicy.visible(user).order_by("name")


def agreement_list(*, user: Reader) -> QuerySet[Agreement]:
    return (
        AgreementPolicy.visible(user)
        .select_related("unit")
        .prefetch_related("parties")
        .order_by("-signed_on", "-id")
    )


def agreement_get(*, user: Reader, pk: Any) -> Agreement:
    return AgreementPolicy.get_visible(user, pk)


def agreement_choices(*, user: Reader) -> QuerySet[Agreement]:
    return AgreementPolicy.visible(user).order_by("-signed_on")


def attachment_get(*, user: Reader, activity_pk: Any, pk: Any) -> Any:
    """An attachment of a readable activity, or 404."""
    activity = activity_get(user=user, pk=activity_pk)
    attachment = next((a for a in activity.attachments.all() if str(a.pk) == str(pk)), None)
    if attachment is None:
        raise Http404
    return attachment
