"""``manage.py purge_synthetic``: remove every synthetic record, summary row and unit."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from huunghi.reports.purge import PurgeBlockedError, purge_synthetic


class Command(BaseCommand):
    help = (
        "Delete synthetic activities (is_synthetic), their summary rows and the synthetic "
        "units (codes SYN-…). Real data is never touched; if real data refers to synthetic "
        "data, nothing is deleted."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = purge_synthetic()
        except PurgeBlockedError as exc:
            raise CommandError(
                f"Real data refers to synthetic data ({exc}); nothing deleted."
            ) from exc
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {counts['activities']} activities, {counts['summary_rows']} summary "
                f"rows and {counts['units']} units."
            )
