"""Import and export jobs: an uploaded file on its way into the records, and a list
on its way out to a spreadsheet.

An import is checked first (a dry run of the whole file inside a transaction that
is rolled back) and then, once the user confirms, run again for real in a single
transaction: the whole file is stored or nothing is. Large files do both steps in
the background; the job row says where it stands.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huunghi.core.models import TimeStampedModel

# A running job's worker writes its heartbeat every few seconds; this much silence means
# its process died (the worker's reaper then fails it and says what was kept, see
# workers.py).
STALE_AFTER = dt.timedelta(seconds=45)


def kind_label(code: str) -> str:
    """The translated name of a kind of data, or its code if the kind no longer exists."""
    from huunghi.dataio.kinds import registry

    found = registry().get(code)
    return str(found.label) if found is not None else code


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("uploaded")
    CHECKING = "checking", _("being checked")
    READY = "ready", _("checked, ready to import")
    INVALID = "invalid", _("has errors")
    QUEUED = "queued", _("waiting to import")
    RUNNING = "running", _("importing")
    DONE = "done", _("imported")
    FAILED = "failed", _("failed, nothing imported")


ACTIVE_STATUSES = (ImportStatus.CHECKING, ImportStatus.QUEUED, ImportStatus.RUNNING)


def import_file_path(instance: ImportJob, filename: str) -> str:
    return f"imports/{instance.user_id}/{uuid.uuid4().hex}{_suffix(filename)}"


def export_file_path(instance: ExportJob, filename: str) -> str:
    return f"exports/{instance.user_id}/{uuid.uuid4().hex}{_suffix(filename)}"


def _suffix(filename: str) -> str:
    return "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


class WorkerJob(TimeStampedModel):
    """A job a background worker runs (an import, an export, a review report).

    While the worker runs it, its housekeeping thread writes ``heartbeat_at`` every few
    seconds (:mod:`huunghi.dataio.workers`, on whichever host that is); a job silent for
    ``STALE_AFTER`` is failed by the reaper of any worker. Queuing leaves it empty: a
    job no worker has started yet is not stale, and says when no worker is alive.
    """

    # The statuses of a job not finished yet (its subclass's choices use these values).
    ACTIVE: ClassVar[tuple[str, ...]] = ("queued", "running")
    RUNNING: ClassVar[str] = "running"

    status: str  # each job's own field, with its own choices
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_waiting_to_start(self) -> bool:
        """Queued, and no worker has picked it up yet."""
        return self.is_active and self.heartbeat_at is None and self.status != self.RUNNING

    def finish_if_active(self, **fields: Any) -> bool:
        """Write the job's final ``fields`` only while it is still active, in one
        conditional update: a job another process has finished meanwhile (a reaper failed
        it while its slow worker went on, or a second reaper got there first) keeps that
        outcome. Whether this call finished it; the instance is refreshed when not."""
        now = timezone.now()
        manager: Any = type(self)._default_manager  # the concrete job's, with its status
        jobs = manager.filter(pk=self.pk, status__in=self.ACTIVE)
        finished = jobs.update(updated_at=now, **fields)
        if not finished:
            self.refresh_from_db()
            return False
        for name, value in fields.items():
            setattr(self, name, value)
        self.updated_at = now
        return True

    def finish_with_file(self, name: str, content: Any, **fields: Any) -> bool:
        """Store the job's file (its ``file`` field) and finish the job with it, like
        :meth:`finish_if_active`; a job finished meanwhile by another process gets no
        file (the one just stored is deleted). Whether this call finished it."""
        file = self.file  # type: ignore[attr-defined]  # every job with a result file has one
        file.save(name, content, save=False)
        written, storage = str(file.name), file.storage
        if self.finish_if_active(file=written, **fields):
            return True
        storage.delete(written)
        return False

    def is_stale(self, now: dt.datetime | None = None) -> bool:
        """Whether an active job stopped showing signs of life (its process died).

        Only the database decides: ``heartbeat_at`` is written when a step starts and
        every few seconds by the worker running it. A queued job no worker has started
        yet is not stale.
        """
        if not self.is_active or self.is_waiting_to_start:
            return False
        last = max(filter(None, (self.heartbeat_at, self.updated_at)))
        return (now or timezone.now()) - last > STALE_AFTER


class ImportJob(WorkerJob):
    """One uploaded file of one kind, checked and (once confirmed) imported."""

    ACTIVE = ACTIVE_STATUSES

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind of data"), max_length=60)
    file = models.FileField(_("file"), upload_to=import_file_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    language = models.CharField(_("language"), max_length=10, default="vi")
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("changed"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    preview = models.JSONField(_("preview"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"], name="importjob_user_created")]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def can_confirm(self) -> bool:
        return self.status == ImportStatus.READY


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel (.xlsx)")
    CSV = "csv", _("CSV (.csv)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("being written")
    DONE = "done", _("ready to download")
    FAILED = "failed", _("failed")


class ExportJob(WorkerJob):
    """A large filtered list written to a file in the background, for its requester only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind of data"), max_length=60)
    format = models.CharField(_("format"), max_length=5, choices=ExportFormat.choices)
    params = models.JSONField(_("filters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="vi")
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to=export_file_path, blank=True)
    message = models.TextField(_("message"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind}.{self.format} ({self.get_status_display()})"


class JournalAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")


class ImportJournalEntry(models.Model):
    """One object an import wrote, committed in the same chunk transaction as the object.

    Imports commit in short chunks so that other users can write meanwhile; the journal
    is what keeps the whole file all-or-nothing: if the import fails or its process dies,
    the entries are undone newest first (created objects removed, changed ones restored
    from ``before``, a pickled dict of the service arguments written by this process).
    """

    job = models.ForeignKey(
        ImportJob, on_delete=models.CASCADE, related_name="journal", verbose_name=_("import")
    )
    action = models.CharField(_("action"), max_length=10, choices=JournalAction.choices)
    object_id = models.BigIntegerField(_("object ID"))
    before = models.BinaryField(_("state before the import"), blank=True, default=b"")

    class Meta:
        verbose_name = _("import journal entry")
        verbose_name_plural = _("import journal entries")
        indexes = [models.Index(fields=["job", "id"], name="importjournal_job_id")]

    def __str__(self) -> str:
        return f"{self.job_id}: {self.action} {self.object_id}"


class WorkerHeartbeat(models.Model):
    """A background worker process that is alive: its housekeeping thread writes
    ``beat_at`` every few seconds, on the database every host shares (VAR_DIR need not be
    shared for pages to tell whether any worker runs)."""

    name = models.CharField(_("worker process"), max_length=200, unique=True)
    beat_at = models.DateTimeField(_("last sign of life"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.name
