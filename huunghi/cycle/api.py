"""API of the reporting cycle: obligations, submitted reports (with acknowledge and
return), completeness, and the parts shared with counterparts. Same scope as the pages:
reads start from :mod:`.selectors`, writes go through :mod:`.services`."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from huunghi.api.auth import acting_user
from huunghi.api.pagination import Paged
from huunghi.api.schemas import InSchema, UnitRef, read, text, write
from huunghi.cycle import issuing, selectors, services
from huunghi.cycle.completeness import completeness
from huunghi.cycle.models import CounterpartCopy, Submission, SubmissionStatus
from huunghi.cycle.schedule import Frequency
from huunghi.organisations import selectors as organisations

router = Router(tags=["reporting cycle"])
FIRST_YEAR, LAST_YEAR = 2000, 2100


class ObligationOut(Schema):
    id: int
    unit: UnitRef
    applies_to_kind: str
    programme: str
    frequency: str
    due_day: int
    due_months_after: int
    remind_days_before: int
    active_from: dt.date
    is_active: bool


class SubmissionFilterIn(Schema):
    unit: int | None = Field(None, description="Unit id: reports of its subtree")
    status: SubmissionStatus | None = None
    inbox: bool = Field(False, description="Only reports the caller acknowledges")


class SubmissionOut(Schema):
    id: int
    obligation_id: int
    unit: UnitRef
    recipient: UnitRef
    period_start: dt.date
    period_end: dt.date
    version: int
    report_id: int
    status: str
    due_date: dt.date
    sent_at: dt.datetime
    on_time: bool
    acted_at: dt.datetime | None
    return_reason: str
    replaces_id: int | None


class LineOut(Schema):
    code: str
    label: str
    unit_label: str
    value: Decimal | None
    qualifier: str


class SubmissionDetailOut(SubmissionOut):
    lines: list[LineOut]
    included_ids: list[int]


class CycleReasonIn(InSchema):
    reason: text(2000, 1)  # type: ignore[valid-type]


class TallyOut(Schema):
    expected: int
    received: int
    on_time: int
    overdue: int
    received_rate: float | None
    on_time_rate: float | None


class CompletenessRowOut(Schema):
    unit: UnitRef
    is_own: bool
    tally: TallyOut


class TrendOut(Schema):
    label: str
    start: dt.date
    tally: TallyOut


class CompletenessIn(Schema):
    unit: int | None = Field(None, description="Unit id (default: the top of your scope)")
    frequency: Frequency = Frequency.QUARTERLY
    first_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    last_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)


class CompletenessOut(Schema):
    unit: UnitRef
    start: dt.date
    end: dt.date
    rows: list[CompletenessRowOut]
    total: TallyOut
    trend: list[TrendOut]


class CopyOut(Schema):
    id: int
    counterpart: UnitRef
    sent_at: dt.datetime
    content: dict[str, Any]


@router.get("/obligations", response=read(list[ObligationOut]), summary="Obligations")
@paginate(Paged)
def obligation_list(request: HttpRequest, unit: int | None = None) -> Any:
    """Obligations set in or above the caller's units."""
    user = acting_user(request)
    scope_unit = organisations.unit_get(user=user, pk=unit) if unit else None
    return selectors.obligation_list(user=user, unit=scope_unit)


@router.get("/obligations/{obligation_id}", response=read(ObligationOut), summary="Obligation")
def obligation_detail(request: HttpRequest, obligation_id: int) -> Any:
    return selectors.obligation_get(user=acting_user(request), pk=obligation_id)


@router.get("/submissions", response=read(list[SubmissionOut]), summary="Submitted reports")
@paginate(Paged)
def submission_list(request: HttpRequest, filters: Query[SubmissionFilterIn]) -> Any:
    user = acting_user(request)
    unit = organisations.unit_get(user=user, pk=filters.unit) if filters.unit else None
    return selectors.submission_list(
        user=user, unit=unit, status=filters.status or "", inbox=filters.inbox
    )


def _detail(submission: Submission) -> Submission:
    """The submission with its frozen numbers and the ids of the reports it compiles."""
    submission.lines = [line.__dict__ for line in issuing.frozen_lines(submission.report)]  # type: ignore[attr-defined]
    submission.included_ids = list(submission.includes.values_list("pk", flat=True))  # type: ignore[attr-defined]
    return submission


@router.get(
    "/submissions/{submission_id}", response=read(SubmissionDetailOut), summary="One report"
)
def submission_detail(request: HttpRequest, submission_id: int) -> Any:
    """A submitted report with the numbers frozen at issue and the reports it compiles."""
    return _detail(selectors.submission_get(user=acting_user(request), pk=submission_id))


@router.post(
    "/submissions/{submission_id}/acknowledge",
    response=write(SubmissionDetailOut),
    summary="Acknowledge",
)
def submission_acknowledge(request: HttpRequest, submission_id: int) -> Any:
    user = acting_user(request)
    submission = selectors.submission_get(user=user, pk=submission_id)
    services.submission_acknowledge(submission=submission, acting_user=user)
    return _detail(selectors.submission_get(user=user, pk=submission_id))


@router.post(
    "/submissions/{submission_id}/return", response=write(SubmissionDetailOut), summary="Return"
)
def submission_return(request: HttpRequest, submission_id: int, payload: CycleReasonIn) -> Any:
    user = acting_user(request)
    submission = selectors.submission_get(user=user, pk=submission_id)
    services.submission_return(submission=submission, reason=payload.reason, acting_user=user)
    return _detail(selectors.submission_get(user=user, pk=submission_id))


@router.get("/completeness", response=read(CompletenessOut), summary="Completeness")
def completeness_read(request: HttpRequest, filters: Query[CompletenessIn]) -> Any:
    """Expected, received and on-time reports per subordinate, in total and per period."""
    user = acting_user(request)
    if filters.unit:
        unit = organisations.unit_get(user=user, pk=filters.unit)
    else:
        roots = selectors.viewable_roots(user=user)
        if not roots:
            raise Http404
        unit = roots[0]
    today = timezone.localdate()
    last = filters.last_year or today.year
    first = min(filters.first_year or last, last)
    result = completeness(
        user=user,
        unit=unit,
        start=dt.date(first, 1, 1),
        end=dt.date(last + 1, 1, 1),
        today=today,
        frequency=filters.frequency,
    )
    return {
        "unit": unit,
        "start": result.start,
        "end": result.end,
        "rows": [
            {"unit": r.unit, "is_own": r.is_own, "tally": r.tally.as_dict()} for r in result.rows
        ],
        "total": result.total.as_dict(),
        "trend": [
            {"label": p.label, "start": p.start, "tally": p.tally.as_dict()} for p in result.trend
        ],
    }


@router.get("/shared", response=read(list[CopyOut]), summary="Parts shared with counterparts")
@paginate(Paged)
def shared_list(request: HttpRequest) -> Any:
    return selectors.counterpart_copy_list(user=acting_user(request))


@router.get("/shared/{copy_id}", response=read(CopyOut), summary="One shared part")
def shared_detail(request: HttpRequest, copy_id: int) -> CounterpartCopy:
    return selectors.counterpart_copy_get(user=acting_user(request), pk=copy_id)
