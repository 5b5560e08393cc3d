"""API: pupil sponsorship.

``/totals`` answers counts and sums for everything in the caller's scope. Pupils
themselves (names, payments, progress) are listed only for the sponsoring unit's
accounts; any other caller gets an empty list and 404 for a pupil.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status as Reply

from huunghi.api.auth import acting_user
from huunghi.api.errors import field_error
from huunghi.api.lookups import or_field_error
from huunghi.api.pagination import Paged
from huunghi.api.schemas import Day, InSchema, UnitRef, read, text, write
from huunghi.beneficiaries import selectors, services
from huunghi.beneficiaries.models import EndReason, Nationality
from huunghi.organisations import selectors as units

router = Router(tags=["pupils"])
ID = Path(..., ge=1, le=2**62)


class PupilFilterIn(Schema):
    q: str = Field("", max_length=100)
    nationality: Nationality | None = None
    status: str = Field("", pattern="^(active|ended)?$")
    end_reason: EndReason | None = None


class PupilOut(Schema):
    id: int
    full_name: str
    sex: str
    birth_year: int
    nationality: str
    unit: UnitRef
    school_name: str
    officer_name: str
    monthly_amount: int
    start_date: dt.date
    end_date: dt.date | None
    end_reason: str
    is_synthetic: bool
    record_status: str = Field(description="Approval: /api/v1/workflow/pupil/{id}")
    revision: int


class PupilPaymentOut(Schema):
    id: int
    month: dt.date
    amount: int
    paid_on: dt.date
    note: str


class PupilYearOut(Schema):
    school_year: str
    grade: int
    result: str
    note: str


class PupilDetailOut(PupilOut):
    payments: list[PupilPaymentOut]
    years: list[PupilYearOut]

    @staticmethod
    def resolve_payments(obj: Any) -> list[Any]:
        return list(selectors.pupil_payments(obj))

    @staticmethod
    def resolve_years(obj: Any) -> list[Any]:
        return list(selectors.pupil_years(obj))


class PupilPaymentIn(InSchema):
    month: Day = Field(description="Any day of the month paid for.")
    amount: int = Field(ge=-(10**12), le=10**12)
    paid_on: Day
    note: text(300) = ""  # type: ignore[valid-type]


class SponsorshipTotalsIn(Schema):
    as_of: Day | None = None
    start: Day | None = None
    end: Day | None = None
    unit_id: int | None = Field(None, ge=1, le=2**62)


class SponsorshipPupilTotalsOut(Schema):
    as_of: dt.date
    supported: dict[str, int]
    supported_total: int
    finished_school: int
    ended: dict[str, int]


class SponsorshipPaymentTotalsOut(Schema):
    start: dt.date
    end: dt.date
    amount: int
    by_nationality: dict[str, int]
    payments: int
    pupils: int


class SponsorshipTotalsOut(Schema):
    pupils: SponsorshipPupilTotalsOut
    payments: SponsorshipPaymentTotalsOut
    finished_in_period: int


@router.get("/", response=read(list[PupilOut]), summary="List pupils (own unit only)")
@paginate(Paged)
def pupil_list(request: HttpRequest, filters: Query[PupilFilterIn]) -> Any:
    """Pupils whose names the caller may see: those of the caller's unit and its sub-units."""
    return selectors.pupil_list(
        user=acting_user(request),
        filters=selectors.PupilFilters(
            query=filters.q.strip(),
            nationality=filters.nationality or "",
            status=filters.status,
            end_reason=filters.end_reason or "",
        ),
    )


@router.get("/totals", response=read(SponsorshipTotalsOut), summary="Sponsorship totals (counts)")
def pupil_totals(request: HttpRequest, params: Query[SponsorshipTotalsIn]) -> dict[str, Any]:
    """Pupils supported on ``as_of`` and money paid from ``start`` to ``end``, in scope."""
    user = acting_user(request)
    today = timezone.localdate()
    unit = None
    if params.unit_id is not None:
        unit = or_field_error(
            "unit_id", _("No such unit."), lambda: units.unit_get(user=user, pk=params.unit_id)
        )
    start = params.start or today.replace(month=1, day=1)
    end = params.end or today
    if end < start:
        raise field_error("end", _("The end of the period cannot be before its start."))
    return {
        "pupils": selectors.pupil_totals(user=user, as_of=params.as_of or today, unit=unit),
        "payments": selectors.payment_totals(user=user, start=start, end=end, unit=unit),
        "finished_in_period": selectors.pupils_finished_count(
            user=user, start=start, end=end, unit=unit
        ),
    }


@router.get("/{pupil_id}", response=read(PupilDetailOut), summary="One pupil")
def pupil_detail(request: HttpRequest, pupil_id: int = ID) -> Any:
    """A pupil with payments and progress; 404 unless the caller may see the name."""
    return selectors.pupil_get(user=acting_user(request), pk=pupil_id)


@router.post(
    "/{pupil_id}/payments", response=write(PupilPaymentOut, 201), summary="Record a payment"
)
def payment_create(request: HttpRequest, payload: PupilPaymentIn, pupil_id: int = ID) -> Reply[Any]:
    """Record one month's support; refused after the end date, before the start, twice
    for one month, or for an amount that is not positive."""
    user = acting_user(request)
    pupil = selectors.pupil_get(user=user, pk=pupil_id)
    payment = services.payment_create(pupil=pupil, acting_user=user, **payload.model_dump())
    return Reply(201, payment)
