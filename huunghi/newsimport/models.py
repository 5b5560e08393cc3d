"""Imported news articles and the draft records proposed from them.

An article is imported *for* a unit (the clerk's choice among the units they may report
for) and belongs to it like a record does. Its proposals wait for review: nothing
becomes an activity or a reported figure until a clerk accepts it, editing it first.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huunghi.core.models import TimeStampedModel


class InputKind(models.TextChoices):
    UPLOAD = "upload", _("saved page or text file")
    PASTE = "paste", _("pasted text")


class ArticleStatus(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    REVIEWED = "reviewed", _("reviewed")


class NewsArticle(TimeStampedModel):
    """A news article imported for ``unit``: its input as given, clean text and metadata.

    The same text imported twice for one unit is recognised by ``content_hash`` (SHA-256
    of the normalised clean text).
    """

    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="news_articles",
        verbose_name=_("imported for unit"),
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("imported by"),
    )
    input_kind = models.CharField(_("input"), max_length=10, choices=InputKind.choices)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    raw = models.BinaryField(_("input as given"), editable=False)
    source_format = models.CharField(_("format"), max_length=10, editable=False)
    content_hash = models.CharField(_("content hash"), max_length=64, editable=False)
    url = models.URLField(_("article address"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    published = models.DateTimeField(_("published"), null=True, blank=True)
    published_has_time = models.BooleanField(
        _("publication time given"), default=False, editable=False
    )
    author = models.CharField(_("author"), max_length=200, blank=True)
    site = models.CharField(_("site"), max_length=200, blank=True)
    section = models.CharField(_("section"), max_length=300, blank=True)
    text = models.TextField(_("clean text"))
    paragraphs = models.JSONField(
        _("paragraphs"),
        default=list,
        editable=False,
        help_text=_("[start, end, role] of every paragraph."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.PENDING
    )

    class Meta:
        verbose_name = _("imported news article")
        verbose_name_plural = _("imported news articles")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "content_hash"], name="newsarticle_once_per_unit"
            ),
        ]
        indexes = [models.Index(fields=["unit", "url"], name="newsarticle_unit_url")]

    def __str__(self) -> str:
        return self.title or str(_("Untitled article"))

    def get_absolute_url(self) -> str:
        return reverse("newsimport:review", args=[self.pk])

    @property
    def published_date(self):  # type: ignore[no-untyped-def]
        """The publication date as the page printed it (its own time zone)."""
        return self.published.date() if self.published else None


class RecordType(models.TextChoices):
    ACTIVITY = "activity", _("activity")
    FIGURE = "figure", _("reported figure")


class Decision(models.TextChoices):
    PENDING = "pending", _("waiting")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class NewsProposal(TimeStampedModel):
    """One activity or reported figure the article reports, as the engine read it.

    ``payload`` keeps what was extracted (dates, places, units and quantities with their
    spans in the clean text); ``spans`` lists every highlighted piece as
    ``{"field", "start", "end"}``. Accepting creates a draft ``activity`` or ``figure``.
    """

    article = models.ForeignKey(
        NewsArticle,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("news article"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    record_type = models.CharField(_("record type"), max_length=10, choices=RecordType.choices)
    kind = models.CharField(_("kind read from the text"), max_length=40)
    indicator = models.CharField(_("indicator"), max_length=60, blank=True)
    payload = models.JSONField(_("extracted data"), default=dict)
    sentence = models.TextField(_("sentence"))
    sentence_start = models.PositiveIntegerField(_("sentence start"))
    sentence_end = models.PositiveIntegerField(_("sentence end"))
    spans = models.JSONField(_("highlighted pieces"), default=list)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    activity = models.ForeignKey(
        "records.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_proposals",
        verbose_name=_("record created"),
    )
    figure = models.ForeignKey(
        "figures.ReportedFigure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_proposals",
        verbose_name=_("figure created"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("news proposal")
        verbose_name_plural = _("news proposals")
        ordering = ["article", "order"]
        constraints = [
            models.UniqueConstraint(fields=["article", "order"], name="newsproposal_order"),
            models.CheckConstraint(
                condition=Q(activity__isnull=True) | Q(figure__isnull=True),
                name="newsproposal_one_result",
            ),
            models.CheckConstraint(
                condition=Q(decision=Decision.PENDING)
                | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="newsproposal_decided_by_whom",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} · {self.order + 1} · {self.kind}"

    @property
    def is_pending(self) -> bool:
        return self.decision == Decision.PENDING

    @property
    def is_figure(self) -> bool:
        return self.record_type == RecordType.FIGURE


class UnitAlias(TimeStampedModel):
    """A name the press uses for a registered unit, learnt when a reviewer mapped an
    unknown organisation of an article to it; the news gazetteer matches it from then on."""

    name = models.CharField(_("name as written"), max_length=200, unique=True)
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.CASCADE,
        related_name="news_aliases",
        verbose_name=_("unit"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("unit alias")
        verbose_name_plural = _("unit aliases")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} → {self.unit}"
