"""Administrative geography of both countries, dated across reorganisations.

Every administrative unit keeps the dates it was in force. A unit abolished by a
reorganisation (Vietnam's 1 July 2025 merger of 63 provinces into 34, the abolition
of districts) points to its successors through :class:`PlaceSuccession`, so a
record made at a historic place keeps that place and still rolls up to the unit in
force at any other date.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from huunghi.core.fields import optional_link
from huunghi.core.models import ApprovalFields, Qualifier, TimeStampedModel
from huunghi.core.names import localized_name
from huunghi.geography.text import search_key


class Country(models.Model):
    """A country whose border cooperation the system records."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=100)
    name_km = models.CharField(_("name (Khmer)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self) -> str:
        return localized_name(self)


class AdminLevel(models.TextChoices):
    PROVINCE = "province", _("province")
    DISTRICT = "district", _("district")
    COMMUNE = "commune", _("commune / ward")
    VILLAGE = "village", _("village / hamlet")


MUNICIPALITY_KINDS = frozenset({"Thành phố", "Thủ đô"})


class AdminUnit(TimeStampedModel):
    """A province, district, commune or village, in force between two dates.

    ``code`` is unique within a country and era: Vietnam's legacy codes carry the
    prefix ``L`` (e.g. ``L70`` Bình Phước) so they never clash with the codes in
    force since 2025 (``75`` Đồng Nai).
    """

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="admin_units", verbose_name=_("country")
    )
    code = models.CharField(_("code"), max_length=20)
    official_code = models.CharField(_("official code"), max_length=20, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=AdminLevel.choices)
    kind_name = models.CharField(_("type"), max_length=40, blank=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=150)
    name_km = models.CharField(_("name (Khmer)"), max_length=150, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    search_name = models.CharField(
        _("name for searching"), max_length=150, db_index=True, editable=False, default=""
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent administrative unit"),
    )
    province = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
        help_text=_("The province this unit lies in (itself for a province)."),
    )
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    is_border = models.BooleanField(_("border province"), default=False)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["country", "level", "name_vi"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="adminunit_unique_code"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="adminunit_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["country", "level", "valid_to"])]

    def __str__(self) -> str:
        return localized_name(self)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = search_key(self.name_vi, self.name_en)
        super().save(*args, **kwargs)

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the unit existed on ``day``."""
        after_start = self.valid_from is None or self.valid_from <= day
        before_end = self.valid_to is None or day < self.valid_to
        return after_start and before_end

    @property
    def full_name_vi(self) -> str:
        """The Vietnamese name with its type, e.g. "Tỉnh Tây Ninh", "Phường 4"."""
        if not self.kind_name or self.name_vi.startswith(self.kind_name + " "):
            return self.name_vi
        return f"{self.kind_name} {self.name_vi}"

    @property
    def display_name(self) -> str:
        """The name with its type in Vietnamese, the plain name in the active other language."""
        if (get_language() or "vi")[:2] == "vi":
            return self.full_name_vi
        return localized_name(self)

    @property
    def is_historic(self) -> bool:
        """Whether the unit has been abolished (it has an end date)."""
        return self.valid_to is not None

    @property
    def is_municipality(self) -> bool:
        """A province-level city (Hà Nội, TP Hồ Chí Minh, Phnom Penh), not a province."""
        return self.level == AdminLevel.PROVINCE and self.kind_name in MUNICIPALITY_KINDS

    @property
    def level_label(self) -> str:
        """The level for display: "city (municipality)" for a province-level city."""
        if self.is_municipality:
            return str(_("city (municipality)"))
        return str(self.get_level_display())


class PlaceSuccession(models.Model):
    """``predecessor`` ended and (part of) it became ``successor`` on ``on_date``."""

    predecessor = models.ForeignKey(
        AdminUnit,
        on_delete=models.CASCADE,
        related_name="successions",
        verbose_name=_("former administrative unit"),
    )
    successor = models.ForeignKey(
        AdminUnit,
        on_delete=models.CASCADE,
        related_name="predecessions",
        verbose_name=_("new administrative unit"),
    )
    on_date = models.DateField(_("date"))
    whole = models.BooleanField(
        _("whole unit"),
        default=True,
        help_text=_("False when only part of the predecessor went to the successor."),
    )

    class Meta:
        verbose_name = _("place succession")
        verbose_name_plural = _("place successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="placesuccession_unique_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.on_date})"


MARKER_NUMBER_PATTERN = r"^\d{1,3}(/\d{1,3})?( ?\(\d{1,2}\))?$"

marker_number_validator = RegexValidator(
    regex=MARKER_NUMBER_PATTERN,
    message=_(
        "Enter the marker number as printed on the marker: a main marker number such as "
        "229, or main/auxiliary such as 229/12, optionally followed by (2) for a double marker."
    ),
    code="invalid_marker_number",
)


class BorderProvincePair(models.Model):
    """A Vietnamese and a Cambodian province that face each other across the land border.

    ``vn_province`` is the province in force since 1 July 2025; ``vn_legacy_province`` the
    pre-2025 province whose segment it was (Long An's segment now belongs to Tây Ninh).
    """

    vn_province = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Vietnamese province"),
    )
    vn_legacy_province = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Vietnamese province before 1 July 2025"),
    )
    kh_province = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Cambodian province"),
    )
    length_km = models.DecimalField(
        _("length of the shared segment (km)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("facing border provinces")
        verbose_name_plural = _("facing border provinces")
        constraints = [
            models.UniqueConstraint(
                fields=["vn_legacy_province", "kh_province"], name="borderprovincepair_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vn_province} ↔ {self.kh_province}"


class GateLevel(models.TextChoices):
    INTERNATIONAL = "international", _("international")
    MAIN = "main", _("main (national)")
    SECONDARY = "secondary", _("secondary")


class BorderGatePair(models.Model):
    """A pair of facing border gates, e.g. Mộc Bài – Bavet.

    Coordinates are approximate (within a few kilometres) and serve only to draw the map.
    """

    vn_name = models.CharField(_("Vietnamese gate"), max_length=100)
    kh_name = models.CharField(_("Cambodian gate"), max_length=100)
    kh_name_km = models.CharField(_("Cambodian gate (Khmer)"), max_length=100, blank=True)
    vn_province = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Vietnamese province")
    )
    vn_legacy_province = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Vietnamese province before 1 July 2025"),
    )
    kh_province = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("Cambodian province")
    )
    level = models.CharField(
        _("level"), max_length=15, choices=GateLevel.choices, default=GateLevel.INTERNATIONAL
    )
    latitude = models.FloatField(
        _("latitude (approximate)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude (approximate)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("border gate pair")
        verbose_name_plural = _("border gate pairs")
        ordering = ["vn_province__code", "vn_name"]
        constraints = [
            models.UniqueConstraint(fields=["vn_name", "kh_name"], name="bordergatepair_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.vn_name} – {self.kh_name}"


class MarkerKind(models.TextChoices):
    """What stands at a point of the border line: a main or auxiliary marker, or a post."""

    MAIN = "main", _("main marker")
    AUXILIARY = "auxiliary", _("auxiliary marker")
    POST = "post", _("marker post")


class MarkerCondition(models.TextChoices):
    """The condition a marker was found in when it was last inspected."""

    GOOD = "good", _("good")
    DAMAGED = "damaged", _("damaged")
    REPAINTED = "repainted", _("repainted")
    REPAIRED = "repaired", _("repaired")
    LOST = "lost", _("lost")


class BorderMarker(ApprovalFields, TimeStampedModel):
    """A sovereignty border marker, a public reference object managed by a border post.

    ``unit`` is the post that manages the marker: it edits the entry, which goes through
    the approval chain of :mod:`huunghi.core.workflow`. Records that name the marker's
    number are linked to it (:class:`MarkerVisit`). No operational data (routes,
    schedules) has a field. The table starts empty: no named marker is invented. Demo
    rows carry ``is_synthetic``.
    """

    number = models.CharField(
        _("marker number"), max_length=20, unique=True, validators=[marker_number_validator]
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MarkerKind.choices)
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
    condition = models.CharField(
        _("condition"), max_length=10, choices=MarkerCondition.choices, blank=True
    )
    last_inspected_on = models.DateField(_("last inspected on"), null=True, blank=True)
    province = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="border_markers",
        verbose_name=_("Vietnamese province"),
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        null=True,
        related_name="border_markers",
        verbose_name=_("managed by"),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_synthetic = models.BooleanField(_("synthetic data"), default=False)

    class Meta:
        verbose_name = _("border marker")
        verbose_name_plural = _("border markers")
        ordering = ["number"]
        indexes = [models.Index(fields=["status", "number"], name="marker_status_number")]

    def __str__(self) -> str:
        return str(self.number)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("geography:marker_detail", args=[self.pk])


class MarkerConditionEntry(models.Model):
    """A dated change of a marker's condition (repainted, damaged, repaired …), with who
    entered it and, when it came from a cooperation record, which record."""

    marker = models.ForeignKey(
        BorderMarker,
        on_delete=models.CASCADE,
        related_name="condition_entries",
        verbose_name=_("border marker"),
    )
    on_date = models.DateField(_("date"))
    condition = models.CharField(_("condition"), max_length=10, choices=MarkerCondition.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    activity = optional_link("records.Activity", _("from record"), on_delete=models.SET_NULL)
    recorded_by = optional_link(settings.AUTH_USER_MODEL, _("entered by"))
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("marker condition entry")
        verbose_name_plural = _("marker condition entries")
        ordering = ["-on_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["marker", "activity", "condition"],
                condition=Q(activity__isnull=False),
                name="markercondition_once_per_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.marker} {self.on_date} {self.condition}"


class MarkerVisit(models.Model):
    """A cooperation record (a salute, a joint patrol) that names the marker.

    Only the fact of the visit is kept: the record's date and unit come from the record.
    """

    marker = models.ForeignKey(
        BorderMarker,
        on_delete=models.CASCADE,
        related_name="visits",
        verbose_name=_("border marker"),
    )
    activity = models.ForeignKey(
        "records.Activity",
        on_delete=models.CASCADE,
        related_name="marker_visits",
        verbose_name=_("activity"),
    )

    class Meta:
        verbose_name = _("record naming a marker")
        verbose_name_plural = _("records naming a marker")
        constraints = [
            models.UniqueConstraint(fields=["marker", "activity"], name="markervisit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.marker} ← {self.activity_id}"


class ReferenceFact(models.Model):
    """A published figure about the border, with its qualifier and its source.

    ``place`` is set when the figure describes one unit (Tây Ninh's 240 km segment).
    """

    key = models.SlugField(_("key"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    unit = models.CharField(_("unit of measure"), max_length=30, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    place = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place"),
    )
    source_title = models.CharField(_("source title"), max_length=300, blank=True)
    source_site = models.CharField(_("source site"), max_length=200, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("reference figure")
        verbose_name_plural = _("reference figures")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.description}: {self.value} {self.unit}".strip()
