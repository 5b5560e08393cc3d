"""Search, excavation and repatriation of the remains of Vietnamese volunteer soldiers
and experts who fell in Cambodia (teams K70, K71, K72, K73…, steering committees 515).

The chain: a *lead* (information about a burial place) → a *search site* → an
*excavation* by a team in a season's phase → *remains sets* recovered → a *handover*
ceremony from a Cambodian to a Vietnamese province → *reburial* in a cemetery.
Nothing is deleted: cases are closed with a reason, and every status change is kept
as a :class:`StatusChange` row with its date and who made it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from huunghi.core.approval import RecordApproval, user_field
from huunghi.core.models import TimeStampedModel

DEMO_PREFIX = "[DEMO]"

ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    """``25`` → ``"XXV"``."""
    result = ""
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        result += letters * count
    return result


def _team_fk(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=_("search team"),
    )


class Season(TimeStampedModel):
    """A dry-season campaign, e.g. season XXV (2025–2026)."""

    number = models.PositiveSmallIntegerField(
        _("season number"), unique=True, validators=[MinValueValidator(1)]
    )
    start_year = models.PositiveSmallIntegerField(
        _("first year"),
        unique=True,
        validators=[MinValueValidator(1980), MaxValueValidator(2100)],
        help_text=_("The season 2025–2026 starts in 2025."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return str(
            _("Season %(roman)s (%(start)s–%(end)s)")
            % {
                "roman": self.roman,
                "start": self.start_year,
                "end": self.start_year + 1,
            }
        )

    @property
    def roman(self) -> str:
        return roman(self.number)


class Phase(models.Model):
    """A phase of a season (phase 1, phase 2) with its dates."""

    season = models.ForeignKey(
        Season, on_delete=models.PROTECT, related_name="phases", verbose_name=_("season")
    )
    number = models.PositiveSmallIntegerField(
        _("phase"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["season", "number"]
        constraints = [
            models.UniqueConstraint(fields=["season", "number"], name="phase_unique_number"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="phase_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Season %(roman)s, phase %(number)s")
            % {
                "roman": self.season.roman,
                "number": self.number,
            }
        )


class Credibility(models.TextChoices):
    """How far the team trusts what a lead reports."""

    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class LeadStatus(models.TextChoices):
    """A lead is received, then verified and confirmed (a search is planned), or closed
    with a reason."""

    RECEIVED = "received", _("received")
    VERIFYING = "verifying", _("being verified")
    CONFIRMED = "confirmed", _("confirmed, search planned")
    CLOSED = "closed", _("closed")


class SiteStatus(models.TextChoices):
    """A search site stays open while the team searches it; it is closed with a reason."""

    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ExcavationStatus(models.TextChoices):
    """An excavation is in progress until it is completed or cancelled."""

    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


class SetStage(models.TextChoices):
    """Where a set of remains is: recovered, handed over at a ceremony, reburied, or closed."""

    RECOVERED = "recovered", _("recovered")
    HANDED_OVER = "handed_over", _("handed over")
    REBURIED = "reburied", _("reburied")
    CLOSED = "closed", _("closed")


class Identification(models.TextChoices):
    """How far the fallen soldier of a set of remains has been identified."""

    UNIDENTIFIED = "unidentified", _("unidentified")
    PARTIAL = "partial", _("partially identified")
    IDENTIFIED = "identified", _("identified")


class CaseModel(TimeStampedModel):
    """Shared fields of everything that has a status: its date and a closing reason."""

    status_on = models.DateField(_("status since"))
    close_reason = models.TextField(_("reason for closing"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_synthetic = models.BooleanField(_("synthetic data"), default=False, db_index=True)
    created_by = user_field(_("created by"))

    class Meta:
        abstract = True


class Lead(CaseModel):
    """Information that remains may lie at a place in Cambodia."""

    team = _team_fk("remains_leads")
    received_on = models.DateField(_("received on"))
    informant_description = models.CharField(
        _("informant"),
        max_length=300,
        help_text=_(
            "Who gave the information, e.g. “former soldier of the unit, now in Tây Ninh”. "
            "Not a full private address."
        ),
    )
    place = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place in Cambodia"),
    )
    place_text = models.CharField(_("place details"), max_length=300, blank=True)
    estimated_count = models.PositiveSmallIntegerField(
        _("estimated number of remains"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, message=_("The estimated number must be at least 1."))],
    )
    credibility = models.CharField(
        _("credibility"), max_length=10, choices=Credibility.choices, default=Credibility.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=12, choices=LeadStatus.choices, default=LeadStatus.RECEIVED
    )

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["team", "status"], name="lead_team_status")]

    def __str__(self) -> str:
        return str(_("Lead #%(number)s") % {"number": self.pk or "?"})


class SearchSite(CaseModel):
    """A place searched by a team, usually following a lead."""

    team = _team_fk("remains_sites")
    name = models.CharField(_("site name"), max_length=200)
    lead = models.ForeignKey(
        Lead,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sites",
        verbose_name=_("lead"),
    )
    place = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place in Cambodia"),
    )
    place_text = models.CharField(_("place details"), max_length=300, blank=True)
    opened_on = models.DateField(_("opened on"))
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    status = models.CharField(
        _("status"), max_length=12, choices=SiteStatus.choices, default=SiteStatus.OPEN
    )

    class Meta:
        verbose_name = _("search site")
        verbose_name_plural = _("search sites")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Excavation(RecordApproval, CaseModel):
    """A team's excavation at a site during a season's phase."""

    team = _team_fk("remains_excavations")
    site = models.ForeignKey(
        SearchSite,
        on_delete=models.PROTECT,
        related_name="excavations",
        verbose_name=_("search site"),
    )
    phase = models.ForeignKey(
        Phase,
        on_delete=models.PROTECT,
        related_name="excavations",
        verbose_name=_("season and phase"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    recovered_count = models.IntegerField(
        _("remains recovered"),
        default=0,
        validators=[
            MinValueValidator(0, message=_("The number of remains recovered cannot be negative."))
        ],
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ExcavationStatus.choices,
        default=ExcavationStatus.IN_PROGRESS,
    )

    class Meta:
        verbose_name = _("excavation")
        verbose_name_plural = _("excavations")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recovered_count__gte=0),
                name="excavation_recovered_not_negative",
                violation_error_message=_("The number of remains recovered cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="excavation_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [models.Index(fields=["team", "start_date"], name="excavation_team_start")]

    def __str__(self) -> str:
        return str(_("Excavation #%(number)s") % {"number": self.pk or "?"})


class Handover(RecordApproval, TimeStampedModel):
    """A ceremony handing remains over from a Cambodian to a Vietnamese province."""

    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="remains_handovers",
        verbose_name=_("receiving unit"),
    )
    held_on = models.DateField(_("date"))
    kh_province = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Cambodian province"),
    )
    vn_province = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Vietnamese province"),
    )
    remains_count = models.PositiveSmallIntegerField(
        _("number of remains handed over"),
        validators=[MinValueValidator(1, message=_("At least one set of remains is handed over."))],
    )
    place_text = models.CharField(_("place of the ceremony"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_synthetic = models.BooleanField(_("synthetic data"), default=False, db_index=True)
    created_by = user_field(_("created by"))

    class Meta:
        verbose_name = _("handover ceremony")
        verbose_name_plural = _("handover ceremonies")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(remains_count__gte=1), name="handover_count_min_1"),
        ]

    def __str__(self) -> str:
        return str(_("Handover of %(date)s") % {"date": self.held_on.strftime("%d/%m/%Y")})


class Reburial(RecordApproval, TimeStampedModel):
    """Reburial of handed-over remains in a martyrs' cemetery."""

    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="remains_reburials",
        verbose_name=_("responsible unit"),
    )
    held_on = models.DateField(_("date"))
    cemetery_name = models.CharField(_("cemetery"), max_length=200)
    place = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place"),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_synthetic = models.BooleanField(_("synthetic data"), default=False, db_index=True)
    created_by = user_field(_("created by"))

    class Meta:
        verbose_name = _("reburial")
        verbose_name_plural = _("reburials")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.cemetery_name} ({self.held_on:%d/%m/%Y})"


class RemainsSet(RecordApproval, CaseModel):
    """Remains recovered together and kept as one set (``count`` people, usually 1)."""

    team = _team_fk("remains_sets")
    excavation = models.ForeignKey(
        Excavation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sets",
        verbose_name=_("excavation"),
    )
    recovered_on = models.DateField(_("recovered on"))
    count = models.PositiveSmallIntegerField(
        _("number of remains in the set"),
        default=1,
        validators=[
            MinValueValidator(1, message=_("A set holds the remains of at least one person."))
        ],
    )
    identification = models.CharField(
        _("identification"),
        max_length=14,
        choices=Identification.choices,
        default=Identification.UNIDENTIFIED,
    )
    dna_sample_taken = models.BooleanField(_("DNA sample taken"), default=False)
    personal_effects = models.TextField(_("personal effects found"), blank=True)
    soldier_name = models.CharField(_("name, if known"), max_length=200, blank=True)
    soldier_unit = models.CharField(_("military unit, if known"), max_length=200, blank=True)
    status = models.CharField(
        _("stage"), max_length=12, choices=SetStage.choices, default=SetStage.RECOVERED
    )
    handover = models.ForeignKey(
        Handover,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sets",
        editable=False,
        verbose_name=_("handover ceremony"),
    )
    reburial = models.ForeignKey(
        Reburial,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sets",
        editable=False,
        verbose_name=_("reburial"),
    )

    class Meta:
        verbose_name = _("remains set")
        verbose_name_plural = _("remains sets")
        ordering = ["-recovered_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="remainsset_count_min_1"),
        ]
        indexes = [models.Index(fields=["team", "status"], name="remainsset_team_status")]

    def __str__(self) -> str:
        return str(_("Remains set #%(number)s") % {"number": self.pk or "?"})


class StatusChange(models.Model):
    """One move of a lead, site, excavation or remains set from one status to another."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("object type")
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
    target = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("what changed"), max_length=20, default="status")
    from_value = models.CharField(_("from"), max_length=20, blank=True)
    to_value = models.CharField(_("to"), max_length=20)
    on_date = models.DateField(_("date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-on_date", "-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="statuschange_target")]

    def __str__(self) -> str:
        return f"{self.from_value or '—'} → {self.to_value} ({self.on_date})"
