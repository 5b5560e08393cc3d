"""Everything the reporting cycle needs from the issued review report (issue 11), in one
place: which reports may be sent, the numbers frozen in their snapshot, the part that
may be shared with a counterpart, and the live values a compilation compares them with.

The report itself (:class:`huunghi.reports.models.IssuedReport`) and its issuing belong
to the ``reports`` app; the cycle only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from huunghi.accounts.types import Actor, Reader
from huunghi.organisations.models import Unit
from huunghi.reports.models import IssuedReport, IssuedReportStatus
from huunghi.reports.periods import Period

SHARED_FIELDS = ("code", "label", "unit_label", "value", "qualifier")


@dataclass(frozen=True)
class FrozenLine:
    """One indicator as the issued report states it (``value`` None: not recorded)."""

    code: str
    label: str
    unit_label: str
    value: Decimal | None
    qualifier: str


def check_sendable(report: Any, *, unit: Unit, period: Period) -> None:
    """Refuse a report that is not issued, or not ``unit``'s for exactly ``period``."""
    if not isinstance(report, IssuedReport) or report.status != IssuedReportStatus.ISSUED:
        raise ValidationError({"report": _("Only an issued report can be sent.")})
    if report.unit_id != unit.pk:
        raise ValidationError({"report": _("The report is another unit's.")})
    if (report.period_start, report.period_end) != (period.start, period.last):
        raise ValidationError({"report": _("The report covers another period.")})


def sendable_reports(*, unit: Unit, period: Period) -> QuerySet[IssuedReport]:
    """The unit's issued reports for exactly this period not sent yet, newest first."""
    return (
        IssuedReport.objects.filter(
            unit=unit,
            period_start=period.start,
            period_end=period.last,
            status=IssuedReportStatus.ISSUED,
        )
        .exclude(submissions__isnull=False)
        .order_by("-version", "-pk")
    )


def _decimal(raw: Any) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        return None


def _raw_lines(snapshot: Any) -> list[dict[str, Any]]:
    if not isinstance(snapshot, dict):
        return []
    lines = snapshot.get("lines") or snapshot.get("numbers") or []
    return [line for line in lines if isinstance(line, dict) and line.get("code")]


def _line(raw: dict[str, Any]) -> FrozenLine:
    current = raw.get("current")
    number = current if isinstance(current, dict) else raw
    return FrozenLine(
        code=str(raw["code"]),
        label=str(raw.get("label", raw["code"])),
        unit_label=str(raw.get("unit_label", "")),
        value=_decimal(number.get("value")),
        qualifier=str(number.get("qualifier") or "exact"),
    )


def frozen_lines(report: IssuedReport) -> list[FrozenLine]:
    """The numbers the issued report states, as frozen in its snapshot."""
    return [_line(raw) for raw in _raw_lines(report.snapshot)]


def shareable_content(report: IssuedReport) -> dict[str, Any]:
    """The part of a report a counterpart may receive: the numbers by programme only
    (no narrative, no signer, no breakdown by unit, no named records)."""
    lines = [
        {
            "code": line.code,
            "label": line.label,
            "unit_label": line.unit_label,
            "value": None if line.value is None else str(line.value),
            "qualifier": line.qualifier,
        }
        for line in frozen_lines(report)
    ]
    return {
        "unit_id": report.unit_id,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "review_kind": report.review_kind,
        "version": report.version,
        "lines": lines,
    }


def live_values(*, user: Reader, unit: Unit, period: Period) -> dict[str, Any]:
    """Today's values of ``unit``'s subtree and of each direct subordinate, by indicator,
    from the single values selector: ``{code: (value, {child_id: value})}``."""
    from huunghi.reports.values import indicator_values

    values = indicator_values(
        user=user, unit=unit, period=period, approved_only=True, by_child_units=True
    )
    return {
        v.code: (v.value, {child.pk: cv.value for child, cv in v.children})
        for v in values
        if v.available
    }


REVIEW_KINDS = {"six_monthly": "interim", "annual": "final"}


def review_kind_for(frequency: str) -> str:
    """Six-monthly reports are interim reviews (sơ kết), annual ones final reviews
    (tổng kết); the others periodic reports."""
    return REVIEW_KINDS.get(frequency, "periodic")


def latest_draft(*, unit: Unit, period: Period) -> IssuedReport | None:
    """The unit's newest draft for exactly this period, if any."""
    return (
        IssuedReport.objects.filter(
            unit=unit,
            period_start=period.start,
            period_end=period.last,
            status=IssuedReportStatus.DRAFT,
        )
        .order_by("-version", "-pk")
        .first()
    )


def draft_create(
    *, unit: Unit, period: Period, frequency: str, language: str, acting_user: Actor
) -> IssuedReport:
    """A new draft of the unit's review report for the period (the reports app's service)."""
    from huunghi.reports.services import issued_report_create

    return issued_report_create(
        acting_user=acting_user,
        unit=unit,
        period_start=period.start,
        period_end=period.last,
        review_kind=review_kind_for(frequency),
        language=language,
    )


def issue(*, report: IssuedReport, acting_user: Actor) -> IssuedReport:
    """Freeze the draft (the reports app's service checks who may issue)."""
    from huunghi.reports.services import issued_report_issue

    return issued_report_issue(report=report, acting_user=acting_user)


def report_url(report: IssuedReport) -> str:
    """The reports app's page of the report (editor while a draft, files once issued)."""
    from django.urls import reverse

    return reverse("reports:signed_detail", args=[report.pk])


def issue_as_of(
    *, report: IssuedReport, acting_user: Actor, issued_at: Any, text: dict[str, str]
) -> IssuedReport:
    """Demo history only: type the draft's text and issue it as of a past moment,
    through the reports app's services (policy, snapshot, digests and audit as usual)."""
    from huunghi.reports.services import issued_report_issue, issued_report_update

    report = issued_report_update(report=report, acting_user=acting_user, **text)
    return issued_report_issue(
        report=report, acting_user=acting_user, as_of=issued_at, note="demo history"
    )
