"""A busy database answers 503 "try again" (never 500): JSON for the API, and for forms
a page that sends the user's input again (passwords and the CSRF token excepted)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.db import OperationalError
from django.test import RequestFactory

from huunghi.core.busy import DatabaseBusyMiddleware, is_busy

LOCKED = OperationalError("database is locked")


def _middleware() -> DatabaseBusyMiddleware:
    return DatabaseBusyMiddleware(lambda request: None)


def _request(method: str, path: str, data: dict[str, Any] | None = None, **extra: Any) -> Any:
    request = getattr(RequestFactory(), method)(path, data or {}, **extra)
    request.user = AnonymousUser()
    request.session = SessionStore()
    return request


def test_only_busy_errors_are_caught() -> None:
    assert is_busy(LOCKED)
    assert is_busy(OperationalError("canceling statement due to lock timeout"))
    assert not is_busy(OperationalError("no such table: x"))
    assert not is_busy(ValueError("database is locked"))
    assert _middleware().process_exception(_request("get", "/"), ValueError("x")) is None


def test_api_gets_json_503_with_retry_after() -> None:
    response = _middleware().process_exception(_request("post", "/api/v1/activities/"), LOCKED)
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert json.loads(response.content)["busy"] is True


@pytest.mark.django_db
def test_form_input_is_kept_for_sending_again() -> None:
    """The busy page re-posts every field but the password, to the same address."""
    data = {"title": "Trồng cây hữu nghị", "unit": "7", "password": "secret-pass"}
    request = _request("post", "/records/new/aid/?x=1", data)
    response = _middleware().process_exception(request, LOCKED)
    page = response.content.decode()
    assert response.status_code == 503
    assert 'name="title" value="Trồng cây hữu nghị"' in page
    assert 'name="unit" value="7"' in page
    assert "secret-pass" not in page
    assert 'action="/records/new/aid/?x=1"' in page
