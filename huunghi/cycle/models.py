"""The reporting cycle: what each unit owes, the reports it sent up, and reminders.

An :class:`Obligation` set at a unit applies to every active unit of one kind in that
unit's subtree: "each border post reports quarterly by the 20th of the quarter's last
month". A :class:`Submission` is one issued review report
(:class:`~huunghi.reports.models.IssuedReport`, frozen) sent by the owing unit to its
parent for one period; the parent acknowledges it or returns it with a reason, and a
returned report is replaced by a new version. A :class:`CounterpartCopy` carries only
the shareable part of a submission to a counterpart unit. A :class:`Reminder` is one
in-app notice to one person, at most once per obligation × unit × period × kind.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from huunghi.core.models import TimeStampedModel
from huunghi.cycle.schedule import Frequency
from huunghi.organisations.models import UnitKind
from huunghi.reports.periods import Period

DEFAULT_ACTIVE_FROM = dt.date(2020, 1, 1)


class Programme(models.TextChoices):
    ALL = "all", _("all cooperation programmes")
    REMAINS = "remains", _("remains search and repatriation")
    PUPILS = "pupils", _("pupil sponsorship")
    TWINNING = "twinning", _("twinning of posts and clusters")


class Obligation(TimeStampedModel):
    """Units of ``applies_to_kind`` beneath ``unit`` report with ``frequency``."""

    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("set by unit"),
        help_text=_("Applies to units of the chosen kind in this unit's subtree."),
    )
    applies_to_kind = models.CharField(
        _("units that report"), max_length=30, choices=UnitKind.choices
    )
    programme = models.CharField(
        _("programme"), max_length=20, choices=Programme.choices, default=Programme.ALL
    )
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    due_day = models.PositiveSmallIntegerField(
        _("due day"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Day of the period's last month by which the report is due."),
    )
    due_months_after = models.PositiveSmallIntegerField(
        _("months after the period"),
        default=0,
        validators=[MaxValueValidator(3)],
        help_text=_("0: due in the period's last month; 1: in the month after, …"),
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind days before"), default=5, validators=[MaxValueValidator(60)]
    )
    active_from = models.DateField(
        _("in force from"),
        default=DEFAULT_ACTIVE_FROM,
        help_text=_("Periods starting before this day are not expected."),
    )
    is_active = models.BooleanField(_("in force"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    is_synthetic = models.BooleanField(_("synthetic data"), default=False, db_index=True)

    class Meta:
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        ordering = ["unit__path", "applies_to_kind", "frequency"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "applies_to_kind", "programme", "frequency"],
                name="obligation_unique",
            ),
            models.CheckConstraint(
                condition=Q(due_day__gte=1, due_day__lte=31), name="obligation_due_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_applies_to_kind_display()} · {self.get_frequency_display()}"


class SubmissionStatus(models.TextChoices):
    SENT = "sent", _("received, awaiting acknowledgement")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    RETURNED = "returned", _("returned")


RECEIVED_STATUSES = (SubmissionStatus.SENT, SubmissionStatus.ACKNOWLEDGED)


class Submission(models.Model):
    """One issued report of ``unit`` for one period, sent to ``recipient`` (its parent).

    Never edited after sending except for the parent's acknowledgement or return; a
    returned submission stays as history and the next version replaces it.
    """

    obligation = models.ForeignKey(
        Obligation,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("reporting obligation"),
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reporting unit"),
    )
    recipient = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent to"),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"), help_text=_("Last day included."))
    version = models.PositiveIntegerField(_("version"), default=1)
    report = models.ForeignKey(
        "reports.IssuedReport",
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("issued report"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.SENT
    )
    due_date = models.DateField(_("due date"))
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    on_time = models.BooleanField(_("on time"))
    acted_at = models.DateTimeField(_("acknowledged or returned at"), null=True, blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged or returned by"),
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    includes = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="included_in",
        verbose_name=_("subordinate reports compiled"),
    )
    is_synthetic = models.BooleanField(_("synthetic data"), default=False, db_index=True)

    class Meta:
        verbose_name = _("submitted report")
        verbose_name_plural = _("submitted reports")
        ordering = ["-period_start", "unit__path", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "unit", "period_start", "version"],
                name="submission_version",
            ),
            models.UniqueConstraint(
                fields=["obligation", "unit", "period_start"],
                condition=Q(status__in=["sent", "acknowledged"]),
                name="submission_one_received",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="submission_period"
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="submission_return_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["period_start", "status"], name="submission_period_status"),
            models.Index(fields=["recipient", "status"], name="submission_inbox"),
            models.Index(fields=["unit", "period_start"], name="submission_unit_period"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period_start:%d/%m/%Y} · v{self.version}"

    @property
    def period(self) -> Period:
        return Period.between(self.period_start, self.period_end)

    @property
    def is_received(self) -> bool:
        return self.status in RECEIVED_STATUSES


class CounterpartCopy(models.Model):
    """The shareable part of a submission, sent to a counterpart unit.

    ``content`` holds only what the sender chose to share (numbers by programme, no
    narrative, signer or named records); the counterpart never reads the submission.
    """

    submission = models.ForeignKey(
        Submission,
        on_delete=models.PROTECT,
        related_name="counterpart_copies",
        verbose_name=_("submitted report"),
    )
    counterpart = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("counterpart unit"),
    )
    content = models.JSONField(_("shared content"), default=dict)
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    is_synthetic = models.BooleanField(_("synthetic data"), default=False)

    class Meta:
        verbose_name = _("copy sent to a counterpart")
        verbose_name_plural = _("copies sent to counterparts")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "counterpart"], name="counterpartcopy_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission} → {self.counterpart}"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("due soon")
    OVERDUE = "overdue", _("overdue")


class Reminder(models.Model):
    """One in-app notice to ``user`` that ``unit``'s report for a period is due or late."""

    obligation = models.ForeignKey(
        Obligation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reporting obligation"),
    )
    unit = models.ForeignKey(
        "organisations.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    period_start = models.DateField(_("period from"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cycle_reminders",
        verbose_name=_("user"),
    )
    due_date = models.DateField(_("due date"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "unit", "period_start", "kind", "user"],
                name="reminder_once",
            ),
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="reminder_user_unread")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.unit_id} · {self.period_start}"


class SubmissionTally(models.Model):
    """Received reports of ``anchor``'s subtree for one obligation and period (a roll-up).

    Kept in step by the services (sending adds, returning subtracts, in the same
    transaction), re-derived for the affected chains when a unit moves, and rebuilt from
    the submissions by ``manage.py rebuild_cycle_tallies``; completeness for a whole
    country then reads a few hundred rows instead of every submission.
    """

    anchor = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("unit (and below)"),
    )
    obligation = models.ForeignKey(
        Obligation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reporting obligation"),
    )
    period_start = models.DateField(_("period from"))
    received = models.IntegerField(_("reports received"), default=0)
    on_time = models.IntegerField(_("reports received on time"), default=0)

    class Meta:
        verbose_name = _("count of received reports")
        verbose_name_plural = _("counts of received reports")
        constraints = [
            models.UniqueConstraint(
                fields=["anchor", "obligation", "period_start"], name="submissiontally_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.anchor_id} {self.obligation_id} {self.period_start}: {self.received}"
