"""Abstract bases shared by every app's models."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from huunghi.core.boundary import InputBoundaryMixin


class TimeStampedModel(InputBoundaryMixin):
    """Adds creation and last-change timestamps; refuses control characters in text."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Qualifier(models.TextChoices):
    """How exact a reported quantity is: the sources say "khoảng" (about) and "hơn" (more than)."""

    EXACT = "exact", _("exact")
    ABOUT = "about", _("about")
    AT_LEAST = "at_least", _("at least")


class Status(models.TextChoices):
    """Where a record or reported figure is in the approval chain."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")


class ApprovalFields(InputBoundaryMixin):
    """The fields :func:`huunghi.core.workflow.transition` moves through the approval chain,
    and who created the object. Shared by activities and reported figures."""

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    return_reason = models.TextField(_("reason for return"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("approved by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )

    class Meta:
        abstract = True
