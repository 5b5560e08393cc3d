"""The remains pages: lists, forms with clear refusals, moves and the season view."""

import datetime as dt

import pytest
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.remains.models import Excavation, Handover, Lead
from huunghi.remains.tests.conftest import make_chain


@pytest.fixture
def clerk(client, rw):
    user = rw.world.user(Role.CLERK, rw.k71)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "name",
    [
        "overview",
        "lead_list",
        "site_list",
        "excavation_list",
        "set_list",
        "handover_list",
        "reburial_list",
        "lead_create",
        "site_create",
        "excavation_create",
        "set_create",
    ],
)
def test_pages_render_for_a_team_clerk(client, rw, clerk, name):
    make_chain(rw, rw.k71)
    assert client.get(reverse(f"remains:{name}")).status_code == 200


def test_create_lead_through_the_form(client, rw, clerk):
    response = client.post(
        reverse("remains:lead_create"),
        {
            "team": rw.k71.pk,
            "received_on": "2025-02-01",
            "informant_description": "[DEMO] villager",
            "place": rw.svay_rieng.pk,
            "credibility": "high",
            "estimated_count": "2",
        },
    )
    lead = Lead.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("remains:lead_detail", args=[lead.pk])
    assert lead.created_by == clerk


def test_negative_recovered_count_refused_by_the_form(client, rw, clerk):
    _, site, _, _ = make_chain(rw, rw.k71, sets=())
    before = Excavation.objects.count()
    response = client.post(
        reverse("remains:excavation_create"),
        {
            "team": rw.k71.pk,
            "site": site.pk,
            "phase": rw.p24_1.pk,
            "start_date": "2024-12-01",
            "recovered_count": "-2",
        },
    )
    assert response.status_code == 400
    assert "The number of remains recovered cannot be negative." in response.content.decode()
    assert Excavation.objects.count() == before


def test_status_move_through_the_form(client, rw, clerk):
    lead = make_chain(rw, rw.k71)[0]
    detail = client.get(reverse("remains:lead_detail", args=[lead.pk])).content.decode()
    assert "Start verification" in detail
    response = client.post(
        reverse("remains:lead_move", args=[lead.pk]),
        {
            "action": "verify",
            "on_date": "2024-06-05",
        },
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.status == "verifying"


def test_close_without_reason_is_a_400_naming_the_reason(client, rw, clerk):
    lead = make_chain(rw, rw.k71)[0]
    response = client.post(
        reverse("remains:lead_move", args=[lead.pk]),
        {
            "action": "close",
            "on_date": "2024-06-05",
            "reason": "",
        },
    )
    assert response.status_code == 400
    assert "Give a reason." in response.content.decode()


def test_handover_before_recovery_refused_by_the_form(client, rw):
    client.force_login(rw.world.user(Role.CLERK, rw.bcd515))
    _, _, _, sets = make_chain(rw, rw.k71, start=dt.date(2024, 11, 10))
    response = client.post(
        reverse("remains:handover_create"),
        {
            "unit": rw.bcd515.pk,
            "held_on": "2024-11-01",
            "kh_province": rw.svay_rieng.pk,
            "vn_province": rw.tay_ninh_place.pk,
            "remains_count": "1",
            "sets": [sets[0].pk],
        },
    )
    assert response.status_code == 400
    assert "cannot be before" in response.content.decode()
    assert Handover.objects.count() == 0


def test_season_view_shows_team_rows(client, rw, clerk):
    make_chain(rw, rw.k71, recovered=5, sets=())
    page = client.get(reverse("remains:season_detail", args=[rw.s24.pk])).content.decode()
    assert "Đội K71" in page
    assert "Season XXIV" in page or "XXIV" in page
