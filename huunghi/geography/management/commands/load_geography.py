"""``manage.py load_geography``: load both countries' administrative units."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from huunghi.geography.services import geography_load


class Command(BaseCommand):
    help = (
        "Load Vietnam's provinces and communes of both eras (before and since 1 July 2025) "
        "and Cambodia's provinces, districts, communes and villages. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        report = geography_load()
        for line in report.lines():
            self.stdout.write(line)
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Geography loaded in {elapsed:.1f} s."))
