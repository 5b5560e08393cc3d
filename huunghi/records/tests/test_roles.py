"""Who may do what with an activity, one test per role and endpoint.

Missing and forbidden give the same 404.
"""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from huunghi.records import services
from huunghi.records.models import Activity, Status
from huunghi.records.tests.helpers import activity_post, counts, login, make_activity


def _detail(activity: Activity) -> str:
    return reverse("records:detail", args=[activity.pk])


def _edit(activity: Activity) -> str:
    return reverse("records:edit", args=[activity.pk])


def _action(activity: Activity, action: str) -> str:
    return reverse("records:action", args=[activity.pk, action])


def test_anonymous_is_sent_to_sign_in(world, people):
    """Every records page needs an account."""
    activity = make_activity(world, people.post_clerk)
    for url in (reverse("records:list"), _detail(activity), reverse("records:choose_kind")):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_viewer_reads_but_cannot_create_or_edit(world, people):
    """A viewer at the post sees the post's records but gets 404 on every write."""
    activity = make_activity(world, people.post_clerk)
    viewer = login(Client(), people.post_viewer)
    before = counts()
    assert viewer.get(_detail(activity)).status_code == 200
    assert viewer.get(reverse("records:choose_kind")).status_code == 404
    assert viewer.get(reverse("records:create", args=["aid"])).status_code == 404
    assert (
        viewer.post(
            reverse("records:create", args=["aid"]), activity_post("aid", world)
        ).status_code
        == 404
    )
    assert viewer.get(_edit(activity)).status_code == 404
    assert viewer.post(_action(activity, "submit")).status_code == 404
    assert counts() == before
    page = viewer.get(reverse("records:list")).content.decode()
    assert reverse("records:choose_kind") not in page


def test_clerk_creates_and_submits_but_cannot_approve(world, people):
    """A clerk's approve and return are refused with 404; the record stays submitted."""
    clerk = login(Client(), people.post_clerk)
    clerk.post(reverse("records:create", args=["aid"]), activity_post("aid", world))
    activity = Activity.objects.get()
    assert clerk.post(_action(activity, "submit")).status_code == 302
    assert clerk.post(_action(activity, "approve")).status_code == 404
    assert clerk.post(_action(activity, "return"), {"reason": "x"}).status_code == 404
    activity.refresh_from_db()
    assert activity.status == Status.SUBMITTED
    assert clerk.get(reverse("records:approvals")).status_code == 404


def test_submitted_record_cannot_be_edited_until_returned(world, people):
    """While waiting for approval the edit page is a 404 for the clerk."""
    activity = make_activity(world, people.post_clerk)
    services.activity_submit(activity=activity, acting_user=people.post_clerk)
    clerk = login(Client(), people.post_clerk)
    assert clerk.get(_edit(activity)).status_code == 404


def test_provincial_approver_approves_posts_but_not_own_province(world, people):
    """Approval needs a strict ancestor: the province approves the post's record, the
    national approver approves the province's own."""
    post_record = make_activity(world, people.post_clerk)
    province_record = make_activity(world, people.province_clerk, unit=world.bdbp_tay_ninh)
    for record, clerk in (
        (post_record, people.post_clerk),
        (province_record, people.province_clerk),
    ):
        services.activity_submit(activity=record, acting_user=clerk)
    approver = login(Client(), people.province_approver)
    inbox = approver.get(reverse("records:approvals")).content.decode()
    assert post_record.title in inbox and _detail(post_record) in inbox
    assert _detail(province_record) not in inbox
    assert approver.post(_action(province_record, "approve")).status_code == 404
    assert approver.post(_action(post_record, "approve")).status_code == 302
    post_record.refresh_from_db()
    province_record.refresh_from_db()
    assert post_record.status == Status.APPROVED
    assert province_record.status == Status.SUBMITTED
    national = login(Client(), people.national_approver)
    assert national.post(_action(province_record, "approve")).status_code == 302
    province_record.refresh_from_db()
    assert province_record.status == Status.APPROVED


def test_other_province_gets_404(world, people):
    """A clerk of Đồng Nai cannot see, edit or act on a Tây Ninh post's record."""
    activity = make_activity(world, people.post_clerk)
    other = login(Client(), people.other_province_clerk)
    assert other.get(_detail(activity)).status_code == 404
    assert other.get(_edit(activity)).status_code == 404
    assert other.post(_edit(activity), activity_post("aid", world)).status_code == 404
    assert other.post(_action(activity, "submit")).status_code == 404
    assert activity.title not in other.get(reverse("records:list")).content.decode()
    missing = reverse("records:detail", args=[activity.pk + 1000])
    assert other.get(missing).status_code == 404


def test_clerk_cannot_report_for_a_unit_outside_scope(world, people):
    """Choosing another province's unit is refused on the unit field; nothing stored."""
    clerk = login(Client(), people.post_clerk)
    before = counts()
    response = clerk.post(
        reverse("records:create", args=["aid"]),
        activity_post("aid", world, unit=str(world.post_hoa_lu.pk)),
    )
    assert response.status_code == 400
    assert "reporting unit" in response.content.decode().lower()
    assert counts() == before


def test_province_clerk_edits_post_record(world, people):
    """Edit rights cover the subtree: the province's clerk can correct a post's record."""
    activity = make_activity(world, people.post_clerk)
    clerk = login(Client(), people.province_clerk)
    response = clerk.post(_edit(activity), activity_post("aid", world, title="Corrected"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Corrected"
