"""The single values selector: records where they exist, figures where they do not,
both with their difference where both exist, never added; "0 recorded" is not "not
recorded"; a counterpart unit counts what was shared with it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from huunghi.accounts.models import Role
from huunghi.core.models import Qualifier
from huunghi.figures.tests.conftest import approved_figure
from huunghi.records.models import ActivityKind, Measure, Status
from huunghi.reports.periods import Period
from huunghi.reports.tests.factories import ABOUT, EXACT, make_activity
from huunghi.reports.values import Origin, indicator_value, indicator_values

pytestmark = pytest.mark.django_db

YEARS = Period.years(2020, 2022)
MAY = (dt.date(2022, 5, 1), dt.date(2022, 5, 31))


def _medical(unit, value, qualifier=EXACT, status=Status.APPROVED, day=dt.date(2022, 5, 15)):
    return make_activity(
        unit=unit,
        start=day,
        kind=ActivityKind.MEDICAL_OUTREACH,
        quantities=[(Measure.PEOPLE_EXAMINED, value, qualifier)],
        status=status,
    )


def _people(user, unit, **kwargs):
    return indicator_value(
        user=user, indicator="people_examined", unit=unit, period=YEARS, **kwargs
    )


def test_not_recorded_has_no_value(world):
    """Nothing recorded and no figure: value None, origin none."""
    admin = world.user(Role.SYSTEM_ADMIN, world.national)
    value = _people(admin, world.national)
    assert value.value is None
    assert value.origin == Origin.NONE
    assert not value.recorded


def test_zero_recorded_is_told_apart(world):
    """A record of 0 people is "0 recorded", not "not recorded"."""
    admin = world.user(Role.SYSTEM_ADMIN, world.national)
    _medical(world.post_xa_mat, 0)
    value = _people(admin, world.national)
    assert value.value == Decimal(0)
    assert value.recorded
    assert value.origin == Origin.RECORDS


def test_figure_stands_in_where_no_records(world):
    """A figure of a subtree without records is the value, with its citation."""
    admin = world.user(Role.SYSTEM_ADMIN, world.national)
    approved_figure(world.national, 2000, *MAY, qualifier=Qualifier.ABOUT)
    value = _people(admin, world.national)
    assert (value.value, value.qualifier, value.origin) == (
        Decimal(2000),
        Qualifier.ABOUT,
        Origin.FIGURE,
    )
    assert value.figure_value == Decimal(2000)
    assert value.difference is None
    assert [s.title for s in value.sources] == ["test"]


def test_records_and_figure_are_never_added(world):
    """Records in the subtree: their total is the value; the figure is beside it."""
    admin = world.user(Role.SYSTEM_ADMIN, world.national)
    approved_figure(world.national, 2000, *MAY, qualifier=Qualifier.ABOUT)
    _medical(world.post_hoa_lu, 1800, ABOUT)
    value = _people(admin, world.national)
    assert value.value == Decimal(1800)
    assert value.origin == Origin.BOTH
    assert value.figure_value == Decimal(2000)
    assert value.difference == Decimal(200)


def test_sub_unit_figure_stands_in_beside_other_records(world):
    """A province's figure counts for its subtree when only another province has records."""
    admin = world.user(Role.SYSTEM_ADMIN, world.national)
    approved_figure(world.bdbp_tay_ninh, 300, *MAY)
    _medical(world.post_hoa_lu, 100)
    value = _people(admin, world.national)
    assert value.value == Decimal(400)
    assert value.origin == Origin.BOTH
    assert value.figure is None


def test_unapproved_records_do_not_count_when_approved_only(world):
    """A draft record is not counted in approved-only totals; the figure stands in."""
    admin = world.user(Role.SYSTEM_ADMIN, world.national)
    approved_figure(world.national, 2000, *MAY)
    _medical(world.post_hoa_lu, 10, status=Status.DRAFT)
    assert _people(admin, world.national).value == Decimal(2000)
    assert _people(admin, world.national, approved_only=False).value == Decimal(10)


def test_figure_outside_reader_scope_is_not_seen(world):
    """A clerk of one province does not get another province's figure."""
    clerk = world.user(Role.CLERK, world.bdbp_dong_nai)
    approved_figure(world.bdbp_tay_ninh, 300, *MAY)
    assert (
        indicator_value(user=clerk, indicator="people_examined", unit=None, period=YEARS).value
        is None
    )


def test_counterpart_unit_counts_shared_records(world):
    """A Cambodian unit's value counts the activities shared with it."""
    admin = world.user(Role.SYSTEM_ADMIN, world.national)
    make_activity(
        unit=world.post_xa_mat,
        start=dt.date(2022, 3, 1),
        status=Status.APPROVED,
        shared_with=[world.kh_svay_rieng],
    )
    make_activity(unit=world.post_xa_mat, start=dt.date(2022, 3, 2), status=Status.APPROVED)
    value = indicator_value(
        user=admin, indicator="activities_total", unit=world.kh_gendarmerie, period=YEARS
    )
    assert value.value == Decimal(1)
    own = indicator_value(
        user=admin,
        indicator="activities_total",
        unit=world.kh_gendarmerie,
        period=YEARS,
        side="own",
    )
    assert own.value is None


def test_every_indicator_has_a_value(world):
    """The batch form answers every registered indicator, in order."""
    admin = world.user(Role.SYSTEM_ADMIN, world.national)
    values = indicator_values(user=admin, unit=world.national, period=YEARS)
    from huunghi.reports.indicators import INDICATORS

    assert [v.code for v in values] == [i.code for i in INDICATORS]


def test_children_break_the_value_down(world):
    """``by_child_units`` gives each direct subordinate's value."""
    admin = world.user(Role.SYSTEM_ADMIN, world.national)
    _medical(world.post_hoa_lu, 100)
    approved_figure(world.bdbp_tay_ninh, 300, *MAY)
    value = indicator_value(
        user=admin,
        indicator="people_examined",
        unit=world.national,
        period=YEARS,
        by_child_units=True,
    )
    children = {unit.pk: child.value for unit, child in value.children}
    assert children == {world.bdbp_tay_ninh.pk: Decimal(300), world.bdbp_dong_nai.pk: Decimal(100)}
