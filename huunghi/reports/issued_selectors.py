"""Reads for the review reports a unit drafts and issues (see also
:func:`huunghi.reports.selectors.issued_reports`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from huunghi.accounts.scope import Capability, scope_for
from huunghi.organisations.models import Unit
from huunghi.reports.models import IssuedReport
from huunghi.reports.permissions import IssuedReportPolicy

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader


def units_for_review_drafting(*, user: Reader) -> QuerySet[Unit]:
    """Units in force whose review report the user may draft (edit capability)."""
    scope = scope_for(user)
    if scope.is_anonymous or not scope.has_any(Capability.EDIT):
        return Unit.objects.none()
    return (
        Unit.objects.filter(scope.unit_q(Capability.EDIT, ""), valid_to__isnull=True)
        .select_related("country")
        .order_by("path")
    )


def report_actions(*, user: Reader, report: IssuedReport) -> dict[str, bool]:
    """What the page offers ``user`` for ``report`` (the services check again)."""
    return {
        "edit": IssuedReportPolicy.can_edit(user, report),
        "issue": IssuedReportPolicy.can_issue(user, report),
        "new_version": report.is_issued and IssuedReportPolicy.can_draft_in(user, report.unit),
    }
