"""Pages of the approval chain per role: the status and buttons on registry detail pages,
the action endpoint, the approvals page (scoped, paginated, bulk approve) and the
returned list on a clerk's home page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from huunghi.audit.models import AuditEvent
from huunghi.core import inbox
from huunghi.records import services
from huunghi.records.models import Status
from huunghi.records.services.workflow import record_approve, record_return, record_submit
from huunghi.records.tests.helpers import link_for, login, make_activity


def _pair(world, user):
    return link_for("twinning_review", world, user)


def _submitted(world, user):
    return record_submit(record=_pair(world, user), acting_user=user)


def _elsewhere(world, people):
    """A submitted agreement of the Hoa Lư post, in the other province."""
    agreement = services.agreement_create(
        acting_user=people.other_province_clerk,
        title="Other province agreement",
        unit=world.post_hoa_lu,
        parties=[world.post_hoa_lu, world.kh_post_bavet],
        signed_on=dt.date(2025, 1, 1),
    )
    return record_submit(record=agreement, acting_user=people.other_province_clerk)


def _action(pair, action: str) -> str:
    return reverse("records:record_action", args=["twinning", pair.pk, action])


def _page(client: Client, pair) -> str:
    response = client.get(reverse("records:twinning_detail", args=[pair.pk]))
    assert response.status_code == 200
    return response.content.decode()


# --- detail page --------------------------------------------------------------------------


def test_clerk_sees_status_and_submit_only(world, people):
    pair = _pair(world, people.post_clerk)
    page = _page(login(Client(), people.post_clerk), pair)
    assert 'data-status="draft"' in page
    assert _action(pair, "submit") in page
    assert _action(pair, "approve") not in page


def test_viewer_sees_status_and_no_button(world, people):
    pair = _submitted(world, people.post_clerk)
    page = _page(login(Client(), people.post_viewer), pair)
    assert 'data-status="submitted"' in page
    for action in ("submit", "approve", "return", "reopen"):
        assert _action(pair, action) not in page


def test_province_approver_sees_approve_and_return(world, people):
    pair = _submitted(world, people.post_clerk)
    page = _page(login(Client(), people.province_approver), pair)
    assert _action(pair, "approve") in page
    assert _action(pair, "return") in page


def test_creator_approver_sees_a_disabled_button_with_the_reason(world, people):
    pair = _submitted(world, people.province_approver)
    page = _page(login(Client(), people.province_approver), pair)
    assert _action(pair, "approve") not in page
    assert "disabled" in page and "four-eyes rule" in page
    assert _action(pair, "return") in page


def test_returned_entry_shows_the_reason(world, people):
    pair = _submitted(world, people.post_clerk)
    record_return(record=pair, acting_user=people.province_approver, reason="Wrong post")
    page = _page(login(Client(), people.post_clerk), pair)
    assert "Wrong post" in page and _action(pair, "submit") in page


# --- the action endpoint ------------------------------------------------------------------


def test_clerk_submits_through_the_page(world, people):
    pair = _pair(world, people.post_clerk)
    client = login(Client(), people.post_clerk)
    response = client.post(_action(pair, "submit"))
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.record_status == Status.SUBMITTED


@pytest.mark.parametrize("who", ["post_viewer", "post_clerk", "other_province_clerk"])
def test_approve_by_a_non_approver_or_outsider_is_a_404(world, people, who):
    pair = _submitted(world, people.post_clerk)
    response = login(Client(), getattr(people, who)).post(_action(pair, "approve"))
    assert response.status_code == 404
    pair.refresh_from_db()
    assert pair.record_status == Status.SUBMITTED


def test_unknown_kind_and_missing_record_are_404(world, people):
    client = login(Client(), people.province_approver)
    unknown = client.post(reverse("records:record_action", args=["nope", 1, "approve"]))
    assert unknown.status_code == 404
    assert (
        client.post(reverse("records:record_action", args=["twinning", 999999, "approve"]))
    ).status_code == 404


def test_self_approval_through_the_page_is_refused_with_a_message(world, people):
    """Even a forged POST: the service refuses and the page says why."""
    pair = _submitted(world, people.province_approver)
    client = login(Client(), people.province_approver)
    response = client.post(_action(pair, "approve"), follow=True)
    assert "someone else must approve" in response.content.decode()
    pair.refresh_from_db()
    assert pair.record_status == Status.SUBMITTED


# --- the approvals page -------------------------------------------------------------------


def test_approvals_page_lists_every_kind_in_the_subtree(world, people):
    pair = _submitted(world, people.post_clerk)
    facility = record_submit(
        record=link_for("facility_inauguration", world, people.post_clerk),
        acting_user=people.post_clerk,
    )
    activity = make_activity(world, people.post_clerk)
    services.activity_submit(activity=activity, acting_user=people.post_clerk)
    elsewhere = _elsewhere(world, people)
    page = login(Client(), people.province_approver).get(reverse("records:approvals"))
    text = page.content.decode()
    for key in (f"twinning:{pair.pk}", f"facility:{facility.pk}", f"activity:{activity.pk}"):
        assert f'value="{key}"' in text
    assert f"agreement:{elsewhere.pk}" not in text


def test_approvals_page_is_404_for_a_clerk(world, people):
    assert login(Client(), people.post_clerk).get(reverse("records:approvals")).status_code == 404


def test_approvals_page_is_paginated(world, people, monkeypatch):
    monkeypatch.setattr(inbox, "PAGE_SIZE", 2)
    pairs = [_submitted(world, people.post_clerk) for _ in range(3)]
    client = login(Client(), people.province_approver)
    first = client.get(reverse("records:approvals")).content.decode()
    second = client.get(reverse("records:approvals"), {"page": 2}).content.decode()
    assert [f"twinning:{p.pk}" in first for p in pairs] == [True, True, False]
    assert f"twinning:{pairs[2].pk}" in second


def test_bulk_approve_approves_the_rest_and_names_the_refused(world, people):
    """Two pairs of the post and one the approver created: two approved, each audited;
    the approver's own is named with the reason and stays submitted."""
    theirs = [_submitted(world, people.post_clerk) for _ in range(2)]
    mine = _submitted(world, people.province_approver)
    client = login(Client(), people.province_approver)
    items = [f"twinning:{p.pk}" for p in [*theirs, mine]]
    response = client.post(reverse("records:approvals_bulk"), {"items": items}, follow=True)
    text = response.content.decode()
    assert "2 records were approved." in text
    assert str(mine) in text and "four-eyes rule" in text
    for pair in theirs:
        pair.refresh_from_db()
        assert pair.record_status == Status.APPROVED
    mine.refresh_from_db()
    assert mine.record_status == Status.SUBMITTED
    approvals = AuditEvent.objects.filter(action="twinningpair.approve")
    assert sorted(approvals.values_list("target_id", flat=True)) == sorted(
        str(p.pk) for p in theirs
    )


def test_bulk_approve_ignores_records_outside_the_subtree(world, people):
    elsewhere = _elsewhere(world, people)
    client = login(Client(), people.province_approver)
    response = client.post(
        reverse("records:approvals_bulk"), {"items": [f"agreement:{elsewhere.pk}"]}, follow=True
    )
    assert "no longer waiting for your approval" in response.content.decode()
    elsewhere.refresh_from_db()
    assert elsewhere.record_status == Status.SUBMITTED


# --- the home page ------------------------------------------------------------------------


def test_clerk_home_lists_returned_records_with_reason_and_link(world, people):
    pair = _submitted(world, people.post_clerk)
    record_return(record=pair, acting_user=people.province_approver, reason="Name the post")
    page = login(Client(), people.post_clerk).get(reverse("core:home")).content.decode()
    assert "Returned to you for correction" in page
    assert "Name the post" in page
    assert reverse("records:twinning_detail", args=[pair.pk]) in page


def test_home_of_another_unit_does_not_list_them(world, people):
    pair = _submitted(world, people.post_clerk)
    record_return(record=pair, acting_user=people.province_approver, reason="Name the post")
    page = login(Client(), people.other_province_clerk).get(reverse("core:home")).content.decode()
    assert "Name the post" not in page


def test_home_forgets_a_record_once_approved(world, people):
    pair = _submitted(world, people.post_clerk)
    record_return(record=pair, acting_user=people.province_approver, reason="Name the post")
    record_submit(record=pair, acting_user=people.post_clerk)
    record_approve(record=pair, acting_user=people.province_approver)
    page = login(Client(), people.post_clerk).get(reverse("core:home")).content.decode()
    assert "Name the post" not in page
