"""Totals against hand-computed values, with both computations (summary and raw)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from huunghi.core.models import Qualifier
from huunghi.records.models import ActivityKind, Measure
from huunghi.reports.engine import COUNT, Dim, Geography, TotalsQuery
from huunghi.reports.periods import Period
from huunghi.reports.selectors import activity_totals

pytestmark = pytest.mark.django_db
METHODS = ["summary", "raw"]
Y2024 = Period.year(2024)


def totals(user, method, **kwargs):
    group_by = kwargs.pop("group_by", ())
    query = TotalsQuery(**{"period": Y2024, **kwargs})
    return activity_totals(user=user, query=query, group_by=group_by, method=method)


@pytest.mark.parametrize("method", METHODS)
def test_record_of_2022_counts_under_then_and_now_provinces(story, admin, method):
    """The 2022 record at legacy Lộc Ninh is under Bình Phước "then" and Đồng Nai "now"."""
    w = story.world
    period = Period.year(2022)
    then = totals(admin, method, period=period, geography=Geography.THEN, group_by=[Dim.PROVINCE])
    now = totals(admin, method, period=period, geography=Geography.NOW, group_by=[Dim.PROVINCE])
    assert then.by(COUNT) == {(w.binh_phuoc_legacy.pk,): then.by(COUNT)[(w.binh_phuoc_legacy.pk,)]}
    assert then.by(COUNT)[(w.binh_phuoc_legacy.pk,)].value == 1
    assert list(now.by(COUNT)) == [(w.dong_nai.pk,)]
    people = now.by(Measure.PEOPLE_EXAMINED)[(w.dong_nai.pk,)]
    assert (people.value, people.qualifier) == (Decimal(2000), Qualifier.ABOUT)


@pytest.mark.parametrize("method", METHODS)
def test_province_filter_uses_the_chosen_geography(story, admin, method):
    """Filtering on today's Tây Ninh includes the record made at legacy Long An."""
    w = story.world
    now = totals(admin, method, provinces=(w.tay_ninh.pk,), measures=(COUNT,))
    then = totals(
        admin,
        method,
        provinces=(story.tay_ninh_legacy.pk,),
        geography=Geography.THEN,
        measures=(COUNT,),
    )
    assert now.total().value == 3
    assert then.total().value == 2
    assert totals(admin, method, provinces=(w.tay_ninh.pk,), geography=Geography.THEN).cells == {}


@pytest.mark.parametrize("method", METHODS)
def test_qualifiers_carry_into_totals(story, admin, method):
    """A total with an "at least" part is "at least"; with an "about" part, "about"."""
    in_2024 = totals(admin, method).total(Measure.PEOPLE_EXAMINED)
    assert (in_2024.value, in_2024.qualifier) == (Decimal(200), Qualifier.AT_LEAST)
    both = totals(admin, method, period=Period.years(2022, 2024)).total(Measure.PEOPLE_EXAMINED)
    assert (both.value, both.qualifier) == (Decimal(2200), Qualifier.ABOUT)
    aid = totals(admin, method).total(Measure.VALUE_VND)
    assert (aid.value, aid.qualifier) == (Decimal(262_000_000), Qualifier.EXACT)


@pytest.mark.parametrize("method", METHODS)
def test_approved_only_leaves_out_drafts(story, admin, method):
    """The draft (50 at least) is left out of the approved-only total, which is exact."""
    people = totals(admin, method, approved_only=True).total(Measure.PEOPLE_EXAMINED)
    assert (people.value, people.qualifier) == (Decimal(150), Qualifier.EXACT)
    assert totals(admin, method, approved_only=True).total().value == 4
    assert totals(admin, method).total().value == 5


@pytest.mark.parametrize("method", METHODS)
def test_breakdown_by_quarter_month_year_and_kind(story, admin, method):
    result = totals(admin, method, group_by=[Dim.QUARTER])
    assert {k: c.value for k, c in result.by(COUNT).items()} == {
        ("2024-Q1",): 2,
        ("2024-Q3",): 2,
        ("2024-Q4",): 1,
    }
    result = totals(admin, method, group_by=[Dim.YEAR, Dim.MONTH])
    assert result.by(COUNT)[(2024, "2024-03")].value == 2
    result = totals(admin, method, group_by=[Dim.KIND], measures=(COUNT,))
    assert result.by(COUNT)[(ActivityKind.MEDICAL_OUTREACH,)].value == 2


@pytest.mark.parametrize("method", METHODS)
def test_breakdown_by_unit_child(story, admin, method):
    """Children of the national command, then of Tây Ninh's (its own record apart)."""
    w = story.world
    national = totals(admin, method, unit=w.national, group_by=[Dim.UNIT_CHILD])
    assert {k: c.value for k, c in national.by(COUNT).items()} == {(w.bdbp_tay_ninh.pk,): 4}
    province = totals(admin, method, unit=w.bdbp_tay_ninh, group_by=[Dim.UNIT_CHILD])
    assert {k: c.value for k, c in province.by(COUNT).items()} == {
        (w.post_xa_mat.pk,): 3,
        (w.bdbp_tay_ninh.pk,): 1,
    }


@pytest.mark.parametrize("method", METHODS)
def test_custom_range_cutting_months(story, admin, method):
    """15 March – 1 July 2024 takes the 20 March draft and the 1 July aid only."""
    period = Period.between(dt.date(2024, 3, 15), dt.date(2024, 7, 1))
    result = totals(admin, method, period=period)
    assert result.total().value == 2
    assert result.total(Measure.VALUE_VND).value == 262_000_000


@pytest.mark.parametrize("method", METHODS)
def test_country_kind_and_place_filters(story, admin, method):
    w = story.world
    assert totals(admin, method, country="KH").total().value == 1
    assert totals(admin, method, kinds=(ActivityKind.AID,)).total().value == 1
    assert totals(admin, method, place=w.svay_rieng).total().value == 2
    legacy = totals(admin, method, period=Period.year(2022), place=w.loc_ninh_legacy)
    assert legacy.total().value == 1


def test_summary_and_raw_agree_on_every_breakdown(story, admin):
    """The two computations give identical cells for every single and paired breakdown."""
    dims = list(Dim)
    cases = [[d] for d in dims] + [[a, b] for a in dims for b in dims if a < b]
    for unit in (None, story.world.national, story.world.bdbp_tay_ninh):
        for group_by in cases:
            args = {"period": Period.years(2021, 2025), "unit": unit, "group_by": group_by}
            assert totals(admin, "summary", **args).plain() == totals(admin, "raw", **args).plain()
