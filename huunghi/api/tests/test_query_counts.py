"""Every list page and API list costs a fixed number of queries, however many rows it
shows (no N+1): the count is measured with a few records, then again after more records
of other units, places, kinds and counterparts were added, and must not grow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from huunghi.accounts.models import Role
from huunghi.api.tests.helpers import ApiClient
from huunghi.core.testing import World
from huunghi.records import services
from huunghi.records.models import ActivityKind, Measure

PAGES = [
    "/records/",
    "/records/?kind=aid&status=draft",
    "/records/?country=VN&q=Record",
    "/records/twinning/",
    "/records/facilities/",
    "/records/agreements/",
    "/figures/",
    "/units/",
    "/pupils/",
    "/remains/leads/",
    "/remains/sites/",
    "/remains/excavations/",
    "/remains/sets/",
    "/remains/handovers/",
    "/remains/reburials/",
    "/data/",
    "/news/",
    "/reports/",
    "/reports/data/",
]
API_LISTS = [
    "/activities/",
    "/activities/?kind=aid",
    "/approvals/",
    "/figures/",
    "/units/",
    "/places/?q=Tay",
    "/markers/",
    "/pupils/",
    "/remains/leads",
    "/remains/sets",
    "/remains/seasons",
    "/remains/excavations",
]
MAX_PAGE_QUERIES = 20
MAX_API_QUERIES = 12


def _add_records(world: World, user: Any, count: int, *, start: int, approver: Any = None) -> None:
    """``count`` submitted aid records spread over two posts and two provinces, each with
    a quantity and a shared counterpart; approved by ``approver`` when given."""
    units = [world.post_xa_mat, world.post_hoa_lu]
    places = [world.tay_ninh, world.dong_nai]
    for number in range(start, start + count):
        activity = services.activity_create(
            acting_user=user,
            kind=ActivityKind.AID,
            unit=units[number % 2],
            title=f"Record {number}",
            start_date=dt.date(2025, 8, 1) + dt.timedelta(days=number),
            place=places[number % 2],
            details={
                "goods_or_money": "goods",
                "funding_source": "self_mobilised",
                "recipient_type": "unit",
                "recipient": "Bavet post",
            },
            quantities=[services.QuantityIn(Measure.VALUE_VND, Decimal(1000 + number))],
            counterparts=[
                services.CounterpartIn(unit=world.kh_svay_rieng, role="counterpart", shared=True)
            ],
        )
        services.activity_submit(activity=activity, acting_user=user)
        if approver is not None:
            services.activity_approve(activity=activity, acting_user=approver)


def _count(fetch: Any) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = fetch()
    return response.status_code, len(queries)


@pytest.fixture
def national(world: World) -> Any:
    return world.user(Role.APPROVER, world.national, username="national_reader")


@pytest.fixture
def clerk(world: World) -> Any:
    return world.user(Role.CLERK, world.national, username="national_clerk")


@pytest.mark.django_db
def test_list_pages_do_not_grow_with_rows(world: World, national: Any, clerk: Any) -> None:
    """Pages: same query count with 2 and with 8 records, and at most 20 queries."""
    client = Client()
    client.force_login(national)
    _add_records(world, clerk, 2, start=0)
    client.get("/records/")  # the first request fills the scope cache
    before = {path: _count(lambda p=path: client.get(p)) for path in PAGES}
    _add_records(world, clerk, 6, start=2)
    after = {path: _count(lambda p=path: client.get(p)) for path in PAGES}
    grown = [path for path in PAGES if after[path] != before[path]]
    assert all(before[path][0] == 200 for path in PAGES), before
    assert grown == [], {path: (before[path], after[path]) for path in grown}
    assert max(count for _status, count in after.values()) <= MAX_PAGE_QUERIES, after


@pytest.mark.django_db
def test_audit_page_does_not_grow_with_rows(world: World, clerk: Any) -> None:
    """The audit page (a system administrator's): same query count with the events of 2
    and of 8 records, at most 20 queries."""
    client = Client()
    client.force_login(world.user(Role.SYSTEM_ADMIN, world.national, username="auditor"))
    _add_records(world, clerk, 2, start=0)
    client.get("/audit/")  # the first request fills the scope cache
    before = _count(lambda: client.get("/audit/"))
    _add_records(world, clerk, 6, start=2)
    after = _count(lambda: client.get("/audit/"))
    assert before[0] == 200
    assert after == before
    assert after[1] <= MAX_PAGE_QUERIES


@pytest.mark.django_db
def test_approvals_page_does_not_grow_with_rows(world: World, national: Any, clerk: Any) -> None:
    """The approvals inbox: same query count with 2 and with 8 waiting records."""
    client = Client()
    client.force_login(national)
    _add_records(world, clerk, 2, start=0)
    client.get("/records/approvals/")  # the first request fills the scope cache
    before = _count(lambda: client.get("/records/approvals/"))
    _add_records(world, clerk, 6, start=2)
    assert _count(lambda: client.get("/records/approvals/")) == before


@pytest.mark.django_db
def test_api_lists_do_not_grow_with_rows(world: World, national: Any, clerk: Any) -> None:
    """API lists (token auth): same query count with 2 and with 8 records, at most 12."""
    api = ApiClient.for_user(national)
    _add_records(world, clerk, 2, start=0)
    api.get("/activities/")  # the first call records the token's use
    before = {
        path: _count(lambda p=path: api.client.get("/api/v1" + p, headers=api.headers))
        for path in API_LISTS
    }
    _add_records(world, clerk, 6, start=2)
    after = {
        path: _count(lambda p=path: api.client.get("/api/v1" + p, headers=api.headers))
        for path in API_LISTS
    }
    grown = [path for path in API_LISTS if after[path] != before[path]]
    assert all(before[path][0] == 200 for path in API_LISTS), before
    assert grown == [], {path: (before[path], after[path]) for path in grown}
    assert max(count for _status, count in after.values()) <= MAX_API_QUERIES, after


@pytest.mark.django_db
def test_records_list_shows_rows_of_the_scope_only(world: World, clerk: Any) -> None:
    """A narrow scope (one province) uses the unit-id plan and still sees exactly its
    own records plus those shared with it (approved), newest first."""
    approver = world.user(Role.APPROVER, world.national, username="national_approver")
    _add_records(world, clerk, 6, start=0, approver=approver)
    province = world.user(Role.VIEWER, world.bdbp_tay_ninh, username="tn_reader")
    client = Client()
    client.force_login(province)
    page = client.get("/records/").context["page"]
    titles = [a.title for a in page.items]
    assert titles == ["Record 4", "Record 2", "Record 0"]
    kh = world.user(Role.VIEWER, world.kh_svay_rieng, username="kh_reader")
    client.force_login(kh)
    assert len(client.get("/records/").context["page"].items) == 6
