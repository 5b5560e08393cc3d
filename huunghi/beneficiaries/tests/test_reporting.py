"""The reports engine gets sponsorship indicators from this app, as counts only."""

import datetime as dt

from huunghi.accounts.models import Role
from huunghi.beneficiaries import services
from huunghi.beneficiaries.tests.helpers import make_pupil, pay
from huunghi.core.actors import SYSTEM
from huunghi.reports.engine import Dim, TotalsQuery
from huunghi.reports.periods import Period
from huunghi.reports.selectors import indicator_values

D = dt.date
CODES = [
    "pupils_supported_vn",
    "pupils_supported_kh",
    "pupils_finished_school",
    "pupil_payments_vnd",
]


def values(user, **query):
    found = indicator_values(
        user=user, query=TotalsQuery(period=Period.year(2025), **query), codes=CODES
    )
    return {v.indicator.code: int(v.total.value) for v in found}


def _data(world):
    a = make_pupil(world.post_xa_mat, start_date=D(2024, 9, 1))
    make_pupil(world.post_xa_mat, nationality="KH", start_date=D(2025, 1, 1))
    done = make_pupil(world.post_xa_mat, start_date=D(2023, 9, 1), birth_year=2008)
    make_pupil(world.post_hoa_lu, start_date=D(2024, 9, 1))
    pay(a, D(2025, 1, 1), paid_on=D(2025, 1, 5))
    pay(a, D(2024, 12, 1), paid_on=D(2024, 12, 5))
    pay(done, D(2025, 5, 1), amount=300_000, paid_on=D(2025, 5, 3))
    services.pupil_end(
        pupil=done, end_date=D(2025, 6, 1), end_reason="finished", acting_user=SYSTEM
    )


def test_national_values(world):
    _data(world)
    national = world.user(Role.VIEWER, world.national)
    assert values(national) == {
        "pupils_supported_vn": 2,
        "pupils_supported_kh": 1,
        "pupils_finished_school": 1,
        "pupil_payments_vnd": 800_000,
    }


def test_province_counts_its_posts_pupils_without_seeing_names(world):
    _data(world)
    province = world.user(Role.APPROVER, world.bdbp_tay_ninh)
    assert values(province)["pupils_supported_vn"] == 1
    assert values(province)["pupil_payments_vnd"] == 800_000


def test_counterpart_and_other_province_get_zero(world):
    _data(world)
    for unit in (world.kh_svay_rieng, world.post_hoa_lu):
        found = values(world.user(Role.VIEWER, unit))
        assert found["pupil_payments_vnd"] == 0 and found["pupils_supported_kh"] == 0


def test_breakdown_by_month_and_sub_unit(world):
    _data(world)
    national = world.user(Role.VIEWER, world.national)
    (payments,) = indicator_values(
        user=national,
        query=TotalsQuery(period=Period.year(2025)),
        codes=["pupil_payments_vnd"],
        group_by=[Dim.MONTH],
    )
    assert {k: int(c.value) for k, c in payments.cells.items()} == {
        ("2025-01",): 500_000,
        ("2025-05",): 300_000,
    }
    (supported,) = indicator_values(
        user=national,
        query=TotalsQuery(period=Period.year(2025), unit=world.national),
        codes=["pupils_supported_vn"],
        group_by=[Dim.UNIT_CHILD],
    )
    assert {k: int(c.value) for k, c in supported.cells.items()} == {
        (world.bdbp_tay_ninh.pk,): 1,
        (world.bdbp_dong_nai.pk,): 1,
    }
