"""Background tasks of the reports app (``manage.py db_worker`` runs them)."""

from __future__ import annotations

from django.tasks import task

from huunghi.reports.review.jobs import run_job


@task()
def build_review_report(job_id: str) -> str:
    """Generate the file of a queued :class:`~huunghi.reports.models.ReportJob`."""
    return run_job(job_id)
