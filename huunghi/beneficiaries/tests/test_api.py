"""The pupil API: names for the sponsoring unit only, counts for the levels above."""

import datetime as dt

from huunghi.accounts.models import Role
from huunghi.api.tests.helpers import ApiClient
from huunghi.beneficiaries.models import Payment
from huunghi.beneficiaries.tests.helpers import make_pupil, pay

NAME = "[DEMO] Phạm Minh Châu"


def _pupil(world):
    pupil = make_pupil(world.post_xa_mat, full_name=NAME, start_date=dt.date(2024, 9, 1))
    pay(pupil, dt.date(2024, 9, 1), paid_on=dt.date(2024, 9, 5))
    return pupil


def test_post_clerk_lists_reads_and_pays(world):
    pupil = _pupil(world)
    api = ApiClient.for_user(world.user(Role.CLERK, world.post_xa_mat))
    listed = api.get("/pupils/").json()
    assert [p["full_name"] for p in listed["items"]] == [NAME]
    detail = api.get(f"/pupils/{pupil.pk}").json()
    assert detail["payments"][0]["amount"] == 500_000
    created = api.post(
        f"/pupils/{pupil.pk}/payments",
        {
            "month": "2024-10-01",
            "amount": 500_000,
            "paid_on": "2024-10-03",
        },
    )
    assert created.status_code == 201
    assert Payment.objects.count() == 2


def test_negative_amount_is_a_422_on_amount(world):
    pupil = _pupil(world)
    api = ApiClient.for_user(world.user(Role.CLERK, world.post_xa_mat))
    response = api.post(
        f"/pupils/{pupil.pk}/payments",
        {
            "month": "2024-10-01",
            "amount": -1,
            "paid_on": "2024-10-03",
        },
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "amount"]


def test_province_gets_counts_not_names(world):
    pupil = _pupil(world)
    api = ApiClient.for_user(world.user(Role.APPROVER, world.bdbp_tay_ninh))
    assert api.get("/pupils/").json()["items"] == []
    assert api.get(f"/pupils/{pupil.pk}").status_code == 404
    totals = api.get(
        "/pupils/totals", as_of="2025-01-01", start="2024-01-01", end="2024-12-31"
    ).json()
    assert totals["pupils"]["supported"] == {"VN": 1, "KH": 0}
    assert totals["payments"]["amount"] == 500_000
    assert NAME not in str(totals)


def test_counterpart_gets_nothing(world):
    pupil = _pupil(world)
    api = ApiClient.for_user(world.user(Role.VIEWER, world.kh_svay_rieng))
    assert api.get(f"/pupils/{pupil.pk}").status_code == 404
    assert api.get("/pupils/totals", as_of="2025-01-01").json()["pupils"]["supported_total"] == 0
    assert (
        api.post(
            f"/pupils/{pupil.pk}/payments",
            {
                "month": "2024-10-01",
                "amount": 1,
                "paid_on": "2024-10-03",
            },
        ).status_code
        == 404
    )


def test_viewer_of_the_post_may_not_pay(world):
    pupil = _pupil(world)
    api = ApiClient.for_user(world.user(Role.VIEWER, world.post_xa_mat))
    response = api.post(
        f"/pupils/{pupil.pk}/payments",
        {
            "month": "2024-10-01",
            "amount": 1,
            "paid_on": "2024-10-03",
        },
    )
    assert response.status_code == 403
