"""Import jobs: upload, check (a dry run), confirm, run, restart.

Small files are checked and imported during the request; files with more than
``HUUNGHI_IMPORT_BACKGROUND_ROWS`` rows (default 500) go to the task queue
(:mod:`huunghi.dataio.tasks`), and the job page follows their progress. Job rows are
written outside the import's own transaction, so a failed import still says why;
a process killed mid-way leaves the job "importing" with a stale heartbeat and no
rows stored, and the user may restart it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huunghi.accounts.scope import Capability, scope_for
from huunghi.audit.services import audit_log
from huunghi.dataio.kinds import data_kind
from huunghi.dataio.models import ImportJob, ImportStatus
from huunghi.dataio.progress import Reporter, clear_progress
from huunghi.dataio.reading import estimate_rows
from huunghi.dataio.services.rows import Outcome, process
from huunghi.dataio.services.undo import (
    ImportReapedError,
    import_undo,
    journal_clear,
    journal_write,
)
from huunghi.dataio.table import EXTENSIONS, Table, TableError, extension_of, read_table

if TYPE_CHECKING:
    from huunghi.accounts.models import User
    from huunghi.accounts.types import Actor

logger = logging.getLogger(__name__)

DEFAULT_BACKGROUND_ROWS = 500
INLINE_MAX_BYTES = 256 * 1024
UNEXPECTED = gettext_lazy(
    "An unexpected error stopped the import; nothing was imported. Try again, or tell the "
    "system administrator."
)


REAPED = gettext_lazy(
    "The worker stopped in the middle of this import. Nothing was kept: the %(count)s "
    "records it had already written were removed. Start the import again."
)


def background_rows() -> int:
    return int(getattr(settings, "HUUNGHI_IMPORT_BACKGROUND_ROWS", DEFAULT_BACKGROUND_ROWS))


def check_upload(name: str, size: int) -> None:
    """Refuse a file of the wrong type or over the size limit (before reading it)."""
    if extension_of(name) not in EXTENSIONS:
        raise ValidationError({"file": _("Upload an Excel (.xlsx) or CSV (.csv) file.")})
    limit = settings.HUUNGHI_MAX_IMPORT_BYTES
    if size > limit:
        raise ValidationError(
            {
                "file": _("The file is %(size)s MB; files of at most %(limit)s MB can be imported.")
                % {"size": f"{size / 1_048_576:.1f}", "limit": f"{limit / 1_048_576:.0f}"}
            }
        )


def import_upload(*, user: User, kind: str, upload: Any) -> ImportJob:
    """Store an uploaded file as a new job and start checking it (for someone who may
    enter records somewhere; each row is then checked against the unit it names)."""
    if not scope_for(user).has_any(Capability.EDIT):
        raise PermissionDenied(_("You may not import records."))
    data_kind(kind)
    check_upload(upload.name, upload.size)
    with transaction.atomic():
        job = ImportJob(
            user=user,
            kind=kind,
            original_name=upload.name[:255],
            size=upload.size,
            total_rows=_estimate(upload),
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        job.file.save(upload.name, upload, save=False)
        job.full_clean(exclude=["file"])
        job.save()
        audit_log(actor=user, action="import.upload", target=job, note=job.original_name)
    return schedule(job, ImportStatus.CHECKING)


def _estimate(upload: Any) -> int:
    """Rows the file claims (dimension tag or line count): decides where it is checked."""
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    return estimate_rows(content, extension_of(upload.name))


def import_confirm(*, job: ImportJob, user: Actor) -> ImportJob:
    """Import a checked file (its owner only)."""
    _require_owner(job, user)
    if job.status != ImportStatus.READY:
        raise ValidationError(_("Only a checked file without errors can be imported."))
    return schedule(job, ImportStatus.QUEUED)


def import_restart(*, job: ImportJob, user: Actor) -> ImportJob:
    """Run a failed or interrupted import again from the start (the file is re-checked)."""
    _require_owner(job, user)
    stale = job.is_stale()
    if job.status != ImportStatus.FAILED and not stale:
        raise ValidationError(_("Only a failed or interrupted import can be restarted."))
    return schedule(job, ImportStatus.QUEUED)


def import_reap(now: Any = None) -> list[int]:
    """Fail every import whose worker died (:func:`huunghi.dataio.workers.reap_dead_jobs`
    with :func:`import_fail_dead`). The ids reaped."""
    from huunghi.dataio.workers import reap_dead_jobs

    return reap_dead_jobs(ImportJob._meta.label, now)


def import_fail_dead(job: ImportJob) -> None:
    """Fail an import whose worker died: claim it (marked failed at once, so no chunk of
    a worker that is only slow commits after this, see :func:`journal_write`, and a
    second reaper leaves it alone), undo what its committed chunks stored, and say on the
    job that nothing was kept."""
    if not job.finish_if_active(status=ImportStatus.FAILED, finished_at=timezone.now()):
        return
    removed = import_undo(job)
    with translation.override(job.language):
        message = str(REAPED % {"count": removed})
    _set(job, message=message, **_outcome_fields(_file_error(message)))
    clear_progress("import", job.pk)


def _require_owner(job: ImportJob, user: Actor) -> None:
    if job.user_id != getattr(user, "pk", None):
        raise PermissionDenied


def schedule(job: ImportJob, status: str) -> ImportJob:
    """Mark the job and run its next step now, or in the background for a big file.

    The heartbeat is cleared: a job waiting for a worker is not stale."""
    _set(job, status=status, message="", heartbeat_at=None)
    if in_background(job):
        from huunghi.dataio import tasks

        task = tasks.check_import if status == ImportStatus.CHECKING else tasks.run_import
        task.enqueue(job.pk)
        job.refresh_from_db()
        return job
    return run_step(job.pk)


def in_background(job: ImportJob) -> bool:
    """Whether the job's steps run in the worker: every file but small ones, which are
    checked and imported during the request (reading is bounded either way)."""
    return job.total_rows > background_rows() or job.size > INLINE_MAX_BYTES


def run_step(job_id: int) -> ImportJob:
    """Do what the job is waiting for: check (status CHECKING) or import (QUEUED)."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    with translation.override(job.language):
        if job.status == ImportStatus.CHECKING:
            return _check(job)
        if job.status in (ImportStatus.QUEUED, ImportStatus.RUNNING):
            return _run(job)
    return job


def _read(job: ImportJob) -> Table:
    with job.file.open("rb") as handle:
        content = handle.read()
    return read_table(content, extension_of(job.original_name))


def _check(job: ImportJob) -> ImportJob:
    _set(job, heartbeat_at=timezone.now())
    try:
        table = _read(job)
    except TableError as exc:
        return _finish(job, ImportStatus.INVALID, _file_error(str(exc)))
    if len(table.rows) != job.total_rows:
        was_inline = not in_background(job)
        _set(job, total_rows=len(table.rows))
        if was_inline and in_background(job):
            return schedule(job, ImportStatus.CHECKING)
    outcome = _guarded(job, table, commit=False)
    return _finish(job, ImportStatus.READY if outcome.ok else ImportStatus.INVALID, outcome)


def _run(job: ImportJob) -> ImportJob:
    if job.journal.exists():  # an earlier attempt died after committing some chunks
        import_undo(job)
    _set(
        job,
        status=ImportStatus.RUNNING,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
        attempts=job.attempts + 1,
    )
    try:
        table = _read(job)
    except TableError as exc:
        return _finish(job, ImportStatus.FAILED, _file_error(str(exc)))
    try:
        outcome = _guarded(job, table, commit=True)
    except ImportReapedError:  # failed and undone by a reaper meanwhile: its outcome stands
        job.refresh_from_db()
        return job
    status = ImportStatus.DONE if outcome.ok else ImportStatus.FAILED
    if not _close(job, status, outcome):
        return job
    if status == ImportStatus.DONE:
        journal_clear(job)
        audit_log(
            actor=job.user,
            action="import.done",
            target=job,
            note=job.original_name,
            after={"created": outcome.created, "updated": outcome.updated},
        )
    return job


def _guarded(job: ImportJob, table: Table, *, commit: bool) -> Outcome:
    """:func:`process` with progress reports; an unexpected error fails the job cleanly.

    A real import commits in chunks with a journal; when it ends with errors, whatever
    its earlier chunks stored is undone before the job is marked failed.
    """
    phase = "importing" if commit else "checking"
    reporter = Reporter("import", job.pk, total=len(table.rows), phase=phase)
    reporter(0, force=True)
    journal = (lambda entries: journal_write(job, entries)) if commit else None
    try:
        outcome = process(
            data_kind(job.kind),
            table,
            user=job.user,
            commit=commit,
            progress=reporter,
            journal=journal,
        )
    except ImportReapedError:
        raise
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        outcome = _file_error(str(UNEXPECTED))
    if commit and not outcome.ok:
        import_undo(job)
    return outcome


def _file_error(message: str) -> Outcome:
    outcome = Outcome()
    outcome.error(None, None, message)
    return outcome


def _finish(job: ImportJob, status: str, outcome: Outcome) -> ImportJob:
    _close(job, status, outcome)
    return job


def _close(job: ImportJob, status: str, outcome: Outcome) -> bool:
    """Write the job's outcome unless a reaper finished it meanwhile (then it keeps the
    reaper's); whether it was written."""
    closed = job.finish_if_active(
        status=status, finished_at=timezone.now(), **_outcome_fields(outcome)
    )
    clear_progress("import", job.pk)
    return closed


def _outcome_fields(outcome: Outcome) -> dict[str, Any]:
    """The job's fields that say what an import or check did."""
    return {
        "processed_rows": outcome.rows,
        "created_count": outcome.created,
        "updated_count": outcome.updated,
        "unchanged_count": outcome.unchanged,
        "errors": outcome.errors,
        "preview": outcome.preview,
    }


def _set(job: ImportJob, **values: Any) -> None:
    """Save a few fields of the job at once (outside any import transaction)."""
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=[*values, "updated_at"])
