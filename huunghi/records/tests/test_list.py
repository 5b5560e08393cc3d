"""The activity list: filters, keyset paging in both directions, no COUNT(*), no N+1."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from huunghi.core.testing import user_with_role
from huunghi.records import selectors
from huunghi.records.models import Activity, Status
from huunghi.records.selectors import ActivityFilters
from huunghi.records.tests.helpers import login, make_activity


def _bulk(world, count: int, *, day: dt.date = dt.date(2025, 9, 1)) -> None:
    """Many rows at once (the list only reads them)."""
    Activity.objects.bulk_create(
        Activity(
            kind="other",
            title=f"Bulk {i:03d}",
            start_date=day - dt.timedelta(days=i % 7),
            unit=world.post_xa_mat,
            country=world.vn,
            place=world.tay_ninh,
            province_then=world.tay_ninh,
            province_now=world.tay_ninh,
        )
        for i in range(count)
    )


def test_keyset_pages_cover_everything_once_in_both_directions(world, people):
    """Ties on the date are ordered by id; forward then backward paging is consistent."""
    _bulk(world, 7)
    user = people.post_clerk
    seen, after, pages = [], "", []
    while True:
        page = selectors.activity_page(user=user, after=after, size=3)
        pages.append(page)
        seen += [a.pk for a in page.items]
        if not page.next_cursor:
            break
        after = page.next_cursor
    expected = list(selectors.activity_list(user=user).values_list("pk", flat=True))
    assert seen == expected
    assert [len(p.items) for p in pages] == [3, 3, 1]
    assert pages[0].previous_cursor == ""
    back = selectors.activity_page(user=user, before=pages[2].previous_cursor, size=3)
    assert [a.pk for a in back.items] == [a.pk for a in pages[1].items]
    assert back.next_cursor and back.previous_cursor


def test_list_pages_without_counting_and_without_n_plus_one(world, people):
    _bulk(world, 55)
    client = login(Client(), people.post_clerk)
    with CaptureQueriesContext(connection) as ctx:
        first = client.get(reverse("records:list"))
    sql = " ".join(q["sql"].upper() for q in ctx.captured_queries)
    assert "COUNT(" not in sql
    assert len(ctx.captured_queries) <= 10
    page = first.content.decode()
    assert page.count('href="/records/') >= 50
    assert "Older" in page and "Newer" not in page
    next_url = first.context["page"].next_cursor
    second = client.get(reverse("records:list"), {"after": next_url})
    assert len(second.context["page"].items) == 5
    assert "Newer" in second.content.decode()


def test_htmx_filter_returns_only_the_results(world, people):
    make_activity(world, people.post_clerk, title="Cows for households")
    client = login(Client(), people.post_clerk)
    response = client.get(reverse("records:list"), {"q": "cows"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "Cows for households" in body


def test_filters(world, people):
    """Kind, status, text, dates, unit subtree, country and province (then or now)."""
    dn_clerk = user_with_role("clerk", world.post_hoa_lu)
    tn = make_activity(world, people.post_clerk, title="Tây Ninh aid")
    dn_2022 = make_activity(
        world,
        dn_clerk,
        unit=world.post_hoa_lu,
        place=world.loc_ninh_legacy,
        start_date=dt.date(2022, 5, 15),
        title="Lộc Ninh aid 2022",
    )
    patrol = make_activity(
        world,
        people.post_clerk,
        kind="joint_patrol",
        title="Patrol",
        details={"markers": "229", "findings": "ok"},
    )
    user = people.national_approver

    def titles(**kwargs) -> set[str]:
        return {
            a.title for a in selectors.activity_list(user=user, filters=ActivityFilters(**kwargs))
        }

    assert titles() == {tn.title, dn_2022.title, patrol.title}
    assert titles(kind="joint_patrol") == {"Patrol"}
    assert titles(unit=world.bdbp_tay_ninh) == {tn.title, patrol.title}
    assert titles(province=world.dong_nai) == {dn_2022.title}
    assert titles(province=world.binh_phuoc_legacy) == {dn_2022.title}
    assert titles(date_to=dt.date(2023, 1, 1)) == {dn_2022.title}
    assert titles(date_from=dt.date(2023, 1, 1), text="aid") == {tn.title}
    assert titles(country="KH") == set()
    assert titles(status=Status.DRAFT) == {tn.title, dn_2022.title, patrol.title}
    assert titles(status=Status.APPROVED) == set()


def test_filter_form_through_the_page(world, people):
    make_activity(world, people.post_clerk, title="Cows for households")
    make_activity(world, people.post_clerk, kind="tree_planting", title="Trees", details={})
    client = login(Client(), people.post_clerk)
    page = client.get(reverse("records:list"), {"kind": "tree_planting", "date_from": "bad"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Trees" in body and "Cows for households" not in body


def test_festival_page_lists_its_parts(world, people):
    festival = make_activity(
        world,
        people.province_clerk,
        kind="festival",
        unit=world.bdbp_tay_ninh,
        details={},
        title="Second border defence friendship exchange",
        start_date=dt.date(2025, 10, 18),
        end_date=dt.date(2025, 10, 21),
    )
    make_activity(
        world,
        people.post_clerk,
        kind="tree_planting",
        details={},
        parent=festival,
        title="Friendship trees at Xa Mát",
    )
    client = login(Client(), people.province_clerk)
    page = client.get(reverse("records:detail", args=[festival.pk])).content.decode()
    assert "Friendship trees at Xa Mát" in page
    assert f"?parent={festival.pk}" in page
    form = login(Client(), people.post_clerk).get(
        reverse("records:create", args=["tree_planting"]), {"parent": festival.pk}
    )
    assert form.context["form"].initial["parent"] == festival
