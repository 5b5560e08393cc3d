"""Synthetic border markers for the demo: a few entries managed by the demo gate posts,
approved as loaded, so the registry's list, map and detail pages have something to show.

The numbers and positions are invented (near the gate pairs' approximate positions) and
every row carries ``is_synthetic``; no real marker is described. Idempotent.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from huunghi.core.actors import SYSTEM
from huunghi.core.workflow import approve_as_loaded
from huunghi.geography.marker_services import marker_create
from huunghi.geography.models import BorderGatePair, BorderMarker, MarkerKind
from huunghi.organisations.models import Unit

SOURCE = "demo data (synthetic markers)"
#: (post unit code, Vietnamese gate name, synthetic numbers)
DEMO = (
    ("VN-DBP-XAMAT", "Xa Mát", ("901", "901/1", "901/2")),
    ("VN-DBP-MOCBAI", "Mộc Bài", ("902", "902/1")),
    ("VN-DBP-HOALU", "Hoa Lư", ("903", "903/1")),
)
STEP = 0.012


class Command(BaseCommand):
    help = "Add a few synthetic, approved border markers managed by the demo gate posts."

    def handle(self, *args: Any, **options: Any) -> None:
        created = 0
        for unit_code, gate_name, numbers in DEMO:
            unit = Unit.objects.filter(code=unit_code).first()
            gate = BorderGatePair.objects.filter(vn_name=gate_name).first()
            if unit is None or gate is None:
                continue
            for index, number in enumerate(numbers):
                created += _add(unit, gate, number, index)
        self.stdout.write(f"demo markers: {created} added")


@transaction.atomic
def _add(unit: Unit, gate: BorderGatePair, number: str, index: int) -> int:
    if BorderMarker.objects.filter(number=number).exists():
        return 0
    marker = marker_create(
        acting_user=SYSTEM,
        number=number,
        kind=MarkerKind.AUXILIARY if "/" in number else MarkerKind.MAIN,
        unit=unit,
        province=gate.vn_province,
        latitude=round((gate.latitude or 0) + STEP * index, 4) if gate.latitude else None,
        longitude=round((gate.longitude or 0) - STEP * index, 4) if gate.longitude else None,
        is_synthetic=True,
    )
    approve_as_loaded(obj=marker, acting_user=SYSTEM, source=SOURCE)
    return 1
