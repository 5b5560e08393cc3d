"""The volume generator and the purge: synthetic data in, synthetic data out, nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from huunghi.organisations.models import Unit
from huunghi.records.generator import ROOT_NAMES, SYNTHETIC_PREFIX
from huunghi.records.models import Activity, ActivityCounterpart, ActivityQuantity, SourceType
from huunghi.reports.engine import Dim, TotalsQuery
from huunghi.reports.models import SUMMARY_MAX_DEPTH, ActivityRollup, ActivitySummary
from huunghi.reports.periods import Period
from huunghi.reports.selectors import activity_totals
from huunghi.reports.tests.test_summaries import rebuilt, table

pytestmark = pytest.mark.django_db


def snapshot() -> tuple:
    """Everything the purge must leave alone."""
    return (
        set(Unit.objects.values_list("pk", "path", "code")),
        set(Activity.objects.values_list("pk", "unit_id", "title")),
        set(ActivityQuantity.objects.values_list("pk", "activity_id", "value")),
        table(),
    )


def test_demo_volume_then_purge_leaves_real_data_untouched(story):
    before = snapshot()
    call_command("demo_volume", activities=400, units=80, years=3, seed=7, verbosity=0)
    synthetic = Activity.objects.filter(is_synthetic=True)
    assert synthetic.count() == 400
    assert set(synthetic.values_list("source_type", flat=True)) == {SourceType.SYNTHETIC}
    units = Unit.objects.filter(code__startswith=SYNTHETIC_PREFIX)
    assert 70 <= units.count() <= 90
    assert set(units.filter(parent__isnull=True).values_list("name_vi", flat=True)) == set(
        ROOT_NAMES.values()
    )
    assert ActivityQuantity.objects.filter(activity__is_synthetic=True).exists()
    assert ActivitySummary.objects.filter(is_synthetic=True).exists()
    assert table() == rebuilt(), "bulk-built summary rows equal a rebuild"
    call_command("purge_synthetic", verbosity=0)
    assert snapshot() == before


def test_generated_totals_agree_with_raw_scan(story, admin):
    call_command("demo_volume", activities=300, units=40, years=2, seed=3, verbosity=0)
    root = Unit.objects.get(name_vi=ROOT_NAMES["VN"])
    today = dt.date.today()
    query = TotalsQuery(period=Period.years(today.year - 1, today.year), unit=root)
    for group_by in ([Dim.PROVINCE, Dim.QUARTER], [Dim.UNIT_CHILD], [Dim.KIND]):
        summary = activity_totals(user=admin, query=query, group_by=group_by)
        raw = activity_totals(user=admin, query=query, group_by=group_by, method="raw")
        assert summary.plain() == raw.plain()
        assert summary.total().value > 0


def test_second_run_adds_to_the_same_tree(story):
    call_command("demo_volume", activities=50, units=30, years=1, verbosity=0)
    units = set(Unit.objects.filter(code__startswith=SYNTHETIC_PREFIX).values_list("pk"))
    call_command("demo_volume", activities=50, units=30, years=1, seed=2, verbosity=0)
    assert set(Unit.objects.filter(code__startswith=SYNTHETIC_PREFIX).values_list("pk")) == units
    assert Activity.objects.filter(is_synthetic=True).count() == 100
    assert table() == rebuilt()


def test_purge_refuses_when_real_data_points_at_synthetic_units(story):
    call_command("demo_volume", activities=20, units=20, years=1, verbosity=0)
    synthetic_unit = Unit.objects.filter(code__startswith=SYNTHETIC_PREFIX).first()
    ActivityCounterpart.objects.create(activity=story.xa_mat_march, unit=synthetic_unit)
    with pytest.raises(CommandError, match="ActivityCounterpart"):
        call_command("purge_synthetic", verbosity=0)
    assert Activity.objects.filter(is_synthetic=True).count() == 20


def test_generated_volume_keeps_no_more_summary_rows_than_activities(story):
    """At the density of real reporting (thousands of records a month) the maintained
    rows, monthly and quarterly together, stay below the records they summarise: posts
    and stations keep none (their totals come from the raw tables)."""
    call_command("demo_volume", activities=30_000, units=60, years=1, seed=5, verbosity=0)
    activities = Activity.objects.filter(is_synthetic=True).count()
    kept = (
        ActivitySummary.objects.filter(is_synthetic=True).count()
        + ActivityRollup.objects.filter(is_synthetic=True).count()
    )
    assert activities == 30_000
    assert kept <= activities, (kept, activities)
    assert not ActivitySummary.objects.filter(
        unit__depth__gt=SUMMARY_MAX_DEPTH, is_synthetic=True
    ).exists()
