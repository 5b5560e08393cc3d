"""Units of both countries in a dated hierarchy.

``Unit.path`` is a materialized path of the *current* tree (``"000012.000345."``):
a subtree is one indexed ``path LIKE 'prefix%'`` query. The history of names and
parents lives in :class:`UnitVersion` rows with validity dates, so a unit can be
renamed, moved or merged without rewriting the records it made.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from huunghi.core.fields import optional_link
from huunghi.core.models import TimeStampedModel
from huunghi.geography.models import localized_name

PATH_SEGMENT_WIDTH = 7


class UnitKind(models.TextChoices):
    """What kind of body a unit is, on either side of the border: a ministry, command or
    border guard echelon, a post or station, a remains search team, or one of the civil
    authorities, associations, schools, clinics and communities the units work with."""

    MINISTRY = "ministry", _("ministry")
    COMMAND = "command", _("command")
    MILITARY_REGION = "military_region", _("military region")
    PROVINCIAL_COMMAND = "provincial_command", _("provincial command")
    PROVINCIAL_BORDER_GUARD = "provincial_border_guard", _("provincial border guard")
    BORDER_POST = "border_post", _("border post")
    STATION = "station", _("border station")
    STEERING_COMMITTEE = "steering_committee", _("steering committee 515")
    SEARCH_TEAM = "search_team", _("remains search team")
    GENDARMERIE = "gendarmerie", _("gendarmerie")
    MILITARY_SUBREGION = "military_subregion", _("provincial military sub-region")
    BORDER_POLICE = "border_police", _("border police post")
    CIVIL_AUTHORITY = "civil_authority", _("civil authority")
    ASSOCIATION = "association", _("friendship association")
    SCHOOL = "school", _("school")
    CLINIC = "clinic", _("clinic")
    COMMUNITY = "community", _("residential cluster / community")
    OTHER = "other", _("other")


class Unit(TimeStampedModel):
    """An organisation unit: a command, a border post, a search team, a school…"""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_km = models.CharField(_("name (Khmer)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices)
    country = models.ForeignKey(
        "geography.Country",
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("country"),
    )
    place = optional_link("geography.AdminUnit", _("location"), related_name="units")
    parent = optional_link("self", _("parent unit"), related_name="children")
    path = models.CharField(
        _("position in the unit tree"), max_length=255, unique=True, editable=False
    )
    depth = models.PositiveSmallIntegerField(_("level in the unit tree"), default=0, editable=False)
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("merged into"),
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="unit_valid_range",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return localized_name(self)

    @property
    def is_active(self) -> bool:
        return self.valid_to is None

    def ancestor_paths(self) -> list[str]:
        """Paths of this unit and all its ancestors, root first."""
        step = PATH_SEGMENT_WIDTH + 1
        return [self.path[: i + step] for i in range(0, len(self.path), step)]


class UnitVersion(models.Model):
    """A unit's name and parent between two dates (the history of renames and moves)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="versions", verbose_name=_("unit")
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    parent = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parent unit"),
    )
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)
    change = models.CharField(_("change"), max_length=20, default="created")

    class Meta:
        verbose_name = _("unit version")
        verbose_name_plural = _("unit versions")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="unitversion_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_vi} ({self.valid_from or '…'} – {self.valid_to or '…'})"
