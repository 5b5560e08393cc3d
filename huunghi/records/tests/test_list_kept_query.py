"""The records page keeps its built row query per scope (never its rows): a record saved
after a page was read shows on the next read, and readers of different scopes never
read each other's query, whichever form a wide scope takes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from huunghi.accounts.models import Membership, Role
from huunghi.accounts.scope import forget_scope
from huunghi.records import selectors
from huunghi.records.permissions import ActivityPolicy
from huunghi.records.selectors import ActivityFilters
from huunghi.records.tests.helpers import login, make_activity


def _page_ids(user, **kwargs) -> list[int]:
    page = selectors.activity_page(user=user, as_rows=True, **kwargs)
    return [row.pk for row in page.items]


def _policy(user) -> list[int]:
    visible = ActivityPolicy.visible(user).order_by("-start_date", "-id")
    return list(visible.values_list("pk", flat=True)[:50])


@pytest.mark.parametrize("subquery", [True, False])
def test_a_record_saved_after_a_read_shows_at_once(world, people, monkeypatch, subquery) -> None:
    """A wide scope's second read uses the kept query and still sees a record saved in
    between, also through a filter and the page itself."""
    monkeypatch.setattr(selectors, "NARROW_SCOPE_UNITS", 0)
    monkeypatch.setattr(selectors, "wide_scope_as_subquery", lambda alias: subquery)
    selectors._ROW_QUERIES.clear()
    reader = people.national_approver
    first = make_activity(world, people.post_clerk, title="First", start_date=dt.date(2025, 8, 1))
    assert _page_ids(reader) == [first.pk]
    assert selectors._ROW_QUERIES, "the wide scope's row query is kept"
    second = make_activity(world, people.post_clerk, title="Second", start_date=dt.date(2025, 9, 1))
    assert _page_ids(reader) == [second.pk, first.pk]
    kind = ActivityFilters(kind="aid")
    assert _page_ids(reader, filters=kind) == [second.pk, first.pk]
    third = make_activity(world, people.post_clerk, title="Third", start_date=dt.date(2025, 9, 2))
    assert _page_ids(reader, filters=kind) == [third.pk, second.pk, first.pk]
    page = login(Client(), reader).get(reverse("records:list")).content.decode()
    assert f'href="/records/{third.pk}/"' in page


@pytest.mark.parametrize("subquery", [True, False])
def test_kept_queries_are_per_scope(world, people, monkeypatch, subquery) -> None:
    """Every scope wide: each reader, read twice and in turns, sees what the policy lets
    them see; a membership added later widens the reader's list at once."""
    monkeypatch.setattr(selectors, "NARROW_SCOPE_UNITS", 0)
    monkeypatch.setattr(selectors, "wide_scope_as_subquery", lambda alias: subquery)
    selectors._ROW_QUERIES.clear()
    make_activity(world, people.post_clerk, title="Tay Ninh")
    dong_nai = make_activity(
        world, people.other_province_clerk, title="Dong Nai", unit=world.post_hoa_lu
    )
    readers = (people.province_clerk, people.other_province_clerk, people.national_approver)
    for _ in range(2):
        for reader in readers:
            assert _page_ids(reader) == _policy(reader)
    assert dong_nai.pk not in _page_ids(people.province_clerk)
    clerk = people.province_clerk
    Membership.objects.create(user=clerk, unit=world.bdbp_dong_nai, role=Role.VIEWER)
    forget_scope(clerk)
    assert dong_nai.pk in _page_ids(clerk)
