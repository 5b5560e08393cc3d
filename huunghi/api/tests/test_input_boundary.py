"""The API's input boundary: control characters refused by field, bodies validated strictly."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

from huunghi.api.tests.conftest import People
from huunghi.api.tests.helpers import PREFIX
from huunghi.audit.models import AuditEvent
from huunghi.core.testing import World
from huunghi.records.models import Activity
from huunghi.records.services.activities import activity_create


def _activity(world: World, people: People) -> Activity:
    return activity_create(
        acting_user=people.clerk_xa_mat,
        kind="tree_planting",
        unit=world.post_xa_mat,
        title="Trồng cây hữu nghị",
        start_date=dt.date(2025, 8, 1),
    )


def _fields(response: Any) -> set[str]:
    """The fields the 422 names (the last element of each error's location)."""
    return {str(item["loc"][-1]) for item in response.json()["detail"]}


def test_control_characters_in_a_title_are_refused_by_field(world: World, people: People) -> None:
    """An ESC or vertical tab in the title is a 422 naming ``title``; nothing is stored."""
    api = people.api(people.clerk_xa_mat)
    body = {
        "kind": "tree_planting",
        "unit_id": world.post_xa_mat.pk,
        "title": "Trồng cây\x1b[31m",
        "start_date": "2025-08-01",
    }
    response = api.post("/activities/", body)
    assert response.status_code == 422, response.content
    assert "title" in _fields(response)
    assert not Activity.objects.exists()


def test_control_characters_in_a_change_are_refused_and_nothing_changes(
    world: World, people: People
) -> None:
    """PATCH with a vertical tab in the title leaves the record and the audit as they were."""
    activity = _activity(world, people)
    api = people.api(people.clerk_xa_mat)
    events = AuditEvent.objects.count()
    response = api.patch(f"/activities/{activity.pk}", {"title": "Trồng\x0bcây"})
    assert response.status_code == 422, response.content
    assert "title" in _fields(response)
    activity.refresh_from_db()
    assert activity.title == "Trồng cây hữu nghị"
    assert AuditEvent.objects.count() == events


def test_a_body_that_is_not_an_object_is_a_422(world: World, people: People) -> None:
    """``"hello world"`` as a PATCH body is refused with a clear message, not applied."""
    activity = _activity(world, people)
    api = people.api(people.clerk_xa_mat)
    for body in ('"hello world"', "[1, 2]", "42", "null"):
        response = api.client.patch(
            f"{PREFIX}/activities/{activity.pk}",
            body,
            content_type="application/json",
            headers=api.headers,
        )
        assert response.status_code == 422, (body, response.content)
        assert "object" in json.dumps(response.json()), body
    activity.refresh_from_db()
    assert activity.title == "Trồng cây hữu nghị"


# --- every body is strict -------------------------------------------------------------------


def _body_operations() -> list[tuple[str, str, bool]]:
    """(method, path with ids filled in, whether the body is a list) of every operation
    that takes a JSON body, read from the OpenAPI description."""
    from huunghi.api.root import api

    found = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            body = content["application/json"]["schema"]
            filled = re.sub(r"\{kind\}", "activity", re.sub(r"\{\w+_id\}", "1", path))
            found.append((method, filled, body.get("type") == "array"))
    return found


BODY_OPERATIONS = _body_operations()


def test_every_body_operation_is_listed() -> None:
    """The list below is not empty by accident (the OpenAPI description was read)."""
    assert len(BODY_OPERATIONS) >= 15


@pytest.mark.parametrize(("method", "path", "is_list"), BODY_OPERATIONS)
def test_a_body_of_the_wrong_shape_is_a_422_with_a_message(
    world: World, people: People, method: str, path: str, is_list: bool
) -> None:
    """A JSON string where an object (or a list) is documented is a 422 with a message,
    before anything is looked up or written."""
    api = people.api(people.admin)
    send = getattr(api.client, method)
    events = AuditEvent.objects.count()
    response = send(path, '"hello world"', content_type="application/json", headers=api.headers)
    assert response.status_code == 422, response.content
    message = json.dumps(response.json())
    assert ("array" in message or "list" in message) if is_list else "object" in message
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(("method", "path", "is_list"), BODY_OPERATIONS)
def test_an_unknown_field_is_refused_by_name(
    world: World, people: People, method: str, path: str, is_list: bool
) -> None:
    """``{"unexpected_field": 1}`` (inside each item for list bodies) is a 422 naming the
    field: a misspelt field is never silently ignored."""
    api = people.api(people.admin)
    send = getattr(api.client, method)
    body = [{"unexpected_field": 1}] if is_list else {"unexpected_field": 1}
    response = send(path, json.dumps(body), content_type="application/json", headers=api.headers)
    assert response.status_code == 422, response.content
    errors = response.json()["detail"]
    assert any(
        e["loc"][-1] == "unexpected_field" and e["type"] == "extra_forbidden" for e in errors
    ), errors


def test_an_unknown_field_in_an_offline_record_is_refused_by_name(
    world: World, people: People
) -> None:
    """The sync answers each queued record on its own: a record with a field the server
    does not know is ``invalid`` with the field named, and nothing is written."""
    api = people.api(people.clerk_xa_mat)
    item = {
        "client_uuid": "6f1c1a52-8a3b-4f43-9d6e-1d2a3b4c5d6e",
        "created_offline_at": "2025-09-02T08:15:00+07:00",
        "record": {
            "kind": "tree_planting",
            "unit_id": world.post_xa_mat.pk,
            "title": "Trồng cây",
            "start_date": "2025-09-01",
            "colour": "green",
        },
    }
    response = api.post("/offline/sync", {"items": [item]})
    assert response.status_code == 200, response.content
    (result,) = response.json()["results"]
    assert result["status"] == "invalid"
    assert "colour" in result["errors"]
    assert not Activity.objects.exists()


def test_a_day_is_read_only_as_year_month_day(world: World, people: People) -> None:
    """A number (or a string of digits) is not read as a Unix time: a filter day of
    ``2.2e-309`` and a body day of ``1756684800`` are 422s naming the field."""
    api = people.api(people.clerk_xa_mat)
    response = api.get("/figures/", period_end="2.225073858507203e-309")
    assert response.status_code == 422, response.content
    assert "period_end" in _fields(response)
    body = {
        "kind": "tree_planting",
        "unit_id": world.post_xa_mat.pk,
        "title": "Trồng cây",
        "start_date": 1756684800,
    }
    response = api.post("/activities/", body)
    assert response.status_code == 422, response.content
    assert "start_date" in _fields(response)
    assert not Activity.objects.exists()
    assert api.get("/figures/", period_end="2025-12-31").status_code == 200
