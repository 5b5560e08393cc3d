"""Test helpers: pupils created through the service as the system."""

from __future__ import annotations

import datetime as dt
from typing import Any

from huunghi.beneficiaries import services
from huunghi.beneficiaries.models import Pupil
from huunghi.core.actors import SYSTEM
from huunghi.organisations.models import Unit


def make_pupil(unit: Unit, **overrides: Any) -> Pupil:
    values: dict[str, Any] = {
        "full_name": "[DEMO] Test Pupil",
        "sex": "female",
        "birth_year": 2014,
        "nationality": "VN",
        "school_name": "[DEMO] Primary School",
        "start_date": dt.date(2024, 9, 1),
    }
    values.update(overrides)
    return services.pupil_create(unit=unit, acting_user=SYSTEM, **values)


def pay(pupil: Pupil, month: dt.date, *, amount: int = 500_000, paid_on: dt.date | None = None):
    return services.payment_create(
        pupil=pupil,
        month=month,
        amount=amount,
        paid_on=paid_on or month + dt.timedelta(days=5),
        acting_user=SYSTEM,
    )
