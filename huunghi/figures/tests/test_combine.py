"""combine(): records where they exist, figures where they do not, never both added.

The world: national → BĐBP Tây Ninh → Xa Mát post; national → BĐBP Đồng Nai → Hoa Lư
post. Records totals are given per unit (the unit's own records), as the reports
engine will give them. Every expected number below is computed by hand.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404

from huunghi.accounts.models import Role
from huunghi.core.models import Qualifier
from huunghi.figures.combine import Amount, Source, combine
from huunghi.figures.periods import Period
from huunghi.records.models import ActivityKind, Measure, Status
from huunghi.reports.engine import TotalsQuery
from huunghi.reports.periods import Period as ReportPeriod
from huunghi.reports.selectors import own_totals_by_unit
from huunghi.reports.tests.factories import make_activity
from huunghi.reports.values import indicator_value

from .conftest import approved_figure

D = dt.date
YEAR_2022 = Period.year(2022)
ABOUT, AT_LEAST, EXACT = Qualifier.ABOUT, Qualifier.AT_LEAST, Qualifier.EXACT


@pytest.fixture
def reader(world):
    return world.user(Role.VIEWER, world.national)


def _year(unit, value, qualifier=EXACT, **kwargs):
    return approved_figure(
        unit, value, D(2022, 1, 1), D(2022, 12, 31), qualifier=qualifier, kind="year", **kwargs
    )


def _combine(world, user, unit, records, period=YEAR_2022, code="people_examined", **kw):
    return combine(indicator=code, unit=unit, period=period, user=user, record_totals=records, **kw)


def _by_unit(total):
    return {row.unit.pk: row for _depth, row in total.rows()}


def test_post_with_records_and_figure_shows_both_and_uses_records(world, reader):
    """Post level: records 120, figure 150 → total 120, difference +30, source both."""
    _year(world.post_xa_mat, 150)
    total = _combine(world, reader, world.post_xa_mat, {world.post_xa_mat.pk: (120, EXACT)})
    assert (total.value, total.source, total.difference) == (Decimal(120), Source.BOTH, 30)
    assert total.figure.value == 150 and not total.figure_used


def test_post_with_figure_only_uses_the_figure(world, reader):
    """Post level: no records, figure about 150 → about 150 from figures."""
    _year(world.post_xa_mat, 150, ABOUT)
    total = _combine(world, reader, world.post_xa_mat, {})
    assert (total.value, total.qualifier, total.source) == (150, ABOUT, Source.FIGURES)
    assert total.difference is None


def test_post_with_records_only(world, reader):
    total = _combine(world, reader, world.post_xa_mat, {world.post_xa_mat.pk: (120, EXACT)})
    assert (total.value, total.source) == (120, Source.RECORDS)


def test_province_figure_is_not_added_to_records_beneath_it(world, reader):
    """Province: its figure 400; records 120 at Xa Mát and 30 of its own → total 150,
    figure shown beside it with difference +250."""
    _year(world.bdbp_tay_ninh, 400)
    records = {world.post_xa_mat.pk: (120, EXACT), world.bdbp_tay_ninh.pk: (30, EXACT)}
    total = _combine(world, reader, world.bdbp_tay_ninh, records)
    assert (total.value, total.source, total.difference) == (150, Source.BOTH, 250)
    assert total.records == Amount(Decimal(150), EXACT)


def test_province_figure_covers_posts_figures_when_no_records(world, reader):
    """Province: figure 400, Xa Mát figure 150, no records → 400; the post is covered."""
    _year(world.bdbp_tay_ninh, 400)
    _year(world.post_xa_mat, 150)
    total = _combine(world, reader, world.bdbp_tay_ninh, {})
    assert (total.value, total.source) == (400, Source.FIGURES)
    post = _by_unit(total)[world.post_xa_mat.pk]
    assert post.covered and post.value == 150


def test_national_mixes_records_of_one_province_and_figure_of_another(world, reader):
    """National, no national figure: Tây Ninh records 120 + 30, Hoa Lư figure about 200
    without records → about 350, source both; each province keeps its own source."""
    _year(world.post_hoa_lu, 200, ABOUT)
    records = {world.post_xa_mat.pk: (120, EXACT), world.bdbp_tay_ninh.pk: (30, EXACT)}
    total = _combine(world, reader, world.national, records)
    assert (total.value, total.qualifier, total.source) == (350, ABOUT, Source.BOTH)
    rows = _by_unit(total)
    assert rows[world.bdbp_tay_ninh.pk].source == Source.RECORDS
    assert (rows[world.bdbp_dong_nai.pk].value, rows[world.bdbp_dong_nai.pk].source) == (
        200,
        Source.FIGURES,
    )
    assert total.records == Amount(Decimal(150), EXACT)


def test_national_figure_is_compared_not_added(world, reader):
    """Same as above plus a national figure 1,000 → still about 350; difference +650."""
    _year(world.post_hoa_lu, 200, ABOUT)
    _year(world.national, 1000)
    records = {world.post_xa_mat.pk: (120, EXACT), world.bdbp_tay_ninh.pk: (30, EXACT)}
    total = _combine(world, reader, world.national, records)
    assert (total.value, total.qualifier, total.difference) == (350, ABOUT, 650)
    assert total.source == Source.BOTH and not total.figure_used


def test_national_figure_stands_in_when_no_records_anywhere(world, reader):
    """National 1,000, Tây Ninh 400, Hoa Lư 200, no records → 1,000 (not 1,600)."""
    _year(world.national, 1000)
    _year(world.bdbp_tay_ninh, 400)
    _year(world.post_hoa_lu, 200)
    total = _combine(world, reader, world.national, {})
    assert (total.value, total.source) == (1000, Source.FIGURES)
    assert all(row.covered for depth, row in total.rows() if depth > 0)


def test_figure_for_part_of_the_period_is_a_lower_bound(world, reader):
    """Hoa Lư reported May 2022 only (100): for 2022 that is at least 100; with Xa Mát's
    records 120 the national total is at least 220."""
    approved_figure(world.post_hoa_lu, 100, D(2022, 5, 1), D(2022, 5, 31), kind="month")
    total = _combine(world, reader, world.national, {world.post_xa_mat.pk: (120, EXACT)})
    assert (total.value, total.qualifier) == (220, AT_LEAST)
    assert _by_unit(total)[world.post_hoa_lu.pk].figure.partial


def test_breakdown_of_a_longer_figure_is_not_added(world, reader):
    """One unit: 2,899 for 2021–2025 and 781 for a season inside it → 2,899 for 2021–2025,
    781 for the season, and nothing for 2025 alone (neither lies inside it)."""
    approved_figure(
        world.national, 2899, D(2021, 1, 1), D(2025, 12, 31), indicator="remains_recovered"
    )
    approved_figure(
        world.national, 781, D(2024, 10, 1), D(2025, 7, 31), indicator="remains_recovered"
    )
    code = "remains_recovered"
    whole = _combine(
        world, reader, world.national, {}, Period(D(2021, 1, 1), D(2025, 12, 31)), code
    )
    season = _combine(
        world, reader, world.national, {}, Period(D(2024, 10, 1), D(2025, 7, 31)), code
    )
    year = _combine(world, reader, world.national, {}, Period.year(2025), code)
    assert (whole.value, season.value) == (2899, 781)
    assert year.value is None and year.source == Source.NONE
    assert [f.value for f in year.figure.left_out] == [2899, 781]


def test_stock_uses_the_latest_figure_dated_inside_the_period(world, reader):
    """Pupils: 600 as of 01/03/2022, 631 as of 16/07/2022 → 631 for 2022, none for 2021;
    with 20 pupils on record in Tây Ninh, the total is 20 and the difference +611."""
    for value, day in ((600, D(2022, 3, 1)), (631, D(2022, 7, 16))):
        approved_figure(world.national, value, indicator="pupils_supported_vn", as_of=day)
    code = "pupils_supported_vn"
    assert _combine(world, reader, world.national, {}, code=code).value == 631
    assert _combine(world, reader, world.national, {}, Period.year(2021), code).value is None
    total = _combine(
        world, reader, world.national, {world.bdbp_tay_ninh.pk: (20, EXACT)}, code=code
    )
    assert (total.value, total.difference, total.source) == (20, 611, Source.BOTH)


def test_unapproved_figures_count_only_on_request(world, reader):
    _year(world.post_xa_mat, 150, status=Status.SUBMITTED)
    assert _combine(world, reader, world.post_xa_mat, {}).value is None
    assert _combine(world, reader, world.post_xa_mat, {}, include_unapproved=True).value == 150


def test_record_totals_may_be_a_callable_or_objects(world, reader):
    class Total:
        value, qualifier = Decimal(7), AT_LEAST

    def own(unit_id):
        return Total() if unit_id == world.post_xa_mat.pk else None

    total = _combine(world, reader, world.national, own)
    assert (total.value, total.qualifier, total.source) == (7, AT_LEAST, Source.RECORDS)


def test_unit_outside_the_readers_scope_is_404(world):
    reader_dn = world.user(Role.VIEWER, world.bdbp_dong_nai)
    with pytest.raises(Http404):
        _combine(world, reader_dn, world.bdbp_tay_ninh, {})


def test_figures_the_reader_cannot_see_are_not_used(world):
    """A counterpart account sees no Vietnamese figure unless it is shared with it."""
    figure = _year(world.post_xa_mat, 150)
    kh_reader = world.user(Role.VIEWER, world.kh_svay_rieng)
    admin = world.user(Role.SYSTEM_ADMIN, world.national)
    assert _combine(world, admin, world.post_xa_mat, {}).value == 150
    with pytest.raises(Http404):
        _combine(world, kh_reader, world.post_xa_mat, {})
    figure.shared_with.add(world.kh_svay_rieng)
    kh_unit_total = _combine(world, kh_reader, world.kh_svay_rieng, {})
    assert kh_unit_total.value is None


def test_values_selector_agrees_with_combine(world, reader):
    """The values selector and combine() fed with the engine's own totals give the same
    numbers: Xa Mát examined about 120 people in May 2022 (a draft does not count)
    against its figure 150."""

    def activity(status, value):
        make_activity(
            unit=world.post_xa_mat,
            start=D(2022, 5, 12),
            kind=ActivityKind.MEDICAL_OUTREACH,
            quantities=[(Measure.PEOPLE_EXAMINED, value, ABOUT)],
            status=status,
        )

    activity(Status.APPROVED, 120)
    activity(Status.DRAFT, 999)
    _year(world.post_xa_mat, 150)
    query = TotalsQuery(period=ReportPeriod.year(2022), unit=world.national, approved_only=True)
    records = own_totals_by_unit(user=reader, query=query, measure=Measure.PEOPLE_EXAMINED)
    total = _combine(world, reader, world.national, records)
    assert (total.value, total.qualifier, total.source) == (120, ABOUT, Source.RECORDS)
    post = _by_unit(total)[world.post_xa_mat.pk]
    assert (post.difference, post.source) == (30, Source.BOTH)
    for unit, combined in ((world.national, total), (world.post_xa_mat, post)):
        value = indicator_value(
            user=reader, indicator="people_examined", unit=unit, period=ReportPeriod.year(2022)
        )
        assert (value.value, value.qualifier) == (combined.value, combined.qualifier)
        assert value.difference == combined.difference
