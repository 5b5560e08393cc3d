"""Dashboard page and its JSON endpoints, one test per role."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.records.models import ActivityKind

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


def _csv(client, user, **params):
    import csv
    import io

    client.force_login(user)
    response = client.get(reverse("reports:dashboard_export"), {**YEAR_2024, **params})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    return {row["code"]: row for row in rows}


def test_export_needs_sign_in(client):
    response = client.get(reverse("reports:dashboard_export"))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_export_national_viewer_gets_every_indicator(story, client):
    """Every indicator has a row; "not recorded" is an empty value, not 0."""
    w = story.world
    rows = _csv(client, w.user(Role.VIEWER, w.national), records="approved")
    assert rows["aid_value_vnd"]["value"] == "262000000"
    assert rows["aid_value_vnd"]["origin"] == "records"
    assert (
        rows["remains_recovered"]["value"] == "" and rows["remains_recovered"]["origin"] == "none"
    )


def test_export_clerk_cannot_see_another_units_numbers(story, client):
    """A Xa Mát clerk asking for Hoa Lư gets their own numbers, never Hoa Lư's: the unit is
    not theirs to choose, so the filters fall back to the defaults (approved records)."""
    w = story.world
    clerk = w.user(Role.CLERK, w.post_xa_mat)
    rows = _csv(client, clerk, unit=w.post_hoa_lu.pk, date_from="2022-01-01")
    assert rows["people_examined"]["value"] == "150", "Xa Mát's approved 150, not Hoa Lư's 2,000"


def test_counterpart_export_counts_what_was_shared(story, client):
    w = story.world
    rows = _csv(client, w.user(Role.VIEWER, w.kh_svay_rieng))
    assert rows["activities_total"]["value"] == "2"


def test_cards_for_every_programme_with_not_recorded(story, client):
    """A card per kind of activity; a programme without records says "not recorded"."""
    w = story.world
    client.force_login(w.user(Role.VIEWER, w.national))
    page = client.get(reverse("reports:dashboard"), YEAR_2024).text
    for kind in ActivityKind:
        assert f'data-code="activities_{kind.value}"' in page
    assert 'data-code="activities_festival" data-origin="none"' in page
    assert "not recorded" in page
    assert "262,000,000" in page, "amounts are grouped"


def test_opens_on_the_latest_year_with_data(story, client):
    """Without a period the dashboard shows the latest year with a record (2024 here),
    even in a later year; a chosen preset still wins."""
    w = story.world
    client.force_login(w.user(Role.VIEWER, w.national))
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 3, 1)):
        page = client.get(reverse("reports:dashboard")).text
        assert "From 01/01/2024 to 31/12/2024" in page
        chosen = client.get(reverse("reports:dashboard"), {"period": "year"}).text
        assert "From 01/01/2026 to 31/12/2026" in chosen


def test_figure_shown_beside_records_with_its_source(story, client):
    """A reported figure of the asked unit appears beside its records, cited in a note."""
    from huunghi.figures.tests.conftest import approved_figure

    w = story.world
    approved_figure(w.post_xa_mat, 180, dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    client.force_login(w.user(Role.VIEWER, w.national))
    page = client.get(reverse("reports:dashboard"), {**YEAR_2024, "unit": w.post_xa_mat.pk}).text
    assert 'data-code="people_examined" data-origin="both"' in page
    assert "reported: 180" in page and 'id="dashboard-note-1"' in page
