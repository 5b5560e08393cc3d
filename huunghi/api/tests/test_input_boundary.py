"""The API's input boundary: control characters refused by field, bodies validated strictly."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

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
