"""``manage.py rebuild_cycle_tallies``: recompute the completeness roll-up rows."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from huunghi.cycle.tallies import tallies_rebuild


class Command(BaseCommand):
    help = "Recompute the per-subtree counts of received reports from the submissions."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = tallies_rebuild()
        if options["verbosity"]:
            self.stdout.write(f"{rows} tally rows written.")
