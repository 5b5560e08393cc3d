"""Completeness and timeliness: how many reports a unit's subtree owed, received and
received on time, per direct subordinate and in total, for a range of periods.

Computed with three aggregate queries whatever the size of the tree (obligations;
owing units counted per subordinate; received reports counted per subordinate, and per
period for the trend), never unit by unit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr

from huunghi.accounts.types import Reader
from huunghi.cycle.models import Obligation, SubmissionTally
from huunghi.cycle.permissions import ObligationPolicy, ancestor_paths
from huunghi.cycle.schedule import due_date, period_containing, period_label, periods_between
from huunghi.organisations.models import PATH_SEGMENT_WIDTH, Unit


@dataclass
class Tally:
    """Reports expected, received, received on time, and overdue (due, not received)."""

    expected: int = 0
    received: int = 0
    on_time: int = 0
    overdue: int = 0

    def add(self, other: Tally) -> None:
        self.expected += other.expected
        self.received += other.received
        self.on_time += other.on_time
        self.overdue += other.overdue

    @property
    def received_rate(self) -> float | None:
        return round(100 * self.received / self.expected, 1) if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.expected, 1) if self.expected else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "expected": self.expected,
            "received": self.received,
            "on_time": self.on_time,
            "overdue": self.overdue,
            "received_rate": self.received_rate,
            "on_time_rate": self.on_time_rate,
        }


@dataclass
class Row:
    unit: Unit
    tally: Tally
    is_own: bool = False


@dataclass
class TrendPoint:
    label: str
    start: dt.date
    tally: Tally


@dataclass
class Completeness:
    unit: Unit
    start: dt.date
    end: dt.date
    obligations: list[Obligation]
    rows: list[Row] = field(default_factory=list)
    total: Tally = field(default_factory=Tally)
    trend: list[TrendPoint] = field(default_factory=list)


@dataclass(frozen=True)
class Schedule:
    """One obligation's periods inside the range and how many are already due."""

    obligation: Obligation
    starts: tuple[dt.date, ...]
    due_starts: frozenset[dt.date]


def obligations_within(
    *, user: Reader, unit: Unit, frequency: str = "", obligation_id: int | None = None
) -> QuerySet[Obligation]:
    """Obligations in force that bind units of ``unit``'s subtree, as ``user`` sees them."""
    rows = ObligationPolicy.visible(user).filter(is_active=True)
    rows = rows.filter(
        Q(unit__path__in=ancestor_paths(unit.path)) | Q(unit__path__startswith=unit.path)
    )
    if frequency:
        rows = rows.filter(frequency=frequency)
    if obligation_id is not None:
        rows = rows.filter(pk=obligation_id)
    return rows.select_related("unit").order_by("pk")


def _schedule(obligation: Obligation, start: dt.date, end: dt.date, today: dt.date) -> Schedule:
    periods = periods_between(obligation.frequency, max(start, obligation.active_from), end)
    due = frozenset(
        p.start
        for p in periods
        if due_date(p, obligation.due_day, obligation.due_months_after) < today
    )
    return Schedule(obligation, tuple(p.start for p in periods), due)


def _prefix_length(unit: Unit) -> int:
    return len(unit.path) + PATH_SEGMENT_WIDTH + 1


def _owing_units(unit: Unit, kinds: set[str], within: str = "") -> Any:
    """Active units of ``kinds`` under ``unit`` (and under ``within``), per subordinate."""
    rows = Unit.objects.filter(
        path__startswith=within or unit.path, valid_to__isnull=True, kind__in=kinds
    )
    if within:
        rows = rows.filter(path__startswith=unit.path).exclude(path=within)
    return (
        rows.annotate(prefix=Substr("path", 1, _prefix_length(unit)))
        .values("prefix", "kind")
        .annotate(units=Count("pk"))
    )


def _owing_counts(unit: Unit, obligations: list[Obligation]) -> dict[str, dict[int, int]]:
    """``{subordinate path: {obligation id: number of owing units}}``: one query for the
    obligations set at or above ``unit``, one more for each set inside its subtree."""
    owing: dict[str, dict[int, int]] = defaultdict(dict)
    above = [ob for ob in obligations if unit.path.startswith(ob.unit.path)]
    by_kind: dict[str, list[Obligation]] = defaultdict(list)
    for ob in above:
        by_kind[ob.applies_to_kind].append(ob)
    if above:
        for row in _owing_units(unit, set(by_kind)):
            owing.setdefault(row["prefix"], {})
            for ob in by_kind[row["kind"]]:
                if not (row["prefix"] == unit.path and ob.unit_id == unit.pk):
                    owing[row["prefix"]][ob.pk] = row["units"]
    for ob in obligations:
        if ob not in above:
            for row in _owing_units(unit, {ob.applies_to_kind}, within=ob.unit.path):
                owing[row["prefix"]][ob.pk] = row["units"]
    return owing


def _received_rows(
    unit: Unit, prefixes: Iterable[str], schedules: list[Schedule]
) -> list[dict[str, Any]]:
    """Received reports per subtree (the unit's and each subordinate's) × obligation ×
    period, from the roll-up rows (one query, a few hundred rows)."""
    anchors = {anchor_id(p): p for p in prefixes} | {anchor_id(unit.path): unit.path}
    starts = {s.obligation.pk: set(s.starts) for s in schedules if s.starts}
    if not starts:
        return []
    first = min(min(v) for v in starts.values())
    last = max(max(v) for v in starts.values())
    rows = SubmissionTally.objects.filter(
        anchor_id__in=list(anchors),
        obligation_id__in=list(starts),
        period_start__gte=first,
        period_start__lte=last,
    ).values_list("anchor_id", "obligation_id", "period_start", "received", "on_time")
    return [
        {
            "prefix": anchors[a],
            "obligation_id": o,
            "period_start": p,
            "received": r,
            "on_time": t,
        }
        for a, o, p, r, t in rows
        if p in starts[o]
    ]


def anchor_id(path: str) -> int:
    return int(path.rstrip(".").rsplit(".", 1)[-1])


def _expected(
    owing: dict[str, dict[int, int]], schedules: list[Schedule]
) -> tuple[dict[str, Tally], dict[dt.date, Tally]]:
    by_unit: dict[str, Tally] = defaultdict(Tally)
    by_period: dict[dt.date, Tally] = defaultdict(Tally)
    for prefix, per_obligation in owing.items():
        for schedule in schedules:
            units = per_obligation.get(schedule.obligation.pk, 0)
            by_unit[prefix].expected += units * len(schedule.starts)
            by_unit[prefix].overdue += units * len(schedule.due_starts)
            for start in schedule.starts:
                by_period[start].expected += units
                by_period[start].overdue += units * (start in schedule.due_starts)
    return by_unit, by_period


def _count_received(
    rows: Iterable[dict[str, Any]],
    unit: Unit,
    schedules: list[Schedule],
    by_unit: dict[str, Tally],
    by_period: dict[dt.date, Tally],
) -> None:
    """Add the received counts: each subordinate's subtree rows go to its row, the unit's
    own rows (its subtree minus its subordinates') to its own row, and the unit's
    subtree rows to the trend."""
    due = {s.obligation.pk: s.due_starts for s in schedules}
    for row in rows:
        received, on_time = row["received"], row["on_time"]
        fix = received if row["period_start"] in due[row["obligation_id"]] else 0
        if row["prefix"] == unit.path:
            _add(by_period[row["period_start"]], received, on_time, fix)
            _add(by_unit[unit.path], received, on_time, fix)
        else:
            _add(by_unit[row["prefix"]], received, on_time, fix)
            _add(by_unit[unit.path], -received, -on_time, -fix)


def _add(tally: Tally, received: int, on_time: int, overdue_fix: int) -> None:
    tally.received += received
    tally.on_time += on_time
    tally.overdue -= overdue_fix


def completeness(
    *,
    user: Reader,
    unit: Unit,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    frequency: str = "",
    obligation_id: int | None = None,
) -> Completeness:
    """Reports owed by ``unit``'s subtree for periods inside ``[start, end)``.

    The caller has checked that ``user`` may view ``unit`` (then the whole subtree is in
    scope). A unit's row counts its whole subtree; ``is_own`` marks the unit's own reports.
    """
    obligations = list(
        obligations_within(user=user, unit=unit, frequency=frequency, obligation_id=obligation_id)
    )
    result = Completeness(unit=unit, start=start, end=end, obligations=obligations)
    if not obligations:
        return result
    schedules = [_schedule(ob, start, end, today) for ob in obligations]
    owing = _owing_counts(unit, obligations)
    by_unit, by_period = _expected(owing, schedules)
    children = Unit.objects.filter(parent=unit, valid_to__isnull=True).values_list(
        "path", flat=True
    )
    subordinates = {p for p in owing if p != unit.path} | set(children)
    received = _received_rows(unit, subordinates, schedules)
    _count_received(received, unit, schedules, by_unit, by_period)
    units = {
        u.path: u
        for u in Unit.objects.filter(path__in=list(by_unit)).select_related(
            "place__province", "country"
        )
    }
    for prefix in sorted(by_unit, key=lambda p: str(units[p]) if p in units else p):
        tally = by_unit[prefix]
        if prefix in units and (tally.expected or tally.received):
            result.rows.append(Row(units[prefix], tally, is_own=prefix == unit.path))
            result.total.add(tally)
    result.trend = _trend(by_period, schedules)
    return result


def _trend(by_period: dict[dt.date, Tally], schedules: list[Schedule]) -> list[TrendPoint]:
    """One point per period start (obligations of one frequency give one series)."""
    labels: dict[dt.date, str] = {}
    for schedule in schedules:
        frequency = schedule.obligation.frequency
        for start in schedule.starts:
            if start not in labels:
                labels[start] = period_label(frequency, period_containing(frequency, start))
    return [TrendPoint(labels[s], s, by_period[s]) for s in sorted(by_period) if s in labels]
