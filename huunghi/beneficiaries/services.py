"""Writes for pupil sponsorship: pupils, their yearly progress and monthly payments.

Every write validates, saves and audits in one transaction. Audit rows carry a
keyed digest instead of personal values, because audit pages reach accounts that
may see counts only; the history still shows *which* personal field changed.
The system itself (management commands, demo data) acts as ``core.actors.SYSTEM``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot
from huunghi.beneficiaries.models import (
    DEFAULT_MONTHLY_SUPPORT,
    Payment,
    Pupil,
    PupilYear,
)
from huunghi.beneficiaries.periods import month_start, school_year_bounds
from huunghi.beneficiaries.permissions import SPONSOR_COUNTRY, PupilPolicy
from huunghi.core.actors import as_user, authorize
from huunghi.core.workflow import prepare_edit
from huunghi.organisations.models import Unit

PERSONAL_FIELDS = frozenset(
    {
        "full_name",
        "sex",
        "birth_year",
        "home_place",
        "hamlet",
        "school_name",
        "school_place",
        "officer_name",
        "end_note",
        "note",
    }
)
PUPIL_FIELDS = (  # in the order the pupil form shows them
    "full_name",
    "sex",
    "birth_year",
    "nationality",
    "home_place",
    "hamlet",
    "school_name",
    "school_place",
    "unit",
    "officer_name",
    "monthly_amount",
    "start_date",
)
PUPIL_EDITABLE = frozenset(PUPIL_FIELDS)


def _masked(value: Any) -> Any:
    if value in (None, ""):
        return value
    digest = salted_hmac("huunghi.beneficiaries.audit", str(value), algorithm="sha256").hexdigest()[
        :10
    ]
    return f"‹{digest}›"


def private_snapshot(instance: Any) -> dict[str, Any]:
    """An audit snapshot with personal values replaced by keyed digests."""
    data = snapshot(instance)
    return {k: _masked(v) if k in PERSONAL_FIELDS else v for k, v in data.items()}


def _today() -> dt.date:
    return timezone.localdate()


def _refused() -> str:
    return _("You may not do this for this unit.")


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_refused())


def _check_edit(acting_user: Actor, pupil: Pupil) -> None:
    authorize(acting_user, lambda user: PupilPolicy.can_edit(user, pupil), _refused())


def _check_create(acting_user: Actor, unit: Unit) -> None:
    authorize(acting_user, lambda user: PupilPolicy.can_create_in(user, unit), _refused())
    if unit.country.code != SPONSOR_COUNTRY:
        raise ValidationError({"unit": _("The sponsoring unit must be a Vietnamese unit.")})


def _month_list(months: list[dt.date]) -> str:
    return ", ".join(f"{m:%m/%Y}" for m in sorted(months))


@transaction.atomic
def pupil_create(
    *,
    unit: Unit,
    full_name: str,
    sex: str,
    birth_year: int,
    nationality: str,
    school_name: str,
    start_date: dt.date,
    acting_user: Actor,
    home_place: Any = None,
    hamlet: str = "",
    school_place: Any = None,
    officer_name: str = "",
    monthly_amount: int = DEFAULT_MONTHLY_SUPPORT,
    is_synthetic: bool = False,
) -> Pupil:
    """Register a pupil sponsored by ``unit`` from ``start_date``."""
    _check_create(acting_user, unit)
    pupil = Pupil(
        unit=unit,
        full_name=full_name.strip(),
        sex=sex,
        birth_year=birth_year,
        nationality=nationality,
        school_name=school_name.strip(),
        start_date=start_date,
        home_place=home_place,
        hamlet=hamlet.strip(),
        school_place=school_place,
        officer_name=officer_name.strip(),
        monthly_amount=monthly_amount,
        is_synthetic=is_synthetic,
        created_by=as_user(acting_user),
    )
    pupil.full_clean()
    pupil.save()
    audit_log(
        actor=acting_user,
        action="pupil.create",
        target=pupil,
        unit=unit,
        after=private_snapshot(pupil),
    )
    return pupil


def _payments_outside(pupil: Pupil, *, start: dt.date | None, end: dt.date | None) -> list[dt.date]:
    """Months already paid that would fall outside a sponsorship from ``start`` to ``end``."""
    months = list(pupil.payments.values_list("month", flat=True))
    outside = []
    for month in months:
        if (start is not None and month < month_start(start)) or (end is not None and month >= end):
            outside.append(month)
    return outside


@transaction.atomic
def pupil_update(*, pupil: Pupil, acting_user: Actor, changes: dict[str, Any]) -> Pupil:
    """Change a pupil's details (not the end of sponsorship: see :func:`pupil_end`)."""
    pupil = Pupil.objects.select_for_update(of=("self",)).select_related("unit").get(pk=pupil.pk)
    _check_edit(acting_user, pupil)
    prepare_edit(pupil, policy=PupilPolicy, acting_user=acting_user)
    unknown = set(changes) - PUPIL_EDITABLE
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    before = private_snapshot(pupil)
    new_unit = changes.get("unit")
    if new_unit is not None and new_unit.pk != pupil.unit_id:
        _check_create(acting_user, new_unit)
    for name, value in changes.items():
        setattr(pupil, name, value.strip() if isinstance(value, str) else value)
    pupil.full_clean()
    outside = _payments_outside(pupil, start=pupil.start_date, end=None)
    if outside:
        raise ValidationError(
            {
                "start_date": _("Payments are recorded for %(months)s, before this start date.")
                % {"months": _month_list(outside)}
            }
        )
    pupil.save()
    audit_log(
        actor=acting_user,
        action="pupil.update",
        target=pupil,
        unit=pupil.unit,
        before=before,
        after=private_snapshot(pupil),
    )
    return pupil


@transaction.atomic
def pupil_end(
    *, pupil: Pupil, end_date: dt.date, end_reason: str, acting_user: Actor, end_note: str = ""
) -> Pupil:
    """End (or correct the end of) the sponsorship; ``end_date`` is the first day without it."""
    pupil = Pupil.objects.select_for_update(of=("self",)).select_related("unit").get(pk=pupil.pk)
    _check_edit(acting_user, pupil)
    prepare_edit(pupil, policy=PupilPolicy, acting_user=acting_user)
    before = private_snapshot(pupil)
    pupil.end_date, pupil.end_reason, pupil.end_note = end_date, end_reason, end_note.strip()
    if not end_reason:
        raise ValidationError({"end_reason": _("Choose why the sponsorship ended.")})
    pupil.full_clean()
    outside = _payments_outside(pupil, start=None, end=end_date)
    if outside:
        raise ValidationError(
            {
                "end_date": _(
                    "Payments are recorded for %(months)s, after this end date. "
                    "Correct those payments first."
                )
                % {"months": _month_list(outside)}
            }
        )
    pupil.save()
    audit_log(
        actor=acting_user,
        action="pupil.end",
        target=pupil,
        unit=pupil.unit,
        before=before,
        after=private_snapshot(pupil),
        note=pupil.get_end_reason_display(),
    )
    return pupil


@transaction.atomic
def pupil_reopen(*, pupil: Pupil, reason: str, acting_user: Actor) -> Pupil:
    """Resume an ended sponsorship (e.g. ended by mistake); the reason is audited."""
    pupil = Pupil.objects.select_for_update(of=("self",)).select_related("unit").get(pk=pupil.pk)
    _check_edit(acting_user, pupil)
    prepare_edit(pupil, policy=PupilPolicy, acting_user=acting_user)
    if pupil.end_date is None:
        raise ValidationError({"end_date": _("This sponsorship has not ended.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for resuming the sponsorship.")})
    before = private_snapshot(pupil)
    pupil.end_date, pupil.end_reason, pupil.end_note = None, "", ""
    pupil.full_clean()
    pupil.save()
    audit_log(
        actor=acting_user,
        action="pupil.reopen",
        target=pupil,
        unit=pupil.unit,
        before=before,
        after=private_snapshot(pupil),
        note=reason.strip(),
    )
    return pupil


def _check_school_year(pupil: Pupil, school_year: str) -> None:
    try:
        first_day, last_day = school_year_bounds(school_year)
    except ValueError:
        return  # the field validator reports the format
    if first_day > _today():
        raise ValidationError(
            {
                "school_year": _("The school year %(year)s has not started yet.")
                % {"year": school_year}
            }
        )
    ended_before = pupil.end_date is not None and pupil.end_date <= first_day
    if pupil.start_date > last_day or ended_before:
        raise ValidationError(
            {
                "school_year": _("The pupil was not sponsored during the school year %(year)s.")
                % {"year": school_year}
            }
        )


@transaction.atomic
def pupil_year_record(
    *,
    pupil: Pupil,
    school_year: str,
    grade: int,
    acting_user: Actor,
    result: str = "",
    note: str = "",
) -> PupilYear:
    """Record (or correct) the pupil's grade and progress for one school year."""
    pupil = Pupil.objects.select_for_update(of=("self",)).select_related("unit").get(pk=pupil.pk)
    _check_edit(acting_user, pupil)
    year = PupilYear.objects.filter(pupil=pupil, school_year=school_year).first()
    before = private_snapshot(year) if year else None
    year = year or PupilYear(pupil=pupil, school_year=school_year)
    year.grade, year.result, year.note = grade, result, note.strip()
    year.recorded_by = as_user(acting_user)
    year.full_clean()
    _check_school_year(pupil, school_year)
    year.save()
    audit_log(
        actor=acting_user,
        action="pupil.progress",
        target=year,
        unit=pupil.unit,
        before=before,
        after=private_snapshot(year),
        note=school_year,
    )
    return year


def _check_payment(
    pupil: Pupil, *, month: dt.date, paid_on: dt.date, exclude_pk: int | None = None
) -> None:
    if month < month_start(pupil.start_date):
        raise ValidationError(
            {
                "month": _(
                    "The sponsorship starts on %(date)s; no payment can be recorded for %(month)s."
                )
                % {"date": pupil.start_date.isoformat(), "month": f"{month:%m/%Y}"}
            }
        )
    if pupil.end_date is not None and month >= pupil.end_date:
        raise ValidationError(
            {
                "month": _(
                    "The sponsorship ended on %(date)s; no payment can be recorded for %(month)s."
                )
                % {"date": pupil.end_date.isoformat(), "month": f"{month:%m/%Y}"}
            }
        )
    duplicates = Payment.objects.filter(pupil=pupil, month=month)
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        raise ValidationError(
            {
                "month": _("A payment for %(month)s is already recorded for this pupil.")
                % {"month": f"{month:%m/%Y}"}
            }
        )
    if paid_on > _today():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})


@transaction.atomic
def payment_create(
    *,
    pupil: Pupil,
    month: dt.date,
    amount: int,
    paid_on: dt.date,
    acting_user: Actor,
    note: str = "",
) -> Payment:
    """Record one month's support paid to the pupil."""
    pupil = Pupil.objects.select_for_update(of=("self",)).select_related("unit").get(pk=pupil.pk)
    _check_edit(acting_user, pupil)
    payment = Payment(
        pupil=pupil,
        month=month_start(month),
        amount=amount,
        paid_on=paid_on,
        note=note.strip(),
        created_by=as_user(acting_user),
    )
    payment.full_clean(exclude=["pupil"])
    _check_payment(pupil, month=payment.month, paid_on=paid_on)
    payment.save()
    audit_log(
        actor=acting_user,
        action="payment.create",
        target=payment,
        unit=pupil.unit,
        after=private_snapshot(payment),
    )
    return payment


@transaction.atomic
def payment_update(
    *,
    payment: Payment,
    month: dt.date,
    amount: int,
    paid_on: dt.date,
    acting_user: Actor,
    note: str = "",
) -> Payment:
    """Correct a recorded payment (payments are corrected, never deleted)."""
    payment = (
        Payment.objects.select_for_update(of=("self",))
        .select_related("pupil__unit")
        .get(pk=payment.pk)
    )
    _check_edit(acting_user, payment.pupil)
    before = private_snapshot(payment)
    payment.month, payment.amount = month_start(month), amount
    payment.paid_on, payment.note = paid_on, note.strip()
    payment.full_clean(exclude=["pupil"])
    _check_payment(payment.pupil, month=payment.month, paid_on=paid_on, exclude_pk=payment.pk)
    payment.save()
    audit_log(
        actor=acting_user,
        action="payment.update",
        target=payment,
        unit=payment.pupil.unit,
        before=before,
        after=private_snapshot(payment),
    )
    return payment
