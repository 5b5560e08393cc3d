"""Load the totals published by the project's sources as approved reported figures."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from huunghi.figures.sources import load_reported_figures


class Command(BaseCommand):
    help = (
        "Load the sources' totals (articles of 16/07/2022 and 03/09/2022, the domain brief's "
        "remains figures) as reported figures citing them. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            results = load_reported_figures()
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        created = sum(1 for _figure, was_created in results if was_created)
        for figure, was_created in results:
            mark = "+" if was_created else "="
            self.stdout.write(f"{mark} {figure.pk}: {figure}", ending="\n")
        self.stdout.write(
            self.style.SUCCESS(
                f"{created} figures created, {len(results) - created} already there."
            )
        )
