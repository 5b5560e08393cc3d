"""Cooperation records: every activity a unit reports, and the long-lived things
(twinning pairs, facilities, agreements) that activities create or review.

One ``Activity`` table holds all kinds so that lists, totals and sharing work the
same way for every programme; kind-specific fields live in related tables or in
``details`` (validated per kind by the forms in :mod:`huunghi.records.kinds`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huunghi.core.approval import RecordApproval, user_field
from huunghi.core.fields import optional_link
from huunghi.core.models import ApprovalFields, Qualifier, Status, TimeStampedModel


class ActivityKind(models.TextChoices):
    """The programme a cooperation activity belongs to. It decides which details the
    record's form asks for (:mod:`huunghi.records.kinds`) and is one axis of every total."""

    FESTIVAL = "festival", _("Border defence friendship exchange")
    MARKER_SALUTE = "marker_salute", _("Salute and repaint of sovereignty markers")
    JOINT_PATROL = "joint_patrol", _("Joint / bilateral patrol of markers")
    TREE_PLANTING = "tree_planting", _("Friendship tree planting")
    FACILITY_INAUGURATION = "facility_inauguration", _("Inauguration of a facility")
    MEDICAL_OUTREACH = "medical_outreach", _("Free medical examination and medicines")
    SCHOLARSHIP = "scholarship", _("Scholarships")
    LIVELIHOOD_GIFT = "livelihood_gift", _("Livelihood gifts (e.g. breeding cows)")
    AID = "aid", _("Aid and material support")
    AGREEMENT = "agreement", _("Signing of a cooperation agreement")
    DELEGATION_OUT = "delegation_out", _("Outgoing delegation")
    DELEGATION_IN = "delegation_in", _("Incoming delegation")
    BRIEFING_MEETING = "briefing_meeting", _("Briefing meeting on the border situation")
    CRIME_PREVENTION = "crime_prevention", _("Coordinated crime prevention")
    NEW_YEAR_VISIT = "new_year_visit", _("Traditional New Year greeting visit")
    EDUCATION_SESSION = "education_session", _("Information and education session")
    TWINNING_REVIEW = "twinning_review", _("Review of a twinning programme")
    FRIENDSHIP_VISIT = "friendship_visit", _("Friendship visit (school, family, unit)")
    OTHER = "other", _("Other cooperation activity")


class SourceType(models.TextChoices):
    """How an activity came into the system: typed in, imported from a file, proposed from
    a news article, or generated as synthetic data."""

    ENTERED = "entered", _("entered")
    IMPORTED = "imported", _("imported from a file")
    NEWS = "news", _("news article")
    SYNTHETIC = "synthetic", _("synthetic (generated)")


class Measure(models.TextChoices):
    """Typed quantities a record may carry. Units of measure are fixed per measure."""

    PEOPLE_EXAMINED = "people_examined", _("people examined")
    MEDICINE_DOSES = "medicine_doses", _("medicine packs handed out")
    VALUE_VND = "value_vnd", _("value (VND)")
    PARTICIPANTS = "participants", _("participants")
    SCHOLARSHIPS = "scholarships", _("scholarships")
    HOUSEHOLDS = "households", _("households helped")
    CATTLE = "cattle", _("breeding cattle")
    TREES = "trees", _("trees planted")
    MARKERS = "markers", _("markers visited or repainted")
    DELEGATION_MEMBERS = "delegation_members", _("delegation members")
    DISTANCE_KM = "distance_km", _("distance (km)")
    CASES = "cases", _("cases handled")
    ITEMS = "items", _("items of goods")


class Activity(ApprovalFields, TimeStampedModel):
    """One cooperation activity reported by a unit."""

    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("reporting unit"),
    )
    country = models.ForeignKey(
        "geography.Country",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("country"),
    )
    place = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        related_name="activities",
        null=True,
        blank=True,
        verbose_name=_("place"),
    )
    province_then = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("province at the time"),
        help_text=_("Province of the place in the geography of the record's date."),
    )
    province_now = models.ForeignKey(
        "geography.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("province today"),
        help_text=_("Province of the place in today's geography."),
    )
    place_text = models.CharField(_("place details"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of (festival)"),
    )
    counterpart_units = models.ManyToManyField(
        "organisations.Unit",
        through="ActivityCounterpart",
        related_name="counterpart_activities",
        blank=True,
        verbose_name=_("counterpart units"),
    )
    counterpart_places = models.ManyToManyField(
        "geography.AdminUnit",
        related_name="counterpart_activities",
        blank=True,
        verbose_name=_("counterpart places"),
    )
    twinning_pair = models.ForeignKey(
        "TwinningPair",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("twinning pair reviewed"),
    )
    description = models.TextField(_("description"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    details = models.JSONField(_("kind-specific details"), default=dict, blank=True)
    source_type = models.CharField(
        _("source"), max_length=12, choices=SourceType.choices, default=SourceType.ENTERED
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_title = models.CharField(_("source title"), max_length=300, blank=True)
    import_key = models.CharField(
        _("import key"), max_length=64, blank=True, editable=False, db_index=True
    )
    is_synthetic = models.BooleanField(_("synthetic data"), default=False, db_index=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="activity_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="activity_not_own_parent"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "start_date"], name="activity_unit_date"),
            models.Index(fields=["start_date", "id"], name="activity_date_id"),
            models.Index(fields=["status", "start_date"], name="activity_status_date"),
            models.Index(fields=["kind", "start_date"], name="activity_kind_date"),
            models.Index(fields=["province_now", "start_date"], name="activity_prov_date"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("records:detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == Status.APPROVED

    @property
    def last_date(self):  # type: ignore[no-untyped-def]
        return self.end_date or self.start_date


class ActivityQuantity(models.Model):
    """A typed quantity of an activity with how exact it is."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="quantities", verbose_name=_("activity")
    )
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("quantity")
        verbose_name_plural = _("quantities")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="quantity_not_negative"),
            models.UniqueConstraint(
                fields=["activity", "measure"], name="quantity_one_per_measure"
            ),
        ]

    def __str__(self) -> str:
        qualifier = "" if self.qualifier == Qualifier.EXACT else f"{self.get_qualifier_display()} "
        return f"{qualifier}{self.value.normalize():f} {self.get_measure_display()}"


class CounterpartRole(models.TextChoices):
    COUNTERPART = "counterpart", _("counterpart")
    CO_ORGANISER = "co_organiser", _("co-organiser")
    RECIPIENT = "recipient", _("recipient")


class ActivityCounterpart(models.Model):
    """A unit of either side taking part; ``shared`` grants its accounts read access."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("activity"),
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("counterpart unit"),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=CounterpartRole.choices,
        default=CounterpartRole.COUNTERPART,
    )
    shared = models.BooleanField(_("shared read-only with this unit"), default=False)

    class Meta:
        verbose_name = _("counterpart unit")
        verbose_name_plural = _("counterpart units")
        constraints = [
            models.UniqueConstraint(fields=["activity", "unit"], name="counterpart_unique"),
        ]
        indexes = [models.Index(fields=["unit", "shared"], name="counterpart_unit_shared")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.activity_id}/{filename}"


class Attachment(TimeStampedModel):
    """A photo or PDF attached to an activity (type and size checked by the form)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("activity")
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class TwinningKind(models.TextChoices):
    POST_PAIR = "post_pair", _("border post / station pair")
    CLUSTER_PAIR = "cluster_pair", _("residential cluster pair")


class TwinningStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    ENDED = "ended", _("ended")


class TwinningPair(RecordApproval, TimeStampedModel):
    """Two posts, stations or residential clusters on either side, twinned since a date."""

    kind = models.CharField(_("kind"), max_length=20, choices=TwinningKind.choices)
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="twinnings",
        verbose_name=_("responsible unit"),
    )
    vn_unit = optional_link("organisations.Unit", _("Vietnamese post / station"))
    kh_unit = optional_link("organisations.Unit", _("Cambodian post / station"))
    vn_place = optional_link("geography.AdminUnit", _("Vietnamese place"))
    vn_place_text = models.CharField(_("Vietnamese cluster (hamlet)"), max_length=200, blank=True)
    kh_place = optional_link("geography.AdminUnit", _("Cambodian place"))
    kh_place_text = models.CharField(_("Cambodian cluster (phum)"), max_length=200, blank=True)
    started_on = models.DateField(_("twinned since"))
    status = models.CharField(
        _("status"), max_length=12, choices=TwinningStatus.choices, default=TwinningStatus.ACTIVE
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_synthetic = models.BooleanField(_("synthetic data"), default=False)
    created_by = user_field(_("created by"))

    class Meta:
        verbose_name = _("twinning pair")
        verbose_name_plural = _("twinning pairs")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="twinning_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == TwinningKind.POST_PAIR:
            return f"{self.vn_unit} ↔ {self.kh_unit}"
        return f"{self.vn_place_text or self.vn_place} ↔ {self.kh_place_text or self.kh_place}"

    def get_absolute_url(self) -> str:
        return reverse("records:twinning_detail", args=[self.pk])


class FacilityKind(models.TextChoices):
    CLINIC = "clinic", _("joint military-civilian clinic")
    SCHOOL = "school", _("school")
    HOUSE = "house", _("house / shelter")
    MONUMENT = "monument", _("friendship monument")
    OTHER = "other", _("other")


class Facility(RecordApproval, TimeStampedModel):
    """A facility built or supported together, e.g. a joint military-civilian clinic."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=FacilityKind.choices)
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="facilities",
        verbose_name=_("responsible unit"),
    )
    place = optional_link("geography.AdminUnit", _("place"))
    inaugurated_on = models.DateField(_("inaugurated on"), null=True, blank=True)
    inauguration = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilities",
        verbose_name=_("inauguration"),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_synthetic = models.BooleanField(_("synthetic data"), default=False)
    created_by = user_field(_("created by"))

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("records:facility_detail", args=[self.pk])


def agreement_path(instance: Agreement, filename: str) -> str:
    return f"agreements/{instance.pk or 'new'}/{filename}"


class Agreement(RecordApproval, TimeStampedModel):
    """A signed cooperation agreement between units of both sides."""

    title = models.CharField(_("title"), max_length=300)
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("responsible unit"),
    )
    parties = models.ManyToManyField(
        "organisations.Unit", related_name="party_to_agreements", verbose_name=_("parties")
    )
    signed_on = models.DateField(_("signed on"))
    term_years = models.PositiveSmallIntegerField(_("term (years)"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    document = models.FileField(_("scanned document"), upload_to=agreement_path, blank=True)
    signing = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("signing activity"),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_synthetic = models.BooleanField(_("synthetic data"), default=False)
    created_by = user_field(_("created by"))

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("signed_on")),
                name="agreement_expiry_after_signing",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("records:agreement_detail", args=[self.pk])
