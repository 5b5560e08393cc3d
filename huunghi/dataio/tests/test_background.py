"""Large imports run in the background with progress; a killed import leaves nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from huunghi.core.testing import World
from huunghi.dataio import progress
from huunghi.dataio.kinds.activities import ActivityData
from huunghi.dataio.models import STALE_AFTER, ImportStatus
from huunghi.dataio.selectors import import_state
from huunghi.dataio.services import imports
from huunghi.dataio.services import rows as row_processing
from huunghi.dataio.tests.test_imports import rows, upload
from huunghi.records.models import Activity

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


class Killed(BaseException):
    """Stands for the process being killed: no ``except Exception`` handler sees it."""


@pytest.fixture
def reports(monkeypatch: Any) -> list[tuple[str, int, int]]:
    """Every progress report written, as ``(phase, done, total)``."""
    seen: list[tuple[str, int, int]] = []
    real = progress.write_progress
    monkeypatch.setattr(progress, "WRITE_EVERY_SECONDS", 0)

    def record(kind: str, job_id: int, *, done: int, total: int, phase: str) -> None:
        seen.append((phase, done, total))
        real(kind, job_id, done=done, total=total, phase=phase)

    monkeypatch.setattr(progress, "write_progress", record)
    return seen


@override_settings(TASKS=IMMEDIATE, HUUNGHI_IMPORT_BACKGROUND_ROWS=5)
def test_large_files_are_checked_and_imported_by_tasks(
    world: World, clerk: Any, reports: list[tuple[str, int, int]], monkeypatch: Any
) -> None:
    """Above the threshold both steps go to the task queue and report their progress."""
    from huunghi.dataio import tasks

    enqueued: list[str] = []
    for name in ("check_import", "run_import"):
        task = getattr(tasks, name)
        monkeypatch.setattr(tasks, name, _Spy(task, name, enqueued))
    monkeypatch.setattr(row_processing, "BATCH_FIRST_ROWS", 4)  # progress comes per batch
    job = upload(clerk, rows(world, 12))
    assert job.status == ImportStatus.READY
    job = imports.import_confirm(job=job, user=clerk)
    assert job.status == ImportStatus.DONE
    assert enqueued == ["check_import", "run_import"]
    assert Activity.objects.count() == 12
    importing = [done for phase, done, _total in reports if phase == "importing"]
    assert importing == sorted(importing) and importing[-1] == 12 and len(importing) > 2
    assert {total for _phase, _done, total in reports} == {12}
    assert import_state(job).progress.total == 0  # cleared once finished


class _Spy:
    def __init__(self, task: Any, name: str, calls: list[str]) -> None:
        self.task, self.name, self.calls = task, name, calls

    def enqueue(self, *args: Any) -> Any:
        self.calls.append(self.name)
        return self.task.enqueue(*args)


def test_a_killed_import_stores_nothing_and_can_restart(
    world: World, clerk: Any, monkeypatch: Any, reports: list[tuple[str, int, int]]
) -> None:
    """The process dies while writing its second batch: the first batch was committed with
    its journal, the second never commits; the job stays "importing" until its heartbeat
    is stale, and a restart undoes the first batch and imports everything once."""
    job = upload(clerk, rows(world, 6))
    monkeypatch.setattr(row_processing, "BATCH_FIRST_ROWS", 3)
    monkeypatch.setattr(row_processing, "PAUSE_SECONDS", 0)
    real = ActivityData.write_planned
    calls: list[int] = []

    def dies_in_the_second_batch(self: Any, context: Any, planned: Any) -> Any:
        calls.append(len(planned))
        real(self, context, planned)
        if len(calls) > 1:
            raise Killed

    monkeypatch.setattr(ActivityData, "write_planned", dies_in_the_second_batch)
    with pytest.raises(Killed):
        imports.import_confirm(job=job, user=clerk)
    assert Activity.objects.count() == 3  # the first batch, journalled
    assert job.journal.count() == 3
    job.refresh_from_db()
    assert job.status == ImportStatus.RUNNING
    state = import_state(job)
    assert state.progress.phase == "importing" and state.progress.done == 3
    assert not state.stale
    later = timezone.now() + STALE_AFTER + dt.timedelta(seconds=1)
    assert job.is_stale(now=later)

    monkeypatch.setattr(ActivityData, "write_planned", real)
    monkeypatch.setattr(timezone, "now", lambda: later)
    job = imports.import_restart(job=job, user=clerk)
    assert job.status == ImportStatus.DONE
    assert job.attempts == 2
    assert Activity.objects.count() == 6
    assert not job.journal.exists()


def test_an_unexpected_error_fails_the_job_and_stores_nothing(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    job = upload(clerk, rows(world, 3))

    def broken(self: Any, context: Any, planned: Any) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setattr(ActivityData, "write_planned", broken)
    job = imports.import_confirm(job=job, user=clerk)
    assert job.status == ImportStatus.FAILED
    assert "nothing was imported" in job.errors[0]["message"]
    assert not Activity.objects.exists()
