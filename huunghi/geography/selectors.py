"""Reads of the administrative geography and the border reference data.

Geography is reference data every signed-in user may read, so these selectors take
no user. :func:`province_on` runs whenever a record is saved: it answers from an
in-process graph of the provinces (about 125 rows, rebuilt at most every
``GRAPH_TTL_SECONDS`` or when a province or succession changes) and needs a query
only for a place newer than the date asked about.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from huunghi.geography.loading.border import FACT_LABELS, NOTE_LABELS, UNIT_LABELS, source_label
from huunghi.geography.models import (
    AdminLevel,
    AdminUnit,
    BorderGatePair,
    BorderMarker,
    BorderProvincePair,
    Country,
    PlaceSuccession,
    ReferenceFact,
)
from huunghi.geography.text import query_keys

GRAPH_TTL_SECONDS = 600
MAX_STEPS = 6
HISTORY_DEPTH = 4
BROWSED_COUNTRIES = ("VN", "KH")
CURRENT_FIRST = F("valid_to").asc(nulls_first=True)


def _level_rank(prefix: str = "") -> Case:
    """Provinces first, then districts, communes and villages."""
    return Case(
        When(**{f"{prefix}level": AdminLevel.PROVINCE}, then=Value(0)),
        When(**{f"{prefix}level": AdminLevel.DISTRICT}, then=Value(1)),
        When(**{f"{prefix}level": AdminLevel.COMMUNE}, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


LEVEL_RANK = _level_rank()
LEVEL_RANK_OF = {
    "predecessor": _level_rank("predecessor__"),
    "successor": _level_rank("successor__"),
}


# --------------------------------------------------------------------------- province graph


@dataclass
class ProvinceGraph:
    """Every province with its province-level successors and predecessors."""

    units: dict[int, AdminUnit]
    successors: dict[int, list[tuple[int, bool]]] = field(default_factory=dict)
    predecessors: dict[int, list[int]] = field(default_factory=dict)
    version: int = 0

    def resolve(self, province_id: int, on_date: dt.date) -> int | None:
        """The province in force on ``on_date`` that ``province_id`` rolls up to."""
        current: int | None = province_id
        seen: set[int] = set()
        for _step in range(MAX_STEPS):
            unit = self.units.get(current) if current is not None else None
            if unit is None or current in seen:
                return None
            if unit.in_force_on(on_date):
                return current
            seen.add(unit.pk)
            ended = unit.valid_to is not None and on_date >= unit.valid_to
            current = self._forward(unit.pk) if ended else self._backward(unit.pk)
        return None

    def _forward(self, province_id: int) -> int | None:
        """The one successor taking the whole province (or the only successor)."""
        successors = self.successors.get(province_id, [])
        whole = [pk for pk, is_whole in successors if is_whole]
        if len(whole) == 1:
            return whole[0]
        return successors[0][0] if len(successors) == 1 else None

    def _backward(self, province_id: int) -> int | None:
        """The only predecessor, or the one whose name the province kept."""
        predecessors = self.predecessors.get(province_id, [])
        if len(predecessors) == 1:
            return predecessors[0]
        name = self.units[province_id].name_vi
        same_name = [pk for pk in predecessors if self.units[pk].name_vi == name]
        return same_name[0] if len(same_name) == 1 else None


_graph_lock = threading.Lock()
_graph: ProvinceGraph | None = None
_graph_built_at = 0.0
_graph_version = 0


def _build_graph() -> ProvinceGraph:
    global _graph_version
    _graph_version += 1
    units = {u.pk: u for u in AdminUnit.objects.filter(level=AdminLevel.PROVINCE)}
    graph = ProvinceGraph(units=units, version=_graph_version)
    links = PlaceSuccession.objects.filter(
        predecessor__level=AdminLevel.PROVINCE, successor__level=AdminLevel.PROVINCE
    ).values_list("predecessor_id", "successor_id", "whole")
    for pred, succ, whole in links:
        graph.successors.setdefault(pred, []).append((succ, whole))
        graph.predecessors.setdefault(succ, []).append(pred)
    return graph


def province_graph() -> ProvinceGraph:
    """The cached province graph (two queries when rebuilt)."""
    global _graph, _graph_built_at
    with _graph_lock:
        stale = time.monotonic() - _graph_built_at > GRAPH_TTL_SECONDS
        if _graph is None or stale:
            _graph = _build_graph()
            _graph_built_at = time.monotonic()
        return _graph


def clear_geography_cache() -> None:
    """Forget the province graph (after loading or editing provinces or successions)."""
    global _graph
    with _graph_lock:
        _graph = None
    _rollup_map.cache_clear()


@lru_cache(maxsize=256)
def _rollup_map(on_date: dt.date, version: int) -> dict[int, int]:
    graph = province_graph()
    resolved = {pk: graph.resolve(pk, on_date) for pk in graph.units}
    return {pk: target for pk, target in resolved.items() if target is not None}


def province_rollup_map(on_date: dt.date | None = None) -> dict[int, int]:
    """Every province id → the id of the province in force on ``on_date`` it rolls up to.

    For reports: ``rollup[record.province_then_id]`` groups historic provinces under
    today's (Bình Phước under Đồng Nai). Provinces that cannot be resolved are left out.
    """
    return _rollup_map(on_date or timezone.localdate(), province_graph().version)


# --------------------------------------------------------------------------- roll-up


def _predecessor_province(place: AdminUnit) -> int | None:
    """The province most of the place's predecessors lay in (one query)."""
    rows = PlaceSuccession.objects.filter(successor=place).values_list(
        "predecessor__province_id", flat=True
    )
    counts = Counter(pk for pk in rows if pk is not None)
    return counts.most_common(1)[0][0] if counts else None


def province_on(place: AdminUnit, on_date: dt.date) -> AdminUnit | None:
    """The province in force on ``on_date`` that ``place`` rolls up to.

    A place in force returns its own province; an abolished place is followed forward
    through its successions (huyện Lộc Ninh → Bình Phước → Đồng Nai); a place newer
    than the date is followed back to the province its predecessors lay in. The
    returned object is shared: read it, do not change it.
    """
    is_province = place.level == AdminLevel.PROVINCE
    start = place.pk if is_province else place.province_id
    newer = place.valid_from is not None and on_date < place.valid_from
    if newer and not is_province:
        start = _predecessor_province(place) or start
    if start is None:
        return None
    graph = province_graph()
    target = graph.resolve(start, on_date)
    return graph.units.get(target) if target is not None else None


def province_today(place: AdminUnit) -> AdminUnit | None:
    """The province in force today that ``place`` rolls up to."""
    return province_on(place, timezone.localdate())


# --------------------------------------------------------------------------- search


def in_force_q(on_date: dt.date, prefix: str = "") -> Q:
    """Rows of units in force on ``on_date`` (``prefix`` for a related unit: ``"parent__"``)."""
    starts = Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": on_date})
    ends = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": on_date})
    return starts & ends


def _country_q(country: Country | str | None) -> Q:
    if country is None or country == "":
        return Q()
    if isinstance(country, Country):
        return Q(country=country)
    return Q(country__code=str(country).upper())


def _name_rank(text: str, keys: list[str]) -> Case:
    """0 code, 1 whole name, 2 name prefix, 3 word prefix, 4 elsewhere in a name."""
    exact, prefix, word = Q(), Q(), Q()
    for key in keys:
        exact |= Q(search_name=key) | Q(search_name__startswith=f"{key} |")
        exact |= Q(search_name__endswith=f"| {key}")
        prefix |= Q(search_name__startswith=key)
        word |= Q(search_name__contains=f" {key}")
    return Case(
        When(Q(code__iexact=text) | Q(official_code=text), then=Value(0)),
        When(exact, then=Value(1)),
        When(prefix, then=Value(2)),
        When(word, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )


def place_search(
    query: str,
    country: Country | str | None = None,
    on_date: dt.date | None = None,
    level: str | None = None,
    limit: int = 20,
    levels: tuple[str, ...] = (),
) -> list[AdminUnit]:
    """Units matching a code or a name (accents and a leading type word optional).

    Historic units are included unless ``on_date`` asks for the units in force that
    day. Each result carries ``valid_from``/``valid_to`` and its province and parent
    (no further queries); best matches, provinces and current units come first.
    """
    text = query.replace("\x00", "").strip()  # PostgreSQL text cannot hold NUL bytes
    keys = query_keys(text)
    if not keys:
        return []
    match = Q(code__iexact=text) | Q(official_code=text) | Q(name_km__contains=text)
    for key in keys:
        match |= Q(search_name__contains=key)
    units = AdminUnit.objects.filter(match & _country_q(country))
    if level:
        units = units.filter(level=level)
    if levels:
        units = units.filter(level__in=levels)
    if on_date is not None:
        units = units.filter(in_force_q(on_date))
    units = units.annotate(rank=_name_rank(text, keys), level_rank=LEVEL_RANK)
    ordered = units.select_related("country", "province", "parent").order_by(
        "rank", "level_rank", CURRENT_FIRST, "search_name", "code"
    )
    return list(ordered[:limit])


# --------------------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryStep:
    """One unit before or after ``place`` in its succession chain."""

    unit: AdminUnit
    on_date: dt.date
    whole: bool
    depth: int


@dataclass(frozen=True)
class PlaceHistory:
    """Where a place came from and what it became."""

    place: AdminUnit
    predecessors: list[HistoryStep]
    successors: list[HistoryStep]


def _walk(place: AdminUnit, backward: bool) -> list[HistoryStep]:
    """Successions transitively, one query per step away from ``place``."""
    near, far = ("successor", "predecessor") if backward else ("predecessor", "successor")
    steps: list[HistoryStep] = []
    frontier, seen = {place.pk}, {place.pk}
    for depth in range(1, HISTORY_DEPTH + 1):
        rows = (
            PlaceSuccession.objects.filter(**{f"{near}_id__in": frontier})
            .select_related(f"{far}__province", f"{far}__country")
            .annotate(level_rank=LEVEL_RANK_OF[far])
            .order_by("level_rank", f"{far}__search_name")
        )
        frontier = set()
        for row in rows:
            unit = getattr(row, far)
            if unit.pk not in seen:
                seen.add(unit.pk)
                frontier.add(unit.pk)
                steps.append(HistoryStep(unit, row.on_date, row.whole, depth))
        if not frontier:
            break
    return steps


def place_history(place: AdminUnit) -> PlaceHistory:
    """The predecessors and successors of ``place``, each chain followed to its end."""
    return PlaceHistory(place, _walk(place, backward=True), _walk(place, backward=False))


# --------------------------------------------------------------------------- browsing


def country_list() -> QuerySet[Country]:
    """The countries whose units are loaded (Vietnam, Cambodia)."""
    return Country.objects.filter(code__in=BROWSED_COUNTRIES).order_by("-code")


def country_get(code: str) -> Country:
    """One browsed country by ISO code, or 404."""
    return get_object_or_404(Country, code=code.upper(), code__in=BROWSED_COUNTRIES)


def province_list(country: Country | str, on_date: dt.date | None = None) -> QuerySet[AdminUnit]:
    """Provinces of ``country`` (those in force on ``on_date`` when given)."""
    units = AdminUnit.objects.filter(_country_q(country), level=AdminLevel.PROVINCE)
    if on_date is not None:
        units = units.filter(in_force_q(on_date))
    return units.select_related("country").order_by(CURRENT_FIRST, "search_name")


def unit_get(pk: int) -> AdminUnit:
    """One unit with its country, province and three levels of parents, or 404."""
    units = AdminUnit.objects.select_related("country", "province", "parent__parent__parent")
    return get_object_or_404(units, pk=pk)


def units_by_ids(ids: list[int]) -> list[AdminUnit]:
    """Places by id with their province and parent (for pickers), in name order."""
    if not ids:
        return []
    units = AdminUnit.objects.filter(pk__in=ids).select_related("province", "parent")
    return list(units.order_by("search_name"))


def unit_ancestors(unit: AdminUnit) -> list[AdminUnit]:
    """The unit's parents, outermost first (already fetched by :func:`unit_get`)."""
    chain: list[AdminUnit] = []
    parent = unit.parent
    while parent is not None and len(chain) < 4:
        chain.insert(0, parent)
        parent = parent.parent
    return chain


def unit_children(unit: AdminUnit, on_date: dt.date | None = None) -> QuerySet[AdminUnit]:
    """The unit's direct children in name order."""
    children = AdminUnit.objects.filter(parent=unit)
    if on_date is not None:
        children = children.filter(in_force_q(on_date))
    return children.order_by("search_name", "code")


def border_provinces(country: Country | str, on_date: dt.date | None = None) -> QuerySet[AdminUnit]:
    """Provinces of ``country`` on the Vietnam–Cambodia border in force on ``on_date``."""
    day = on_date or timezone.localdate()
    units = AdminUnit.objects.filter(
        _country_q(country), in_force_q(day), level=AdminLevel.PROVINCE, is_border=True
    )
    return units.order_by("search_name")


# --------------------------------------------------------------------------- border


def border_pair_list() -> list[BorderProvincePair]:
    """Facing provinces, by Vietnamese province (today's, then pre-2025), each with its
    source translated as ``source_label``."""
    pairs = BorderProvincePair.objects.select_related(
        "vn_province", "vn_legacy_province", "kh_province"
    ).order_by("vn_province__name_vi", "vn_legacy_province__name_vi", "kh_province__name_vi")
    rows = list(pairs)
    for pair in rows:
        pair.source_label = source_label(pair.source)  # type: ignore[attr-defined]
    return rows


def facing_provinces(province: AdminUnit, on_date: dt.date | None = None) -> list[AdminUnit]:
    """The provinces across the border from ``province``, as in force on ``on_date``."""
    day = on_date or timezone.localdate()
    pairs = BorderProvincePair.objects.filter(
        Q(vn_province=province) | Q(vn_legacy_province=province) | Q(kh_province=province)
    )
    mine = province.country_id
    other_ids = set()
    for vn_new, vn_old, kh in pairs.values_list("vn_province", "vn_legacy_province", "kh_province"):
        vn = vn_old or vn_new
        other_ids.add(kh if province.pk in (vn_new, vn_old) else vn)
    rollup = province_rollup_map(day)
    graph = province_graph()
    targets = {rollup[pk] for pk in other_ids if pk in rollup}
    units = [graph.units[pk] for pk in targets if graph.units[pk].country_id != mine]
    return sorted(units, key=lambda u: u.name_vi)


def gate_pair_list() -> QuerySet[BorderGatePair]:
    """The border gate pairs from north to south."""
    gates = BorderGatePair.objects.select_related(
        "vn_province", "vn_legacy_province", "kh_province"
    )
    return gates.order_by("-latitude", "vn_name")


def marker_list(province: AdminUnit | None = None) -> QuerySet[BorderMarker]:
    """Approved border markers, the public reference (all, or one Vietnamese province's).

    Entries still in the approval chain are read through
    :mod:`huunghi.geography.marker_selectors`, which knows the reader.
    """
    markers = BorderMarker.objects.filter(status="approved").select_related("province")
    if province is not None:
        markers = markers.filter(province=province)
    return markers.order_by("number")


def reference_fact_list() -> list[ReferenceFact]:
    """Published border figures, each with a translated ``label`` and ``unit_label``."""
    facts = list(ReferenceFact.objects.select_related("place").order_by("place_id", "key"))
    for fact in facts:
        fact.label = FACT_LABELS.get(fact.key, fact.description)  # type: ignore[attr-defined]
        fact.unit_label = UNIT_LABELS.get(fact.unit, fact.unit)  # type: ignore[attr-defined]
        fact.note_label = str(NOTE_LABELS.get(fact.notes, fact.notes))  # type: ignore[attr-defined]
        fact.source_label = source_label(fact.source_title)  # type: ignore[attr-defined]
    return facts
