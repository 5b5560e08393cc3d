"""The interim / final review report ("Báo cáo sơ kết / tổng kết") of one unit for one
period, as DOCX, PDF or XLSX, for a Vietnamese or a Cambodian unit.

:func:`build_review` gathers the content within the requester's scope
(:mod:`.content`, every number from :mod:`.numbers`), draws the chart
(:mod:`.chart`) and writes the file (:func:`render`). An issued report renders from
its frozen snapshot with :func:`render` alone, and gives the same bytes every time:
the document metadata (author = unit, created = issue time) and the ZIP entry times
of DOCX and XLSX are fixed by the content (:mod:`.stable`). :mod:`.jobs` runs a
:class:`~huunghi.reports.models.ReportJob` in the background.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone, translation

from huunghi.organisations.models import Unit
from huunghi.reports.models import ReportFormat, ReviewKind
from huunghi.reports.periods import Period

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader
    from huunghi.reports.review.content import Narrative, ReviewContent

CONTENT_TYPES = {
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ReviewFile:
    content: bytes
    filename: str
    content_type: str


def gather_review(
    *,
    user: Reader,
    unit: Unit,
    period: Period,
    review_kind: str = ReviewKind.PERIODIC,
    approved_only: bool = True,
    issued_on: dt.date | None = None,
    language: str = "vi",
    narrative: Narrative | None = None,
    created: dt.datetime | None = None,
) -> ReviewContent:
    """The content of the report with its chart (what an issued report freezes)."""
    from huunghi.reports.review import chart, content

    data = content.gather(
        user=user,
        unit=unit,
        period=period,
        review_kind=review_kind,
        approved_only=approved_only,
        issued_on=issued_on or timezone.localdate(),
        language=language,
        narrative=narrative,
        created=created,
    )
    data.chart_png = chart.bar_chart(data.chart_title, data.by_kind, language=language)
    return data


def render(data: ReviewContent, fmt: str, filename_stem: str) -> ReviewFile:
    """Write ``data`` in ``fmt``; the same ``data`` always gives the same bytes."""
    from huunghi.reports.review import docx, pdf, xlsx

    writer = {
        ReportFormat.DOCX: docx.write,
        ReportFormat.PDF: pdf.write,
        ReportFormat.XLSX: xlsx.write,
    }[ReportFormat(fmt)]
    with translation.override(data.language):
        payload = writer(data)
    return ReviewFile(payload, f"{filename_stem}.{fmt}".lower(), CONTENT_TYPES[ReportFormat(fmt)])


def file_stem(unit: Unit, period: Period, version: int | None = None) -> str:
    stem = f"bao-cao-{unit.code}-{period.start:%Y%m%d}-{period.last:%Y%m%d}"
    return f"{stem}-v{version}" if version else stem


def build_review(
    *,
    user: Reader,
    unit: Unit,
    period: Period,
    fmt: str = ReportFormat.DOCX,
    review_kind: str = ReviewKind.PERIODIC,
    approved_only: bool = True,
    issued_on: dt.date | None = None,
    language: str = "vi",
    progress: Callable[[int, str], None] | None = None,
) -> ReviewFile:
    """Write the review report of ``unit``'s subtree over ``period`` in ``fmt``."""
    step = progress or (lambda _percent, _message: None)
    data = gather_review(
        user=user,
        unit=unit,
        period=period,
        review_kind=review_kind,
        approved_only=approved_only,
        issued_on=issued_on,
        language=language,
    )
    step(65, "totals computed")
    document = render(data, fmt, file_stem(unit, period))
    step(95, "document written")
    return document
