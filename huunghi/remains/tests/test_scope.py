"""Team records are visible to the team's subtree and its ancestors, nobody else."""

import pytest
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.remains import selectors
from huunghi.remains.tests.conftest import make_chain


@pytest.fixture
def k71_chain(rw):
    return make_chain(rw, rw.k71)


@pytest.mark.parametrize(
    ("unit_name", "visible"),
    [
        ("k71", True),
        ("bcd515", True),
        ("tay_ninh", True),
        ("ministry", True),
        ("k70", False),
        ("k72", False),
        ("dong_nai", False),
    ],
)
def test_lead_and_set_visibility_per_unit(rw, k71_chain, unit_name, visible):
    lead, site, excavation, (remains_set,) = k71_chain
    user = rw.world.user(Role.VIEWER, getattr(rw, unit_name))
    assert selectors.lead_list(user=user).filter(pk=lead.pk).exists() is visible
    assert selectors.site_list(user=user).filter(pk=site.pk).exists() is visible
    assert selectors.excavation_list(user=user).filter(pk=excavation.pk).exists() is visible
    assert selectors.set_list(user=user).filter(pk=remains_set.pk).exists() is visible


def test_counterpart_account_sees_nothing(client, rw, k71_chain):
    lead = k71_chain[0]
    user = rw.world.user(Role.APPROVER, rw.world.kh_gendarmerie)
    client.force_login(user)
    assert not selectors.lead_list(user=user).exists()
    assert client.get(reverse("remains:lead_detail", args=[lead.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "url_name"),
    [
        ("lead", "remains:lead_detail"),
        ("site", "remains:site_detail"),
        ("excavation", "remains:excavation_detail"),
        ("set", "remains:set_detail"),
    ],
)
def test_detail_pages_404_outside_scope_200_inside(client, rw, k71_chain, name, url_name):
    lead, site, excavation, (remains_set,) = k71_chain
    obj = {"lead": lead, "site": site, "excavation": excavation, "set": remains_set}[name]
    client.force_login(rw.world.user(Role.VIEWER, rw.k70))
    assert client.get(reverse(url_name, args=[obj.pk])).status_code == 404
    client.force_login(rw.world.user(Role.VIEWER, rw.bcd515))
    assert client.get(reverse(url_name, args=[obj.pk])).status_code == 200


def test_viewer_cannot_open_edit_or_move(client, rw, k71_chain):
    lead = k71_chain[0]
    client.force_login(rw.world.user(Role.VIEWER, rw.k71))
    assert client.get(reverse("remains:lead_edit", args=[lead.pk])).status_code == 404
    response = client.post(
        reverse("remains:lead_move", args=[lead.pk]),
        {
            "action": "verify",
            "on_date": "2024-06-05",
        },
    )
    assert response.status_code == 404
    lead.refresh_from_db()
    assert lead.status == "received"


def test_seasons_are_shared_reference_data(client, rw):
    user = rw.world.user(Role.VIEWER, rw.k72)
    client.force_login(user)
    assert client.get(reverse("remains:season_detail", args=[rw.s24.pk])).status_code == 200
    assert client.get(reverse("remains:season_create")).status_code == 404


def test_national_manager_defines_seasons(client, rw):
    client.force_login(rw.world.user(Role.UNIT_ADMIN, rw.ministry))
    response = client.post(reverse("remains:season_create"), {"number": 26, "start_year": 2026})
    assert response.status_code == 302
    assert selectors.season_list(user=rw.world.user(Role.VIEWER, rw.k71)).filter(number=26).exists()
