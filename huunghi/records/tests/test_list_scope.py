"""The records list, its API and its export read exactly what the policy lets the reader
see, whichever way the scope is given to the database: a short list of unit ids (narrow
scopes, each part read through its own index) or a subquery (wide scopes)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.api.tests.helpers import ApiClient
from huunghi.core.testing import org_unit, user_with_role
from huunghi.records import selectors, services
from huunghi.records.models import Activity, Status
from huunghi.records.permissions import ActivityPolicy
from huunghi.records.tests.helpers import login, make_activity

READERS = (
    "post_clerk",
    "post_viewer",
    "province_clerk",
    "national_approver",
    "other_province_clerk",
    "kh_post_viewer",
    "kh_province_clerk",
)


@pytest.fixture
def records(world, people) -> dict[str, Activity]:
    """Records of two posts, each status shared with the Bavet post, one not shared."""
    made = {}
    for number, status in enumerate((Status.DRAFT, Status.SUBMITTED, Status.APPROVED)):
        activity = make_activity(
            world,
            people.post_clerk,
            title=f"Shared {status}",
            start_date=dt.date(2025, 8, 1) + dt.timedelta(days=number),
            counterparts=[services.CounterpartIn(unit=world.kh_post_bavet, shared=True)],
        )
        Activity.objects.filter(pk=activity.pk).update(status=status)
        made[f"shared_{status}"] = activity
    made["private"] = make_activity(
        world,
        people.post_clerk,
        title="Private",
        counterparts=[services.CounterpartIn(unit=world.kh_post_bavet, shared=False)],
    )
    made["dong_nai"] = make_activity(
        world, people.other_province_clerk, title="Dong Nai", unit=world.post_hoa_lu
    )
    return made


def _policy(user) -> list[int]:
    return list(
        ActivityPolicy.visible(user).order_by("-start_date", "-id").values_list("pk", flat=True)
    )


def _paged(user, size: int) -> list[int]:
    """Every id of the keyset-paged list, following the next cursor."""
    seen, after = [], ""
    while True:
        page = selectors.activity_page(user=user, after=after, size=size)
        seen += [item.pk for item in page.items]
        if not page.next_cursor:
            return seen
        after = page.next_cursor


@pytest.mark.parametrize("form", ["unit-ids", "subquery", "policy"])
@pytest.mark.parametrize("who", READERS)
def test_list_reads_what_the_policy_allows(world, people, records, monkeypatch, who, form):
    """Selector, paged selector (pages of 1 and of 50), page and API list agree with the
    policy, whichever form the scope takes: drafts, submitted and returned records shared
    with a counterpart stay hidden from it; approved shared records are shown to it;
    other provinces' never."""
    if form != "unit-ids":
        monkeypatch.setattr(selectors, "NARROW_SCOPE_UNITS", 0)
        monkeypatch.setattr(selectors, "wide_scope_as_subquery", lambda alias: form == "subquery")
    user = getattr(people, who)
    expected = _policy(user)
    assert list(selectors.activity_list(user=user).values_list("pk", flat=True)) == expected
    assert _paged(user, 1) == expected
    assert _paged(user, 50) == expected
    page = login(Client(), user).get(reverse("records:list")).content.decode()
    shown = {key for key, a in records.items() if f'href="/records/{a.pk}/"' in page}
    assert shown == {key for key, a in records.items() if a.pk in expected}
    api = ApiClient.for_user(user).get("/activities/").json()
    assert [item["id"] for item in api["items"]] == expected


def test_counterpart_list_shows_only_approved_shared_records(people, records):
    """The Bavet post's list (a narrow scope) holds the approved shared record alone."""
    user = people.kh_post_viewer
    assert _paged(user, 50) == [records[f"shared_{Status.APPROVED}"].pk]
    api = ApiClient.for_user(user).get("/activities/").json()
    assert [item["title"] for item in api["items"]] == [f"Shared {Status.APPROVED}"]


def test_backward_pages_of_a_narrow_scope_merge_both_parts(world, people, records):
    """Paging back from the last record of a reader who sees own and shared records gives
    the records before it, newest first, each once."""
    shared = make_activity(
        world,
        people.kh_province_clerk,
        kind="other",
        title="Svay Rieng own",
        unit=world.kh_svay_rieng,
        start_date=dt.date(2025, 8, 2),
    )
    user = people.kh_province_clerk
    everything = _policy(user)
    assert shared.pk in everything and records[f"shared_{Status.APPROVED}"].pk in everything
    first = selectors.activity_page(user=user, size=len(everything) - 1)
    last = selectors.activity_page(user=user, after=first.next_cursor, size=len(everything))
    assert [a.pk for a in last.items] == everything[-1:]
    back = selectors.activity_page(user=user, before=last.previous_cursor, size=len(everything))
    assert [a.pk for a in back.items] == everything[:-1]
    assert back.next_cursor and not back.previous_cursor


@pytest.mark.django_db(transaction=True)
def test_a_unit_added_to_a_narrow_scope_is_listed_at_once(world, people):
    """A narrow scope's unit ids are kept per process (outside transactions) until the
    unit tree changes: a record of a post added under the reader's command shows on the
    next page, and the kept ids are used while nothing changes."""
    user = people.province_clerk
    make_activity(world, people.post_clerk, title="Xa Mat record")
    assert [a.title for a in selectors.activity_page(user=user).items] == ["Xa Mat record"]
    assert selectors._SCOPE_UNITS, "kept outside a transaction"
    post = org_unit("New post", parent=world.bdbp_tay_ninh)
    clerk = user_with_role(Role.CLERK, post, username="new_post_clerk")
    make_activity(world, clerk, title="New post record", unit=post)
    titles = {a.title for a in selectors.activity_page(user=user).items}
    assert titles == {"Xa Mat record", "New post record"}


@pytest.mark.django_db(transaction=True)
def test_kept_unit_names_follow_a_rename_at_once(world, people):
    """The names of the units and places a page lists are kept per process (outside
    transactions); renaming a unit shows its new name on the next records page and API
    list, and a page read inside a transaction keeps nothing."""
    user = people.province_clerk
    make_activity(world, people.post_clerk, title="Xa Mat record")
    selectors._REFS.clear()
    client = login(Client(), user)
    assert "Xa Mat record" in client.get(reverse("records:list")).content.decode()
    assert selectors._REFS, "kept outside a transaction"
    unit = world.post_xa_mat
    unit.name_vi = unit.name_km = unit.name_en = "Renamed post"
    unit.save()
    assert "Renamed post" in client.get(reverse("records:list")).content.decode()
    items = ApiClient.for_user(user).get("/activities/").json()["items"]
    assert {item["unit"]["name"] for item in items} == {"Renamed post"}
    selectors._REFS.clear()
    with transaction.atomic():
        selectors.activity_page(user=user, as_rows=True)
    assert not selectors._REFS
