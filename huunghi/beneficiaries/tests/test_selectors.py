"""Totals and alerts against hand-computed values."""

import datetime as dt

import pytest

from huunghi.accounts.models import Role
from huunghi.beneficiaries import selectors, services
from huunghi.beneficiaries.tests.helpers import make_pupil, pay
from huunghi.core.actors import SYSTEM

D = dt.date


@pytest.fixture
def pupils(world):
    """Five pupils of Xa Mát and one of Hoa Lư:

    ===  ===  ===========  ===========  ============
    key  nat  start        end          reason
    ===  ===  ===========  ===========  ============
    a    VN   2023-09-01   —
    b    VN   2022-09-01   2024-06-01   finished
    c    KH   2024-01-15   —
    d    KH   2025-09-01   —            (not started on 2025-03-01)
    e    VN   2023-09-01   2025-03-01   dropped out (ends on the day counted)
    f    VN   2024-09-01   —            (Hoa Lư, another province)
    ===  ===  ===========  ===========  ============
    """
    post = world.post_xa_mat
    made = {
        "a": make_pupil(post, start_date=D(2023, 9, 1), birth_year=2012),
        "b": make_pupil(post, start_date=D(2022, 9, 1), birth_year=2006),
        "c": make_pupil(post, nationality="KH", start_date=D(2024, 1, 15)),
        "d": make_pupil(post, nationality="KH", start_date=D(2025, 9, 1)),
        "e": make_pupil(post, start_date=D(2023, 9, 1), birth_year=2010),
        "f": make_pupil(world.post_hoa_lu, start_date=D(2024, 9, 1)),
    }
    services.pupil_end(
        pupil=made["b"], end_date=D(2024, 6, 1), end_reason="finished", acting_user=SYSTEM
    )
    services.pupil_end(
        pupil=made["e"], end_date=D(2025, 3, 1), end_reason="dropped_out", acting_user=SYSTEM
    )
    return made


def test_pupil_totals_by_nationality(world, pupils):
    national = world.user(Role.VIEWER, world.national)
    totals = selectors.pupil_totals(user=national, as_of=D(2025, 3, 1))
    # a, f (VN) and c (KH); b finished, d not started, e ended that day.
    assert totals.supported == {"VN": 2, "KH": 1}
    assert totals.supported_total == 3
    assert totals.finished_school == 1
    assert totals.ended["dropped_out"] == 1


def test_pupil_totals_the_day_before_an_end(world, pupils):
    national = world.user(Role.VIEWER, world.national)
    totals = selectors.pupil_totals(user=national, as_of=D(2025, 2, 28))
    assert totals.supported == {"VN": 3, "KH": 1}
    assert totals.ended["dropped_out"] == 0


def test_pupil_totals_limited_to_a_unit_and_to_scope(world, pupils):
    national = world.user(Role.VIEWER, world.national)
    province = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    as_of = D(2025, 3, 1)
    assert selectors.pupil_totals(
        user=national, as_of=as_of, unit=world.bdbp_dong_nai
    ).supported == {"VN": 1, "KH": 0}
    assert selectors.pupil_totals(user=province, as_of=as_of).supported == {"VN": 1, "KH": 1}
    assert (
        selectors.pupil_totals(user=province, as_of=as_of, unit=world.bdbp_dong_nai).supported_total
        == 0
    )


def test_payment_totals_by_payment_date(world, pupils):
    pay(pupils["a"], D(2024, 12, 1), paid_on=D(2024, 12, 31))
    pay(pupils["a"], D(2025, 1, 1), paid_on=D(2025, 1, 1))
    pay(pupils["c"], D(2025, 1, 1), amount=400_000, paid_on=D(2025, 1, 10))
    pay(pupils["f"], D(2025, 1, 1), paid_on=D(2025, 2, 1))
    national = world.user(Role.VIEWER, world.national)
    totals = selectors.payment_totals(user=national, start=D(2025, 1, 1), end=D(2025, 1, 31))
    assert totals.amount == 900_000
    assert totals.by_nationality == {"VN": 500_000, "KH": 400_000}
    assert (totals.payments, totals.pupils) == (2, 2)
    year = selectors.payment_totals(user=national, start=D(2024, 1, 1), end=D(2025, 12, 31))
    assert year.amount == 1_900_000
    tay_ninh = selectors.payment_totals(
        user=national, start=D(2024, 1, 1), end=D(2025, 12, 31), unit=world.bdbp_tay_ninh
    )
    assert tay_ninh.amount == 1_400_000


def test_finished_count_in_period(world, pupils):
    national = world.user(Role.VIEWER, world.national)
    assert (
        selectors.pupils_finished_count(user=national, start=D(2024, 1, 1), end=D(2024, 12, 31))
        == 1
    )
    assert (
        selectors.pupils_finished_count(user=national, start=D(2025, 1, 1), end=D(2025, 12, 31))
        == 0
    )


def test_counts_by_unit(world, pupils):
    national = world.user(Role.VIEWER, world.national)
    rows = selectors.pupil_counts_by_unit(user=national, as_of=D(2025, 3, 1))
    # In tree order: Tây Ninh's post first (its province was created first).
    assert [(r.unit, r.by_nationality, r.total) for r in rows] == [
        (world.post_xa_mat, {"VN": 1, "KH": 1}, 2),
        (world.post_hoa_lu, {"VN": 1, "KH": 0}, 1),
    ]


def test_payment_alerts_list_past_unpaid_months(world):
    clerk = world.user(Role.CLERK, world.post_xa_mat)
    pupil = make_pupil(world.post_xa_mat, start_date=D(2025, 1, 20))
    pay(pupil, D(2025, 1, 1))
    pay(pupil, D(2025, 3, 1))
    alerts = selectors.payment_alerts(user=clerk, today=D(2025, 4, 10))
    # January and March paid; February unpaid; April is the current month.
    assert [(a.pupil, a.missing_months) for a in alerts] == [(pupil, [D(2025, 2, 1)])]


def test_payment_alerts_stop_at_the_end_date(world):
    clerk = world.user(Role.CLERK, world.post_xa_mat)
    pupil = make_pupil(world.post_xa_mat, start_date=D(2025, 1, 1))
    pay(pupil, D(2025, 1, 1))
    services.pupil_end(
        pupil=pupil, end_date=D(2025, 2, 1), end_reason="moved_away", acting_user=SYSTEM
    )
    assert selectors.payment_alerts(user=clerk, today=D(2025, 6, 1)) == []


def test_progress_alerts_for_the_previous_school_year(world):
    clerk = world.user(Role.CLERK, world.post_xa_mat)
    recorded = make_pupil(world.post_xa_mat, start_date=D(2024, 9, 1))
    missing = make_pupil(world.post_xa_mat, start_date=D(2024, 9, 1))
    make_pupil(world.post_xa_mat, start_date=D(2025, 9, 1))  # started in the current year
    services.pupil_year_record(pupil=recorded, school_year="2024-2025", grade=3, acting_user=SYSTEM)
    school_year, pupils = selectors.progress_alerts(user=clerk, today=D(2025, 10, 1))
    assert school_year == "2024-2025"
    assert list(pupils) == [missing]
