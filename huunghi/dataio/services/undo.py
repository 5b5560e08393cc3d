"""Undoing an import that committed some of its chunks and then failed or died.

The journal (:class:`~huunghi.dataio.models.ImportJournalEntry`) lists what the import
wrote, committed with each chunk. :func:`import_undo` walks it newest first, a short
transaction per chunk of entries (other users' writes get in between), and deletes each
entry with the change it undid, so an undo interrupted in turn resumes where it stopped.
A chunk's changed records are put back one at a time (through the records service); its
created records are removed together (``DataKind.undo_creates``).
"""

from __future__ import annotations

import pickle  # the journal holds only what this application wrote
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huunghi.audit.models import AuditEvent
from huunghi.audit.services import audit_event, audit_log
from huunghi.core.actors import authorize
from huunghi.dataio.kinds import data_kind
from huunghi.dataio.models import ImportJob, ImportJournalEntry, ImportStatus, JournalAction
from huunghi.records.models import Activity
from huunghi.reports.summaries import summary_after, summary_before
from huunghi.reports.summary_batch import summary_removed

if TYPE_CHECKING:
    from huunghi.accounts.models import User
    from huunghi.accounts.types import Actor
    from huunghi.dataio.kinds.base import DataKind

UNDO_CHUNK = 100
CLEAR_CHUNK = 2000
CLEAR_PAUSE_SECONDS = 0.12


class ImportReapedError(Exception):
    """The import was failed by a reaper while its worker went on (it stopped beating):
    the chunk is rolled back and the worker leaves the job as the reaper left it."""


def journal_write(job: ImportJob, entries: list[tuple[str, int, Any]]) -> None:
    """Store a chunk's entries (call inside the chunk's transaction, after its writes).

    The job row is updated first, which holds its lock until the chunk commits: a reaper
    failing the job waits for the commit and then undoes this chunk too, and once the job
    is failed no chunk commits (raises :class:`ImportReapedError`, rolling it back)."""
    still_running = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.RUNNING).update(
        heartbeat_at=timezone.now()
    )
    if not still_running:
        raise ImportReapedError(job.pk)
    ImportJournalEntry.objects.bulk_create(
        ImportJournalEntry(
            job=job,
            action=action,
            object_id=object_id,
            before=pickle.dumps(before) if before is not None else b"",
        )
        for action, object_id, before in entries
    )


def journal_clear(job: ImportJob) -> None:
    """Forget a finished import's journal a chunk at a time, each delete its own short
    transaction with a pause after it (one delete of 50,000 entries held the write lock
    while other users waited)."""
    while ids := list(job.journal.order_by("id").values_list("id", flat=True)[:CLEAR_CHUNK]):
        ImportJournalEntry.objects.filter(pk__in=ids).delete()
        if len(ids) == CLEAR_CHUNK:
            time.sleep(CLEAR_PAUSE_SECONDS)


def import_undo(job: ImportJob) -> int:
    """Undo everything the job's journal lists; the number of entries undone."""
    kind = data_kind(job.kind)
    undone = 0
    while True:
        with transaction.atomic():
            entries = list(job.journal.order_by("-id")[:UNDO_CHUNK])
            _undo_chunk(kind, entries, job.user)
            ImportJournalEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()
        undone += len(entries)
        if len(entries) < UNDO_CHUNK:
            return undone


def _undo_chunk(kind: DataKind, entries: list[ImportJournalEntry], user: User) -> None:
    """Put back the changed records one by one (newest first), then remove the created
    ones together (after: a row may have changed a record an earlier row created)."""
    for entry in entries:
        if entry.action != JournalAction.CREATE:
            before = pickle.loads(bytes(entry.before))  # noqa: S301 - written by this application
            kind.undo_update(entry.object_id, before, user)
    created = [entry.object_id for entry in entries if entry.action == JournalAction.CREATE]
    if created:
        kind.undo_creates(created, user)


def imported_activities_remove(*, activity_ids: Sequence[int], acting_user: Actor) -> int:
    """:func:`imported_activity_remove` for a chunk of activities in a few queries: the
    same check per record, the same audit row per record, their summary rows taken off
    together. All or nothing; the number removed (ids already gone are skipped)."""
    with transaction.atomic():
        activities = list(
            Activity.objects.select_related("unit").filter(pk__in=activity_ids).order_by("pk")
        )
        for activity in activities:
            _authorise_removal(activity, acting_user)
        ids = [activity.pk for activity in activities]
        if not ids:
            return 0
        AuditEvent.objects.bulk_create(_removal_audit(a, acting_user) for a in activities)
        summary_removed(ids)
        Activity.objects.filter(pk__in=ids).delete()
    return len(ids)


def _authorise_removal(activity: Activity, acting_user: Actor) -> None:
    authorize(
        acting_user,
        lambda user: activity.created_by_id == user.pk,
        _("Only the account whose import created a record may remove it."),
    )


def _removal_audit(activity: Activity, acting_user: Actor) -> AuditEvent:
    """What ``audit_log(action="import.undo", …)`` writes for the activity."""
    return audit_event(
        actor=acting_user,
        action="import.undo",
        target=activity,
        unit=activity.unit_id,
        note=activity.title[:200],
    )


@transaction.atomic
def imported_activity_remove(*, activity_id: int, acting_user: Actor) -> None:
    """Delete an activity an unfinished import created, with its summary rows and an
    audit entry (nobody else can have approved it: imported records start as drafts).

    Only the account whose import created it (or the system) removes it: the undo acts
    for the job's owner, and nobody removes someone else's record this way.
    """
    activity = Activity.objects.select_related("unit").filter(pk=activity_id).first()
    if activity is None:
        return
    _authorise_removal(activity, acting_user)
    before = summary_before(activity)
    audit_log(
        actor=acting_user,
        action="import.undo",
        target=activity,
        unit=activity.unit,
        note=activity.title[:200],
    )
    activity.delete()
    summary_after(before=before, activity=None)
