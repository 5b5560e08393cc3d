"""Every role through the API: nothing outside the caller's scope is returned or changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from huunghi.accounts.services import api_token_create, api_token_revoke
from huunghi.api.tests.conftest import People
from huunghi.api.tests.helpers import ApiClient
from huunghi.beneficiaries.services import pupil_create
from huunghi.core.testing import World
from huunghi.figures.services import FigureInput, figure_create
from huunghi.records.models import Activity, Status
from huunghi.records.services.activities import CounterpartIn, QuantityIn, activity_create
from huunghi.records.services.workflow import activity_approve, activity_submit


@pytest.fixture
def records(world: World, people: People) -> dict[str, Activity]:
    """Xa Mát: one approved record shared with Bavet and one private draft; Hoa Lư: one
    draft."""
    made = {}
    for name, shared in (("shared", True), ("private", False)):
        made[name] = activity_create(
            acting_user=people.clerk_xa_mat,
            kind="tree_planting",
            unit=world.post_xa_mat,
            title=f"Xa Mát {name}",
            start_date=dt.date(2025, 8, 1),
            quantities=[QuantityIn("trees", 100)],
            counterparts=[CounterpartIn(world.kh_post_bavet, shared=shared)],
        )
    # Counterparts see finished work: the shared record is approved.
    activity_submit(activity=made["shared"], acting_user=people.clerk_xa_mat)
    activity_approve(activity=made["shared"], acting_user=people.province_approver)
    made["hoa_lu"] = activity_create(
        acting_user=people.clerk_hoa_lu,
        kind="tree_planting",
        unit=world.post_hoa_lu,
        title="Hoa Lư",
        start_date=dt.date(2025, 8, 2),
    )
    return made


def _titles(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


# --- authentication ---------------------------------------------------------------------


def test_no_token_is_401(db: Any) -> None:
    for path in ("/activities/", "/places/?q=tay", "/units/", "/account/me"):
        assert ApiClient().get(path).status_code == 401, path


def test_unknown_and_revoked_tokens_are_401(people: People) -> None:
    assert ApiClient("hn_not-a-token").get("/account/me").status_code == 401
    token, raw = api_token_create(user=people.clerk_xa_mat, name="laptop")
    assert ApiClient(raw).get("/account/me").status_code == 200
    api_token_revoke(token=token, acting_user=people.clerk_xa_mat)
    assert ApiClient(raw).get("/account/me").status_code == 401


def test_session_works_and_unsafe_methods_need_csrf(world: World, people: People) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.clerk_xa_mat)
    assert client.get("/api/v1/account/me").status_code == 200
    body = {
        "kind": "tree_planting",
        "unit_id": world.post_xa_mat.pk,
        "title": "x",
        "start_date": "2025-08-01",
    }
    response = client.post("/api/v1/activities/", body, content_type="application/json")
    assert response.status_code == 403
    assert not Activity.objects.exists()


# --- activities -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("clerk_xa_mat", {"Xa Mát shared", "Xa Mát private"}),
        ("clerk_hoa_lu", {"Hoa Lư"}),
        ("viewer_tay_ninh", {"Xa Mát shared", "Xa Mát private"}),
        ("kh_viewer", {"Xa Mát shared"}),
        ("national_approver", {"Xa Mát shared", "Xa Mát private", "Hoa Lư"}),
    ],
)
def test_activity_list_is_scoped(
    people: People, records: dict[str, Activity], who: str, expected: set[str]
) -> None:
    assert _titles(people.api(getattr(people, who)).get("/activities/")) == expected


def test_other_provinces_records_are_404(people: People, records: dict[str, Activity]) -> None:
    """Missing and forbidden look the same, for reads and for every write."""
    api = people.api(people.clerk_hoa_lu)
    pk = records["private"].pk
    assert api.get(f"/activities/{pk}").status_code == 404
    assert api.get("/activities/999999").status_code == 404
    assert api.patch(f"/activities/{pk}", {"title": "stolen"}).status_code == 404
    assert api.post(f"/activities/{pk}/submit").status_code == 404
    assert api.get(f"/activities/{pk}/quantities").status_code == 404
    assert Activity.objects.get(pk=pk).title == "Xa Mát private"


def test_counterparts_read_shared_records_but_cannot_change_them(
    people: People, records: dict[str, Activity]
) -> None:
    api = people.api(people.kh_viewer)
    shared, private = records["shared"].pk, records["private"].pk
    detail = api.get(f"/activities/{shared}")
    assert detail.status_code == 200
    assert detail.json()["permissions"]["can_edit"] is False
    assert api.get(f"/activities/{private}").status_code == 404
    assert api.patch(f"/activities/{shared}", {"title": "changed"}).status_code == 403
    assert Activity.objects.get(pk=shared).title == "Xa Mát shared"


def test_viewers_cannot_create(world: World, people: People) -> None:
    body = {
        "kind": "tree_planting",
        "unit_id": world.post_xa_mat.pk,
        "title": "x",
        "start_date": "2025-08-01",
    }
    response = people.api(people.viewer_tay_ninh).post("/activities/", body)
    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_clerks_create_only_for_their_units(world: World, people: People) -> None:
    api = people.api(people.clerk_xa_mat)
    body = {
        "kind": "tree_planting",
        "unit_id": world.post_hoa_lu.pk,
        "title": "x",
        "start_date": "2025-08-01",
    }
    response = api.post("/activities/", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "unit_id"]
    body["unit_id"] = world.post_xa_mat.pk
    body["quantities"] = [{"measure": "trees", "value": "12.5", "qualifier": "about"}]
    body["counterparts"] = [{"unit_id": world.kh_post_bavet.pk, "shared": True}]
    created = api.post("/activities/", body)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["status"] == "draft"
    assert data["quantities"] == [
        {"measure": "trees", "value": "12.50", "qualifier": "about", "note": ""}
    ]
    assert data["counterparts"][0]["unit"]["id"] == world.kh_post_bavet.pk


def test_service_errors_come_back_by_field(world: World, people: People) -> None:
    body = {
        "kind": "tree_planting",
        "unit_id": world.post_xa_mat.pk,
        "title": "x",
        "start_date": "2025-08-05",
        "end_date": "2025-08-01",
    }
    response = people.api(people.clerk_xa_mat).post("/activities/", body)
    assert response.status_code == 422
    locs = [item["loc"] for item in response.json()["detail"]]
    assert ["body", "end_date"] in locs


def test_patch_changes_only_what_is_sent(people: People, records: dict[str, Activity]) -> None:
    api = people.api(people.clerk_xa_mat)
    pk = records["private"].pk
    response = api.patch(f"/activities/{pk}", {"title": "Trồng cây đợt 2", "notes": None})
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Trồng cây đợt 2"
    assert response.json()["quantities"][0]["value"] == "100.00"
    for field in ("unit_id", "title", "start_date"):
        refused = api.patch(f"/activities/{pk}", {field: None})
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"] == ["body", field]


def test_the_approval_chain(people: People, records: dict[str, Activity]) -> None:
    pk = records["private"].pk
    clerk, viewer = people.api(people.clerk_xa_mat), people.api(people.viewer_tay_ninh)
    approver = people.api(people.province_approver)
    assert viewer.post(f"/activities/{pk}/submit").status_code == 403
    assert clerk.post(f"/activities/{pk}/submit").json()["status"] == "submitted"
    inbox = approver.get("/approvals/")
    assert [item["id"] for item in inbox.json()["items"]] == [pk]
    assert clerk.get("/approvals/").json()["items"] == []
    assert clerk.post(f"/activities/{pk}/approve").status_code == 403
    returned = approver.post(f"/activities/{pk}/return", {"reason": "Thiếu số liệu"})
    assert returned.json()["status"] == "returned"
    clerk.post(f"/activities/{pk}/submit")
    assert approver.post(f"/activities/{pk}/approve").json()["status"] == "approved"
    assert Activity.objects.get(pk=pk).status == Status.APPROVED
    assert clerk.post(f"/activities/{pk}/reopen").json()["revision"] == 2


def test_nested_quantities_and_counterparts(
    world: World, people: People, records: dict[str, Activity]
) -> None:
    api = people.api(people.clerk_xa_mat)
    pk = records["private"].pk
    put = api.put(f"/activities/{pk}/quantities", [{"measure": "trees", "value": 7}])
    assert put.status_code == 200 and put.json()[0]["value"] == "7.00"
    wrong = api.put(f"/activities/{pk}/quantities", [{"measure": "cattle", "value": 7}])
    assert wrong.status_code == 422
    counterparts = api.get(f"/activities/{pk}/counterparts").json()
    assert counterparts[0]["unit"]["id"] == world.kh_post_bavet.pk


# --- the other routers ------------------------------------------------------------------


def test_units_are_scoped(world: World, people: People) -> None:
    api = people.api(people.clerk_xa_mat)
    ids = {u["id"] for u in api.get("/units/").json()["items"]}
    assert ids == {world.post_xa_mat.pk}
    assert api.get(f"/units/{world.post_hoa_lu.pk}").status_code == 404
    assert api.get(f"/units/{world.post_xa_mat.pk}").status_code == 200


def test_places_are_reference_data_for_any_signed_in_caller(world: World, people: People) -> None:
    api = people.api(people.kh_viewer)
    found = api.get("/places/", q="Loc Ninh").json()
    assert [p["code"] for p in found] == ["L0693"]
    detail = api.get(f"/places/{world.loc_ninh_legacy.pk}").json()
    assert [s["place"]["code"] for s in detail["successors"]] == ["75"]


def test_figures_are_scoped(world: World, people: People) -> None:
    figure = figure_create(
        unit=world.post_xa_mat,
        acting_user=people.clerk_xa_mat,
        data=FigureInput(
            indicator="people_examined",
            value=Decimal(2000),
            source_title="Báo",
            period_kind="month",
            period_start=dt.date(2022, 5, 1),
            period_end=dt.date(2022, 5, 31),
        ),
    )
    assert people.api(people.clerk_hoa_lu).get(f"/figures/{figure.pk}").status_code == 404
    own = people.api(people.clerk_xa_mat).get("/figures/").json()
    assert [f["id"] for f in own["items"]] == [figure.pk]
    assert (
        people.api(people.viewer_tay_ninh).post(f"/figures/{figure.pk}/submit").status_code == 403
    )


def test_pupil_names_only_for_the_sponsoring_unit(world: World, people: People) -> None:
    pupil = pupil_create(
        unit=world.post_xa_mat,
        full_name="Lê Văn Bình",
        sex="male",
        birth_year=2013,
        nationality="VN",
        school_name="Trường",
        start_date=dt.date(2024, 9, 1),
        acting_user=people.clerk_xa_mat,
    )
    assert people.api(people.clerk_xa_mat).get(f"/pupils/{pupil.pk}").status_code == 200
    province = people.api(people.province_approver)
    assert province.get(f"/pupils/{pupil.pk}").status_code == 404
    assert province.get("/pupils/").json()["items"] == []
    counts = province.get("/pupils/totals", as_of="2025-01-01").json()
    assert counts["pupils"]["supported"]["VN"] == 1
    other = people.api(people.clerk_hoa_lu).get("/pupils/totals", as_of="2025-01-01").json()
    assert other["pupils"]["supported_total"] == 0


def test_report_totals_count_approved_records_by_default(
    people: People, records: dict[str, Activity]
) -> None:
    """The API answers the dashboard's question unless asked otherwise: drafts are left out."""
    params = {"indicator": "activities_total", "date_from": "2025-01-01", "date_to": "2025-12-31"}
    api = people.api(people.national_approver)
    in_year = Activity.objects.filter(start_date__year=2025)
    approved = in_year.filter(status=Status.APPROVED).count()
    assert in_year.count() - approved > 0  # the fixture holds work in progress
    default = api.get("/reports/totals", **params).json()["indicators"][0]["total"]
    assert Decimal(default["value"] or 0) == approved
    every = api.get("/reports/totals", approved_only="false", **params).json()
    assert Decimal(every["indicators"][0]["total"]["value"]) == in_year.count()


def test_report_totals_are_scoped(people: People, records: dict[str, Activity]) -> None:
    params = {
        "indicator": "activities_total",
        "date_from": "2025-01-01",
        "date_to": "2025-12-31",
        "approved_only": "false",
    }
    totals = {
        who: people.api(getattr(people, who))
        .get("/reports/totals", **params)
        .json()["indicators"][0]["total"]["value"]
        for who in ("clerk_xa_mat", "clerk_hoa_lu", "national_approver")
    }
    assert totals == {"clerk_xa_mat": "2.00", "clerk_hoa_lu": "1.00", "national_approver": "3.00"}
    bad = people.api(people.clerk_xa_mat).get(
        "/reports/totals", date_from="2025-12-31", date_to="2025-01-01"
    )
    assert bad.status_code == 422


def test_schema_and_docs_are_served_without_a_cdn(db: Any, client: Client) -> None:
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/activities/" in schema.json()["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn.jsdelivr" not in docs.content and b"unpkg" not in docs.content
    assert b"openapi.json" in docs.content
