"""Synthetic volume for load tests and the benchmark: a unit tree and many activities.

Everything made here is marked: units have codes starting with ``SYN-`` under roots
named "[SYNTHETIC] …"; activities have ``is_synthetic=True`` and
``source_type="synthetic"``; their summary rows have ``is_synthetic=True``.
:func:`huunghi.reports.purge.purge_synthetic` removes exactly that and nothing else.

Rows are written in batches without the per-record services (no validation, no audit
rows, no summary hooks): ``executemany`` on SQLite, ``COPY`` on PostgreSQL, with
explicit ids so quantities can point at their activities without reading them back.
Whatever is derived from the records (the summary rows) is then built in bulk by the
hooks of :data:`~huunghi.core.hooks.ACTIVITIES_BULK_LOADED`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from huunghi.core.bulk import indexes_dropped
from huunghi.core.hooks import ACTIVITIES_BULK_LOADED, run_write_hooks
from huunghi.core.models import Qualifier
from huunghi.geography.models import AdminLevel, AdminUnit, Country, PlaceSuccession
from huunghi.organisations.models import PATH_SEGMENT_WIDTH, Unit, UnitKind
from huunghi.records import volume_sql
from huunghi.records.models import (
    Activity,
    ActivityKind,
    ActivityQuantity,
    Measure,
    SourceType,
    Status,
)

SYNTHETIC_PREFIX = "SYN-"
ROOT_NAMES = {
    "VN": "[SYNTHETIC] Bộ Tư lệnh Bộ đội Biên phòng (dữ liệu giả lập)",
    "KH": "[SYNTHETIC] Bộ Tư lệnh Hiến binh (dữ liệu giả lập)",
}
REFORM_DATE = dt.date(2025, 7, 1)
Progress = Callable[[str], None]

# How often each kind occurs, and the quantities each carries (measure, typical size,
# default qualifier). Medical outreach and patrols dominate, as in the sources.
KIND_WEIGHTS: dict[str, int] = {
    ActivityKind.JOINT_PATROL: 22,
    ActivityKind.BRIEFING_MEETING: 12,
    ActivityKind.MEDICAL_OUTREACH: 10,
    ActivityKind.EDUCATION_SESSION: 10,
    ActivityKind.CRIME_PREVENTION: 8,
    ActivityKind.AID: 6,
    ActivityKind.MARKER_SALUTE: 5,
    ActivityKind.NEW_YEAR_VISIT: 5,
    ActivityKind.FRIENDSHIP_VISIT: 5,
    ActivityKind.SCHOLARSHIP: 4,
    ActivityKind.LIVELIHOOD_GIFT: 3,
    ActivityKind.TREE_PLANTING: 3,
    ActivityKind.DELEGATION_OUT: 2,
    ActivityKind.DELEGATION_IN: 2,
    ActivityKind.TWINNING_REVIEW: 1,
    ActivityKind.FACILITY_INAUGURATION: 1,
    ActivityKind.AGREEMENT: 1,
    ActivityKind.FESTIVAL: 1,
    ActivityKind.OTHER: 1,
}
PEOPLE = (Measure.PARTICIPANTS, 60, Qualifier.ABOUT)
MONEY = (Measure.VALUE_VND, 50_000_000, Qualifier.EXACT)
KIND_MEASURES: dict[str, tuple[tuple[str, int, str], ...]] = {
    ActivityKind.JOINT_PATROL: ((Measure.MARKERS, 6, Qualifier.EXACT), PEOPLE),
    ActivityKind.MARKER_SALUTE: ((Measure.MARKERS, 3, Qualifier.EXACT), PEOPLE),
    ActivityKind.MEDICAL_OUTREACH: (
        (Measure.PEOPLE_EXAMINED, 300, Qualifier.ABOUT),
        (Measure.MEDICINE_DOSES, 400, Qualifier.EXACT),
        MONEY,
    ),
    ActivityKind.AID: (
        MONEY,
        (Measure.ITEMS, 200, Qualifier.EXACT),
        (Measure.HOUSEHOLDS, 40, Qualifier.EXACT),
    ),
    ActivityKind.SCHOLARSHIP: ((Measure.SCHOLARSHIPS, 20, Qualifier.EXACT), MONEY),
    ActivityKind.LIVELIHOOD_GIFT: (
        (Measure.CATTLE, 5, Qualifier.EXACT),
        (Measure.HOUSEHOLDS, 5, Qualifier.EXACT),
        MONEY,
    ),
    ActivityKind.TREE_PLANTING: ((Measure.TREES, 200, Qualifier.EXACT), PEOPLE),
    ActivityKind.CRIME_PREVENTION: ((Measure.CASES, 3, Qualifier.EXACT), PEOPLE),
    ActivityKind.DELEGATION_OUT: ((Measure.DELEGATION_MEMBERS, 8, Qualifier.EXACT),),
    ActivityKind.DELEGATION_IN: ((Measure.DELEGATION_MEMBERS, 8, Qualifier.EXACT),),
    ActivityKind.NEW_YEAR_VISIT: (MONEY, PEOPLE),
    ActivityKind.FRIENDSHIP_VISIT: (PEOPLE, MONEY),
    ActivityKind.FESTIVAL: (PEOPLE, MONEY),
    ActivityKind.FACILITY_INAUGURATION: (MONEY, PEOPLE),
}
# Records are approved within weeks: only the last few months hold other statuses.
RECENT_DAYS = 120
RECENT_STATUS_WEIGHTS: dict[str, int] = {
    Status.APPROVED: 40,
    Status.SUBMITTED: 30,
    Status.DRAFT: 20,
    Status.RETURNED: 10,
}


class Weighted:
    """Fast weighted choice from a fixed table."""

    def __init__(self, weights: dict[Any, int]) -> None:
        self.items = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


# --- the unit tree -----------------------------------------------------------------------


@dataclass(frozen=True)
class SynUnit:
    id: int
    country_id: int
    group: int


@dataclass
class TreeShape:
    """How many units of each level to make for a total of about ``total`` units."""

    provinces: int
    posts: int
    stations: int
    kh_provinces: int
    kh_posts: int

    @classmethod
    def for_total(cls, total: int) -> TreeShape:
        kh_provinces = 9 if total >= 200 else 1
        kh_posts = max(0, min(36, total // 100))
        vn = max(3, total - 2 - kh_provinces - kh_posts)
        provinces = max(1, min(10, vn // 20))
        posts = max(1, (vn - 1 - provinces) // 10)
        stations = max(0, vn - 1 - provinces - posts)
        return cls(provinces, posts, stations, kh_provinces, kh_posts)


class _TreeBuilder:
    """Units with explicit ids, so paths are known before anything is written."""

    def __init__(self, start_id: int, now: dt.datetime) -> None:
        self.next_id = start_id
        self.now = now
        self.units: list[Unit] = []

    def add(
        self,
        *,
        country: Country,
        kind: str,
        name: str,
        parent: Unit | None,
        place_id: int | None = None,
    ) -> Unit:
        pk = self.next_id
        self.next_id += 1
        path = (parent.path if parent else "") + f"{pk:0{PATH_SEGMENT_WIDTH}d}."
        unit = Unit(
            pk=pk,
            code=f"{SYNTHETIC_PREFIX}{pk}",
            name_vi=name,
            kind=kind,
            country=country,
            parent=parent,
            path=path,
            depth=parent.depth + 1 if parent else 0,
            place_id=place_id,
            created_at=self.now,
            updated_at=self.now,
        )
        self.units.append(unit)
        return unit


def synthetic_units() -> models.QuerySet[Unit]:
    return Unit.objects.filter(code__startswith=SYNTHETIC_PREFIX)


def ensure_synthetic_units(total: int, pool: PlacePool, seed: int) -> list[SynUnit]:
    """The synthetic tree (made now if there is none yet), as reporting units."""
    if not synthetic_units().exists():
        _create_tree(TreeShape.for_total(total), pool, random.Random(seed))
    return _load_tree(pool)


def _create_tree(shape: TreeShape, pool: PlacePool, rng: random.Random) -> None:
    vn, kh = _country("VN"), _country("KH")
    start = (Unit.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    tree = _TreeBuilder(start, timezone.now())
    root = tree.add(country=vn, kind=UnitKind.COMMAND, name=ROOT_NAMES["VN"], parent=None)
    provinces = [
        tree.add(
            country=vn,
            kind=UnitKind.PROVINCIAL_BORDER_GUARD,
            parent=root,
            name=f"[SYNTHETIC] BĐBP tỉnh {i + 1}",
            place_id=pool.home_place(i),
        )
        for i in range(shape.provinces)
    ]
    posts = [
        tree.add(
            country=vn,
            kind=UnitKind.BORDER_POST,
            parent=provinces[i % shape.provinces],
            name=f"[SYNTHETIC] Đồn Biên phòng {i + 1}",
        )
        for i in range(shape.posts)
    ]
    for i in range(shape.stations):
        tree.add(
            country=vn,
            kind=UnitKind.STATION,
            parent=rng.choice(posts),
            name=f"[SYNTHETIC] Trạm Biên phòng {i + 1}",
        )
    kh_root = tree.add(country=kh, kind=UnitKind.GENDARMERIE, name=ROOT_NAMES["KH"], parent=None)
    kh_units = [
        tree.add(
            country=kh,
            kind=UnitKind.GENDARMERIE,
            parent=kh_root,
            name=f"[SYNTHETIC] Hiến binh tỉnh {i + 1}",
        )
        for i in range(shape.kh_provinces)
    ]
    for i in range(shape.kh_posts):
        tree.add(
            country=kh,
            kind=UnitKind.BORDER_POLICE,
            parent=kh_units[i % len(kh_units)],
            name=f"[SYNTHETIC] Đồn Cảnh sát biên giới {i + 1}",
        )
    with transaction.atomic():
        Unit.objects.bulk_create(tree.units, batch_size=2000)
        _reset_sequences([Unit])


def _load_tree(pool: PlacePool) -> list[SynUnit]:
    """Reporting units with their province group (the n-th province's subtree is group n)."""
    units = synthetic_units().filter(valid_to__isnull=True)
    provinces = units.filter(depth=1).order_by("pk").values_list("pk", flat=True)
    group_of = {pk: i % max(1, pool.groups) for i, pk in enumerate(provinces)}
    result = []
    for pk, country_id, path in units.order_by("pk").values_list("pk", "country_id", "path"):
        segments = path.split(".")
        province = int(segments[1]) if len(segments) > 2 else 0
        result.append(SynUnit(pk, country_id, group_of.get(province, 0)))
    return result


def _country(code: str) -> Country:
    names = {"VN": ("Việt Nam", "Vietnam"), "KH": ("Campuchia", "Cambodia")}[code]
    country, _ = Country.objects.get_or_create(
        code=code, defaults={"name_vi": names[0], "name_en": names[1]}
    )
    return country


def _reset_sequences(models_: Sequence[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# --- places ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceChoice:
    place_id: int | None
    then_id: int | None
    now_id: int | None


NOWHERE = PlaceChoice(None, None, None)


@dataclass
class PlacePool:
    """Places per Vietnamese province group, before and since the 2025 reform, and Cambodia's."""

    before: list[list[PlaceChoice]] = field(default_factory=list)
    after: list[list[PlaceChoice]] = field(default_factory=list)
    kh: list[PlaceChoice] = field(default_factory=list)

    @property
    def groups(self) -> int:
        return len(self.after)

    def home_place(self, index: int) -> int | None:
        return self.after[index % self.groups][0].place_id if self.groups else None

    def pick(self, rng: random.Random, group: int, day: dt.date, in_kh: bool) -> PlaceChoice:
        if in_kh or not self.groups:
            return rng.choice(self.kh) if self.kh else NOWHERE
        if rng.random() < 0.1:
            group = rng.randrange(self.groups)
        choices = self.before[group] if day < REFORM_DATE else self.after[group]
        return rng.choice(choices)


def build_place_pool() -> PlacePool:
    """Border provinces (or any provinces) of both countries, a few places in each."""
    pool = PlacePool()
    for province in _provinces("VN", current=True)[:10]:
        after = [_choice(p, province.pk, province.pk) for p in _some_inside(province)]
        before = [
            _choice(p, p.province_id or p.pk, province.pk)
            for old in _predecessors(province)
            for p in _some_inside(old)
        ]
        pool.after.append(after)
        pool.before.append(before or after)
    for province in _provinces("KH", current=True)[:9]:
        pool.kh.extend(_choice(p, province.pk, province.pk) for p in _some_inside(province, 3))
    return pool


def _choice(place: AdminUnit, then_id: int, now_id: int) -> PlaceChoice:
    return PlaceChoice(place.pk, then_id, now_id)


def _provinces(country: str, *, current: bool) -> list[AdminUnit]:
    provinces = AdminUnit.objects.filter(country__code=country, level=AdminLevel.PROVINCE)
    if current:
        provinces = provinces.filter(valid_to__isnull=True)
    border = provinces.filter(is_border=True)
    return list((border if border.exists() else provinces).order_by("code"))


def _predecessors(province: AdminUnit) -> list[AdminUnit]:
    ids = PlaceSuccession.objects.filter(
        successor=province, predecessor__level=AdminLevel.PROVINCE
    ).values("predecessor_id")
    return list(AdminUnit.objects.filter(pk__in=ids).order_by("code"))


def _some_inside(province: AdminUnit, limit: int = 5) -> list[AdminUnit]:
    inside = AdminUnit.objects.filter(province=province).exclude(pk=province.pk)
    inside = inside.filter(valid_to=province.valid_to).order_by("code")[:limit]
    return [province, *inside]


# --- activities ----------------------------------------------------------------------------


@dataclass
class _Columns:
    """Column order and default values of a table, for raw multi-row writes."""

    names: list[str]
    defaults: list[Any]
    index: dict[str, int]

    @classmethod
    def of(cls, model: type[models.Model], overrides: dict[str, Any]) -> _Columns:
        names: list[str] = []
        defaults: list[Any] = []
        for f in model._meta.concrete_fields:
            names.append(str(f.column))
            if f.name in overrides:
                defaults.append(overrides[f.name])
            elif isinstance(f, models.JSONField):
                defaults.append("{}")
            else:
                defaults.append(f.get_db_prep_save(f.get_default(), connection))
        return cls(names, defaults, {n: i for i, n in enumerate(names)})

    def without(self, name: str) -> _Columns:
        keep = [i for i, n in enumerate(self.names) if n != name]
        names = [self.names[i] for i in keep]
        defaults = [self.defaults[i] for i in keep]
        return _Columns(names, defaults, {n: i for i, n in enumerate(names)})


class _Writer:
    """Appends rows to one table: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, model: type[models.Model], columns: list[str]) -> None:
        self.table = model._meta.db_table
        self.columns = columns

    def write(self, rows: list[list[Any]]) -> None:
        names = ", ".join(self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {self.table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            marks = ", ".join(["%s"] * len(self.columns))
            cursor.executemany(f"INSERT INTO {self.table} ({names}) VALUES ({marks})", rows)  # noqa: S608


@dataclass
class VolumeSpec:
    activities: int
    units: int = 5000
    years: int = 7
    seed: int = 1
    batch: int = 50_000
    set_based: bool = True
    """Write the rows with INSERT … SELECT inside the database (False: rows made in Python)."""


class ActivityMaker:
    """Produces activity and quantity rows, deterministically from the seed."""

    def __init__(
        self, spec: VolumeSpec, units: list[SynUnit], pool: PlacePool, kh_country_id: int | None
    ) -> None:
        self.rng = random.Random(spec.seed)
        self.units, self.pool, self.kh_country_id = units, pool, kh_country_id
        today = timezone.localdate()
        self.first_day = dt.date(today.year - spec.years + 1, 1, 1).toordinal()
        self.days = today.toordinal() - self.first_day + 1
        self.kinds, self.statuses = Weighted(KIND_WEIGHTS), Weighted(RECENT_STATUS_WEIGHTS)
        self.recent = today.toordinal() - RECENT_DAYS
        sqlite = connection.vendor == "sqlite"
        now = timezone.now()
        stamp = connection.ops.adapt_datetimefield_value(now) if sqlite else now
        self.date = (lambda d: d.isoformat()) if sqlite else (lambda d: d)
        self.activity = _Columns.of(
            Activity,
            {
                "created_at": stamp,
                "updated_at": stamp,
                "source_type": SourceType.SYNTHETIC,
                "is_synthetic": True,
                "details": "{}",
            },
        )
        self.quantity = _Columns.of(ActivityQuantity, {}).without("id")

    def rows(self, first_id: int, count: int) -> tuple[list[list[Any]], list[list[Any]]]:
        activities: list[list[Any]] = []
        quantities: list[list[Any]] = []
        for pk in range(first_id, first_id + count):
            row, kind = self._activity(pk)
            activities.append(row)
            quantities.extend(self._quantities(pk, kind))
        return activities, quantities

    def _activity(self, pk: int) -> tuple[list[Any], str]:
        rng, col = self.rng, self.activity.index
        unit = self.units[int(rng.random() * len(self.units))]
        day = dt.date.fromordinal(self.first_day + int(rng.random() * self.days))
        in_kh = unit.country_id == self.kh_country_id or rng.random() < 0.05
        place = self.pool.pick(rng, unit.group, day, in_kh)
        kind = self.kinds.pick(rng)
        row = list(self.activity.defaults)
        row[col["id"]] = pk
        row[col["kind"]] = kind
        row[col["title"]] = f"[SYNTHETIC] {kind} {pk}"
        row[col["start_date"]] = self.date(day)
        row[col["unit_id"]] = unit.id
        row[col["country_id"]] = unit.country_id
        row[col["place_id"]] = place.place_id
        row[col["province_then_id"]] = place.then_id
        row[col["province_now_id"]] = place.now_id
        recent = day.toordinal() >= self.recent
        row[col["status"]] = self.statuses.pick(rng) if recent else Status.APPROVED
        return row, kind

    def _quantities(self, pk: int, kind: str) -> Iterator[list[Any]]:
        rng, col = self.rng, self.quantity.index
        for measure, size, qualifier in KIND_MEASURES.get(kind, (PEOPLE,)):
            if rng.random() < 0.3:
                continue
            row = list(self.quantity.defaults)
            row[col["activity_id"]] = pk
            row[col["measure"]] = measure
            row[col["value"]] = max(1, int(rng.expovariate(1 / size)))
            row[col["qualifier"]] = Qualifier.AT_LEAST if rng.random() < 0.05 else qualifier
            yield row


@contextmanager
def _bulk_mode() -> Iterator[None]:
    """On SQLite, skip syncing to disk while loading (synthetic data: losing it is fine)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        previous = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-1000000")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous={int(previous)}")
            cursor.execute("PRAGMA cache_size=-64000")


def generate_volume(spec: VolumeSpec, progress: Progress | None = None) -> dict[str, int]:
    """Create the synthetic tree (if missing) and ``spec.activities`` activities."""
    with _bulk_mode():
        return _generate(spec, progress or (lambda _message: None))


def _generate(spec: VolumeSpec, say: Progress) -> dict[str, int]:
    pool = build_place_pool()
    units = ensure_synthetic_units(spec.units, pool, spec.seed)
    say(f"{len(units)} synthetic units")
    kh = Country.objects.filter(code="KH").values_list("pk", flat=True).first()
    if spec.set_based:
        written = _write_set_based(spec, units, pool, kh, say)
    else:
        written = _write_activities(spec, ActivityMaker(spec, units, pool, kh), say)
    say("building summary rows")
    with transaction.atomic():
        run_write_hooks(ACTIVITIES_BULK_LOADED, {"synthetic": True})
    return {"units": len(units), "activities": written}


def _write_activities(spec: VolumeSpec, maker: ActivityMaker, say: Progress) -> int:
    """Write the rows in batches, in one transaction (so a failure leaves nothing)."""
    activity_writer = _Writer(Activity, maker.activity.names)
    quantity_writer = _Writer(ActivityQuantity, maker.quantity.names)
    first = (Activity.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    done = 0
    bulky = spec.activities >= BULK_THRESHOLD
    dropped = indexes_dropped([Activity, ActivityQuantity]) if bulky else nullcontext()
    with transaction.atomic(), dropped:
        while done < spec.activities:
            count = min(spec.batch, spec.activities - done)
            activities, quantities = maker.rows(first + done, count)
            activity_writer.write(activities)
            quantity_writer.write(quantities)
            done += count
            say(f"{done} activities")
        _reset_sequences([Activity])
        if bulky:
            say("rebuilding indexes")
    return done


BULK_THRESHOLD = 100_000


def _write_set_based(
    spec: VolumeSpec, units: list[SynUnit], pool: PlacePool, kh: int | None, say: Progress
) -> int:
    """The activities and quantities by set-based SQL (:mod:`huunghi.records.volume_sql`)."""
    first = (Activity.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    bulky = spec.activities >= BULK_THRESHOLD
    dropped = indexes_dropped([Activity, ActivityQuantity]) if bulky else nullcontext()
    with transaction.atomic(), dropped:
        volume_sql.make_lookup_tables(
            units, pool, kh, KIND_WEIGHTS, RECENT_STATUS_WEIGHTS, KIND_MEASURES, (PEOPLE,)
        )
        written = volume_sql.write_activities_sql(spec, first, len(units), pool.groups, say)
        _reset_sequences([Activity, ActivityQuantity])
        if bulky:
            say("rebuilding indexes")
    return written
