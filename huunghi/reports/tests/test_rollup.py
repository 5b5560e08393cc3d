"""The quarterly roll-up rows: national and provincial totals read about as many rows
as they return, and every total stays what a raw scan says."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from huunghi.records.models import ActivityKind, Measure, Status
from huunghi.reports.engine import READ_STATS, Dim, Geography, TotalsQuery, compute_totals
from huunghi.reports.models import ALL_KINDS, ActivityRollup, RollupGeography
from huunghi.reports.periods import Period
from huunghi.reports.permissions import reach_for
from huunghi.reports.tests.factories import ABOUT, change_activity, make_activity
from huunghi.reports.tests.test_summaries import rebuilt, table

pytestmark = pytest.mark.django_db


def test_an_activity_adds_one_row_per_set_at_the_two_top_levels(world):
    """A post's record lands in the national and provincial roll-ups: today's and the
    historic geography, every place per kind and all kinds; approved rows only once
    approved."""
    activity = make_activity(
        unit=world.post_xa_mat,
        start=dt.date(2024, 5, 5),
        place=world.tay_ninh,
        quantities=[(Measure.PEOPLE_EXAMINED, 2000, ABOUT)],
    )
    rows = ActivityRollup.objects.all()
    assert set(rows.values_list("unit_id", flat=True)) == {
        world.national.pk,
        world.bdbp_tay_ninh.pk,
    }
    assert set(rows.values_list("quarter", flat=True)) == {dt.date(2024, 4, 1)}
    assert not rows.filter(approved_only=True).exists()
    national = rows.filter(unit=world.national, measure=Measure.PEOPLE_EXAMINED)
    assert {(r.geography, r.kind) for r in national} == {
        (RollupGeography.NOW, ALL_KINDS),
        (RollupGeography.THEN, ALL_KINDS),
        (RollupGeography.ANY, ALL_KINDS),
        (RollupGeography.ANY, ActivityKind.OTHER),
    }
    now = national.get(geography=RollupGeography.NOW)
    assert (now.value, now.rows_about, now.province_id) == (2000, 1, world.tay_ninh.pk)
    change_activity(activity, status=Status.APPROVED)
    assert rows.filter(approved_only=True).count() == rows.filter(approved_only=False).count()
    assert table() == rebuilt()


def _cells_and_reads(admin, query, group_by):
    stats: dict[str, int] = {}
    token = READ_STATS.set(stats)
    try:
        totals = compute_totals(reach=reach_for(admin, query.unit), query=query, group_by=group_by)
    finally:
        READ_STATS.reset(token)
    return totals, stats.get("rows_read", 0)


def test_national_report_reads_about_as_many_rows_as_it_returns(story, admin):
    """Province × quarter over whole years: one roll-up row per returned cell."""
    query = TotalsQuery(period=Period.years(2021, 2025), unit=story.world.national)
    totals, read = _cells_and_reads(admin, query, [Dim.PROVINCE, Dim.QUARTER])
    assert totals.cells
    assert read <= len(totals.cells) * 1.1 + 1, (read, len(totals.cells))
    raw = compute_totals(
        reach=reach_for(admin, query.unit),
        query=query,
        group_by=[Dim.PROVINCE, Dim.QUARTER],
        method="raw",
    )
    assert totals.plain() == raw.plain()


def test_province_report_by_kind_reads_the_per_kind_rows(story, admin):
    query = TotalsQuery(
        period=Period.year(2024),
        unit=story.world.bdbp_tay_ninh,
        measures=(Measure.PEOPLE_EXAMINED,),
    )
    totals, read = _cells_and_reads(admin, query, [Dim.KIND, Dim.QUARTER])
    assert read <= len(totals.cells) * 1.1 + 1, (read, len(totals.cells))


PERIODS = [
    Period.years(2021, 2025),
    Period.between(dt.date(2022, 2, 1), dt.date(2024, 11, 30)),
    Period.between(dt.date(2022, 2, 10), dt.date(2025, 8, 20)),
]
FILTERS = [
    {},
    {"approved_only": True},
    {"geography": Geography.THEN},
    {"kinds": (ActivityKind.MEDICAL_OUTREACH,)},
    {"country": "VN"},
    {"measures": (Measure.PEOPLE_EXAMINED, "count")},
]
BREAKDOWNS = [[], [Dim.PROVINCE, Dim.QUARTER], [Dim.KIND, Dim.YEAR], [Dim.COUNTRY]]


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p.start}..{p.end}")
def test_roll_ups_and_raw_scans_agree(story, admin, period):
    """Every filter and breakdown, whole quarters or not: the same cells as a raw scan,
    from the national and a provincial unit."""
    for unit, filters, group_by in itertools.product(
        (story.world.national, story.world.bdbp_tay_ninh), FILTERS, BREAKDOWNS
    ):
        query = TotalsQuery(period=period, unit=unit, **filters)
        reach = reach_for(admin, unit)
        summary = compute_totals(reach=reach, query=query, group_by=group_by)
        raw = compute_totals(reach=reach, query=query, group_by=group_by, method="raw")
        assert summary.plain() == raw.plain(), (unit, filters, group_by)
