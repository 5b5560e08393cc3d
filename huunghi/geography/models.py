"""Administrative geography of both countries, dated across reorganisations.

Every administrative unit keeps the dates it was in force. A unit abolished by a
reorganisation (Vietnam's 1 July 2025 merger of 63 provinces into 34, the abolition
of districts) points to its successors through :class:`PlaceSuccession`, so a
record made at a historic place keeps that place and still rolls up to the unit in
force at any other date.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from huunghi.core.models import TimeStampedModel


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


class AdminUnit(TimeStampedModel):
    """A province, district, commune or village, in force between two dates.

    ``code`` is unique within a country and era: Vietnam's legacy codes carry the
    prefix ``L`` (e.g. ``L70`` Bình Phước) so they never clash with the codes in
    force since 2025 (``75`` Đồng Nai).
    """

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="admin_units")
    code = models.CharField(_("code"), max_length=20)
    official_code = models.CharField(_("official code"), max_length=20, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=AdminLevel.choices)
    kind_name = models.CharField(_("type"), max_length=40, blank=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=150)
    name_km = models.CharField(_("name (Khmer)"), max_length=150, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    search_name = models.CharField(max_length=150, db_index=True, editable=False, default="")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    province = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The province this unit lies in (itself for a province)."),
    )
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    is_border = models.BooleanField(_("border province"), default=False)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

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

    def in_force_on(self, day) -> bool:  # type: ignore[no-untyped-def]
        """Whether the unit existed on ``day``."""
        after_start = self.valid_from is None or self.valid_from <= day
        before_end = self.valid_to is None or day < self.valid_to
        return after_start and before_end


class PlaceSuccession(models.Model):
    """``predecessor`` ended and (part of) it became ``successor`` on ``on_date``."""

    predecessor = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="predecessions"
    )
    on_date = models.DateField(_("date"))
    whole = models.BooleanField(
        _("whole unit"),
        default=True,
        help_text=_("False when only part of the predecessor went to the successor."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="placesuccession_unique_pair"
            ),
        ]


def localized_name(obj: object) -> str:
    """The object's name in the active language, falling back to Vietnamese."""
    lang = (get_language() or "vi")[:2]
    name = getattr(obj, f"name_{lang}", "") or getattr(obj, "name_vi", "")
    return str(name)
