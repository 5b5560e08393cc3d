"""Review reports a unit drafts and issues (:class:`~huunghi.reports.models.IssuedReport`).

A draft is gathered afresh for every preview, with its typed text; issuing freezes
the gathered content in the report's snapshot (:func:`freeze`). An issued report is
rendered from its snapshot alone (:func:`report_file`), so it gives the same bytes
every time and never shows a record changed after it was issued.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huunghi.reports.models import IssuedReport, ReportFormat
from huunghi.reports.periods import Period
from huunghi.reports.review import ReviewFile, file_stem, gather_review, render
from huunghi.reports.review.content import (
    Narrative,
    ReviewContent,
    from_snapshot,
    to_snapshot,
)

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader


def narrative_of(report: IssuedReport) -> Narrative:
    return Narrative(
        situation=report.situation,
        shortcomings=report.shortcomings,
        lessons=report.lessons,
        next_steps=report.next_steps,
        signer_title=report.signer_title,
        signer_rank=report.signer_rank,
        signer_name=report.signer_name,
        recipients=report.recipients,
        document_number=report.document_number,
    )


def period_of(report: IssuedReport) -> Period:
    return Period.between(report.period_start, report.period_end)


def gather_draft(
    report: IssuedReport, *, user: Reader, issued_at: dt.datetime | None = None
) -> ReviewContent:
    """The report's content now, as ``user`` sees the records."""
    when = issued_at or timezone.now().replace(microsecond=0)
    data = gather_review(
        user=user,
        unit=report.unit,
        period=period_of(report),
        review_kind=report.review_kind,
        approved_only=report.approved_only,
        issued_on=timezone.localdate(when),
        language=report.language,
        narrative=narrative_of(report),
        created=when,
    )
    data.is_draft = issued_at is None
    return data


def content_of(report: IssuedReport, *, user: Reader) -> ReviewContent:
    """The frozen content of an issued report, or a draft's content gathered now."""
    if report.is_issued:
        return from_snapshot(report.snapshot)
    return gather_draft(report, user=user)


def freeze(
    report: IssuedReport, *, user: Reader, issued_at: dt.datetime
) -> tuple[dict[str, Any], dict[str, str]]:
    """The snapshot of ``report`` issued at ``issued_at`` and the SHA-256 of its files."""
    data = gather_draft(report, user=user, issued_at=issued_at)
    frozen = to_snapshot(data)
    again = from_snapshot(frozen)
    digests = {
        str(fmt): hashlib.sha256(_render(report, again, fmt).content).hexdigest()
        for fmt in ReportFormat
    }
    return frozen, digests


def _render(report: IssuedReport, data: ReviewContent, fmt: str) -> ReviewFile:
    return render(data, fmt, file_stem(report.unit, period_of(report), report.version))


def report_file(report: IssuedReport, *, user: Reader, fmt: str) -> ReviewFile:
    """The report as DOCX, PDF or XLSX (an issued one from its snapshot)."""
    return _render(report, content_of(report, user=user), fmt)
