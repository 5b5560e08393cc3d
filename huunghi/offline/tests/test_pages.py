"""The offline page, the web app manifest and the service worker script."""

from __future__ import annotations

import json

import pytest

from huunghi.records.models import ActivityKind

pytestmark = pytest.mark.django_db


def test_offline_page_has_a_form_for_every_kind(client, world, people):
    client.force_login(people.clerk)
    page = client.get("/offline/").content.decode()
    for kind in ActivityKind.values:
        assert f'data-kind="{kind}"' in page
    assert 'id="offline-strings"' in page
    assert "style=" not in page


def test_offline_page_needs_sign_in(client):
    response = client.get("/offline/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_manifest_makes_the_app_installable(client):
    response = client.get("/manifest.webmanifest")
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert data["display"] == "standalone"
    assert data["start_url"] == "/offline/"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}


def test_service_worker_is_served_from_the_root_uncached(client):
    response = client.get("/sw.js")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert '"/offline/"' in body
    assert "offline/js/app.js" in body
