"""Reads of the reporting cycle, starting from each model's policy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from huunghi.accounts.models import Role, User
from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.selectors import memberships_of
from huunghi.accounts.types import Reader
from huunghi.cycle.models import (
    CounterpartCopy,
    Obligation,
    Reminder,
    Submission,
    SubmissionStatus,
)
from huunghi.cycle.permissions import (
    CounterpartCopyPolicy,
    ObligationPolicy,
    SubmissionPolicy,
    ancestor_paths,
)
from huunghi.cycle.schedule import due_date, period_containing, period_label, periods_between
from huunghi.organisations.models import Unit
from huunghi.reports.periods import Period

REPORTING_ROLES = (Role.CLERK, Role.APPROVER, Role.UNIT_ADMIN)
RECENT_PERIODS = 4


def obligation_list(*, user: Reader, unit: Unit | None = None) -> QuerySet[Obligation]:
    """Obligations the user may see; with ``unit``: those set at or above it, or inside it."""
    rows = ObligationPolicy.visible(user).select_related("unit__country")
    if unit is not None:
        rows = rows.filter(
            Q(unit__path__in=ancestor_paths(unit.path)) | Q(unit__path__startswith=unit.path)
        )
    return rows.order_by("unit__path", "applies_to_kind", "frequency", "pk")


def obligation_get(*, user: Reader, pk: Any) -> Obligation:
    return ObligationPolicy.get_visible(user, pk)


def obligations_owed_by(unit: Unit) -> list[Obligation]:
    """Obligations in force that bind ``unit`` (set strictly above it, for its kind)."""
    return list(
        Obligation.objects.filter(
            is_active=True,
            applies_to_kind=unit.kind,
            unit__path__in=ancestor_paths(unit.path)[:-1],
        )
        .select_related("unit")
        .order_by("frequency", "pk")
    )


def submission_list(
    *, user: Reader, unit: Unit | None = None, status: str = "", inbox: bool = False
) -> QuerySet[Submission]:
    """Submitted reports the user may see, newest period first.

    ``inbox``: those sent to a unit where the user may acknowledge them.
    """
    rows = SubmissionPolicy.visible(user).select_related(
        "unit__country", "recipient__country", "obligation", "report", "sent_by", "acted_by"
    )
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    if status:
        rows = rows.filter(status=status)
    if inbox:
        rows = rows.filter(scope_for(user).unit_q(Capability.APPROVE, "recipient"))
    return rows.order_by("-sent_at", "-pk")


def inbox(*, user: Reader) -> QuerySet[Submission]:
    """Reports awaiting the user's acknowledgement, oldest first."""
    if not scope_for(user).has_any(Capability.APPROVE):
        return Submission.objects.none()
    return submission_list(user=user, inbox=True, status=SubmissionStatus.SENT).order_by(
        "sent_at", "pk"
    )


def submission_get(*, user: Reader, pk: Any) -> Submission:
    return SubmissionPolicy.get_visible(user, pk)


def submission_versions(submission: Submission) -> QuerySet[Submission]:
    """Every version of the same unit's report for the same period, newest first."""
    return (
        Submission.objects.filter(
            obligation_id=submission.obligation_id,
            unit_id=submission.unit_id,
            period_start=submission.period_start,
        )
        .select_related("unit", "sent_by", "acted_by")
        .order_by("-version")
    )


def submission_included(submission: Submission) -> QuerySet[Submission]:
    return submission.includes.select_related("unit").order_by("unit__path")


def counterpart_copy_list(*, user: Reader) -> QuerySet[CounterpartCopy]:
    return (
        CounterpartCopyPolicy.visible(user)
        .select_related("submission__unit", "counterpart__country")
        .order_by("-sent_at", "-pk")
    )


def counterpart_copy_get(*, user: Reader, pk: Any) -> CounterpartCopy:
    return CounterpartCopyPolicy.get_visible(user, pk)


def copies_of(submission: Submission) -> QuerySet[CounterpartCopy]:
    return submission.counterpart_copies.select_related("counterpart")


@dataclass
class Owed:
    """One report a unit owes for one period, and where it stands."""

    obligation: Obligation
    unit: Unit
    period: Period
    label: str
    due: dt.date
    current: Submission | None
    state: str

    @property
    def is_open(self) -> bool:
        return self.state in {"due", "overdue", "returned", "upcoming"}


def _state(current: Submission | None, due: dt.date, remind: int, today: dt.date) -> str:
    if current is not None:
        return str(current.status)
    if due < today:
        return "overdue"
    return "due" if (due - today).days <= remind else "upcoming"


def _recent_periods(obligation: Obligation, today: dt.date) -> list[Period]:
    current = period_containing(obligation.frequency, today)
    first = period_containing(obligation.frequency, current.start - dt.timedelta(days=370))
    periods = periods_between(obligation.frequency, first.start, current.end)
    return [p for p in periods if p.start >= obligation.active_from][-RECENT_PERIODS - 1 :]


def owed_reports(*, unit: Unit, today: dt.date) -> list[Owed]:
    """The recent and current reports ``unit`` owes, newest first, with their state.

    The caller has checked that the reader may see ``unit``.
    """
    pairs = [(ob, p) for ob in obligations_owed_by(unit) for p in _recent_periods(ob, today)]
    latest: dict[tuple[int, dt.date], Submission] = {}
    rows = Submission.objects.filter(
        unit=unit, obligation__in={ob.pk for ob, _p in pairs}
    ).order_by("version")
    for row in rows.select_related("report"):
        latest[(row.obligation_id, row.period_start)] = row
    owed = []
    for ob, period in pairs:
        due = due_date(period, ob.due_day, ob.due_months_after)
        current = latest.get((ob.pk, period.start))
        state = _state(current, due, ob.remind_days_before, today)
        owed.append(Owed(ob, unit, period, period_label(ob.frequency, period), due, current, state))
    return sorted(owed, key=lambda o: (o.due, o.obligation.pk), reverse=True)


def reporting_units(*, user: User) -> list[Unit]:
    """Units where the user holds a role that prepares or sends reports."""
    return [
        m.unit
        for m in memberships_of(user).filter(role__in=REPORTING_ROLES, unit__valid_to__isnull=True)
    ]


def owed_report(
    *, obligation: Obligation, unit: Unit, period_start: dt.date, today: dt.date
) -> Owed:
    """One owed report (the caller checked the obligation binds the unit)."""
    period = period_containing(obligation.frequency, period_start)
    due = due_date(period, obligation.due_day, obligation.due_months_after)
    current = (
        Submission.objects.filter(obligation=obligation, unit=unit, period_start=period.start)
        .select_related("report")
        .order_by("-version")
        .first()
    )
    state = _state(current, due, obligation.remind_days_before, today)
    label = period_label(obligation.frequency, period)
    return Owed(obligation, unit, period, label, due, current, state)


@dataclass
class HomeNotices:
    due: list[Owed]
    overdue: list[Owed]
    returned: list[Owed]
    inbox_count: int
    unread_reminders: int
    overdue_below: list[tuple[Unit, int]]

    @property
    def is_empty(self) -> bool:
        return not (
            self.due or self.overdue or self.returned or self.inbox_count or self.overdue_below
        )


def approving_units(*, user: User) -> list[Unit]:
    """Units where the user approves (and so watches the reports of the units below)."""
    return [
        m.unit for m in memberships_of(user).filter(role=Role.APPROVER, unit__valid_to__isnull=True)
    ]


def overdue_below(*, user: User, today: dt.date) -> list[tuple[Unit, int]]:
    """For each unit the user approves at: reports of its subtree overdue this year."""
    from huunghi.cycle.completeness import completeness

    found = []
    for unit in approving_units(user=user):
        result = completeness(
            user=user,
            unit=unit,
            start=dt.date(today.year, 1, 1),
            end=dt.date(today.year + 1, 1, 1),
            today=today,
        )
        own = sum(row.tally.overdue for row in result.rows if row.is_own)
        if result.total.overdue - own > 0:
            found.append((unit, result.total.overdue - own))
    return found


def home_notices(*, user: User, today: dt.date) -> HomeNotices:
    """What is due, overdue or returned for the user's own units, and their inbox."""
    owed = [o for unit in reporting_units(user=user) for o in owed_reports(unit=unit, today=today)]
    return HomeNotices(
        due=[o for o in owed if o.state == "due"],
        overdue=[o for o in owed if o.state == "overdue"],
        returned=[o for o in owed if o.state == "returned"],
        inbox_count=inbox(user=user).count(),
        unread_reminders=Reminder.objects.filter(user_id=user.pk, read_at__isnull=True).count(),
        overdue_below=overdue_below(user=user, today=today),
    )


def reminders_of(*, user: User) -> QuerySet[Reminder]:
    return (
        Reminder.objects.filter(user_id=user.pk)
        .select_related("unit", "obligation")
        .order_by("-created_at", "-pk")[:100]
    )


def viewable_roots(*, user: Reader) -> list[Unit]:
    """The top units of the user's view scope (the roots of both trees for admins)."""
    scope = scope_for(user)
    if scope.is_global:
        rows = Unit.objects.filter(parent__isnull=True, valid_to__isnull=True)
    else:
        rows = Unit.objects.filter(path__in=scope.paths.get(Capability.VIEW, ()))
    return list(rows.select_related("country").order_by("country__code", "path"))
