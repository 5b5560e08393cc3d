"""Dashboard page and its JSON endpoints, one test per role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from huunghi.accounts.models import Role

pytestmark = pytest.mark.django_db
YEAR_2024 = {
    "period": "custom",
    "date_from": "2024-01-01",
    "date_to": "2024-12-31",
    "records": "all",
}


def data(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("reports:dashboard_data"), {**YEAR_2024, **params})
    assert response.status_code == 200
    return response.json()


def test_anonymous_is_sent_to_sign_in(client):
    for name in ("reports:dashboard", "reports:dashboard_data", "reports:map_layers"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_page_shows_cards_and_chart_containers(story, client):
    w = story.world
    client.force_login(w.user(Role.VIEWER, w.national))
    page = client.get(reverse("reports:dashboard"), YEAR_2024)
    assert page.status_code == 200
    html = page.text
    for element in (
        'data-chart="trend"',
        'data-chart="kinds"',
        'data-chart="provinces"',
        'data-role="map"',
        'data-code="activities_total"',
    ):
        assert element in html
    assert "<style" not in html and " style=" not in html, "no inline styles under the CSP"
    assert "reports/dashboard.js" in html
    partial = client.get(reverse("reports:dashboard"), YEAR_2024, HTTP_HX_REQUEST="true")
    assert partial.text.lstrip().startswith('<div id="dashboard-body"')


def test_post_clerk_sees_only_their_province(story, client):
    """A Xa Mát clerk's provinces chart holds Tây Ninh only; the Đồng Nai record is absent."""
    w = story.world
    result = data(client, w.user(Role.CLERK, w.post_xa_mat))
    assert result["provinces"]["labels"] == ["Tây Ninh"]
    assert result["provinces"]["values"] == {"VN:80": 3.0}
    assert sum(result["trend"]["series"][0]["data"]) == 3
    everything = data(
        client,
        w.user(Role.VIEWER, w.national),
        period="custom",
        date_from="2022-01-01",
        date_to="2024-12-31",
    )
    assert "Đồng Nai" in everything["provinces"]["labels"]


def test_counterpart_sees_shared_records_only(story, client):
    w = story.world
    result = data(client, w.user(Role.VIEWER, w.kh_svay_rieng))
    assert sum(result["trend"]["series"][0]["data"]) == 2
    assert set(result["kinds"]["codes"]) == {"friendship_visit", "education_session"}


def test_filters_change_the_numbers(story, client):
    w = story.world
    viewer = w.user(Role.VIEWER, w.national)
    assert data(client, viewer)["provinces"]["values"]["VN:80"] == 3.0
    approved = data(client, viewer, records="approved")
    assert approved["provinces"]["values"]["VN:80"] == 2.0
    assert len(approved["trend"]["series"]) == 1
    then = data(client, viewer, geography="then")
    assert "VN:80" not in then["provinces"]["values"]
    assert then["provinces"]["values"]["VN:L72"] == 2.0
    people = data(client, viewer, indicator="people_examined")
    assert people["provinces"]["values"] == {"VN:80": 200.0}
    assert people["provinces"]["qualifiers"] == ["at_least"]
    by_kind = data(client, viewer, kind="aid")
    assert by_kind["kinds"]["codes"] == ["aid"]


def test_map_layers(story, client):
    w = story.world
    client.force_login(w.user(Role.VIEWER, w.national))
    layers = client.get(reverse("reports:map_layers")).json()
    assert layers["provinces"].endswith("provinces-current.geojson")
    assert layers["border"].endswith("border-line.geojson")
    then = client.get(reverse("reports:map_layers"), {"geography": "then"}).json()
    assert then["provinces"].endswith("provinces-legacy.geojson")
    assert {"gates", "markers", "units"} <= set(layers)


def test_typed_dates_win_over_the_preset_still_selected(story, client):
    """Dates typed while the preset select still says "this year" give that custom range."""
    w = story.world
    typed = data(client, w.user(Role.VIEWER, w.national), period="year")
    assert sum(typed["trend"]["series"][0]["data"]) > 0, "2024 records are counted"
    client.force_login(w.user(Role.VIEWER, w.national))
    preset_only = client.get(reverse("reports:dashboard_data"), {"period": "year"}).json()
    assert typed["trend"] != preset_only["trend"]
