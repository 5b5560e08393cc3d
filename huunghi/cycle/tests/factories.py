"""Test factories of the reporting cycle: a province with three posts, an obligation, and
issued review reports made directly (the cycle only reads issued reports)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from huunghi.accounts.models import Role
from huunghi.core.testing import World, org_unit
from huunghi.cycle.models import Obligation
from huunghi.cycle.schedule import Frequency
from huunghi.cycle.services import obligation_create
from huunghi.organisations.models import Unit, UnitKind
from huunghi.reports.models import IssuedReport, IssuedReportStatus
from huunghi.reports.periods import Period

Q3_2025 = Period.quarter(2025, 3)
DUE_Q3_2025 = dt.date(2025, 9, 20)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def issued_report(
    unit: Unit,
    period: Period,
    *,
    user: Any,
    version: int = 1,
    values: dict[str, Decimal | int | None] | None = None,
    narrative: str = "Khó khăn: thiếu phương tiện.",
) -> IssuedReport:
    """An issued report of ``unit`` stating ``values`` (indicator code → value)."""
    lines = [
        {
            "code": code,
            "label": code.replace("_", " "),
            "unit_label": "",
            "current": {"value": None if v is None else str(v), "qualifier": "exact"},
        }
        for code, v in (values or {"activities_total": 3}).items()
    ]
    return IssuedReport.objects.create(
        unit=unit,
        period_start=period.start,
        period_end=period.last,
        version=version,
        status=IssuedReportStatus.ISSUED,
        issued_at=timezone.now(),
        issued_by=user,
        created_by=user,
        shortcomings=narrative,
        signer_name="Nguyễn Văn A",
        snapshot={"lines": lines},
    )


@dataclass
class Tree:
    """Tây Ninh's border guard with three posts, each with a clerk and a commander."""

    world: World
    province: Unit
    posts: list[Unit]
    obligation: Obligation
    province_admin: Any
    province_approver: Any
    clerks: list[Any]
    commanders: list[Any]


def build_tree(world: World) -> Tree:
    province = world.bdbp_tay_ninh
    posts = [world.post_xa_mat] + [
        org_unit(name, parent=province, location=world.tay_ninh)
        for name in ("Đồn Biên phòng Mộc Bài", "Đồn Biên phòng Bình Hiệp")
    ]
    admin = world.user(Role.UNIT_ADMIN, province, username="tn_admin")
    obligation = obligation_create(
        unit=province,
        data={
            "applies_to_kind": UnitKind.BORDER_POST,
            "frequency": Frequency.QUARTERLY,
            "due_day": 20,
            "active_from": dt.date(2024, 1, 1),
        },
        acting_user=admin,
    )
    return Tree(
        world=world,
        province=province,
        posts=posts,
        obligation=obligation,
        province_admin=admin,
        province_approver=world.user(Role.APPROVER, province, username="tn_approver"),
        clerks=[world.user(Role.CLERK, p, username=f"clerk{i}") for i, p in enumerate(posts)],
        commanders=[
            world.user(Role.APPROVER, p, username=f"commander{i}") for i, p in enumerate(posts)
        ],
    )
