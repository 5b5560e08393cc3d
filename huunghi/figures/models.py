"""Reported figures: a total a unit reports for a period, with the source it comes from.

Units often report a total ("about 2,000 people examined in May") without the
individual records behind it. A :class:`ReportedFigure` keeps such a total beside
the records so that reports can use records where they exist and the figure where
they do not, and show both (with their difference) where both exist: see
:mod:`huunghi.figures.combine`.

A figure for a *flow* indicator covers a period (``period_start`` … ``period_end``);
a figure for a *stock* indicator is a value ``as_of`` one date. Figures move
through the same approval chain as records (:mod:`huunghi.core.workflow`).
A correction is a new figure that supersedes the old one; the old one is kept,
marked superseded, and no longer counts.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from huunghi.core.fields import optional_link
from huunghi.core.models import ApprovalFields, Qualifier, Status, TimeStampedModel
from huunghi.figures.periods import PeriodKind, period_label
from huunghi.records.indicators import BY_CODE, Indicator


class SourceKind(models.TextChoices):
    DOCUMENT = "document", _("document (report, decision, letter)")
    MEETING = "meeting", _("meeting or review conference")
    NEWS = "news", _("news article")
    OTHER = "other", _("other")


class ReportedFigure(ApprovalFields, TimeStampedModel):
    """A total reported by ``unit`` for ``indicator`` over a period or as of a date."""

    indicator = models.CharField(
        _("indicator"),
        max_length=60,
        db_index=True,
        help_text=_("A code of the shared indicator registry (huunghi.reports.indicators)."),
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="reported_figures",
        verbose_name=_("reporting unit"),
    )
    place = optional_link("geography.AdminUnit", _("place"), related_name="reported_figures")
    period_kind = models.CharField(_("period given as"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    note = models.TextField(_("note"), blank=True)
    source_kind = models.CharField(_("source kind"), max_length=10, choices=SourceKind.choices)
    source_title = models.CharField(_("source title"), max_length=300)
    source_site = models.CharField(_("published by / site"), max_length=200, blank=True)
    source_section = models.CharField(_("section"), max_length=200, blank=True)
    source_author = models.CharField(_("author"), max_length=120, blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    shared_with = models.ManyToManyField(
        "organisations.Unit",
        related_name="figures_shared",
        blank=True,
        verbose_name=_("shared read-only with"),
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        editable=False,
        verbose_name=_("superseded by"),
        help_text=_("The newer version that replaced this figure; set: it no longer counts."),
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True, editable=False)
    import_key = models.CharField(
        _("import key"), max_length=80, blank=True, editable=False, db_index=True
    )
    is_synthetic = models.BooleanField(_("synthetic data"), default=False, db_index=True)

    class Meta:
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        ordering = ["-period_end", "-as_of", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="figure_value_not_negative"),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="figure_period_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(
                    period_kind=PeriodKind.AS_OF,
                    as_of__isnull=False,
                    period_start__isnull=True,
                    period_end__isnull=True,
                )
                | (
                    ~Q(period_kind=PeriodKind.AS_OF)
                    & Q(as_of__isnull=True, period_start__isnull=False, period_end__isnull=False)
                ),
                name="figure_as_of_or_period",
            ),
            models.CheckConstraint(
                condition=Q(superseded_by__isnull=True, superseded_at__isnull=True)
                | Q(superseded_by__isnull=False, superseded_at__isnull=False),
                name="figure_superseded_pair",
            ),
            models.CheckConstraint(
                condition=~Q(superseded_by=models.F("id")), name="figure_not_own_successor"
            ),
            models.UniqueConstraint(
                fields=["import_key"], condition=~Q(import_key=""), name="figure_import_key_unique"
            ),
        ]
        indexes = [
            models.Index(
                fields=["indicator", "unit", "period_start"], name="figure_ind_unit_start"
            ),
            models.Index(fields=["indicator", "as_of"], name="figure_ind_as_of"),
            models.Index(fields=["status", "indicator"], name="figure_status_ind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()} · {self.unit} · {self.period_label}"

    @property
    def indicator_def(self) -> Indicator | None:
        """The registry entry for ``indicator`` (None for an unknown code)."""
        return BY_CODE.get(self.indicator)

    def get_indicator_display(self) -> str:
        found = self.indicator_def
        return str(found.label) if found else self.indicator

    @property
    def is_locked(self) -> bool:
        return self.status == Status.APPROVED

    @property
    def is_superseded(self) -> bool:
        return self.superseded_by_id is not None

    @property
    def period_label(self) -> str:
        """The period as people write it: ``05/2022``, ``Q2/2022``, ``2021``, ``as of …``."""
        return period_label(self.period_kind, self.period_start, self.period_end, self.as_of)
