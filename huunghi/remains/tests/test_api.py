"""The remains API: totals, season tables and lists inside the caller's scope."""

from huunghi.accounts.models import Role
from huunghi.api.tests.helpers import ApiClient
from huunghi.remains.tests.conftest import make_chain


def test_season_table_and_totals(rw):
    make_chain(rw, rw.k71, recovered=5, sets=())
    make_chain(rw, rw.k72, recovered=2, sets=())
    api = ApiClient.for_user(rw.world.user(Role.VIEWER, rw.bcd515))
    table = api.get(f"/remains/seasons/{rw.s24.pk}/table").json()
    assert [(r["team"]["id"], r["by_phase"], r["total"]) for r in table["rows"]] == [
        (rw.k71.pk, [5, 0], 5)
    ]
    assert api.get("/remains/totals").json()["recovered"] == 5
    assert api.get("/remains/totals/years").json() == [
        {"year": 2024, "recovered": 5, "handed_over": 0, "reburied": 0}
    ]
    assert api.get("/remains/leads").json()["count"] == 1
    assert api.get("/remains/excavations", season=rw.s24.pk).json()["count"] == 1
    seasons = api.get("/remains/seasons").json()
    assert {s["roman"] for s in seasons} == {"XXIV", "XXV"}


def test_period_backwards_is_a_422(rw):
    api = ApiClient.for_user(rw.world.user(Role.VIEWER, rw.k71))
    response = api.get("/remains/totals", date_from="2025-12-31", date_to="2025-01-01")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "date_to"]


def test_unit_outside_scope_is_not_found(rw):
    api = ApiClient.for_user(rw.world.user(Role.VIEWER, rw.k71))
    assert api.get("/remains/totals", unit=rw.k72.pk).status_code == 404


def test_counterpart_sees_no_leads(rw):
    make_chain(rw, rw.k71)
    api = ApiClient.for_user(rw.world.user(Role.VIEWER, rw.world.kh_svay_rieng))
    assert api.get("/remains/leads").json()["count"] == 0
