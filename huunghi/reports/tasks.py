"""Background tasks of the reports app (``manage.py db_worker`` runs them)."""

from __future__ import annotations

from django.tasks import task

from huunghi.dataio.workers import running_job
from huunghi.reports.models import ReportJob
from huunghi.reports.review.jobs import run_job


@task()
def build_review_report(job_id: str) -> str:
    """Generate the file of a queued :class:`~huunghi.reports.models.ReportJob`."""
    with running_job(ReportJob, job_id):
        return run_job(job_id)
