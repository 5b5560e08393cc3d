"""Exports: a filtered list written to .xlsx or .csv with the import template's columns.

The rows come from the kind's selectors with the requester's own scope, so an export
never holds more than the list page shows. Lists longer than
``HUUNGHI_EXPORT_BACKGROUND_ROWS`` (default 5,000) are written by a background task
into a file only the requester may download.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from huunghi.audit.services import audit_log
from huunghi.core.db_router import job_reads
from huunghi.dataio.kinds import data_kind
from huunghi.dataio.kinds.base import DataKind
from huunghi.dataio.models import ExportFormat, ExportJob, ExportStatus
from huunghi.dataio.progress import Reporter, clear_progress
from huunghi.dataio.table import write_csv, write_xlsx

if TYPE_CHECKING:
    from huunghi.accounts.models import User
    from huunghi.accounts.types import Reader

logger = logging.getLogger(__name__)

DEFAULT_BACKGROUND_ROWS = 5000
CHUNK = 1000
FAILED = gettext_lazy("The export failed.")
REAPED = gettext_lazy(
    "The worker stopped while writing this export. No file was kept. Start the export again."
)


def background_rows() -> int:
    return int(getattr(settings, "HUUNGHI_EXPORT_BACKGROUND_ROWS", DEFAULT_BACKGROUND_ROWS))


def export_count(*, user: Reader, kind: str, params: Mapping[str, Any]) -> int:
    return data_kind(kind).export_queryset(user, params).count()


def export_file(
    *, user: User, kind: str, fmt: str, params: Mapping[str, Any], progress: Any = None
) -> tuple[bytes, int]:
    """The export file's content and its row count (written now)."""
    content, count = _content(user=user, kind=kind, fmt=fmt, params=params, progress=progress)
    audit_log(actor=user, action="export.download", target=user, note=f"{kind}.{fmt} ({count})")
    return content, count


def _content(
    *, user: User, kind: str, fmt: str, params: Mapping[str, Any], progress: Any
) -> tuple[bytes, int]:
    """The file's bytes and row count: reads only (a background export's come from the
    standby when it may answer)."""
    found = data_kind(kind)
    rows = _rows(found, found.export_queryset(user, params), progress)
    stream = io.BytesIO()
    writer = write_csv if fmt == ExportFormat.CSV else write_xlsx
    count = writer(stream, found.columns(), rows)
    return stream.getvalue(), count


def _rows(found: DataKind, queryset: Any, progress: Any) -> Iterator[dict[str, Any]]:
    for done, obj in enumerate(queryset.iterator(chunk_size=CHUNK), start=1):
        yield found.values_of(obj)
        if progress is not None:
            progress(done)


def file_name(kind: str, fmt: str) -> str:
    stem = data_kind(kind).file_stem()
    return f"huunghi-{stem}-{timezone.localdate():%Y%m%d}.{fmt}"


def export_start(*, user: User, kind: str, fmt: str, params: Mapping[str, Any]) -> ExportJob:
    """Queue a background export for ``user``."""
    with transaction.atomic():
        job = ExportJob.objects.create(
            user=user,
            kind=kind,
            format=fmt,
            params=dict(params),
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        audit_log(actor=user, action="export.start", target=job, note=f"{kind}.{fmt}")
    from huunghi.dataio import tasks

    tasks.write_export.enqueue(job.pk)
    job.refresh_from_db()
    return job


def run_export(job_id: int) -> ExportJob:
    """Write the file of a queued export."""
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    with translation.override(job.language):
        _set(job, status=ExportStatus.RUNNING)
        try:
            _write(job)
        except Exception:
            logger.exception("Export job %s failed", job.pk)
            _fail(job, FAILED)
    clear_progress("export", job.pk)
    return job


def export_fail_dead(job: ExportJob) -> None:
    """Fail an export whose worker died (see :mod:`huunghi.dataio.workers`): its file is
    written only at the end, so none was kept, and the job says so."""
    _fail(job, REAPED)
    clear_progress("export", job.pk)


def _fail(job: ExportJob, message: Any) -> None:
    """Fail the job unless another process finished it first (it keeps that outcome)."""
    with translation.override(job.language):
        job.finish_if_active(
            status=ExportStatus.FAILED, message=str(message), finished_at=timezone.now()
        )


def _write(job: ExportJob) -> None:
    """Read the rows (from the standby when it may answer, see ``core.db_router``), then
    write the job, its file and the audit row on the primary."""
    total = job_reads(lambda: export_count(user=job.user, kind=job.kind, params=job.params))
    _set(job, total_rows=total)
    reporter = Reporter("export", job.pk, total=total, phase="writing")
    content, count = job_reads(
        lambda: _content(
            user=job.user, kind=job.kind, fmt=job.format, params=job.params, progress=reporter
        )
    )
    with transaction.atomic():
        done = job.finish_with_file(
            file_name(job.kind, job.format),
            ContentFile(content),
            status=ExportStatus.DONE,
            processed_rows=count,
            finished_at=timezone.now(),
        )
        if done:  # else failed by a reaper meanwhile: it said no file was kept
            audit_log(
                actor=job.user,
                action="export.download",
                target=job.user,
                note=f"{job.kind}.{job.format} ({count})",
            )


def _set(job: ExportJob, **values: Any) -> None:
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=[*values, "updated_at"])
