"""Reminders: an in-app notice some days before a report is due and once it is overdue,
to everyone who prepares or sends the owing unit's reports; an e-mail too when the
person has an address (through Django's e-mail backend; never required).

Idempotent: at most one reminder per obligation × unit × period × kind × person, so
the command may run as often as wanted (e.g. daily from cron or a systemd timer).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huunghi.accounts.models import Membership, User
from huunghi.cycle.models import RECEIVED_STATUSES, Obligation, Reminder, ReminderKind, Submission
from huunghi.cycle.schedule import due_date, period_containing, period_label, periods_between
from huunghi.cycle.selectors import REPORTING_ROLES
from huunghi.organisations.models import Unit

OVERDUE_LOOKBACK_DAYS = 120
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    obligation: Obligation
    period_start: dt.date
    label: str
    due: dt.date
    kind: str


def _dues(obligation: Obligation, today: dt.date) -> list[Due]:
    """Periods of the obligation that are due soon or overdue on ``today``."""
    first = period_containing(
        obligation.frequency, today - dt.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    )
    last = period_containing(obligation.frequency, today + dt.timedelta(days=90))
    found = []
    for period in periods_between(obligation.frequency, first.start, last.end):
        if period.start < obligation.active_from:
            continue
        due = due_date(period, obligation.due_day, obligation.due_months_after)
        days_left = (due - today).days
        if 0 <= days_left <= obligation.remind_days_before:
            kind = ReminderKind.DUE_SOON
        elif -OVERDUE_LOOKBACK_DAYS <= days_left < 0:
            kind = ReminderKind.OVERDUE
        else:
            continue
        label = period_label(obligation.frequency, period)
        found.append(Due(obligation, period.start, label, due, kind))
    return found


def _owing_units(obligation: Obligation) -> list[Unit]:
    return list(
        Unit.objects.filter(
            path__startswith=obligation.unit.path,
            kind=obligation.applies_to_kind,
            valid_to__isnull=True,
        ).exclude(pk=obligation.unit_id)
    )


def _people(unit_ids: list[int]) -> dict[int, list[int]]:
    people: dict[int, list[int]] = defaultdict(list)
    rows = Membership.objects.filter(
        unit_id__in=unit_ids, role__in=REPORTING_ROLES, user__is_active=True
    ).values_list("unit_id", "user_id")
    for unit_id, user_id in rows:
        people[unit_id].append(user_id)
    return people


def _received(obligation: Obligation, starts: list[dt.date]) -> set[tuple[int, dt.date]]:
    rows = Submission.objects.filter(
        obligation=obligation, period_start__in=starts, status__in=RECEIVED_STATUSES
    ).values_list("unit_id", "period_start")
    return set(rows)


def _candidates(obligation: Obligation, today: dt.date) -> list[Reminder]:
    dues = _dues(obligation, today)
    if not dues:
        return []
    units = _owing_units(obligation)
    people = _people([u.pk for u in units])
    received = _received(obligation, [d.period_start for d in dues])
    return [
        Reminder(
            obligation=obligation,
            unit=unit,
            period_start=due.period_start,
            kind=due.kind,
            user_id=user_id,
            due_date=due.due,
        )
        for due in dues
        for unit in units
        if (unit.pk, due.period_start) not in received
        for user_id in people.get(unit.pk, [])
    ]


def reminders_create(*, today: dt.date | None = None, email: bool = True) -> dict[str, int]:
    """Create the reminders owed on ``today`` that do not exist yet; e-mail the new ones."""
    today = today or timezone.localdate()
    created_at = timezone.now()
    counts = {"created": 0, "emailed": 0}
    for obligation in Obligation.objects.filter(is_active=True).select_related("unit"):
        candidates = _candidates(obligation, today)
        if not candidates:
            continue
        with transaction.atomic():
            Reminder.objects.bulk_create(candidates, ignore_conflicts=True)
        new = Reminder.objects.filter(
            obligation=obligation, created_at__gte=created_at, emailed_at__isnull=True
        ).select_related("user", "unit")
        counts["created"] += new.count()
        if email:
            counts["emailed"] += _email(list(new))
    return counts


def _email(reminders: list[Reminder]) -> int:
    sent = 0
    for reminder in reminders:
        if not reminder.user.email:
            continue
        with translation.override(reminder.user.preferred_language or "vi"):
            subject, body = _message(reminder)
        try:
            send_mail(subject, body, None, [reminder.user.email])
        except OSError:
            log.warning("Reminder e-mail to user %s failed", reminder.user_id)
            continue
        Reminder.objects.filter(pk=reminder.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def reminder_text(reminder: Reminder) -> str:
    values = {
        "unit": str(reminder.unit),
        "period": period_label(
            reminder.obligation.frequency,
            period_containing(reminder.obligation.frequency, reminder.period_start),
        ),
        "due": reminder.due_date.strftime("%d/%m/%Y"),
    }
    if reminder.kind == ReminderKind.OVERDUE:
        return (
            _("The report of %(unit)s for %(period)s was due on %(due)s and is overdue.") % values
        )
    return _("The report of %(unit)s for %(period)s is due on %(due)s.") % values


def _message(reminder: Reminder) -> tuple[str, str]:
    return _("Hữu Nghị: report reminder"), reminder_text(reminder)


def reminders_mark_read(*, user: User) -> int:
    """Mark all of the user's reminders read."""
    return Reminder.objects.filter(user_id=user.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
