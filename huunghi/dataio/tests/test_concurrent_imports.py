"""Two imports of the same rows at the same moment store each record once.

An import checks a batch with no transaction open (the existing-record lookup included)
and writes it afterwards in a short transaction; a second import of the same file can
store the same rows in between. The write transaction locks the rows' identities and
looks them up again, so the later writer finds them and reports them as already present.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.core.management import call_command
from django.db import close_old_connections, connection

from huunghi.audit.models import AuditEvent
from huunghi.core.testing import World
from huunghi.dataio.kinds import activities as activity_kind
from huunghi.dataio.kinds.activities import ActivityData
from huunghi.dataio.models import ImportJournalEntry, ImportStatus
from huunghi.dataio.services import imports
from huunghi.dataio.services import rows as row_processing
from huunghi.dataio.tests.test_batches import _summaries
from huunghi.dataio.tests.test_imports import rows, upload
from huunghi.records.models import Activity


@pytest.fixture(autouse=True)
def _no_pause(monkeypatch: Any) -> None:
    monkeypatch.setattr(row_processing, "PAUSE_SECONDS", 0)


def test_an_import_that_checked_before_another_wrote_finds_its_records(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """Import A checks its batch (nothing stored yet); import B of the same rows then
    runs to the end; A's write finds B's records: one copy of each, A's rows reported
    unchanged (nothing created, no error), one audit row each and summaries equal to
    their rebuild."""
    first = upload(clerk, rows(world, 4))
    second = upload(clerk, rows(world, 4))
    assert first.status == second.status == ImportStatus.READY
    plan = ActivityData.plan_rows
    other: dict[str, Any] = {}

    def plan_then_the_other_import(self: ActivityData, context: Any, batch: list[Any]) -> Any:
        planned = plan(self, context, batch)
        if not other:
            other["job"] = None  # the other import's own plan runs as it was
            other["job"] = imports.import_confirm(job=second, user=clerk)
        return planned

    monkeypatch.setattr(ActivityData, "plan_rows", plan_then_the_other_import)
    job = imports.import_confirm(job=first, user=clerk)

    assert other["job"].status == ImportStatus.DONE and other["job"].created_count == 4
    assert job.status == ImportStatus.DONE, job.errors
    assert (job.created_count, job.updated_count, job.unchanged_count) == (0, 0, 4)
    assert [item["action"] for item in job.preview] == ["unchanged"] * 4
    assert Activity.objects.count() == 4
    assert sorted(Activity.objects.values_list("title", flat=True)) == [
        f"Trồng cây {i}" for i in range(4)
    ]
    assert AuditEvent.objects.filter(action="activity.create").count() == 4
    assert not ImportJournalEntry.objects.exists()
    kept = _summaries()
    call_command("rebuild_summaries", verbosity=0)
    assert _summaries() == kept


def test_a_changed_row_stored_meanwhile_is_updated_not_duplicated(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """When the other import stored a row with different figures after this one's
    check, this import's write updates that record (same key) instead of adding one."""
    mine = rows(world, 2)
    theirs = rows(world, 2)
    theirs[1][6] = 999  # q.trees
    first = upload(clerk, mine)
    second = upload(clerk, theirs)
    plan = ActivityData.plan_rows
    other: dict[str, Any] = {}

    def plan_then_the_other_import(self: ActivityData, context: Any, batch: list[Any]) -> Any:
        planned = plan(self, context, batch)
        if not other:
            other["job"] = None  # the other import's own plan runs as it was
            other["job"] = imports.import_confirm(job=second, user=clerk)
        return planned

    monkeypatch.setattr(ActivityData, "plan_rows", plan_then_the_other_import)
    job = imports.import_confirm(job=first, user=clerk)

    assert job.status == ImportStatus.DONE, job.errors
    assert (job.created_count, job.updated_count, job.unchanged_count) == (0, 1, 1)
    assert Activity.objects.count() == 2
    assert Activity.objects.get(title="Trồng cây 1").quantities.get().value == 101


def test_a_record_removed_after_the_check_is_created_again_once(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """A row whose record existed when the batch was checked but was removed before the
    write creates it again, once (its key looked up again holding the unit)."""
    imports.import_confirm(job=upload(clerk, rows(world, 2)), user=clerk)
    again = upload(clerk, rows(world, 2))
    assert again.unchanged_count == 2
    plan = ActivityData.plan_rows

    def plan_then_remove(self: ActivityData, context: Any, batch: list[Any]) -> Any:
        planned = plan(self, context, batch)
        Activity.objects.filter(title="Trồng cây 1").delete()
        return planned

    monkeypatch.setattr(ActivityData, "plan_rows", plan_then_remove)
    job = imports.import_confirm(job=again, user=clerk)
    assert job.status == ImportStatus.DONE, job.errors
    assert (job.created_count, job.unchanged_count) == (1, 1)
    assert sorted(Activity.objects.values_list("title", flat=True)) == [
        "Trồng cây 0",
        "Trồng cây 1",
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "sqlite" in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
    reason="SQLite's test database is shared in memory; there every transaction holds "
    "the write lock from its start (IMMEDIATE), which the test above covers",
)
def test_two_imports_writing_at_the_same_moment_store_one_copy(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """Two imports in two connections both check the same rows before either writes;
    while the first one's write transaction is open the second one starts its own. The
    second waits for the first (the units' lock) and then finds its records."""
    jobs = [upload(clerk, rows(world, 3)) for _ in range(2)]
    both_planned = threading.Barrier(2, timeout=30)
    plan = ActivityData.plan_rows
    create = activity_kind.activities_import_create

    def plan_and_wait(self: ActivityData, context: Any, batch: list[Any]) -> Any:
        planned = plan(self, context, batch)
        both_planned.wait()
        return planned

    def create_slowly(**arguments: Any) -> Any:
        created = create(**arguments)
        time.sleep(0.5)  # the other import's write transaction starts meanwhile
        return created

    monkeypatch.setattr(ActivityData, "plan_rows", plan_and_wait)
    monkeypatch.setattr(activity_kind, "activities_import_create", create_slowly)
    finished: list[Any] = []

    def run(job: Any) -> None:
        try:
            finished.append(imports.import_confirm(job=job, user=clerk))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(finished) == 2 and all(job.status == ImportStatus.DONE for job in finished)
    assert sorted(job.created_count for job in finished) == [0, 3]
    assert sorted(job.unchanged_count for job in finished) == [0, 3]
    assert Activity.objects.count() == 3
