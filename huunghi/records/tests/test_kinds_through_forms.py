"""Every kind of activity goes through the whole chain in the web forms: a post clerk
creates, edits and submits it, the provincial approver returns it with a reason, the
clerk submits again and the approver approves it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from huunghi.audit.models import AuditEvent
from huunghi.records.kinds import REGISTRY
from huunghi.records.models import Activity, ActivityKind, Status
from huunghi.records.tests.helpers import DAY, activity_post, link_for, login

ALL_KINDS = [kind.value for kind in ActivityKind]


def test_every_kind_has_a_spec_and_sample():
    """The registry covers every kind (a new kind needs a spec and a test sample)."""
    from huunghi.records.tests.helpers import KIND_VALUES

    assert set(REGISTRY) == set(ALL_KINDS)
    assert set(KIND_VALUES) == set(ALL_KINDS)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_kind_create_edit_submit_return_approve(kind, world, people):
    """The full approval chain works for ``kind`` through the forms."""
    clerk = login(Client(), people.post_clerk)
    approver = login(Client(), people.province_approver)
    link = link_for(kind, world, people.post_clerk)

    form_page = clerk.get(reverse("records:create", args=[kind]))
    assert form_page.status_code == 200
    response = clerk.post(
        reverse("records:create", args=[kind]), activity_post(kind, world, link=link)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get(kind=kind)
    assert activity.status == Status.DRAFT
    assert activity.unit == world.post_xa_mat
    assert activity.country == world.vn
    assert activity.created_by == people.post_clerk

    edit = reverse("records:edit", args=[activity.pk])
    assert clerk.get(edit).status_code == 200
    response = clerk.post(edit, activity_post(kind, world, link=link, title=f"Edited {kind}"))
    assert response.status_code == 302, response.content.decode()[:3000]
    activity.refresh_from_db()
    assert activity.title == f"Edited {kind}"

    _act(clerk, activity, "submit")
    assert _status(activity) == Status.SUBMITTED
    _act(approver, activity, "return", reason="Add the number of participants.")
    activity.refresh_from_db()
    assert activity.status == Status.RETURNED
    assert activity.return_reason == "Add the number of participants."
    _act(clerk, activity, "submit")
    _act(approver, activity, "approve")
    activity.refresh_from_db()
    assert activity.status == Status.APPROVED
    assert activity.approved_by == people.province_approver

    actions = list(
        AuditEvent.objects.filter(target_type="records.activity", target_id=str(activity.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "activity.create",
        "activity.update",
        "activity.submit",
        "activity.return",
        "activity.submit",
        "activity.approve",
    ]
    detail = clerk.get(reverse("records:detail", args=[activity.pk]))
    assert detail.status_code == 200
    assert f"Edited {kind}".encode() in detail.content


def _act(client: Client, activity: Activity, action: str, **data: str) -> None:
    response = client.post(reverse("records:action", args=[activity.pk, action]), data)
    assert response.status_code == 302


def _status(activity: Activity) -> str:
    activity.refresh_from_db()
    return activity.status


def test_kind_details_are_stored_as_cleaned_values(world, people):
    """Lists, markers and dates are stored in their cleaned form."""
    clerk = login(Client(), people.post_clerk)
    clerk.post(
        reverse("records:create", args=["joint_patrol"]), activity_post("joint_patrol", world)
    )
    patrol = Activity.objects.get(kind="joint_patrol")
    assert patrol.details["markers"] == ["229/12", "230"]
    assert patrol.details["vn_units"] == ["Xa Mát border post"]
    assert patrol.quantities.get(measure="markers").value == 2
    clerk.post(
        reverse("records:create", args=["delegation_out"]), activity_post("delegation_out", world)
    )
    delegation = Activity.objects.get(kind="delegation_out")
    assert delegation.details["members"] == ["Col. A", "Maj. B"]
    assert delegation.details["approval_doc_date"] == "2025-10-01"
    assert delegation.details["direction"] == "outgoing"
    assert delegation.start_date == DAY
