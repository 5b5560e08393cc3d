"""The OpenAPI description and the documentation page, under the site's CSP."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client, modify_settings

INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")


def test_openapi_lists_every_router(db: Any, client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for prefix in (
        "account",
        "places",
        "units",
        "activities",
        "approvals",
        "figures",
        "pupils",
        "remains",
        "reports",
    ):
        assert any(p.startswith(f"/api/v1/{prefix}/") for p in paths), prefix


def test_openapi_documents_bearer_tokens(db: Any, client: Client) -> None:
    schemes = client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["TokenAuth"].items()


@modify_settings(INSTALLED_APPS={"append": "ninja"})
def test_swagger_is_served_from_the_site_without_inline_scripts(db: Any, client: Client) -> None:
    """With ninja's static files installed the page loads Swagger UI from /static/ only."""
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b'src="/static/ninja/swagger-ui-bundle.js"' in response.content
    assert not INLINE_SCRIPT.search(response.content)
    assert b"cdn." not in response.content
    assert "script-src 'self'" in response["Content-Security-Policy"]


@modify_settings(INSTALLED_APPS={"remove": "ninja"})
def test_without_ninja_installed_the_page_links_to_the_schema(db: Any, client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"<script" not in response.content
    assert b'href="/api/v1/openapi.json"' in response.content
