"""``manage.py send_cycle_reminders``: in-app reminders (and e-mails) for reports due
soon or overdue. Idempotent: run it daily (cron, systemd timer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from huunghi.cycle.reminders import reminders_create


class Command(BaseCommand):
    help = (
        "Create reminders for reports due within each obligation's reminder window and for "
        "overdue reports; e-mail them to people with an address when e-mail is configured. "
        "Safe to run repeatedly."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument("--no-email", action="store_true", help="In-app reminders only.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today must be a date such as 2025-09-15.") from exc
        email = settings.HUUNGHI_EMAIL_ENABLED and not options["no_email"]
        counts = reminders_create(today=today, email=email)
        if options["verbosity"]:
            self.stdout.write(
                f"{counts['created']} reminders created, {counts['emailed']} e-mailed."
            )
