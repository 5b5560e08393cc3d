"""Reads of the data app: a user's own jobs (nobody else's: missing and foreign are 404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404

from huunghi.accounts.models import User
from huunghi.dataio.kinds import registry
from huunghi.dataio.kinds.base import DataKind
from huunghi.dataio.models import ExportJob, ImportJob
from huunghi.dataio.progress import Progress, read_progress

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader

RECENT = 20


def import_jobs(*, user: Reader) -> QuerySet[ImportJob]:
    """The user's imports, newest first."""
    if not isinstance(user, User):
        return ImportJob.objects.none()
    return ImportJob.objects.filter(user_id=user.pk).order_by("-created_at", "-id")


def import_job_get(*, user: Reader, pk: Any) -> ImportJob:
    try:
        return import_jobs(user=user).get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def export_jobs(*, user: Reader) -> QuerySet[ExportJob]:
    if not isinstance(user, User):
        return ExportJob.objects.none()
    return ExportJob.objects.filter(user_id=user.pk).order_by("-created_at", "-id")


def export_job_get(*, user: Reader, pk: Any) -> ExportJob:
    try:
        return export_jobs(user=user).get(pk=pk)
    except (ExportJob.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class JobState:
    """A job with its live progress and whether it stopped reporting."""

    job: Any
    progress: Progress
    stale: bool
    waiting_for_worker: bool = False

    @property
    def percent(self) -> int:
        if self.progress.total:
            return self.progress.percent
        return 100 if not self.job.is_active else 0


def import_state(job: ImportJob) -> JobState:
    """The job's progress; a queued job not yet started says whether a worker is alive."""
    return _state("import", job)


def export_state(job: ExportJob) -> JobState:
    """The same for an export."""
    return _state("export", job)


def _state(kind: str, job: ImportJob | ExportJob) -> JobState:
    from huunghi.dataio.workers import waiting_for_worker

    return JobState(job, read_progress(kind, job.pk), job.is_stale(), waiting_for_worker(job))


def import_kinds() -> list[DataKind]:
    """Every kind that has a template and can be imported, in page order."""
    return list(registry().values())
