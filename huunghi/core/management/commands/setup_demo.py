"""Load reference data and demo content; safe to run again (existing data is kept)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

from huunghi.core.demo.accounts import DEMO_PASSWORD, load_demo_accounts
from huunghi.core.demo.organisations import load_demo_units

# Commands contributed by the apps, run in this order when they exist.
OPTIONAL_STEPS = (
    "load_geography",
    "load_border_reference",
    "demo_organisations",
    "load_demo_records",
    "demo_markers",
    "load_reported_figures",
    "demo_pupils",
    "demo_remains",
    "demo_cycle",
)


class Command(BaseCommand):
    help = "Load geography, the demo unit tree, demo accounts and the sources' facts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--skip-geography", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        available = get_commands()
        for step in OPTIONAL_STEPS:
            if step == "demo_organisations":
                self._units_and_accounts()
                continue
            if options["skip_geography"] and step == "load_geography":
                continue
            if step in available:
                self.stdout.write(f"· {step}")
                call_command(step, verbosity=0)
        self._print_accounts()

    def _units_and_accounts(self) -> None:
        created = load_demo_units()
        self.stdout.write(f"· demo units: {created} created")
        load_demo_accounts()

    def _print_accounts(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in load_demo_accounts():
            self.stdout.write(
                f"  {account.username:<24} {account.role:<13} {account.unit_code:<16} "
                f"{account.description}"
            )
