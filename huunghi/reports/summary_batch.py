"""Summary upkeep for many new activities at once (an import's chunk), and for many
removed at once (the undo of a failed import).

Registered for :data:`~huunghi.core.hooks.ACTIVITIES_CREATED` by ``ReportsConfig``. The
contributions of the whole chunk are added up first and written with one batch of
upserts, instead of one batch per record.

The keys an activity contributes to depend only on its stored unit, month, kind, places,
approval and synthetic flag, and on which measures it has with which qualifiers; the
amounts on each key are its count (1) or a quantity's value. So the chunk is grouped by
those; one member of each group is read by
:func:`~huunghi.reports.summaries.stored_contribution` (the function the per-record hook
uses, so both agree by construction) and its amounts are scaled to the group: the count
and row counters times the group's size, each quantity's value by the group's sum.
Queries: two for the chunk plus two per group, however many rows the chunk has.
Removing is the same sum taken off (:func:`summary_removed`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from huunghi.core.hooks import ACTIVITIES_CREATED, register_write_hook
from huunghi.records.models import Activity, ActivityQuantity
from huunghi.reports.summaries import (
    HOOK_NAME,
    Delta,
    RollupKey,
    SummaryKey,
    apply_deltas,
    stored_contribution,
)

_SIGNATURE = (
    "unit_id",
    "start_date",
    "kind",
    "country_id",
    "province_then_id",
    "province_now_id",
    "status",
    "is_synthetic",
)


def summary_created(_captured: Any, activities: Iterable[Any]) -> None:
    """Add the contributions of ``activities`` (new, stored) to the summary rows."""
    apply_deltas(*_contributions([a.pk for a in activities], sign=1))


def summary_removed(activity_ids: Sequence[int]) -> None:
    """Take the contributions of the stored activities ``activity_ids`` off the summary
    rows: call it just before deleting them, in the same transaction (rows left counting
    nothing are dropped, as :func:`~huunghi.reports.summaries.summary_after` does)."""
    apply_deltas(*_contributions(list(activity_ids), sign=-1))


def _contributions(
    ids: list[int], *, sign: int
) -> tuple[dict[SummaryKey, Delta], dict[RollupKey, Delta]]:
    """What the stored activities ``ids`` add up to on each summary and roll-up key
    (times ``sign``)."""
    parts: dict[SummaryKey, Delta] = defaultdict(Delta)
    rollup: dict[RollupKey, Delta] = defaultdict(Delta)
    for members, sums in _groups(ids).values():
        sample = stored_contribution(members[0])
        for key, delta in sample.parts.items():
            parts[key].add(_scaled(delta, key.measure, len(members), sums), sign)
        for rollup_key, delta in sample.rollup.items():
            rollup[rollup_key].add(_scaled(delta, rollup_key.measure, len(members), sums), sign)
    return dict(parts), dict(rollup)


def _groups(ids: list[int]) -> dict[tuple[Any, ...], tuple[list[int], dict[str, Decimal]]]:
    """Activities with the same keys: ``{signature: (ids, value sum per measure)}``."""
    quantities: dict[int, list[tuple[str, Decimal, str]]] = defaultdict(list)
    stored = ActivityQuantity.objects.filter(activity_id__in=ids).order_by()
    for pk, measure, value, qualifier in stored.values_list(
        "activity_id", "measure", "value", "qualifier"
    ):
        quantities[pk].append((measure, Decimal(value), qualifier))
    groups: dict[tuple[Any, ...], tuple[list[int], dict[str, Decimal]]] = {}
    rows = Activity.objects.filter(pk__in=ids).order_by("pk").values_list("pk", *_SIGNATURE)
    for pk, unit_id, start, *rest in rows:
        own = sorted(quantities[pk])
        signature = (unit_id, start.replace(day=1), *rest, tuple((m, q) for m, _v, q in own))
        members, sums = groups.setdefault(signature, ([], defaultdict(Decimal)))
        members.append(pk)
        for measure, value, _qualifier in own:
            sums[measure] += value
    return groups


def _scaled(delta: Delta, measure: str, count: int, sums: dict[str, Decimal]) -> Delta:
    """One member's amounts on a key of ``measure``, as the whole group's."""
    value = sums[measure] if measure in sums else delta.value * count
    return Delta(value, delta.rows * count, delta.rows_about * count, delta.rows_at_least * count)


def register_hooks() -> None:
    """Keep the summaries in step with chunks of new activities."""
    register_write_hook(ACTIVITIES_CREATED, HOOK_NAME, after=summary_created)
