"""``manage.py load_border_reference``: facing provinces, gate pairs, published figures."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from huunghi.geography.models import AdminUnit
from huunghi.geography.services import border_reference_load


class Command(BaseCommand):
    help = (
        "Load the Vietnam–Cambodia facing provinces, international gate pairs and published "
        "border figures. Run load_geography first. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not AdminUnit.objects.filter(country__code="KH").exists():
            raise CommandError("No Cambodian units yet: run load_geography first.")
        report = border_reference_load()
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Border reference data loaded."))
