"""Pupil enrolments in the approval chain.

Approvers above the sponsoring unit count pupils but never see their names
(:mod:`huunghi.beneficiaries.permissions`): the approvals page lists them as
"Pupil #n" with the unit and dates, and links only those whose page the user may open.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.types import Reader
from huunghi.beneficiaries.models import Pupil
from huunghi.beneficiaries.permissions import PupilPolicy
from huunghi.core.workflow import WorkflowKind, register_kind


def pupil_link(user: Reader, pupil: Pupil) -> str | None:
    if not PupilPolicy.can_see_names(user, pupil):
        return None
    return reverse("beneficiaries:detail", args=[pupil.pk])


KIND = WorkflowKind(
    "pupil",
    Pupil,
    PupilPolicy,
    _("Pupil enrolments"),
    visible=PupilPolicy.counts_visible,
    link=pupil_link,
)


def register() -> None:
    register_kind(KIND)
