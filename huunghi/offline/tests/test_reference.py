"""Reference data for a device: the sender's own scope and nothing outside it."""

from __future__ import annotations

import json

import pytest

from huunghi.api.tests.helpers import ApiClient
from huunghi.records.services import activity_create

pytestmark = pytest.mark.django_db


def reference(user):
    response = ApiClient.for_user(user).get("/offline/reference")
    assert response.status_code == 200, response.content
    return response.json()


def test_post_clerk_gets_own_units_places_markers_and_counterparts(world, people, places):
    """Xa Mát's clerk: Tây Ninh and the facing Svay Rieng, not Đồng Nai or Kratie."""
    data = reference(people.clerk)

    assert [u["id"] for u in data["units"]] == [world.post_xa_mat.pk]
    place_ids = {p["id"] for p in data["places"]}
    assert {world.tay_ninh.pk, places.tan_lap.pk, world.svay_rieng.pk, places.bavet.pk} <= place_ids
    assert not {world.dong_nai.pk, places.loc_thien.pk, places.kratie_commune.pk} & place_ids
    assert [m["number"] for m in data["markers"]] == ["229"]
    assert {u["id"] for u in data["counterparts"]} == {
        world.kh_svay_rieng.pk,
        world.kh_post_bavet.pk,
    }
    assert data["user_id"] == people.clerk.pk
    assert data["expires_at"] > data["generated_at"]


def test_reference_holds_no_records(world, people, places):
    """Records of the clerk's own unit are not reference data; other provinces' neither."""
    activity_create(
        acting_user=people.other_clerk,
        kind="tree_planting",
        unit=world.post_hoa_lu,
        title="Secret orchard of Hoa Lu",
        start_date=places.loc_thien.created_at.date(),
    )
    raw = json.dumps(reference(people.clerk), ensure_ascii=False)
    assert "Secret orchard" not in raw
    assert "Lộc Thiện" not in raw
    assert "Hoa Lư" not in raw


def test_other_province_clerk_sees_their_own_side_only(world, people, places):
    data = reference(people.other_clerk)
    place_ids = {p["id"] for p in data["places"]}
    assert places.loc_thien.pk in place_ids and places.kratie_commune.pk in place_ids
    assert places.tan_lap.pk not in place_ids and places.bavet.pk not in place_ids
    assert [m["number"] for m in data["markers"]] == ["105"]


def test_province_approver_gets_the_province_and_its_posts(world, people, places):
    data = reference(people.approver)
    assert {u["id"] for u in data["units"]} == {world.bdbp_tay_ninh.pk, world.post_xa_mat.pk}


@pytest.mark.parametrize("who", ["viewer", "kh_viewer"])
def test_accounts_without_edit_rights_get_no_reference_data(world, people, places, who):
    response = ApiClient.for_user(getattr(people, who)).get("/offline/reference")
    assert response.status_code == 403


def test_anonymous_gets_no_reference_data(world):
    assert ApiClient().get("/offline/reference").status_code == 401
