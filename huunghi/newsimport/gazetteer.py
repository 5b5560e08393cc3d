"""The news-import gazetteer built from the system's own places and units.

Implements the extraction engine's :class:`~huunghi.newsimport.extraction.Gazetteer`
protocol over every province, district and commune of both countries (historic ones
with their dates, so a 2022 article's "huyện Lộc Ninh" is the district as it was then),
the border gates and every organisation unit with the names the press uses for it
(:mod:`huunghi.newsimport.aliases`). Cambodian villages are added when
``settings.HUUNGHI_NEWS_GAZETTEER_VILLAGES`` is true: 15,000 more rows, twice the build
time and about 100 MB more memory per process.

Building reads about 16,000 rows and takes about three seconds; the result is kept per
process and rebuilt when the data's version key changes (row counts, last change,
highest id of places, units and gates) or after :func:`gazetteer_clear`. A built
gazetteer is also written to ``VAR_DIR/cache`` (keyed by the database, the version key and
the alias code), so a fresh process loads it instead of building it again; set
``HUUNGHI_NEWS_GAZETTEER_DISK_CACHE = False`` to turn that off.

Entry ids say what they point to: ``place:<AdminUnit pk>``, ``unit:<Unit pk>`` and
``gate:<BorderGatePair pk>:vn|kh``.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import os
import pickle
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max

from huunghi.geography.models import AdminLevel, AdminUnit, BorderGatePair
from huunghi.geography.selectors import province_rollup_map
from huunghi.newsimport.aliases import kh_place_names, unique, unit_names
from huunghi.newsimport.extraction import (
    GazetteerEntry,
    GazetteerMatch,
    InMemoryGazetteer,
    MatchContext,
)
from huunghi.newsimport.models import UnitAlias
from huunghi.organisations.models import Unit, UnitKind

PLACE = "place"
UNIT = "unit"
GATE = "gate"
#: Seconds between two checks of the version key (edits through the ORM clear at once,
#: see :mod:`huunghi.newsimport.signals`).
VERSION_CHECK_SECONDS = 30.0
_LEVEL_KINDS: dict[str, str] = {
    AdminLevel.PROVINCE: "province",
    AdminLevel.DISTRICT: "district",
    AdminLevel.COMMUNE: "commune",
    AdminLevel.VILLAGE: "village",
}
_ONE_DAY = dt.timedelta(days=1)


def entry_id(kind: str, pk: int) -> str:
    """The gazetteer id of a place or a unit."""
    return f"{kind}:{pk}"


def parse_entry_id(value: str | None) -> tuple[str, int] | None:
    """``("place", 12)`` for ``"place:12"``; ``None`` for gates, unknown or empty ids."""
    if not value:
        return None
    kind, _sep, rest = value.partition(":")
    if kind not in (PLACE, UNIT) or not rest.isdigit():
        return None
    return kind, int(rest)


class DatabaseGazetteer:
    """The system's places and units as a :class:`Gazetteer` (immutable once built)."""

    def __init__(
        self, entries: Iterable[GazetteerEntry], version: tuple, border: Iterable[str] = ()
    ) -> None:
        self.version = version
        self._memory = InMemoryGazetteer(entries, border)

    def find(self, text: str, context: MatchContext | None = None) -> list[GazetteerMatch]:
        """Every mention of a place or unit in ``text``."""
        return self._memory.find(text, context)

    def get(self, entry_id: str) -> GazetteerEntry | None:
        """The entry with this id."""
        return self._memory.get(entry_id)


# --------------------------------------------------------------------------- caching

_lock = threading.Lock()
_current: DatabaseGazetteer | None = None
_checked_at = 0.0


def news_gazetteer() -> DatabaseGazetteer:
    """The process's gazetteer, rebuilt first when the places or units changed."""
    global _current, _checked_at
    with _lock:
        now = time.monotonic()
        if _current is not None and now - _checked_at < VERSION_CHECK_SECONDS:
            return _current
        version = data_version()
        if _current is None or _current.version != version:
            _current = _load_cached(version) or _store(build_gazetteer(version))
        _checked_at = now
        return _current


_log = logging.getLogger(__name__)
_CACHE_PREFIX = "news-gazetteer-"
_CODE_FILES = ("aliases.py", "gazetteer.py", "extraction/gazetteer.py", "extraction/textutil.py")


def _cache_path(version: tuple) -> Path | None:
    if not getattr(settings, "HUUNGHI_NEWS_GAZETTEER_DISK_CACHE", True):
        return None
    here = Path(__file__).resolve().parent
    database = hashlib.sha256(str(settings.DATABASES["default"].get("NAME")).encode())
    digest = hashlib.sha256(repr(version).encode())
    for name in _CODE_FILES:
        digest.update((here / name).read_bytes())
    name = f"{_CACHE_PREFIX}{database.hexdigest()[:8]}-{digest.hexdigest()[:24]}.pickle"
    return Path(settings.VAR_DIR) / "cache" / name


def _load_cached(version: tuple) -> DatabaseGazetteer | None:
    path = _cache_path(version)
    if path is None or not path.exists():
        return None
    gc.disable()  # unpickling many small objects is twice as fast without the collector
    try:
        loaded = pickle.loads(path.read_bytes())  # noqa: S301 - our own file under VAR_DIR
    except Exception:
        _log.warning("news gazetteer cache %s unreadable; rebuilding", path)
        return None
    finally:
        # The gazetteer lives as long as the process: keep the collector from walking its
        # objects again (the first full collection after loading took half a second).
        gc.freeze()
        gc.enable()
    return loaded if isinstance(loaded, DatabaseGazetteer) and loaded.version == version else None


def _store(gazetteer: DatabaseGazetteer) -> DatabaseGazetteer:
    path = _cache_path(gazetteer.version)
    if path is None:
        return gazetteer
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Only this database's older files: a benchmark or test database next to the
        # application's must not delete the application's cache (and the other way round).
        same_database = path.name.rsplit("-", 1)[0]
        for old in path.parent.glob(f"{same_database}-*.pickle"):
            old.unlink(missing_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)
    except OSError:
        _log.warning("news gazetteer cache %s not written", path)
    return gazetteer


def gazetteer_clear() -> None:
    """Forget the built gazetteer (after places or units were edited or loaded)."""
    global _current
    with _lock:
        _current = None


def data_version() -> tuple:
    """What the gazetteer was built from: counts, last change and highest id per table."""
    places = AdminUnit.objects.aggregate(n=Count("id"), at=Max("updated_at"), top=Max("id"))
    units = Unit.objects.aggregate(n=Count("id"), at=Max("updated_at"), top=Max("id"))
    gates = BorderGatePair.objects.aggregate(n=Count("id"), top=Max("id"))
    aliases = UnitAlias.objects.aggregate(n=Count("id"), top=Max("id"))
    villages = bool(getattr(settings, "HUUNGHI_NEWS_GAZETTEER_VILLAGES", False))
    return (
        tuple(places.values()),
        tuple(units.values()),
        tuple(gates.values()),
        tuple(aliases.values()),
        villages,
    )


def build_gazetteer(version: tuple | None = None) -> DatabaseGazetteer:
    """Read every place, gate and unit and index their names."""
    version = version or data_version()
    villages = bool(version[-1])
    places = list(_place_rows(villages))
    rollup = province_rollup_map()
    entries = [
        *_place_entries(places, rollup),
        *_gate_entries(),
        *_unit_entries(places, rollup),
    ]
    border = AdminUnit.objects.filter(is_border=True).values_list("pk", flat=True)
    return DatabaseGazetteer(entries, version, [entry_id(PLACE, pk) for pk in border])


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class PlaceRow:
    """The columns of an administrative unit the gazetteer needs."""

    pk: int
    country: str
    level: str
    name_vi: str
    name_en: str
    parent_id: int | None
    province_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


def _place_rows(villages: bool) -> Iterator[PlaceRow]:
    rows = AdminUnit.objects.all()
    if not villages:
        rows = rows.exclude(level=AdminLevel.VILLAGE)
    columns = (
        "pk",
        "country__code",
        "level",
        "name_vi",
        "name_en",
        "parent_id",
        "province_id",
        "valid_from",
        "valid_to",
    )
    for values in rows.values_list(*columns).iterator(chunk_size=5000):
        yield PlaceRow(*values)


def _place_entries(rows: list[PlaceRow], rollup: dict[int, int]) -> Iterator[GazetteerEntry]:
    parents = {row.pk: row.parent_id for row in rows}
    for row in rows:
        yield GazetteerEntry(
            id=entry_id(PLACE, row.pk),
            names=tuple(_place_names(row)),
            kind=_LEVEL_KINDS.get(row.level, row.level),
            country=row.country,
            provinces=tuple(entry_id(PLACE, pk) for pk in _enclosing(row, parents, rollup)),
            valid_from=row.valid_from,
            valid_to=row.valid_to - _ONE_DAY if row.valid_to else None,
        )


def _place_names(row: PlaceRow) -> list[str]:
    names = [row.name_vi, row.name_en]
    if row.country == "KH":
        names += kh_place_names(row.name_vi, row.name_en)
    return unique(names)


def _enclosing(row: PlaceRow, parents: dict[int, int | None], rollup: dict[int, int]) -> list[int]:
    """The place's parents up to its province, and the province it rolls up to today."""
    chain: list[int] = []
    parent = row.parent_id
    while parent is not None and parent not in chain and len(chain) < 4:
        chain.append(parent)
        parent = parents.get(parent)
    province = row.province_id or (row.pk if row.level == AdminLevel.PROVINCE else None)
    today = rollup.get(province) if province is not None else None
    if today is not None and today != row.pk and today not in chain:
        chain.append(today)
    return chain


def _gate_entries() -> Iterator[GazetteerEntry]:
    gates = BorderGatePair.objects.values_list(
        "pk", "vn_name", "kh_name", "vn_province_id", "vn_legacy_province_id", "kh_province_id"
    )
    for pk, vn_name, kh_name, vn_province, vn_legacy, kh_province in gates:
        vn_provinces = [p for p in (vn_legacy, vn_province) if p is not None]
        yield _gate(f"{GATE}:{pk}:vn", vn_name, "VN", vn_provinces)
        yield _gate(f"{GATE}:{pk}:kh", kh_name, "KH", [kh_province])


def _gate(gate_id: str, name: str, country: str, provinces: list[int]) -> GazetteerEntry:
    names = [name, *kh_place_names(name, name)] if country == "KH" else [name]
    return GazetteerEntry(
        id=gate_id,
        names=tuple(unique(names)),
        kind="border_gate",
        country=country,
        provinces=tuple(entry_id(PLACE, pk) for pk in provinces),
    )


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class UnitRow:
    """The columns of an organisation unit the gazetteer needs."""

    pk: int
    code: str
    name_vi: str
    short_name: str
    kind: str
    country: str
    place_id: int | None
    path: str
    valid_from: dt.date | None
    valid_to: dt.date | None


def _unit_rows() -> list[UnitRow]:
    columns = (
        "pk",
        "code",
        "name_vi",
        "short_name",
        "kind",
        "country__code",
        "place_id",
        "path",
        "valid_from",
        "valid_to",
    )
    return [UnitRow(*values) for values in Unit.objects.values_list(*columns)]


def _unit_entries(places: list[PlaceRow], rollup: dict[int, int]) -> Iterator[GazetteerEntry]:
    rows = _unit_rows()
    homes = _home_provinces(rows, places, rollup)
    place_names = {p.pk: p.name_vi for p in places if p.level == AdminLevel.PROVINCE}
    learnt: defaultdict[int, list[str]] = defaultdict(list)
    for unit_pk, alias in UnitAlias.objects.values_list("unit_id", "name"):
        learnt[unit_pk].append(alias)
    for row in rows:
        names, generic = unit_names(row.name_vi, row.short_name, row.code)
        names += _predecessor_names(row, homes.get(row.pk, set()), place_names)
        names += learnt.get(row.pk, [])
        yield GazetteerEntry(
            id=entry_id(UNIT, row.pk),
            names=tuple(names),
            kind=row.kind,
            country=row.country,
            provinces=tuple(entry_id(PLACE, pk) for pk in sorted(homes.get(row.pk, ()))),
            valid_from=row.valid_from,
            valid_to=row.valid_to - _ONE_DAY if row.valid_to else None,
            generic_names=tuple(generic),
        )


def _predecessor_names(row: UnitRow, homes: set[int], place_names: dict[int, str]) -> list[str]:
    """A provincial unit of a merged province is still written with the old province's name
    ("Bộ đội Biên phòng tỉnh Long An" is today's Tây Ninh border guard)."""
    if row.country != "VN" or " tỉnh " not in f" {row.name_vi} ":
        return []
    head, _sep, current = row.name_vi.rpartition(" tỉnh ")
    extra = []
    for pk in sorted(homes):
        old = place_names.get(pk)
        if old and old != current:
            base = [f"{head} tỉnh {old}"]
            base += unit_names(f"{head} tỉnh {old}")[0]
            extra += base
    return unique(extra)


def _home_provinces(
    rows: list[UnitRow], places: list[PlaceRow], rollup: dict[int, int]
) -> dict[int, set[int]]:
    """Each unit's province in every era; a military region answers for its units'."""
    province_of = {p.pk: p.province_id or p.pk for p in places}
    earlier: dict[int, set[int]] = defaultdict(set)
    for old, new in rollup.items():
        earlier[new].add(old)
    homes: dict[int, set[int]] = {}
    for row in rows:
        province = province_of.get(row.place_id) if row.place_id else None
        if province is not None:
            today = rollup.get(province, province)
            homes[row.pk] = {province, today, *earlier.get(today, ())}
    for row in rows:
        if row.kind == UnitKind.MILITARY_REGION and row.pk not in homes:
            inside = [r.pk for r in rows if r.path.startswith(row.path) and r.pk in homes]
            homes[row.pk] = set().union(*(homes[pk] for pk in inside))
    return homes
