"""Create a few clearly synthetic sponsored pupils for demonstrations.

Every demo pupil's name starts with ``[DEMO]`` and carries ``is_synthetic=True``; no
real child is named. Units are looked up by code and skipped when absent; running
the command again creates nothing new.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from huunghi.beneficiaries import services
from huunghi.beneficiaries.models import DEMO_PREFIX, EndReason, Pupil
from huunghi.beneficiaries.periods import (
    add_months,
    months_from,
    previous_school_year,
    school_year_first_year,
)
from huunghi.core.actors import SYSTEM
from huunghi.core.workflow import approve_as_loaded
from huunghi.geography.models import AdminLevel, AdminUnit
from huunghi.organisations.models import Unit

DEFAULT_UNIT_CODES = ("VN-DBP-XAMAT", "VN-DBP-MOCBAI", "VN-DBP-HOALU")


@dataclass(frozen=True)
class DemoPupil:
    number: int
    nationality: str
    sex: str
    age_at_start: int
    months_ago: int
    skip_last_payment: bool = False
    finished: bool = False


DEMO_PUPILS = (
    DemoPupil(1, "VN", "female", 11, 20),
    DemoPupil(2, "VN", "male", 9, 14, skip_last_payment=True),
    DemoPupil(3, "VN", "female", 15, 30, finished=True),
    DemoPupil(4, "KH", "male", 12, 18),
    DemoPupil(5, "KH", "female", 8, 6),
)


def _province(country: str, name_en: str) -> AdminUnit | None:
    return AdminUnit.objects.filter(
        country__code=country,
        level=AdminLevel.PROVINCE,
        name_en__iexact=name_en,
        valid_to__isnull=True,
    ).first()


DEMO_SOURCE = "synthetic demo data"


class Command(BaseCommand):
    help = "Create synthetic ([DEMO]) sponsored pupils, payments and progress entries."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--unit", action="append", dest="units", help="sponsoring unit code")

    def handle(self, *args: Any, **options: Any) -> None:
        codes = options.get("units") or DEFAULT_UNIT_CODES
        units = list(Unit.objects.filter(code__in=codes, valid_to__isnull=True))
        if not units:
            self.stdout.write(
                "demo_pupils: no sponsoring unit found ({}); skipped.".format(", ".join(codes))
            )
            return
        today = timezone.localdate()
        created = sum(self._unit(unit, today) for unit in units)
        self.stdout.write(f"demo_pupils: {created} pupils created in {len(units)} units.")

    def _unit(self, unit: Unit, today: dt.date) -> int:
        created = 0
        for spec in DEMO_PUPILS:
            name = f"{DEMO_PREFIX} {unit.code} {spec.nationality}-{spec.number:02d}"
            if Pupil.objects.filter(unit=unit, full_name=name).exists():
                continue
            with transaction.atomic():
                self._create(unit, spec, name, today)
            created += 1
        return created

    def _create(self, unit: Unit, spec: DemoPupil, name: str, today: dt.date) -> None:
        start = add_months(today, -spec.months_ago)
        home = _province("VN", "Tay Ninh") if spec.nationality == "VN" else None
        home = home or (_province("KH", "Svay Rieng") if spec.nationality == "KH" else None)
        pupil = services.pupil_create(
            unit=unit,
            full_name=name,
            sex=spec.sex,
            birth_year=start.year - spec.age_at_start,
            nationality=spec.nationality,
            school_name=f"{DEMO_PREFIX} School {spec.number}",
            start_date=start,
            home_place=home,
            hamlet=f"{DEMO_PREFIX} hamlet",
            officer_name=f"{DEMO_PREFIX} officer",
            acting_user=SYSTEM,
            is_synthetic=True,
        )
        end = add_months(today, -2) if spec.finished else None
        self._payments(pupil, today, end, spec.skip_last_payment)
        self._progress(pupil, spec, today)
        if end is not None:
            services.pupil_end(
                pupil=pupil, end_date=end, end_reason=EndReason.FINISHED, acting_user=SYSTEM
            )
        approve_as_loaded(obj=pupil, acting_user=SYSTEM, source=DEMO_SOURCE)

    def _payments(self, pupil: Pupil, today: dt.date, end: dt.date | None, skip_last: bool) -> None:
        months = [m for m in months_from(pupil.start_date, today) if end is None or m < end]
        if skip_last and months:
            months = months[:-1]
        for month in months:
            services.payment_create(
                pupil=pupil,
                month=month,
                amount=pupil.monthly_amount,
                paid_on=min(month + dt.timedelta(days=9), today),
                acting_user=SYSTEM,
            )

    def _progress(self, pupil: Pupil, spec: DemoPupil, today: dt.date) -> None:
        label = previous_school_year(today)
        first_year = school_year_first_year(label)
        if spec.skip_last_payment or pupil.start_date > dt.date(first_year + 1, 8, 31):
            return
        grade = max(1, min(12, spec.age_at_start - 5))
        services.pupil_year_record(
            pupil=pupil,
            school_year=label,
            grade=grade,
            result="good",
            note=f"{DEMO_PREFIX} progress",
            acting_user=SYSTEM,
        )
