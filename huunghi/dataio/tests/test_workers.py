"""Workers that come back: a job whose process died is failed with nothing kept, a queued
job says when no worker is alive, and workers on PostgreSQL never share a task."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from huunghi.core.testing import World
from huunghi.dataio import workers
from huunghi.dataio.models import ImportJob, ImportStatus
from huunghi.dataio.selectors import import_state
from huunghi.dataio.services import imports
from huunghi.dataio.services.undo import journal_write
from huunghi.dataio.tests.test_imports import rows, upload
from huunghi.records.models import Activity


@pytest.fixture(autouse=True)
def _own_var_dir(settings: Any, tmp_path: Any) -> None:
    settings.VAR_DIR = tmp_path


def _half_done(world: World, clerk: Any) -> ImportJob:
    """A job that stored three records in committed chunks and then went silent."""
    job = upload(clerk, rows(world, 3))
    job = imports.import_confirm(job=job, user=clerk)
    journal_write(job, [("create", a.pk, None) for a in Activity.objects.all()])
    long_ago = timezone.now() - dt.timedelta(minutes=2)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, updated_at=long_ago, heartbeat_at=long_ago
    )
    return ImportJob.objects.get(pk=job.pk)


def test_dead_import_is_failed_and_undone(world: World, clerk: Any) -> None:
    """The reaper removes what the dead import stored and says nothing was kept."""
    job = _half_done(world, clerk)
    assert Activity.objects.count() == 3
    assert imports.import_reap() == [job.pk]
    job.refresh_from_db()
    assert Activity.objects.count() == 0
    assert job.status == ImportStatus.FAILED
    assert "Nothing was kept" in job.message and "3 records" in job.message
    assert not job.journal.exists()


def test_running_and_queued_jobs_are_left_alone(world: World, clerk: Any) -> None:
    """A job reporting progress, or one still waiting for a worker, is not reaped."""
    job = _half_done(world, clerk)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
    queued = upload(clerk, rows(world, 2))
    ImportJob.objects.filter(pk=queued.pk).update(
        status=ImportStatus.QUEUED, updated_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert imports.import_reap() == []
    assert Activity.objects.count() == 3


def test_queued_job_says_waiting_for_the_worker(world: World, clerk: Any) -> None:
    """No heartbeat: the job page says so; once a worker beats, it does not."""
    job = upload(clerk, rows(world, 2))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED)
    job.refresh_from_db()
    assert import_state(job).waiting_for_worker
    client = Client()
    client.force_login(clerk)
    page = client.get(f"/data/import/{job.pk}/status/")
    assert b"Waiting for the worker" in page.content
    workers.beat("test-worker")
    assert not import_state(job).waiting_for_worker
    assert b"Waiting for the worker" not in client.get(f"/data/import/{job.pk}/status/").content


def test_heartbeat_goes_stale() -> None:
    """A worker that stopped beating half a minute ago is not alive."""
    workers.beat("old")
    assert workers.worker_alive()
    assert not workers.worker_alive(now=dt.datetime.now().timestamp() + 60)


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_claim_the_same_task() -> None:
    """PostgreSQL: the task backend claims with FOR UPDATE SKIP LOCKED, so two workers
    claiming at once get different tasks."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks that skip: PostgreSQL only")
    from django_tasks_db.models import DBTaskResult

    from huunghi.dataio import tasks

    for number in range(2):
        tasks.write_export.enqueue(number)
    claimed: list[Any] = []
    inside = threading.Barrier(2)

    def claim() -> None:
        from django.db import transaction

        try:
            with transaction.atomic():
                task = DBTaskResult.objects.ready().get_locked()
                claimed.append(task.pk if task else None)
                inside.wait(timeout=10)
        finally:  # also when the barrier breaks: no connection outlives the thread
            connections.close_all()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert None not in claimed and len(set(claimed)) == 2
