"""A job failed by a reaper stays failed: its worker, only slow (it stopped beating but
went on), neither commits more of an import nor overwrites "failed" with "done", and a
second reaper arriving at the same moment changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from huunghi.audit.models import AuditEvent
from huunghi.core.testing import World
from huunghi.dataio.models import ExportJob, ExportStatus, ImportJob, ImportStatus
from huunghi.dataio.services import exports, imports
from huunghi.dataio.services import rows as row_processing
from huunghi.dataio.tests.test_imports import rows, upload
from huunghi.records.models import Activity


@pytest.fixture(autouse=True)
def _own_var_dir(settings: Any, tmp_path: Any) -> None:
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"


class _ReapAfterFirstBatch:
    """Stands in for the import's progress reporter: after the first batch is committed
    (progress is written between batches, outside any transaction) a reaper on another
    host fails the job, as it does when the worker's heartbeat went silent."""

    def __init__(self, kind: str, job_id: int, total: int, phase: str) -> None:
        self.job_id = job_id

    def __call__(self, done: int, *, force: bool = False) -> None:
        if done and ImportJob.objects.get(pk=self.job_id).status == ImportStatus.RUNNING:
            assert Activity.objects.count() == done  # the first batch is stored
            imports.import_fail_dead(ImportJob.objects.get(pk=self.job_id))


def test_a_slow_worker_neither_writes_more_nor_finishes_a_reaped_import(
    world: World, clerk: Any, monkeypatch: Any
) -> None:
    """The reaper undoes the first batch; the worker's next batch is rolled back and the
    job keeps the reaper's "failed, nothing kept" (the old code stored the other rows and
    then marked the job done)."""
    monkeypatch.setattr(row_processing, "BATCH_FIRST_ROWS", 3)
    monkeypatch.setattr(row_processing, "PAUSE_SECONDS", 0)
    monkeypatch.setattr(imports, "Reporter", _ReapAfterFirstBatch)
    job = upload(clerk, rows(world, 9))
    assert job.status == ImportStatus.READY
    job = imports.import_confirm(job=job, user=clerk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "Nothing was kept" in job.message and "3 records" in job.message
    assert Activity.objects.count() == 0
    assert not job.journal.exists()
    assert not AuditEvent.objects.filter(action="import.done").exists()


def test_two_reapers_at_once_fail_an_import_once(world: World, clerk: Any) -> None:
    """Both read the job as dead; the second finds it failed already and leaves it (the
    old code undid again and rewrote the message to "0 records")."""
    job = upload(clerk, rows(world, 3))
    imports.import_confirm(job=job, user=clerk)
    first, second = ImportJob.objects.get(pk=job.pk), ImportJob.objects.get(pk=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    first.status = second.status = ImportStatus.RUNNING
    imports.journal_write(first, [("create", a.pk, None) for a in Activity.objects.all()])
    imports.import_fail_dead(first)
    imports.import_fail_dead(second)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "3 records" in job.message
    assert Activity.objects.count() == 0


def test_a_slow_export_does_not_overwrite_its_reaping(
    world: World, clerk: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    """Reaped while it wrote its rows, the export stays failed saying no file was kept:
    the file it wrote afterwards is deleted and no download is audited."""
    job = exports.export_start(user=clerk, kind="activities", fmt="csv", params={})
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.QUEUED, file="")
    real_content = exports._content

    def reaped_while_writing(**kwargs: Any) -> Any:
        exports.export_fail_dead(ExportJob.objects.get(pk=job.pk))
        return real_content(**kwargs)

    monkeypatch.setattr(exports, "_content", reaped_while_writing)
    audited = AuditEvent.objects.filter(action="export.download").count()
    exports.run_export(job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "No file was kept" in job.message
    assert not job.file
    assert list(tmp_path.rglob("*.csv")) == []
    assert AuditEvent.objects.filter(action="export.download").count() == audited


def test_an_import_job_marked_failed_is_not_reaped_again(world: World, clerk: Any) -> None:
    """A failed job is never active: finishing it again writes nothing."""
    job = upload(clerk, rows(world, 1))
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED, message="kept", finished_at=timezone.now()
    )
    job.refresh_from_db()
    assert not job.finish_if_active(status=ImportStatus.DONE, message="overwritten")
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.message == "kept"
