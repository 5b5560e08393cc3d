"""``GET /api/v1/activities/``: rows read as plain values answer exactly what the record's
own endpoint answers for the same fields, in every language, and a page costs the same
queries however many records the caller's units hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from huunghi.api.root import api as ninja_api
from huunghi.api.tests.conftest import People
from huunghi.api.tests.helpers import ApiClient
from huunghi.core.testing import World
from huunghi.records import services
from huunghi.records.api import ActivityOut, ActivityPage
from huunghi.records.models import Activity, ActivityKind

LIST_FIELDS = sorted(ActivityOut.model_fields)


def _record(world: World, user: Any, number: int, **fields: Any) -> Activity:
    values: dict[str, Any] = {
        "unit": world.post_xa_mat,
        "title": f"Tree planting {number}",
        "start_date": dt.date(2025, 8, 1) + dt.timedelta(days=number % 5),
        "place": world.tay_ninh,
        **fields,
    }
    return services.activity_create(
        acting_user=user, kind=ActivityKind.TREE_PLANTING, details={}, **values
    )


@pytest.fixture
def listed(world: World, people: People) -> list[Activity]:
    """Records with a place, with a place outside today's province map, and with none."""
    made = [_record(world, people.clerk_xa_mat, number) for number in range(3)]
    legacy = {"place": world.long_an_legacy, "start_date": dt.date(2025, 3, 1)}
    made.append(_record(world, people.clerk_xa_mat, 3, **legacy))
    made.append(_record(world, people.clerk_xa_mat, 4, place=None, place_text="Border gate"))
    return made


@pytest.mark.parametrize("language", ["vi", "km", "en"])
def test_list_items_equal_the_records_own_answer(
    people: People, listed: list[Activity], language: str
) -> None:
    """Every field of a list item equals the same field of ``GET /activities/{id}``
    (names in the chosen language, places and their province, dates, country codes)."""
    api = people.api(people.viewer_tay_ninh)
    api.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    items = api.get("/activities/").json()["items"]
    assert sorted(item["id"] for item in items) == sorted(a.pk for a in listed)
    for item in items:
        detail = api.get(f"/activities/{item['id']}").json()
        assert sorted(item) == LIST_FIELDS
        assert item == {name: detail[name] for name in LIST_FIELDS}
    without_place = next(item for item in items if item["id"] == listed[-1].pk)
    assert without_place["place"] is None and without_place["province_now"] is None


@pytest.mark.parametrize("language", ["vi", "km"])
def test_list_answer_is_the_schemas_own_rendering(
    people: People, listed: list[Activity], language: str
) -> None:
    """The list renders its rows without validating them again: its bytes equal what the
    ActivityPage schema renders from the same answer (fields, their order, date and time
    formats, nulls), with the API's content type."""
    api = people.api(people.viewer_tay_ninh)
    api.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for size in (2, 50):  # a page with cursors, and one with a record without a place
        response = api.get("/activities/", size=size)
        page = ActivityPage.model_validate(response.json())
        rendered = ninja_api.create_response(None, page.model_dump(), status=200)  # type: ignore[arg-type]
        assert response.content == rendered.content
        assert response["Content-Type"] == rendered["Content-Type"]
    assert any(item.place is None for item in page.items) and page.next_cursor == ""


def test_list_items_follow_the_page_order_and_cursors(people: People, listed: list[Activity]):
    """Pages of two, newest first with ties by id, cover every record once."""
    api = people.api(people.clerk_xa_mat)
    expected = [a.pk for a in sorted(listed, key=lambda a: (a.start_date, a.pk), reverse=True)]
    seen, after = [], ""
    while True:
        page = api.get("/activities/", size=2, after=after).json()
        seen += [item["id"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        after = page["next_cursor"]
    assert seen == expected


@pytest.mark.parametrize("who", ["clerk_xa_mat", "viewer_tay_ninh", "national_approver"])
def test_list_queries_do_not_grow_with_the_units_records(
    world: World, people: People, who: str
) -> None:
    """Same number of queries with 1 record and with 40 (narrow and wide scopes), and
    none of them counts."""
    user = getattr(people, who)
    api = ApiClient.for_user(user)
    _record(world, people.clerk_xa_mat, 0)
    api.get("/activities/")  # fills the scope cache

    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/activities/").status_code == 200
        return len(queries), " ".join(q["sql"].upper() for q in queries.captured_queries)

    before, _sql = count()
    for number in range(1, 40):
        _record(world, people.clerk_xa_mat, number)
    after, sql = count()
    assert after == before
    assert "COUNT(" not in sql
