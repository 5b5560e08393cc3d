"""``manage.py demo_cycle``: demo obligations and a history of reports sent up the chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from huunghi.cycle.demo import load_demo_cycle


class Command(BaseCommand):
    help = "Reporting obligations for the demo tree and a synthetic history of sent reports."

    def handle(self, *args: Any, **options: Any) -> None:
        made = load_demo_cycle()
        if options["verbosity"]:
            self.stdout.write(f"{made} demo reports sent.")
