"""Reminders before the due date and when overdue: once per obligation × unit × period ×
kind × person, e-mailed when the person has an address."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.core.management import call_command

from huunghi.cycle import services
from huunghi.cycle.models import Reminder, ReminderKind
from huunghi.cycle.reminders import reminders_create
from huunghi.cycle.tests.factories import Q3_2025, Tree, at, issued_report


def test_due_soon_reminders_reach_each_reporting_person_once(tree: Tree) -> None:
    """Four days before 20 September every clerk and commander of the three posts gets one
    "due soon" reminder for Q3 (and one "overdue" for the unsent Q2); running again
    creates nothing; the province's people get none."""
    tree.clerks[0].email = "clerk0@example.org"
    tree.clerks[0].save()
    counts = reminders_create(today=dt.date(2025, 9, 16))
    assert counts == {"created": 12, "emailed": 2}
    due_soon = Reminder.objects.filter(kind=ReminderKind.DUE_SOON)
    assert set(due_soon.values_list("period_start", flat=True)) == {Q3_2025.start}
    assert due_soon.count() == 6
    assert any("20/09/2025" in m.body for m in mail.outbox)
    assert reminders_create(today=dt.date(2025, 9, 17)) == {"created": 0, "emailed": 0}
    assert not Reminder.objects.filter(user=tree.province_approver).exists()


def test_overdue_reminders_skip_units_that_reported(tree: Tree) -> None:
    report = issued_report(tree.posts[0], Q3_2025, user=tree.commanders[0])
    services.submission_send(
        obligation=tree.obligation,
        unit=tree.posts[0],
        period_start=Q3_2025.start,
        report=report,
        acting_user=tree.commanders[0],
        now=at(dt.date(2025, 9, 10)),
    )
    call_command("send_cycle_reminders", today="2025-10-01", verbosity=0)
    overdue = Reminder.objects.filter(kind=ReminderKind.OVERDUE, period_start=Q3_2025.start)
    assert set(overdue.values_list("unit_id", flat=True)) == {p.pk for p in tree.posts[1:]}
    call_command("send_cycle_reminders", today="2025-10-02", verbosity=0)
    assert overdue.count() == 4


def test_no_reminder_far_from_the_due_date(tree: Tree) -> None:
    assert reminders_create(today=dt.date(2024, 2, 1))["created"] == 0


def test_without_configured_e_mail_the_command_sends_none(tree: Tree, settings) -> None:
    """E-mail is never required: with no backend configured the command still creates the
    in-app reminders and sends no e-mail; with one configured it e-mails."""
    tree.clerks[0].email = "clerk0@example.org"
    tree.clerks[0].save()
    settings.HUUNGHI_EMAIL_ENABLED = False
    call_command("send_cycle_reminders", "--today", "2025-09-16", verbosity=0)
    assert Reminder.objects.count() == 12
    assert mail.outbox == []
    Reminder.objects.all().delete()
    settings.HUUNGHI_EMAIL_ENABLED = True
    call_command("send_cycle_reminders", "--today", "2025-09-16", verbosity=0)
    assert len(mail.outbox) == 2
