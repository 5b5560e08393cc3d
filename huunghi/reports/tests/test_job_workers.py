"""Review-report jobs and the worker's heartbeat: a job whose worker died is failed with
a message saying nothing was made or issued, a running one is kept alive, and a queued
one says when no worker is alive (the same heartbeat and reaper as imports and exports,
:mod:`huunghi.dataio.workers`)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from huunghi.accounts.models import Role
from huunghi.dataio import workers
from huunghi.dataio.models import STALE_AFTER
from huunghi.dataio.tests.helpers import housekeeping_beats
from huunghi.reports import services
from huunghi.reports.models import IssuedReport, JobStatus, ReportJob
from huunghi.reports.review import jobs

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
REAPED = "No file was made and nothing was issued"


def _tay_ninh_2024(story, role):
    """Who asks, and for which unit, period and kind of review report."""
    w = story.world
    return {
        "acting_user": w.user(role, w.bdbp_tay_ninh),
        "unit": w.bdbp_tay_ninh,
        "period_start": dt.date(2024, 1, 1),
        "period_end": dt.date(2024, 12, 31),
        "review_kind": "interim",
    }


def _ask(story, language="en"):
    """A review report asked for and queued (the task is not run: no worker took it)."""
    return services.report_job_create(
        **_tay_ninh_2024(story, Role.APPROVER), fmt="docx", language=language
    )


def _silent(story, language="en"):
    """A job a worker started two minutes ago and then went silent (it died)."""
    job = _ask(story, language)
    long_ago = timezone.now() - dt.timedelta(minutes=2)
    ReportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, progress=10, updated_at=long_ago, heartbeat_at=long_ago
    )
    return ReportJob.objects.get(pk=job.pk)


def _page(client, story, job):
    w = story.world
    client.force_login(w.user(Role.APPROVER, w.bdbp_tay_ninh))
    return client.get(reverse("reports:job", args=[job.pk])).text


def test_a_dead_report_job_is_failed_and_the_draft_is_left_as_it_was(story, client):
    """The reaper fails the job of a dead worker: no file, a message saying nothing was
    made or issued (in the requester's language), and the unit's draft untouched."""
    draft = services.issued_report_create(**_tay_ninh_2024(story, Role.CLERK), language="vi")
    before = IssuedReport.objects.values().get(pk=draft.pk)
    job, vietnamese = _silent(story), _silent(story, language="vi")
    reaped = workers.reap_all()["reports.ReportJob"]
    assert sorted(map(str, reaped)) == sorted([str(job.pk), str(vietnamese.pk)])
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None and not job.file
    assert REAPED in job.message
    vietnamese.refresh_from_db()
    assert "không có gì được ban hành" in vietnamese.message
    assert list(IssuedReport.objects.values()) == [before]
    page = _page(client, story, job)
    assert REAPED in page and "hx-get" not in page
    assert workers.reap_all()["reports.ReportJob"] == []


@override_settings(TASKS=IMMEDIATE)
def test_the_report_task_keeps_its_heartbeat_while_it_builds(
    story, monkeypatch, django_capture_on_commit_callbacks
):
    """Run by the worker's task, a started job has a heartbeat, and its own process never
    reaps it, however old that heartbeat looks; it finishes with its file."""
    seen = {}
    build = jobs.build_review

    def watched(**kwargs):
        running = ReportJob.objects.get()
        seen["heartbeat"] = running.heartbeat_at
        old = timezone.now() - STALE_AFTER * 3
        ReportJob.objects.filter(pk=running.pk).update(heartbeat_at=old, updated_at=old)
        seen["reaped"] = workers.reap_all()["reports.ReportJob"]
        return build(**kwargs)

    monkeypatch.setattr(jobs, "build_review", watched)
    with django_capture_on_commit_callbacks(execute=True):
        job = _ask(story)
    job.refresh_from_db()
    assert seen["heartbeat"] is not None and seen["reaped"] == []
    assert job.status == JobStatus.DONE and job.file


def test_a_queued_report_job_says_waiting_for_the_worker(story, client):
    """No worker alive: the queued job's page says so, and the job is never stale however
    long it waits; once a worker beats, the page no longer says it."""
    job = _ask(story)
    assert job.status == JobStatus.QUEUED and job.heartbeat_at is None
    assert "Waiting for the worker" in _page(client, story, job)
    an_hour_later = timezone.now() + dt.timedelta(hours=1)
    assert not job.is_stale(now=an_hour_later)
    assert workers.reap_all(now=an_hour_later)["reports.ReportJob"] == []
    workers.beat("worker-1")
    assert "Waiting for the worker" not in _page(client, story, job)


@pytest.mark.django_db(transaction=True)
def test_the_worker_thread_keeps_a_running_report_job_alive(story, monkeypatch):
    """run_worker's housekeeping thread (its own connection) writes the heartbeat of the
    report job this process runs, as it does for imports and exports."""
    job = _silent(story)
    # As tasks.build_review_report runs it (its job id comes as text).
    housekeeping_beats(ReportJob, str(job.pk), "host-a-2", monkeypatch)
    assert not ReportJob.objects.get(pk=job.pk).is_stale()
    assert ReportJob.objects.get(pk=job.pk).status == JobStatus.RUNNING


def test_a_report_job_reaped_while_it_builds_stays_failed(story, monkeypatch):
    """A worker that was only slow (its job reaped while it built the document) makes no
    file and leaves the reaper's "failed" as it is (the old code marked it done)."""
    job = _ask(story)
    real_build = jobs.build_review

    def reaped_while_building(**kwargs):
        jobs.report_job_fail_dead(ReportJob.objects.get(pk=job.pk))
        return real_build(**kwargs)

    monkeypatch.setattr(jobs, "build_review", reaped_while_building)
    assert jobs.run_job(job.pk) == JobStatus.FAILED
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and not job.file and REAPED in job.message
