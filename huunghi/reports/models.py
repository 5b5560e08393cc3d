"""Maintained activity totals and background report jobs.

:class:`ActivitySummary` rows are *subtree roll-ups* of the units nearest the roots
(depth ≤ :data:`SUMMARY_MAX_DEPTH`): a row for unit U sums every
activity reported by U or by any unit beneath it in the current tree, per month,
kind, measure, country, province (in the geography of the record's date and in
today's) and approval state. A national total therefore reads only the rows of the
root units, a province total only the rows of the provincial command, however many
posts and stations report beneath them. Units at depth 0 and 1 also carry rows with
``kind = "*"`` summing all kinds, for totals that neither filter nor break down by
kind. Rows are kept in step with the records by :mod:`huunghi.reports.summaries` and
can be rebuilt from the raw tables at any time (``manage.py rebuild_summaries``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from huunghi.core.amounts import qualifier_of
from huunghi.core.models import TimeStampedModel
from huunghi.dataio.models import WorkerJob

COUNT = "count"
ALL_KINDS = "*"
ALL_KINDS_MAX_DEPTH = 1
"""Units this close to a root also get rows with ``kind = "*"`` (all kinds together):
national and provincial totals that do not look at kinds read a tenth of the rows."""
SUMMARY_MAX_DEPTH = 1
"""Only units this close to a root (the national and provincial commands) keep summary
rows. A post's or station's few thousand records are read from the raw tables through
the ``(unit, start_date)`` index, which costs less than keeping a row per unit, month,
kind and measure for thousands of small units (more rows than records)."""


class SummedAmounts(models.Model):
    """What a maintained row adds up: the sum, how many records made it and how many of
    those were "about" or "at least" (the sum's qualifier), and whether it is synthetic."""

    is_synthetic = models.BooleanField(_("synthetic data"), default=False)
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=2, default=0)
    # Plain integers (no CHECK): the upsert adds signed deltas, and PostgreSQL checks
    # constraints on the proposed row before it resolves the conflict.
    rows = models.IntegerField(_("contributing rows"), default=0)
    rows_about = models.IntegerField(_("rows marked “about”"), default=0)
    rows_at_least = models.IntegerField(_("rows marked “at least”"), default=0)

    class Meta:
        abstract = True

    @property
    def qualifier(self) -> str:
        return qualifier_of(self.rows_about, self.rows_at_least)


class ActivitySummary(SummedAmounts):
    """Totals of one unit's subtree for one month and one combination of dimensions."""

    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("unit"),
    )
    month = models.DateField(_("month"), help_text=_("First day of the month."))
    kind = models.CharField(_("kind"), max_length=30)
    measure = models.CharField(
        _("measure"), max_length=30, help_text=_("“count” (activities) or a quantity measure.")
    )
    country = models.ForeignKey(
        "geography.Country",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("country"),
    )
    province_then = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        db_index=False,
        verbose_name=_("province at the time"),
    )
    province_now = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        db_index=False,
        verbose_name=_("province today"),
    )
    approved = models.BooleanField(_("approved"))

    class Meta:
        verbose_name = _("activity summary")
        verbose_name_plural = _("activity summaries")
        constraints = [
            # NULL provinces must collide too, hence COALESCE; the upsert in
            # summaries.py names exactly these expressions as its conflict target.
            # Order: unit, kind, month first, so one unit's all-kinds rows, or one kind's
            # rows, for a range of months are one contiguous index range.
            models.UniqueConstraint(
                F("unit"),
                F("kind"),
                F("month"),
                F("measure"),
                F("country"),
                Coalesce(F("province_then"), Value(0), output_field=models.BigIntegerField()),
                Coalesce(F("province_now"), Value(0), output_field=models.BigIntegerField()),
                F("approved"),
                F("is_synthetic"),
                name="activitysummary_key",
            ),
        ]
        indexes = [
            models.Index(fields=["is_synthetic", "unit"], name="activitysummary_synthetic"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:%Y-%m} {self.kind} {self.measure}: {self.value}"


class RollupGeography(models.TextChoices):
    """Which row set of :class:`ActivityRollup` a row belongs to."""

    NOW = "now", _("today's provinces")
    THEN = "then", _("provinces as they were")
    ANY = "any", _("all places")


class ActivityRollup(SummedAmounts):
    """A second, coarser level of totals for the units nearest the roots: per quarter.

    National and provincial reports read these instead of the monthly rows, so a report
    reads about as many rows as it returns. Three row sets per unit and quarter:

    - ``geography = now`` / ``then``: all kinds together (``kind = "*"``), per country
      and province in today's or in the historic geography (a report by province reads
      only the set it shows);
    - ``geography = any``: per kind and all kinds together, every place together
      (``country`` and ``province`` empty).

    Each set exists twice: ``approved_only`` true sums approved records only, false sums
    every record, so neither reading needs to add the two up. Derived from
    :class:`ActivitySummary` (the monthly all-kinds and per-kind rows of the same
    units), kept in step by :mod:`huunghi.reports.summaries` in the same transaction.
    """

    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("unit"),
    )
    geography = models.CharField(_("geography"), max_length=4, choices=RollupGeography.choices)
    approved_only = models.BooleanField(_("approved records only"))
    quarter = models.DateField(_("quarter"), help_text=_("First day of the quarter."))
    kind = models.CharField(_("kind"), max_length=30)
    measure = models.CharField(_("measure"), max_length=30)
    country = models.ForeignKey(
        "geography.Country",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        db_index=False,
        verbose_name=_("country"),
    )
    province = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        db_index=False,
        verbose_name=_("province"),
    )

    class Meta:
        verbose_name = _("activity roll-up")
        verbose_name_plural = _("activity roll-ups")
        constraints = [
            # One report reads one contiguous range: unit, row set, approval, quarters.
            models.UniqueConstraint(
                F("unit"),
                F("geography"),
                F("approved_only"),
                F("quarter"),
                F("kind"),
                F("measure"),
                Coalesce(F("country"), Value(0), output_field=models.BigIntegerField()),
                Coalesce(F("province"), Value(0), output_field=models.BigIntegerField()),
                F("is_synthetic"),
                name="activityrollup_key",
            ),
        ]
        indexes = [
            models.Index(fields=["is_synthetic", "unit"], name="activityrollup_synthetic"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.geography} {self.quarter:%Y-%m} {self.measure}: {self.value}"


class ReviewKind(models.TextChoices):
    """Which review report a job writes (interim review, final review or periodic report
    of defence cooperation); it gives the report its subtitle."""

    INTERIM = "interim", _("interim review")
    FINAL = "final", _("final review")
    PERIODIC = "periodic", _("periodic report")


class ReportFormat(models.TextChoices):
    """The file format a review report is written in."""

    DOCX = "docx", _("Word (DOCX)")
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel (XLSX)")


class JobStatus(models.TextChoices):
    """Where a background report job is: waiting for the worker, being written, finished
    with a file, or failed with a message."""

    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


def report_file_path(instance: ReportJob, filename: str) -> str:
    return f"reports/{instance.pk}/{filename}"


class ReportJob(WorkerJob):
    """A review report being generated in the background for one unit and period."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    unit = models.ForeignKey(
        "organisations.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"), help_text=_("Last day included."))
    review_kind = models.CharField(
        _("report"), max_length=10, choices=ReviewKind.choices, default=ReviewKind.PERIODIC
    )
    format = models.CharField(
        _("format"), max_length=5, choices=ReportFormat.choices, default=ReportFormat.DOCX
    )
    approved_only = models.BooleanField(_("approved records only"), default=True)
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="vi",
        help_text=_("The interface language of the request; the report is written in it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=report_file_path, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="reportjob_period"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="reportjob_progress"),
        ]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="reportjob_user")]

    def __str__(self) -> str:
        return f"{self.get_review_kind_display()} · {self.unit_id} · {self.period_start}"

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.DONE, JobStatus.FAILED}


class IssuedReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ISSUED = "issued", _("issued")


class IssuedReport(TimeStampedModel):
    """A review report a unit's commander signs: a draft the unit edits, then frozen.

    While a draft, its numbers are computed afresh for every preview; issuing stores
    every number and every typed paragraph in :attr:`snapshot`, from which the DOCX,
    PDF and XLSX are rendered again byte for byte (their SHA-256 in :attr:`digests`).
    Records changed after issue reach only a later version.
    """

    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="issued_reports",
        verbose_name=_("unit"),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"), help_text=_("Last day included."))
    review_kind = models.CharField(
        _("report"), max_length=10, choices=ReviewKind.choices, default=ReviewKind.PERIODIC
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="vi"
    )
    approved_only = models.BooleanField(_("approved records only"), default=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=IssuedReportStatus.choices,
        default=IssuedReportStatus.DRAFT,
    )
    document_number = models.CharField(
        _("number and symbol"), max_length=60, blank=True, help_text=_("For example 15/BC-BĐBP.")
    )
    situation = models.TextField(_("situation"), blank=True)
    shortcomings = models.TextField(_("shortcomings and causes"), blank=True)
    lessons = models.TextField(_("lessons"), blank=True)
    next_steps = models.TextField(_("next steps and proposals"), blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signer_rank = models.CharField(_("signer's rank"), max_length=60, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    recipients = models.TextField(
        _("recipients"), blank=True, help_text=_("One recipient per line.")
    )
    snapshot = models.JSONField(_("frozen content"), default=dict, blank=True)
    digests = models.JSONField(_("SHA-256 of the issued files"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("issued by"),
    )

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        ordering = ["-period_end", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="issuedreport_period"
            ),
            models.UniqueConstraint(
                fields=["unit", "period_start", "period_end", "review_kind", "version"],
                name="issuedreport_version",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", issued_at__isnull=True)
                | Q(status="issued", issued_at__isnull=False),
                name="issuedreport_issued_at",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="issuedreport_unit_status")]

    def __str__(self) -> str:
        kind = self.get_review_kind_display()
        return f"{kind} · {self.unit_id} · {self.period_start} · v{self.version}"

    @property
    def is_issued(self) -> bool:
        return self.status == IssuedReportStatus.ISSUED
