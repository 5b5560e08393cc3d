"""The approval chain: reopening on edit, return reasons, history on the page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from huunghi.audit.models import AuditEvent
from huunghi.records import services
from huunghi.records.models import Status
from huunghi.records.tests.helpers import activity_post, login, make_activity


def _approved(world, people):
    activity = make_activity(world, people.post_clerk)
    services.activity_submit(activity=activity, acting_user=people.post_clerk)
    return services.activity_approve(activity=activity, acting_user=people.province_approver)


def test_editing_an_approved_record_reopens_it(world, people):
    """Saving the edit form of an approved record makes revision 2, a draft again."""
    activity = _approved(world, people)
    clerk = login(Client(), people.post_clerk)
    form = clerk.get(reverse("records:edit", args=[activity.pk])).content.decode()
    assert "revision 2" in form
    response = clerk.post(
        reverse("records:edit", args=[activity.pk]), activity_post("aid", world, title="Fixed")
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.revision, activity.title) == (Status.DRAFT, 2, "Fixed")
    assert activity.approved_by is None
    actions = list(
        AuditEvent.objects.filter(target_id=str(activity.pk), target_type="records.activity")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["activity.reopen", "activity.update"]


def test_reopened_record_needs_approval_again(world, people):
    activity = _approved(world, people)
    activity = services.activity_update(
        activity=activity, acting_user=people.post_clerk, title="v2"
    )
    services.activity_submit(activity=activity, acting_user=people.post_clerk)
    activity = services.activity_approve(activity=activity, acting_user=people.province_approver)
    assert (activity.status, activity.revision) == (Status.APPROVED, 2)


def test_return_needs_a_reason(world, people):
    """Returning without a reason is refused and the record stays submitted."""
    activity = make_activity(world, people.post_clerk)
    services.activity_submit(activity=activity, acting_user=people.post_clerk)
    approver = login(Client(), people.province_approver)
    before = AuditEvent.objects.count()
    response = approver.post(
        reverse("records:action", args=[activity.pk, "return"]), {"reason": "  "}, follow=True
    )
    assert "Give a reason for returning the record." in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Status.SUBMITTED
    assert AuditEvent.objects.count() == before


def test_returned_record_shows_reason_and_history(world, people):
    activity = make_activity(world, people.post_clerk)
    services.activity_submit(activity=activity, acting_user=people.post_clerk)
    services.activity_return(
        activity=activity, acting_user=people.province_approver, reason="Photos missing."
    )
    page = (
        login(Client(), people.post_clerk)
        .get(reverse("records:detail", args=[activity.pk]))
        .content.decode()
    )
    assert "Photos missing." in page
    for label in ("created", "submitted for approval", "returned"):
        assert label in page
    assert "prov_approver" in page


def test_services_refuse_wrong_transitions(world, people):
    """Approving a draft, or approving with a clerk's account, is refused."""
    activity = make_activity(world, people.post_clerk)
    with pytest.raises(ValidationError):
        services.activity_approve(activity=activity, acting_user=people.province_approver)
    services.activity_submit(activity=activity, acting_user=people.post_clerk)
    with pytest.raises(PermissionDenied):
        services.activity_approve(activity=activity, acting_user=people.province_clerk)
    with pytest.raises(ValidationError):
        services.activity_update(activity=activity, acting_user=people.post_clerk, title="x")


def test_explicit_reopen_button(world, people):
    activity = _approved(world, people)
    clerk = login(Client(), people.post_clerk)
    assert clerk.post(reverse("records:action", args=[activity.pk, "reopen"])).status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.revision) == (Status.DRAFT, 2)


def test_detail_shows_only_permitted_buttons(world, people):
    activity = make_activity(world, people.post_clerk)
    services.activity_submit(activity=activity, acting_user=people.post_clerk)
    url = reverse("records:detail", args=[activity.pk])
    approve = reverse("records:action", args=[activity.pk, "approve"])
    assert approve not in login(Client(), people.post_clerk).get(url).content.decode()
    assert approve in login(Client(), people.province_approver).get(url).content.decode()
