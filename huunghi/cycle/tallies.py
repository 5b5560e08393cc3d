"""Upkeep of :class:`~huunghi.cycle.models.SubmissionTally`, the per-subtree roll-up of
received reports that completeness reads.

``tally_change`` runs inside the sending / returning transaction. A unit move changes
which subtrees a unit's reports belong to: :func:`tallies_refresh_chains` re-derives the
rows of the old and the new parent's chains (called from the ``UnitVersion`` "moved" row
the move writes). :func:`tallies_rebuild` recomputes everything from the submissions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q

from huunghi.cycle.models import RECEIVED_STATUSES, Submission, SubmissionTally
from huunghi.organisations.models import Unit

Key = tuple[int, int, Any]


def path_ids(path: str) -> list[int]:
    """Ids of the units on a materialized path, root first."""
    return [int(segment) for segment in path.split(".") if segment]


def tally_change(submission: Submission, sign: int) -> None:
    """Add (``sign=1``) or remove (``-1``) one received report in every ancestor's row."""
    on_time = sign if submission.on_time else 0
    for anchor_id in path_ids(submission.unit.path):
        key = {
            "anchor_id": anchor_id,
            "obligation_id": submission.obligation_id,
            "period_start": submission.period_start,
        }
        rows = SubmissionTally.objects.filter(**key)
        if rows.update(received=F("received") + sign, on_time=F("on_time") + on_time):
            continue
        try:
            with transaction.atomic():
                SubmissionTally.objects.create(**key, received=sign, on_time=on_time)
        except IntegrityError:
            rows.update(received=F("received") + sign, on_time=F("on_time") + on_time)


def _received() -> Any:
    return Submission.objects.filter(status__in=RECEIVED_STATUSES)


def _anchor_rows(anchor: Unit) -> list[SubmissionTally]:
    rows = (
        _received()
        .filter(unit__path__startswith=anchor.path)
        .values("obligation_id", "period_start")
        .annotate(received=Count("pk"), on_time=Count("pk", filter=Q(on_time=True)))
    )
    return [SubmissionTally(anchor=anchor, **row) for row in rows]


def tallies_refresh(anchors: Iterable[Unit]) -> None:
    """Re-derive the rows of ``anchors`` from the submissions of their subtrees."""
    anchors = list(anchors)
    with transaction.atomic():
        SubmissionTally.objects.filter(anchor__in=anchors).delete()
        for anchor in anchors:
            SubmissionTally.objects.bulk_create(_anchor_rows(anchor), batch_size=2000)


def tallies_refresh_chains(*parents: Unit | None) -> None:
    """Refresh the rows of every unit on the chains above (and including) ``parents``."""
    ids = {i for parent in parents if parent is not None for i in path_ids(parent.path)}
    tallies_refresh(Unit.objects.filter(pk__in=ids))


def tallies_rebuild() -> int:
    """Recompute every row from the submissions (one pass); returns the number of rows."""
    totals: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    rows = (
        _received()
        .values("unit__path", "obligation_id", "period_start")
        .annotate(received=Count("pk"), on_time=Count("pk", filter=Q(on_time=True)))
    )
    for row in rows.iterator(chunk_size=5000):
        for anchor_id in path_ids(row["unit__path"]):
            cell = totals[(anchor_id, row["obligation_id"], row["period_start"])]
            cell[0] += row["received"]
            cell[1] += row["on_time"]
    with transaction.atomic():
        SubmissionTally.objects.all().delete()
        SubmissionTally.objects.bulk_create(
            (
                SubmissionTally(anchor_id=a, obligation_id=o, period_start=p, received=r, on_time=t)
                for (a, o, p), (r, t) in totals.items()
            ),
            batch_size=5000,
        )
    return len(totals)


def on_unit_version_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A unit moved (``organisations.services.unit_move`` writes a "moved" version):
    refresh the chains of its previous and its new parent."""
    if not created or instance.change != "moved":
        return
    previous = (
        type(instance)
        .objects.filter(unit_id=instance.unit_id, valid_to__isnull=False)
        .exclude(pk=instance.pk)
        .select_related("parent")
        .order_by("-valid_to", "-pk")
        .first()
    )
    old_parent = previous.parent if previous is not None else None
    tallies_refresh_chains(old_parent, instance.parent)
