"""Undoing an import removes its created records a chunk at a time: few queries, the
same audit rows and summaries as one record at a time, changed records put back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from huunghi.audit.models import AuditEvent
from huunghi.core.testing import World
from huunghi.dataio.models import ImportJob, ImportStatus
from huunghi.dataio.services import imports, undo
from huunghi.dataio.services import rows as row_processing
from huunghi.dataio.tests.test_batches import _summaries, _varied
from huunghi.dataio.tests.test_imports import KEYS, rows, upload
from huunghi.records.models import Activity


@pytest.fixture(autouse=True)
def _journal_kept(monkeypatch: Any) -> None:
    """A finished import keeps its journal, so that the tests can undo it."""
    monkeypatch.setattr(imports, "journal_clear", lambda job: None)
    monkeypatch.setattr(row_processing, "PAUSE_SECONDS", 0)


def _imported(clerk: Any, body: list[list[Any]]) -> ImportJob:
    job = imports.import_confirm(job=upload(clerk, body), user=clerk)
    assert job.status == ImportStatus.DONE, job.errors
    return job


def _undo_queries(world: World, clerk: Any, count: int) -> int:
    job = _imported(clerk, _varied(world, count))
    with CaptureQueriesContext(connection) as undoing:
        assert undo.import_undo(job) == count
    assert not Activity.objects.exists()
    return len(undoing)


def test_undo_queries_do_not_grow_with_the_records(world: World, clerk: Any) -> None:
    """Undoing 40 created records costs as many queries as undoing 10 (one chunk each;
    one record at a time took several queries per record)."""
    _undo_queries(world, clerk, 2)  # caches of the process filled once
    assert _undo_queries(world, clerk, 40) == _undo_queries(world, clerk, 10)


def test_undo_puts_back_summaries_audit_and_changed_records(world: World, clerk: Any) -> None:
    """A second import creates records and changes some of the first one's; undoing it
    removes what it created (one ``import.undo`` audit row each, naming actor, unit and
    title), puts the changed records back, and leaves the summary rows exactly as they
    were before it (and equal to their rebuild)."""
    _imported(clerk, _varied(world, 12))
    before = _summaries()
    kept = dict(Activity.objects.values_list("title", "quantities__value"))
    second = _varied(world, 20)  # rows 0-11 name the same records as the first import
    for row in second[:4]:
        row[KEYS.index("q.trees")] = 777
    for i, row in enumerate(second[12:], start=12):
        row[KEYS.index("title")] = f"Mới {i}"
    job = _imported(clerk, second)
    assert (job.created_count, job.updated_count) == (8, 4)

    assert undo.import_undo(job) == 12
    assert Activity.objects.count() == 12
    assert dict(Activity.objects.values_list("title", "quantities__value")) == kept
    assert _summaries() == before
    call_command("rebuild_summaries", verbosity=0)
    assert _summaries() == before
    undone = AuditEvent.objects.filter(action="import.undo").order_by("note")
    assert [event.note for event in undone] == sorted(f"Mới {i}" for i in range(12, 20))
    assert {(event.actor_id, event.unit_id, event.target_type) for event in undone} == {
        (clerk.pk, world.post_xa_mat.pk, "records.activity")
    }


def test_undo_by_someone_else_removes_nothing(world: World, clerk: Any, other_clerk: Any) -> None:
    """Only the account whose import created the records removes them: for anyone else
    the whole chunk is refused and every record stays."""
    job = _imported(clerk, rows(world, 3, start_date=dt.date(2025, 8, 3)))
    with pytest.raises(PermissionDenied):
        undo.imported_activities_remove(
            activity_ids=list(job.journal.values_list("object_id", flat=True)),
            acting_user=other_clerk,
        )
    assert Activity.objects.count() == 3
    assert not AuditEvent.objects.filter(action="import.undo").exists()
