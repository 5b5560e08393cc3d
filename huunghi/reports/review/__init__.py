"""The interim / final review report ("Báo cáo sơ kết / tổng kết công tác đối ngoại
quốc phòng") of one unit for one period, as DOCX, PDF or XLSX.

:func:`build_review` gathers the content within the requester's scope
(:mod:`.content`), draws the chart (:mod:`.chart`) and writes the file in the chosen
format (:mod:`.docx`, :mod:`.pdf`, :mod:`.xlsx`). :mod:`.jobs` runs it for a
:class:`~huunghi.reports.models.ReportJob` in the background.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation

from huunghi.organisations.models import Unit
from huunghi.reports.models import ReportFormat, ReviewKind
from huunghi.reports.periods import Period

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


def build_review(
    *,
    user: Any,
    unit: Unit,
    period: Period,
    fmt: str = ReportFormat.DOCX,
    review_kind: str = ReviewKind.PERIODIC,
    approved_only: bool = True,
    issued_on: dt.date | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> ReviewFile:
    """Write the review report of ``unit``'s subtree over ``period`` in ``fmt``."""
    from huunghi.reports.review import chart, content, docx, pdf, xlsx

    step = progress or (lambda _percent, _message: None)
    with translation.override("vi"):
        data = content.gather(
            user=user,
            unit=unit,
            period=period,
            review_kind=review_kind,
            approved_only=approved_only,
            issued_on=issued_on or timezone.localdate(),
        )
        step(50, "totals computed")
        data.chart_png = chart.bar_chart(data.chart_title, data.by_kind)
        step(65, "chart drawn")
        writer = {
            ReportFormat.DOCX: docx.write,
            ReportFormat.PDF: pdf.write,
            ReportFormat.XLSX: xlsx.write,
        }[ReportFormat(fmt)]
        payload = writer(data)
        step(95, "document written")
    name = f"bao-cao-{unit.code}-{period.start:%Y%m%d}-{period.last:%Y%m%d}.{fmt}".lower()
    return ReviewFile(payload, name, CONTENT_TYPES[ReportFormat(fmt)])
