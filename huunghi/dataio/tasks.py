"""Background steps of imports and exports (``manage.py db_worker`` runs them)."""

from __future__ import annotations

from django.tasks import task

from huunghi.dataio.models import ExportJob, ImportJob
from huunghi.dataio.services import exports, imports
from huunghi.dataio.workers import running_job


@task
def check_import(job_id: int) -> None:
    """Check a large uploaded file (a dry run of the whole import)."""
    with running_job(ImportJob, job_id):
        imports.run_step(job_id)


@task
def run_import(job_id: int) -> None:
    """Import a large checked file (in chunks, or one transaction)."""
    with running_job(ImportJob, job_id):
        imports.run_step(job_id)


@task
def write_export(job_id: int) -> None:
    """Write a large export file."""
    with running_job(ExportJob, job_id):
        exports.run_export(job_id)
