"""The approval fields of models whose own ``status`` (if any) means something else.

Activities and reported figures carry :class:`huunghi.core.models.ApprovalFields`
(the chain's status is ``status``). Twinning pairs, facilities, agreements, pupils and
the remains steps carry :class:`RecordApproval`: the chain's status is
``record_status``, because a twinning pair is also "active" or "ended" and an
excavation "in progress" or "completed". :mod:`huunghi.core.workflow` reads the
field's name from ``workflow_status_field``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from huunghi.core.models import Status


def user_field(label: Any) -> models.ForeignKey:
    """A user who did something to the object (creator, approver), labelled ``label``."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=label,
    )


class RecordApproval(models.Model):
    """Draft → submitted → approved (or returned with a reason), with a revision number."""

    workflow_status_field: ClassVar[str] = "record_status"

    record_status = models.CharField(
        _("approval status"),
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    return_reason = models.TextField(_("reason for return"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by = user_field(_("approved by"))

    class Meta:
        abstract = True

    @property
    def is_approved(self) -> bool:
        return self.record_status == Status.APPROVED
