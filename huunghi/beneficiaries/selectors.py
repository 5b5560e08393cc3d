"""Reads for pupil sponsorship.

Lists, details and alerts start from :meth:`PupilPolicy.visible` (names); totals
and counts start from :meth:`PupilPolicy.counts_visible` and return numbers only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from huunghi.accounts.types import Reader
from huunghi.audit.models import AuditEvent
from huunghi.beneficiaries.models import EndReason, Nationality, Payment, Pupil, PupilYear
from huunghi.beneficiaries.periods import months_from, previous_school_year, school_year_bounds
from huunghi.beneficiaries.permissions import PaymentPolicy, PupilPolicy
from huunghi.geography.models import AdminLevel, AdminUnit
from huunghi.organisations.models import Unit


@dataclass(frozen=True)
class PupilFilters:
    query: str = ""
    nationality: str = ""
    unit: Unit | None = None
    status: str = ""  # "active" | "ended" | ""
    end_reason: str = ""


def _in_unit(unit: Unit | None, prefix: str = "") -> Q:
    """Rows of ``unit``'s subtree (everything when ``unit`` is None)."""
    if unit is None:
        return Q()
    return Q(**{f"{prefix}unit__path__startswith": unit.path})


def supported_on_q(day: dt.date, prefix: str = "") -> Q:
    """Pupils sponsored on ``day`` (started, and not yet at their end date)."""
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": day})
    )


# Names ------------------------------------------------------------------------------


def pupil_list(*, user: Reader, filters: PupilFilters | None = None) -> QuerySet[Pupil]:
    """Pupils whose names the user may see, filtered."""
    filters = filters or PupilFilters()
    pupils = PupilPolicy.visible(user).select_related("unit", "home_place", "school_place")
    pupils = pupils.filter(_in_unit(filters.unit))
    if filters.query:
        pupils = pupils.filter(
            Q(full_name__icontains=filters.query) | Q(school_name__icontains=filters.query)
        )
    if filters.nationality:
        pupils = pupils.filter(nationality=filters.nationality)
    if filters.status == "active":
        pupils = pupils.filter(end_date__isnull=True)
    elif filters.status == "ended":
        pupils = pupils.filter(end_date__isnull=False)
    if filters.end_reason:
        pupils = pupils.filter(end_reason=filters.end_reason)
    return pupils.order_by("full_name", "id")


def pupil_get(*, user: Reader, pk: Any) -> Pupil:
    """One pupil with names visible to the user, or 404 (also when only counts are)."""
    return PupilPolicy.get_visible(user, pk)


def pupil_payments(pupil: Pupil) -> QuerySet[Payment]:
    return pupil.payments.order_by("-month")


def pupil_years(pupil: Pupil) -> QuerySet[PupilYear]:
    return pupil.years.order_by("-school_year")


def payment_get(*, user: Reader, pupil: Pupil, pk: Any) -> Payment:
    """One payment of ``pupil`` visible to the user, or 404."""
    try:
        return PaymentPolicy.visible(user).get(pupil=pupil, pk=pk)
    except (Payment.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def pupil_history(pupil: Pupil) -> QuerySet[AuditEvent]:
    """Audit events about the pupil, its payments and its yearly progress, newest first."""
    payment_ids = [str(pk) for pk in pupil.payments.values_list("pk", flat=True)]
    year_ids = [str(pk) for pk in pupil.years.values_list("pk", flat=True)]
    return AuditEvent.objects.filter(
        Q(target_type="beneficiaries.pupil", target_id=str(pupil.pk))
        | Q(target_type="beneficiaries.payment", target_id__in=payment_ids)
        | Q(target_type="beneficiaries.pupilyear", target_id__in=year_ids)
    ).select_related("actor")


def sponsor_unit_choices(*, user: Reader) -> QuerySet[Unit]:
    return PupilPolicy.sponsor_units(user)


def pupil_unit_choices(*, user: Reader) -> QuerySet[Unit]:
    """Sponsoring units of the pupils whose names the user may see (list filter)."""
    return Unit.objects.filter(pk__in=PupilPolicy.visible(user).values("unit")).order_by("path")


def place_choices() -> QuerySet[AdminUnit]:
    """Places a pupil may live or study in: provinces, and communes of border provinces."""
    return (
        AdminUnit.objects.filter(valid_to__isnull=True)
        .filter(
            Q(level=AdminLevel.PROVINCE) | Q(level=AdminLevel.COMMUNE, province__is_border=True)
        )
        .select_related("country", "province")
        .order_by("country__code", "province__name_vi", "level", "name_vi")
    )


# Alerts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentAlert:
    pupil: Pupil
    missing_months: list[dt.date]


def payment_alerts(*, user: Reader, today: dt.date) -> list[PaymentAlert]:
    """Pupils (names visible) with past months of sponsorship that have no payment."""
    pupils = list(
        PupilPolicy.visible(user).filter(start_date__lt=today.replace(day=1)).select_related("unit")
    )
    paid: dict[int, set[dt.date]] = {}
    rows = Payment.objects.filter(pupil__in=[p.pk for p in pupils]).values_list("pupil_id", "month")
    for pupil_id, month in rows:
        paid.setdefault(pupil_id, set()).add(month)
    alerts = []
    for pupil in pupils:
        expected = _expected_months(pupil, today)
        missing = [m for m in expected if m not in paid.get(pupil.pk, set())]
        if missing:
            alerts.append(PaymentAlert(pupil=pupil, missing_months=missing))
    return alerts


def _expected_months(pupil: Pupil, today: dt.date) -> list[dt.date]:
    """Past months (before ``today``'s month) in which the pupil was sponsored."""
    months = months_from(pupil.start_date, today)
    return [m for m in months if pupil.end_date is None or m < pupil.end_date]


def progress_alerts(*, user: Reader, today: dt.date) -> tuple[str, QuerySet[Pupil]]:
    """The previous school year, and pupils (names visible) sponsored during it
    without a progress entry for it."""
    school_year = previous_school_year(today)
    first_day, last_day = school_year_bounds(school_year)
    pupils = (
        PupilPolicy.visible(user)
        .filter(start_date__lte=last_day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=first_day))
        .exclude(years__school_year=school_year)
        .select_related("unit")
        .order_by("unit__path", "full_name")
    )
    return school_year, pupils


# Counts and totals ------------------------------------------------------------------


@dataclass(frozen=True)
class PupilTotals:
    as_of: dt.date
    supported: dict[str, int] = field(default_factory=dict)
    supported_total: int = 0
    finished_school: int = 0
    ended: dict[str, int] = field(default_factory=dict)


def _count_by(pupils: QuerySet[Pupil], field_name: str) -> dict[str, int]:
    rows = pupils.order_by().values(field_name).annotate(n=Count("id"))
    return {row[field_name]: row["n"] for row in rows}


def pupil_totals(*, user: Reader, as_of: dt.date, unit: Unit | None = None) -> PupilTotals:
    """Pupils supported on ``as_of`` by nationality, and pupils who had finished school
    (or ended for another reason) by then. Counts only; no names."""
    pupils = PupilPolicy.counts_visible(user).filter(_in_unit(unit))
    by_nationality = _count_by(pupils.filter(supported_on_q(as_of)), "nationality")
    supported = {code: by_nationality.get(code, 0) for code in Nationality.values}
    ended_counts = _count_by(pupils.filter(end_date__lte=as_of), "end_reason")
    ended = {reason: ended_counts.get(reason, 0) for reason in EndReason.values}
    return PupilTotals(
        as_of=as_of,
        supported=supported,
        supported_total=sum(supported.values()),
        finished_school=ended[EndReason.FINISHED],
        ended=ended,
    )


def pupils_finished_count(
    *, user: Reader, start: dt.date, end: dt.date, unit: Unit | None = None
) -> int:
    """Pupils whose sponsorship ended because they finished school between the two dates."""
    return (
        PupilPolicy.counts_visible(user)
        .filter(_in_unit(unit), end_reason=EndReason.FINISHED)
        .filter(end_date__gte=start, end_date__lte=end)
        .count()
    )


@dataclass(frozen=True)
class PaymentTotals:
    start: dt.date
    end: dt.date
    amount: int = 0
    by_nationality: dict[str, int] = field(default_factory=dict)
    payments: int = 0
    pupils: int = 0


def payment_totals(
    *, user: Reader, start: dt.date, end: dt.date, unit: Unit | None = None
) -> PaymentTotals:
    """Money paid (by payment date) between ``start`` and ``end`` inclusive."""
    payments = PaymentPolicy.counts_visible(user).filter(
        _in_unit(unit, "pupil__"), paid_on__gte=start, paid_on__lte=end
    )
    summary = payments.aggregate(
        amount=Sum("amount"),
        payments=Count("id"),
        pupils=Count("pupil", distinct=True),
    )
    by_nationality = {
        row["pupil__nationality"]: row["total"]
        for row in payments.order_by().values("pupil__nationality").annotate(total=Sum("amount"))
    }
    return PaymentTotals(
        start=start,
        end=end,
        amount=int(summary["amount"] or 0),
        by_nationality={code: int(by_nationality.get(code, 0)) for code in Nationality.values},
        payments=summary["payments"],
        pupils=summary["pupils"],
    )


@dataclass(frozen=True)
class UnitCount:
    unit: Unit
    by_nationality: dict[str, int]
    total: int


def pupil_counts_by_unit(*, user: Reader, as_of: dt.date) -> list[UnitCount]:
    """Pupils supported on ``as_of`` per sponsoring unit and nationality (no names)."""
    rows = (
        PupilPolicy.counts_visible(user)
        .filter(supported_on_q(as_of))
        .order_by()
        .values("unit", "nationality")
        .annotate(n=Count("id"))
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["unit"], dict.fromkeys(Nationality.values, 0))[row["nationality"]] = (
            row["n"]
        )
    units = Unit.objects.filter(pk__in=counts).order_by("path")
    return [UnitCount(u, counts[u.pk], sum(counts[u.pk].values())) for u in units]
