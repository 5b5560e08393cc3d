"""Helpers shared by the reported-figures tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from huunghi.core.models import Qualifier
from huunghi.figures.models import ReportedFigure, SourceKind
from huunghi.figures.periods import PeriodKind
from huunghi.figures.services import FigureInput
from huunghi.organisations.models import Unit
from huunghi.records.models import Status


def flow_input(
    value: int | str = 100,
    start: dt.date = dt.date(2022, 5, 1),
    end: dt.date = dt.date(2022, 5, 31),
    *,
    indicator: str = "people_examined",
    kind: str = PeriodKind.MONTH,
    **overrides: Any,
) -> FigureInput:
    """A figure over a period (May 2022 unless told otherwise)."""
    fields: dict[str, Any] = {
        "indicator": indicator,
        "value": Decimal(value),
        "period_kind": kind,
        "period_start": start,
        "period_end": end,
        "source_kind": SourceKind.DOCUMENT,
        "source_title": "Báo cáo tháng 5/2022",
    }
    fields.update(overrides)
    return FigureInput(**fields)


def stock_input(
    value: int | str = 631, as_of: dt.date = dt.date(2022, 7, 16), **overrides: Any
) -> FigureInput:
    """A count as of a date (pupils currently sponsored unless told otherwise)."""
    fields: dict[str, Any] = {
        "indicator": "pupils_supported_vn",
        "value": Decimal(value),
        "as_of": as_of,
        "source_kind": SourceKind.NEWS,
        "source_title": "Hợp tác quốc phòng",
    }
    fields.update(overrides)
    return FigureInput(**fields)


def approved_figure(
    unit: Unit,
    value: int | str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    indicator: str = "people_examined",
    qualifier: str = Qualifier.EXACT,
    as_of: dt.date | None = None,
    status: str = Status.APPROVED,
    kind: str = PeriodKind.RANGE,
) -> ReportedFigure:
    """A figure row written directly (for selector and combine tests, not rule tests)."""
    return ReportedFigure.objects.create(
        unit=unit,
        indicator=indicator,
        value=Decimal(value),
        qualifier=qualifier,
        period_kind=PeriodKind.AS_OF if as_of else kind,
        period_start=start,
        period_end=end,
        as_of=as_of,
        source_kind=SourceKind.DOCUMENT,
        source_title="test",
        status=status,
    )


@pytest.fixture
def clerk_xa_mat(world):  # type: ignore[no-untyped-def]
    from huunghi.accounts.models import Role

    return world.user(Role.CLERK, world.post_xa_mat)


@pytest.fixture
def approver_tay_ninh(world):  # type: ignore[no-untyped-def]
    from huunghi.accounts.models import Role

    return world.user(Role.APPROVER, world.bdbp_tay_ninh)
