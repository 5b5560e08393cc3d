"""Restore drill: back up, wipe, restore, and every total is unchanged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Sum

from huunghi.accounts.models import Role
from huunghi.core.testing import World, build_world
from huunghi.records import services
from huunghi.records.models import Activity, ActivityKind, Measure
from huunghi.reports.models import ActivitySummary
from huunghi.reports.periods import Period
from huunghi.reports.values import indicator_values


def _totals() -> dict[str, Any]:
    """Row counts and summed values of the tables the reports read."""
    summary = ActivitySummary.objects.aggregate(rows=Count("id"), value=Sum("value"))
    return {
        "activities": Activity.objects.count(),
        "quantities": Activity.objects.aggregate(v=Sum("quantities__value"))["v"],
        "summary_rows": summary["rows"],
        "summary_value": summary["value"],
        "by_kind": dict(
            ActivitySummary.objects.values_list("kind").annotate(v=Sum("value")).order_by()
        ),
    }


def _indicator_totals(user: Any) -> dict[str, tuple[Any, ...]]:
    """Every indicator's national value for 2025 as the reports show it (reports/values.py)."""
    values = indicator_values(
        user=user,
        unit=None,
        period=Period(dt.date(2025, 1, 1), dt.date(2026, 1, 1)),
        approved_only=False,
    )
    return {
        value.code: (value.value, value.qualifier, value.origin, value.records.rows)
        for value in values
    }


def _records(count: int) -> World:
    world = build_world()
    clerk = world.user(Role.CLERK, world.post_xa_mat)
    for number in range(count):
        services.activity_create(
            acting_user=clerk,
            kind=ActivityKind.AID,
            unit=world.post_xa_mat,
            title=f"Drill {number}",
            start_date=dt.date(2025, 8, 1) + dt.timedelta(days=number),
            place=world.tay_ninh,
            details={
                "goods_or_money": "goods",
                "funding_source": "self_mobilised",
                "recipient_type": "unit",
                "recipient": "Bavet post",
            },
            quantities=[services.QuantityIn(Measure.VALUE_VND, Decimal(1000 * (number + 1)))],
        )
    return world


@pytest.mark.django_db(transaction=True)
def test_restore_drill_keeps_every_total(tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL drill needs pg_dump/pg_restore against a scratch database")
    _records(5)
    before = _totals()
    assert before["activities"] == 5 and before["summary_value"]
    target = tmp_path / "drill.sqlite3"
    call_command("backup", str(target))
    Activity.objects.all().delete()
    ActivitySummary.objects.all().delete()
    assert _totals() != before
    call_command("restore", str(target), "--yes")
    assert _totals() == before


@pytest.mark.django_db(transaction=True)
def test_postgresql_restore_drill_keeps_every_total(tmp_path: Path) -> None:
    """pg_dump (custom format), wipe every table, pg_restore: the same rows and the same
    value for every indicator the reports show."""
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite drill is the test above")
    world = _records(5)
    viewer = world.user(Role.VIEWER, world.national)
    before, shown = _totals(), _indicator_totals(viewer)
    assert before["activities"] == 5 and shown["aid_value_vnd"][0] == Decimal(15000)
    target = tmp_path / "drill.dump"
    call_command("backup", str(target))
    assert target.read_bytes()[:5] == b"PGDMP"
    call_command("flush", "--no-input")
    assert _totals()["activities"] == 0
    call_command("restore", str(target), "--yes")
    assert _totals() == before
    assert _indicator_totals(viewer) == shown


def test_restore_needs_confirmation(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "x.sqlite3"))
