"""The sponsorship pages: forms with clear refusals, totals and alerts."""

import datetime as dt

import pytest
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.beneficiaries.models import Payment, Pupil
from huunghi.beneficiaries.tests.helpers import make_pupil, pay

D = dt.date


@pytest.fixture
def clerk(client, world):
    user = world.user(Role.CLERK, world.post_xa_mat)
    client.force_login(user)
    return user


def pupil_form(world, **overrides):
    data = {
        "full_name": "[DEMO] Nguyễn Thị Lan",
        "sex": "female",
        "birth_year": "2013",
        "nationality": "VN",
        "school_name": "[DEMO] THCS",
        "unit": world.post_xa_mat.pk,
        "monthly_amount": "500000",
        "start_date": "2025-09-01",
    }
    data.update(overrides)
    return data


def test_register_a_pupil(client, world, clerk):
    response = client.post(reverse("beneficiaries:create"), pupil_form(world))
    pupil = Pupil.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("beneficiaries:detail", args=[pupil.pk])
    assert pupil.created_by == clerk
    page = client.get(response["Location"]).content.decode()
    assert "[DEMO] Nguyễn Thị Lan" in page
    assert "Sponsored pupil: created" in page  # the history, labelled (not pupil.create)


def test_pupil_older_than_school_age_refused(client, world, clerk):
    response = client.post(reverse("beneficiaries:create"), pupil_form(world, birth_year="2001"))
    assert response.status_code == 400
    assert "school age is 5 to 20" in response.content.decode()
    assert Pupil.objects.count() == 0


def test_province_clerk_registers_only_the_provinces_own_pupils(client, world):
    """The province may sponsor pupils itself, but not enter a post's pupils."""
    client.force_login(world.user(Role.CLERK, world.bdbp_tay_ninh))
    form = client.get(reverse("beneficiaries:create")).context["form"]
    assert list(form.fields["unit"].queryset) == [world.bdbp_tay_ninh]
    response = client.post(reverse("beneficiaries:create"), pupil_form(world))
    assert response.status_code == 400
    assert Pupil.objects.count() == 0


def test_viewer_cannot_open_the_registration_form(client, world):
    client.force_login(world.user(Role.VIEWER, world.post_xa_mat))
    assert client.get(reverse("beneficiaries:create")).status_code == 404


def test_payment_after_end_date_refused(client, world, clerk):
    pupil = make_pupil(world.post_xa_mat)
    client.post(
        reverse("beneficiaries:end", args=[pupil.pk]),
        {
            "end_date": "2025-06-01",
            "end_reason": "finished",
        },
    )
    pupil.refresh_from_db()
    assert pupil.end_reason == "finished"
    response = client.post(
        reverse("beneficiaries:payment_create", args=[pupil.pk]),
        {
            "month": "2025-07",
            "amount": "500000",
            "paid_on": "2025-07-05",
        },
    )
    assert response.status_code == 400
    assert "no payment can be recorded for 07/2025" in response.content.decode()
    assert Payment.objects.count() == 0


def test_payment_and_progress_through_forms(client, world, clerk):
    pupil = make_pupil(world.post_xa_mat)
    response = client.post(
        reverse("beneficiaries:payment_create", args=[pupil.pk]),
        {
            "month": "2024-09",
            "amount": "500000",
            "paid_on": "2024-09-05",
        },
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    response = client.post(
        reverse("beneficiaries:payment_edit", args=[pupil.pk, payment.pk]),
        {"month": "2024-09", "amount": "450000", "paid_on": "2024-09-06"},
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.amount == 450_000
    response = client.post(
        reverse("beneficiaries:progress_record", args=[pupil.pk]),
        {
            "school_year": "2024-2025",
            "grade": "5",
            "result": "good",
        },
    )
    assert response.status_code == 302
    assert pupil.years.get().grade == 5


def test_end_before_start_refused_by_the_form(client, world, clerk):
    pupil = make_pupil(world.post_xa_mat, start_date=D(2024, 9, 1))
    response = client.post(
        reverse("beneficiaries:end", args=[pupil.pk]),
        {
            "end_date": "2024-08-01",
            "end_reason": "dropped_out",
        },
    )
    assert response.status_code == 400
    assert "cannot be before the start date" in response.content.decode()


def test_reopen_through_the_form(client, world, clerk):
    pupil = make_pupil(world.post_xa_mat)
    client.post(
        reverse("beneficiaries:end", args=[pupil.pk]),
        {
            "end_date": "2025-06-01",
            "end_reason": "moved_away",
        },
    )
    response = client.post(
        reverse("beneficiaries:reopen", args=[pupil.pk]),
        {
            "reason": "came back",
        },
    )
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert pupil.end_date is None


def test_totals_and_alerts_pages(client, world, clerk):
    pupil = make_pupil(world.post_xa_mat, start_date=D(2025, 1, 1))
    pay(pupil, D(2025, 1, 1))
    totals = client.get(
        reverse("beneficiaries:totals"),
        {
            "as_of": "2025-03-01",
            "start": "2025-01-01",
            "end": "2025-12-31",
        },
    )
    assert totals.status_code == 200
    assert totals.context["totals"].supported_total == 1
    assert totals.context["payments"].amount == 500_000
    alerts = client.get(reverse("beneficiaries:alerts"))
    assert alerts.status_code == 200
    assert alerts.context["payment_alerts"][0].pupil == pupil


def test_list_filters(client, world, clerk):
    make_pupil(world.post_xa_mat, full_name="[DEMO] Alpha", nationality="KH")
    make_pupil(world.post_xa_mat, full_name="[DEMO] Beta")
    page = client.get(reverse("beneficiaries:list"), {"nationality": "KH"}).content.decode()
    assert "[DEMO] Alpha" in page and "[DEMO] Beta" not in page
