"""Workers that come back: a job whose process died is failed with nothing kept, a queued
job says when no worker is alive, and workers on PostgreSQL never share a task."""

from __future__ import annotations

import datetime as dt
import threading
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from huunghi.core.testing import World
from huunghi.dataio import tasks, workers
from huunghi.dataio.models import STALE_AFTER, ExportJob, ExportStatus, ImportJob, ImportStatus
from huunghi.dataio.selectors import export_state, import_state
from huunghi.dataio.services import exports, imports
from huunghi.dataio.services.undo import journal_write
from huunghi.dataio.tests.helpers import housekeeping_beats
from huunghi.dataio.tests.test_imports import rows, upload
from huunghi.records.models import Activity


@pytest.fixture(autouse=True)
def _own_var_dir(settings: Any, tmp_path: Any) -> None:
    settings.VAR_DIR = tmp_path


def _half_done(world: World, clerk: Any) -> ImportJob:
    """A job that stored three records in committed chunks and then went silent."""
    job = upload(clerk, rows(world, 3))
    job = imports.import_confirm(job=job, user=clerk)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    journal_write(job, [("create", a.pk, None) for a in Activity.objects.all()])
    long_ago = timezone.now() - dt.timedelta(minutes=2)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=long_ago, heartbeat_at=long_ago)
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
    assert (job.created_count, job.updated_count, job.processed_rows) == (0, 0, 0)
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
    # As queuing does (imports.schedule): no heartbeat until a worker starts the job.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED, heartbeat_at=None)
    job.refresh_from_db()
    assert import_state(job).waiting_for_worker
    client = Client()
    client.force_login(clerk)
    page = client.get(f"/data/import/{job.pk}/status/")
    assert b"Waiting for the worker" in page.content
    workers.beat("test-worker")
    assert not import_state(job).waiting_for_worker
    assert b"Waiting for the worker" not in client.get(f"/data/import/{job.pk}/status/").content


@pytest.mark.django_db
def test_heartbeat_goes_stale() -> None:
    """A worker that stopped beating half a minute ago is not alive; one that stopped
    cleanly is forgotten at once."""
    workers.beat("old")
    assert workers.worker_alive()
    assert not workers.worker_alive(now=timezone.now() + dt.timedelta(seconds=60))
    workers.forget("old")
    assert not workers.worker_alive()


def test_a_job_running_on_another_host_is_never_reaped(
    world: World, clerk: Any, settings: Any, tmp_path: Any
) -> None:
    """Liveness comes from the database, not from files: a worker on host A runs a long
    import and keeps its heartbeat; host B (its own VAR_DIR, no progress file, no
    heartbeat file) sees the worker alive and does not reap the job, however long it has
    been running. Once host A's beats stop, host B reaps it within the stale limit."""
    job = _half_done(world, clerk)  # started and last saved two minutes ago
    settings.VAR_DIR = tmp_path / "host-a"
    with workers.running_job(ImportJob, job.pk):  # what run_worker's task does on host A
        workers.beat("host-a-123")
        assert workers.beat_jobs() == 1

    settings.VAR_DIR = tmp_path / "host-b"
    assert workers.worker_alive()
    assert imports.import_reap() == []
    assert Activity.objects.count() == 3
    job.refresh_from_db()
    assert job.status == ImportStatus.RUNNING and not import_state(job).stale

    silent = timezone.now() + STALE_AFTER + dt.timedelta(seconds=1)
    assert not workers.worker_alive(now=silent)
    assert imports.import_reap(now=silent) == [job.pk]
    assert Activity.objects.count() == 0


def test_the_reaper_leaves_the_jobs_of_its_own_process_alone(world: World, clerk: Any) -> None:
    """A job this very worker runs is alive even when its heartbeat could not be written
    (SQLite busy under a long write): the reaper skips it."""
    job = _half_done(world, clerk)
    with workers.running_job(ImportJob, job.pk):
        ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - STALE_AFTER * 3)
        assert imports.import_reap() == []
    assert imports.import_reap() == [job.pk]


def test_a_queued_job_is_not_stale_until_a_worker_starts_it(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """Queuing (a restart here) clears the heartbeat: the old heartbeat of an earlier
    attempt does not make a job waiting in the queue look dead, however long it waits."""
    job = _half_done(world, clerk)  # an earlier attempt's heartbeat, two minutes old
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED)
    job.refresh_from_db()
    monkeypatch.setattr(imports, "in_background", lambda job: True)
    monkeypatch.setattr(tasks, "run_import", SimpleNamespace(enqueue=lambda job_id: None))
    job = imports.import_restart(job=job, user=clerk)
    assert job.status == ImportStatus.QUEUED and job.heartbeat_at is None
    an_hour_later = timezone.now() + dt.timedelta(hours=1)
    assert not job.is_stale(now=an_hour_later)
    assert imports.import_reap(now=an_hour_later) == []


@pytest.mark.django_db(transaction=True)
def test_the_worker_thread_keeps_the_running_job_alive_in_the_database(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """run_worker's housekeeping thread (its own connection) writes the worker's row and
    the heartbeat of the job the worker runs; stopping cleanly removes the row."""
    job = _half_done(world, clerk)
    housekeeping_beats(ImportJob, job.pk, "host-a-1", monkeypatch)
    assert not ImportJob.objects.get(pk=job.pk).is_stale()


def _silent_export(clerk: Any) -> ExportJob:
    """An export a worker started two minutes ago and then went silent (it died)."""
    job = ExportJob.objects.create(user=clerk, kind="activities", format="xlsx", language="en")
    long_ago = timezone.now() - dt.timedelta(minutes=2)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, updated_at=long_ago, heartbeat_at=long_ago
    )
    return ExportJob.objects.get(pk=job.pk)


def _queued_export(clerk: Any, monkeypatch: Any) -> ExportJob:
    """An export asked for and queued, no worker having picked it up."""
    monkeypatch.setattr(tasks, "write_export", SimpleNamespace(enqueue=lambda job_id: None))
    return exports.export_start(user=clerk, kind="activities", fmt="xlsx", params={})


def test_dead_export_is_failed_saying_no_file_was_kept(world: World, clerk: Any) -> None:
    """The one reaper fails an export whose worker died, with no file and a message saying
    so in the requester's language; its page stops polling and shows the message."""
    job = _silent_export(clerk)
    vietnamese = _silent_export(clerk)
    ExportJob.objects.filter(pk=vietnamese.pk).update(language="vi")
    assert sorted(workers.reap_all()["dataio.ExportJob"]) == [job.pk, vietnamese.pk]
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and job.finished_at is not None
    assert not job.file and "No file was kept" in job.message
    assert "Không có tệp nào được giữ lại" in ExportJob.objects.get(pk=vietnamese.pk).message
    client = Client()
    client.force_login(clerk)
    page = client.get(f"/data/exports/{job.pk}/status/").content.decode()
    assert "No file was kept" in page and "hx-get" not in page
    assert workers.reap_all()["dataio.ExportJob"] == []


def test_the_export_task_keeps_its_heartbeat_while_it_writes(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """Run by the worker's task, a started export has a heartbeat (so its death is seen)
    and is never reaped by its own process, however old that heartbeat looks."""
    task = tasks.write_export
    job = _queued_export(clerk, monkeypatch)
    seen: dict[str, Any] = {}
    write = exports._write

    def watched(running: ExportJob) -> None:
        seen["heartbeat"] = ExportJob.objects.get(pk=running.pk).heartbeat_at
        ExportJob.objects.filter(pk=running.pk).update(
            heartbeat_at=timezone.now() - STALE_AFTER * 3
        )
        seen["reaped"] = workers.reap_all()["dataio.ExportJob"]
        write(running)

    monkeypatch.setattr(exports, "_write", watched)
    task.call(job.pk)  # what the worker does with the queued task
    job.refresh_from_db()
    assert seen["heartbeat"] is not None and seen["reaped"] == []
    assert job.status == ExportStatus.DONE and job.file


def test_queued_export_says_waiting_for_the_worker(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """A queued export no worker has started says so when no worker is alive, is never
    stale however long it waits, and says nothing more once a worker beats."""
    job = _queued_export(clerk, monkeypatch)
    assert job.status == ExportStatus.QUEUED and job.heartbeat_at is None
    assert export_state(job).waiting_for_worker
    client = Client()
    client.force_login(clerk)
    assert b"Waiting for the worker" in client.get(f"/data/exports/{job.pk}/status/").content
    an_hour_later = timezone.now() + dt.timedelta(hours=1)
    assert not job.is_stale(now=an_hour_later)
    assert workers.reap_all(now=an_hour_later)["dataio.ExportJob"] == []
    workers.beat("worker-1")
    assert not export_state(job).waiting_for_worker
    assert b"Waiting for the worker" not in client.get(f"/data/exports/{job.pk}/status/").content


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_claim_the_same_task() -> None:
    """PostgreSQL: the task backend claims with FOR UPDATE SKIP LOCKED, so two workers
    claiming at once get different tasks."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks that skip: PostgreSQL only")
    from django_tasks_db.models import DBTaskResult

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
