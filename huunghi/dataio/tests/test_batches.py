"""Imports write new records a batch at a time: few queries, the same audit rows and
summaries as one record at a time, the policy per unit, all or nothing, busy retried."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from huunghi.audit.models import AuditEvent
from huunghi.audit.services import diff
from huunghi.core.hooks import ACTIVITIES_CREATED, ACTIVITY_CHANGED, registered_hooks
from huunghi.core.testing import World
from huunghi.dataio.kinds.activities import ActivityData
from huunghi.dataio.models import ImportJournalEntry, ImportStatus
from huunghi.dataio.services import imports, undo
from huunghi.dataio.services import rows as row_processing
from huunghi.dataio.services.activity_batch import activities_import_create
from huunghi.dataio.tests.test_imports import rows, upload
from huunghi.records.models import Activity, Measure
from huunghi.records.services import activities as record_services
from huunghi.records.services.snapshots import activity_snapshot
from huunghi.reports.models import ActivityRollup, ActivitySummary


def _table(model: Any) -> set[tuple[Any, ...]]:
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
    return {
        tuple(str(Decimal(v).normalize()) if isinstance(v, Decimal) else v for v in row)
        for row in model.objects.values_list(*fields)
    }


def _summaries() -> tuple[set[Any], set[Any]]:
    return _table(ActivitySummary), _table(ActivityRollup)


@pytest.fixture
def one_batch(monkeypatch: Any) -> None:
    monkeypatch.setattr(row_processing, "BATCH_FIRST_ROWS", 500)
    monkeypatch.setattr(row_processing, "PAUSE_SECONDS", 0)


def _varied(world: World, count: int) -> list[list[Any]]:
    """Rows over two months, several days in each, with and without quantities and
    with two qualifiers."""
    made = rows(world, count)
    for i, row in enumerate(made):
        row[4] = dt.date(2025, 8 + i % 2, 1 + i % 5)  # start_date
        row[6] = None if i % 3 == 0 else 10 + i  # q.trees
        row[7] = "about" if i % 2 else "exact"
    return made


def test_every_write_hook_of_one_record_also_runs_for_a_batch() -> None:
    """Derived data kept per record write is kept per batch too (summaries, totals cache)."""
    assert set(registered_hooks(ACTIVITY_CHANGED)) <= set(registered_hooks(ACTIVITIES_CREATED))


def test_batched_summaries_equal_the_rebuilt_ones(world: World, clerk: Any) -> None:
    """After an import written in batches (grouped upkeep), the summary and roll-up rows
    are exactly those rebuilt from the raw tables."""
    job = imports.import_confirm(job=upload(clerk, _varied(world, 40)), user=clerk)
    assert job.status == ImportStatus.DONE and job.created_count == 40
    kept = _summaries()
    assert kept[0] and kept[1]
    call_command("rebuild_summaries", verbosity=0)
    assert _summaries() == kept


def test_each_imported_record_has_the_services_audit_row(world: World, clerk: Any) -> None:
    """The batch's audit rows say what ``activity_create`` says: the actor, the unit and
    the record's full snapshot (quantities included)."""
    imports.import_confirm(job=upload(clerk, _varied(world, 6)), user=clerk)
    for activity in Activity.objects.all():
        event = AuditEvent.objects.get(action="activity.create", target_id=str(activity.pk))
        assert (event.actor_id, event.unit_id) == (clerk.pk, activity.unit_id)
        assert event.target_type == "records.activity" and event.target_label == activity.title
        assert event.changes == diff(None, activity_snapshot(activity))


def _queries(world: World, clerk: Any, count: int) -> tuple[int, int]:
    body = rows(world, count, start_date=dt.date(2025, 8, 3))
    with CaptureQueriesContext(connection) as checking:
        job = upload(clerk, body)
    with CaptureQueriesContext(connection) as importing:
        job = imports.import_confirm(job=job, user=clerk)
    assert job.status == ImportStatus.DONE
    Activity.objects.all().delete()
    return len(checking), len(importing)


@pytest.mark.usefixtures("one_batch")
def test_queries_per_batch_do_not_grow_with_its_rows(world: World, clerk: Any) -> None:
    """Checking or importing 60 rows costs as many queries as 20 rows (one batch each)."""
    _queries(world, clerk, 2)  # caches of the process (scope, geography) filled once
    assert _queries(world, clerk, 20) == _queries(world, clerk, 60)


def test_a_bad_row_in_the_last_batch_stores_nothing(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """The earlier batches were committed with their journal; the last one's bad row
    undoes them all: no record, no summary row, no journal; the error names row and
    column, and the audit trail says each record was created and undone."""
    monkeypatch.setattr(row_processing, "BATCH_FIRST_ROWS", 10)
    monkeypatch.setattr(row_processing, "PAUSE_SECONDS", 0)
    job = upload(clerk, _varied(world, 45))
    assert job.status == ImportStatus.READY
    real_plan, real_write = ActivityData.plan_rows, ActivityData.write_planned
    batches: list[int] = []

    def last_row_fails(self: Any, context: Any, batch: Any) -> Any:
        planned = real_plan(self, context, batch)
        bad = ValidationError({"title": ["A rule that changed since the check."]})
        return [bad if row.number == 46 else plan for row, plan in zip(batch, planned, strict=True)]

    def write(self: Any, context: Any, planned: Any) -> None:
        batches.append(len(planned))
        real_write(self, context, planned)

    monkeypatch.setattr(ActivityData, "plan_rows", last_row_fails)
    monkeypatch.setattr(ActivityData, "write_planned", write)
    job = imports.import_confirm(job=job, user=clerk)
    assert len(batches) >= 2 and sum(batches) < 45  # batches were committed first
    assert job.status == ImportStatus.FAILED
    assert [(e["row"], e["column"]) for e in job.errors] == [(46, "Title")]
    assert not Activity.objects.exists()
    assert not ActivitySummary.objects.exists() and not ActivityRollup.objects.exists()
    assert not ImportJournalEntry.objects.exists()
    created = AuditEvent.objects.filter(action="activity.create").values_list("target_id")
    undone = AuditEvent.objects.filter(action="import.undo").values_list("target_id")
    assert sorted(created) == sorted(undone) and len(created) == sum(batches)


def test_the_batch_writer_checks_the_policy_for_each_unit(
    world: World, clerk: Any, other_clerk: Any
) -> None:
    """A batch checked for one clerk cannot be written by a clerk of another unit."""
    prepared = record_services.activity_prepare_create(
        acting_user=clerk,
        kind="tree_planting",
        unit=world.post_xa_mat,
        title="Trồng cây",
        start_date=dt.date(2025, 8, 1),
        quantities=[record_services.QuantityIn(Measure.TREES, 5)],
    )
    with pytest.raises(PermissionDenied):
        activities_import_create(prepared=[prepared], acting_user=other_clerk)
    assert not Activity.objects.exists()
    [created] = activities_import_create(prepared=[prepared], acting_user=clerk)
    assert created.quantities.get().value == 5


def test_a_busy_database_is_tried_again(world: World, clerk: Any, monkeypatch: Any) -> None:
    """A batch refused because another writer held the lock is planned and written again;
    the file is stored once."""
    monkeypatch.setattr(row_processing, "PAUSE_SECONDS", 0)
    job = upload(clerk, rows(world, 5))
    real_write = ActivityData.write_planned
    calls: list[int] = []

    def busy_once(self: Any, context: Any, planned: Any) -> None:
        calls.append(len(planned))
        if len(calls) == 1:
            raise OperationalError("database is locked")
        real_write(self, context, planned)

    monkeypatch.setattr(ActivityData, "write_planned", busy_once)
    job = imports.import_confirm(job=job, user=clerk)
    assert calls == [5, 5]
    assert job.status == ImportStatus.DONE and Activity.objects.count() == 5


def test_a_database_that_stays_busy_fails_the_import_cleanly(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """After the last attempt the job fails with the usual message and stores nothing."""
    monkeypatch.setattr(row_processing, "PAUSE_SECONDS", 0)
    job = upload(clerk, rows(world, 3))

    def always_busy(self: Any, context: Any, planned: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(ActivityData, "write_planned", always_busy)
    job = imports.import_confirm(job=job, user=clerk)
    assert job.status == ImportStatus.FAILED
    assert "nothing was imported" in job.errors[0]["message"]
    assert not Activity.objects.exists()


def test_a_check_stops_after_too_many_errors(world: World, clerk: Any, monkeypatch: Any) -> None:
    """A batch full of bad rows adds at most ``MAX_ERRORS`` of them, then says it stopped."""
    monkeypatch.setattr(row_processing, "MAX_ERRORS", 5)
    job = upload(clerk, rows(world, 30, unit="no such unit"))
    assert job.status == ImportStatus.INVALID
    assert [e["column"] for e in job.errors[:5]] == ["Reporting unit"] * 5
    assert [e["row"] for e in job.errors[:5]] == [2, 3, 4, 5, 6]
    assert job.errors[5]["message"] == "Too many errors; the check stopped here."
    assert len(job.errors) == 6


def test_a_finished_imports_journal_is_cleared_in_short_deletes(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """Once the file is stored the journal goes, a few entries per delete."""
    monkeypatch.setattr(undo, "CLEAR_CHUNK", 3)
    monkeypatch.setattr(undo, "CLEAR_PAUSE_SECONDS", 0)
    job = upload(clerk, rows(world, 8))
    with CaptureQueriesContext(connection) as queries:
        job = imports.import_confirm(job=job, user=clerk)
    assert job.status == ImportStatus.DONE and Activity.objects.count() == 8
    assert not ImportJournalEntry.objects.exists()
    deletes = [q for q in queries if q["sql"].startswith('DELETE FROM "dataio_importjournalentry"')]
    assert len(deletes) == 3
