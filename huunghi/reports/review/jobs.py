"""Running a :class:`~huunghi.reports.models.ReportJob`: progress, file, failure."""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from huunghi.core.db_router import job_reads
from huunghi.reports.models import JobStatus, ReportJob
from huunghi.reports.periods import Period
from huunghi.reports.review import build_review

logger = logging.getLogger(__name__)

REAPED = gettext_lazy(
    "The worker stopped while preparing this report. No file was made and nothing was "
    "issued (issued reports and drafts are as they were). Ask for the report again."
)


def _update(job_id: Any, **fields: Any) -> None:
    """Save progress at once (outside any transaction) so the status page sees it."""
    ReportJob.objects.filter(pk=job_id).update(updated_at=timezone.now(), **fields)


def run_job(job_id: str) -> str:
    """Generate the job's file; returns the final status."""
    job = ReportJob.objects.select_related("unit", "requested_by").get(pk=job_id)
    if job.is_finished:
        return job.status
    _update(job.pk, status=JobStatus.RUNNING, progress=10, message="")
    try:
        # Reads from the standby when it may answer (core/db_router.py); the progress
        # written meanwhile goes to the primary without pinning them.
        document = job_reads(
            lambda: build_review(
                user=job.requested_by,
                unit=job.unit,
                period=Period.between(job.period_start, job.period_end),
                fmt=job.format,
                review_kind=job.review_kind,
                approved_only=job.approved_only,
                language=job.language,
                issued_on=timezone.localdate(),
                progress=lambda percent, _message: _update(job.pk, progress=percent),
            ),
            bookkeeping=[ReportJob._meta.label],
        )
    except Exception as exc:
        logger.exception("Report job %s failed", job.pk)
        job.finish_if_active(
            status=JobStatus.FAILED, message=str(exc)[:300], finished_at=timezone.now()
        )
        return job.status
    done = job.finish_with_file(
        document.filename,
        ContentFile(document.content),
        status=JobStatus.DONE,
        progress=100,
        finished_at=timezone.now(),
    )
    return JobStatus.DONE if done else job.status  # else failed by a reaper meanwhile


def report_job_fail_dead(job: ReportJob) -> None:
    """Fail a report job whose worker died (see :mod:`huunghi.dataio.workers`). A job
    only writes its file, at the very end: none was made, and no issued report or draft
    was touched; the job says so."""
    with translation.override(job.language):
        message = str(REAPED)
    job.finish_if_active(status=JobStatus.FAILED, message=message, finished_at=timezone.now())
