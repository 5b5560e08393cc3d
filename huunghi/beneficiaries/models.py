"""Pupil sponsorship ("Nâng bước em tới trường", "Con nuôi đồn Biên phòng").

A unit sponsors a pupil with a monthly sum until the pupil finishes school. Names
and personal details are private to the sponsoring unit (see
:mod:`huunghi.beneficiaries.permissions`); everyone else sees counts.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from huunghi.beneficiaries.periods import validate_school_year
from huunghi.core.approval import RecordApproval, user_field
from huunghi.core.models import TimeStampedModel

MIN_SCHOOL_AGE = 5
MAX_SCHOOL_AGE = 20
DEFAULT_MONTHLY_SUPPORT = 500_000
DEMO_PREFIX = "[DEMO]"

positive_amount = MinValueValidator(1, message=_("The amount must be more than zero."))


class Nationality(models.TextChoices):
    VN = "VN", _("Vietnamese")
    KH = "KH", _("Cambodian")


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")


class EndReason(models.TextChoices):
    FINISHED = "finished", _("finished school")
    DROPPED_OUT = "dropped_out", _("dropped out")
    MOVED_AWAY = "moved_away", _("moved away")
    OTHER = "other", _("other")


class Pupil(RecordApproval, TimeStampedModel):
    """A sponsored pupil. ``end_date`` is the first day without sponsorship."""

    full_name = models.CharField(_("full name"), max_length=150)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    nationality = models.CharField(_("nationality"), max_length=2, choices=Nationality.choices)
    home_place = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home commune / village"),
    )
    hamlet = models.CharField(_("hamlet (ấp, phum)"), max_length=150, blank=True)
    school_name = models.CharField(_("school"), max_length=200)
    school_place = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school location"),
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="sponsored_pupils",
        verbose_name=_("sponsoring unit"),
    )
    officer_name = models.CharField(_("sponsoring officer"), max_length=150, blank=True)
    monthly_amount = models.BigIntegerField(
        _("monthly support (VND)"), default=DEFAULT_MONTHLY_SUPPORT, validators=[positive_amount]
    )
    start_date = models.DateField(_("sponsored from"))
    end_date = models.DateField(
        _("sponsorship ended on"),
        null=True,
        blank=True,
        help_text=_("The first day without sponsorship."),
    )
    end_reason = models.CharField(
        _("reason for ending"), max_length=20, choices=EndReason.choices, blank=True
    )
    end_note = models.CharField(_("note on ending"), max_length=300, blank=True)
    is_synthetic = models.BooleanField(_("synthetic data"), default=False, db_index=True)
    created_by = user_field(_("created by"))

    class Meta:
        verbose_name = _("sponsored pupil")
        verbose_name_plural = _("sponsored pupils")
        ordering = ["full_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="pupil_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True, end_reason="")
                | (Q(end_date__isnull=False) & ~Q(end_reason="")),
                name="pupil_end_reason_with_end_date",
                violation_error_message=_("Give both the end date and the reason for ending."),
            ),
            models.CheckConstraint(
                condition=Q(monthly_amount__gt=0), name="pupil_monthly_amount_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "start_date"], name="pupil_unit_start"),
            models.Index(fields=["nationality", "start_date"], name="pupil_nat_start"),
        ]

    def __str__(self) -> str:
        # Deliberately not the name: labels reach audit pages and logs seen by wider scopes.
        return str(_("Pupil #%(number)s") % {"number": self.pk or "?"})

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        age_error = self._age_error()
        if age_error:
            errors["birth_year"] = age_error
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _(
                "The end date (%(end)s) cannot be before the start date (%(start)s)."
            ) % {"end": self.end_date.isoformat(), "start": self.start_date.isoformat()}
        elif self.end_date and not self.end_reason:
            errors["end_reason"] = _("Choose why the sponsorship ended.")
        elif self.end_reason and not self.end_date:
            errors["end_date"] = _("Give the date on which the sponsorship ended.")
        if errors:
            raise ValidationError(errors)

    def _age_error(self) -> str | None:
        if not self.birth_year or not self.start_date:
            return None
        age = self.start_date.year - self.birth_year
        if MIN_SCHOOL_AGE <= age <= MAX_SCHOOL_AGE:
            return None
        return _(
            "A pupil born in %(year)s is %(age)s years old at the start of sponsorship; "
            "school age is %(min)s to %(max)s."
        ) % {"year": self.birth_year, "age": age, "min": MIN_SCHOOL_AGE, "max": MAX_SCHOOL_AGE}

    @property
    def is_active(self) -> bool:
        return self.end_date is None


class ProgressResult(models.TextChoices):
    EXCELLENT = "excellent", _("excellent")
    GOOD = "good", _("good")
    PASSED = "passed", _("satisfactory")
    NOT_PASSED = "not_passed", _("not yet satisfactory")


class PupilYear(TimeStampedModel):
    """A pupil's grade and progress in one school year."""

    pupil = models.ForeignKey(
        Pupil, on_delete=models.PROTECT, related_name="years", verbose_name=_("pupil")
    )
    school_year = models.CharField(
        _("school year"), max_length=9, validators=[validate_school_year]
    )
    grade = models.PositiveSmallIntegerField(
        _("grade"),
        validators=[
            MinValueValidator(1, message=_("The grade must be between 1 and 12.")),
            MaxValueValidator(12, message=_("The grade must be between 1 and 12.")),
        ],
    )
    result = models.CharField(
        _("result"), max_length=12, choices=ProgressResult.choices, blank=True
    )
    note = models.TextField(_("progress note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("school year progress")
        verbose_name_plural = _("school year progress")
        ordering = ["pupil", "-school_year"]
        constraints = [
            models.UniqueConstraint(fields=["pupil", "school_year"], name="pupilyear_unique"),
            models.CheckConstraint(
                condition=Q(grade__gte=1) & Q(grade__lte=12), name="pupilyear_grade_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pupil} · {self.school_year}"


class Payment(TimeStampedModel):
    """One month's support paid to a pupil. ``month`` is the first day of the month."""

    pupil = models.ForeignKey(
        Pupil, on_delete=models.PROTECT, related_name="payments", verbose_name=_("pupil")
    )
    month = models.DateField(_("month"))
    amount = models.BigIntegerField(_("amount (VND)"), validators=[positive_amount])
    paid_on = models.DateField(_("paid on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = user_field(_("created by"))

    class Meta:
        verbose_name = _("sponsorship payment")
        verbose_name_plural = _("sponsorship payments")
        ordering = ["pupil", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "month"],
                name="payment_one_per_month",
                violation_error_message=_("A payment for this month is already recorded."),
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
        ]
        indexes = [models.Index(fields=["paid_on"], name="payment_paid_on")]

    def __str__(self) -> str:
        return f"{self.pupil} · {self.month:%Y-%m}"
