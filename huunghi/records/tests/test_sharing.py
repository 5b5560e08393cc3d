"""Records shared with a counterpart unit are readable, never editable, by its accounts."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from huunghi.records import services
from huunghi.records.models import Activity, ActivityCounterpart, Status
from huunghi.records.permissions import ActivityPolicy
from huunghi.records.tests.helpers import (
    activity_post,
    counterpart_management,
    login,
    make_activity,
)


def _approve(*activities: Activity) -> None:
    """Mark records approved (the approval chain itself is tested elsewhere)."""
    Activity.objects.filter(pk__in=[a.pk for a in activities]).update(status=Status.APPROVED)
    for activity in activities:
        activity.refresh_from_db()


def _shared_and_private(world, people, *, approved: bool = True) -> tuple[Activity, Activity]:
    shared = make_activity(
        world,
        people.post_clerk,
        title="Shared aid record",
        counterparts=[services.CounterpartIn(unit=world.kh_post_bavet, shared=True)],
    )
    private = make_activity(
        world,
        people.post_clerk,
        title="Private aid record",
        counterparts=[services.CounterpartIn(unit=world.kh_post_bavet, shared=False)],
    )
    if approved:
        _approve(shared, private)
    return shared, private


def test_counterpart_reads_shared_record_only(world, people):
    """The Bavet post's account reads the shared record and gets 404 on the other."""
    shared, private = _shared_and_private(world, people)
    kh = login(Client(), people.kh_post_viewer)
    page = kh.get(reverse("records:detail", args=[shared.pk]))
    assert page.status_code == 200
    assert "Shared aid record" in page.content.decode()
    assert reverse("records:edit", args=[shared.pk]) not in page.content.decode()
    assert "History" not in page.content.decode()  # internal review stays with the reporting side
    assert kh.get(reverse("records:detail", args=[private.pk])).status_code == 404
    listing = kh.get(reverse("records:list")).content.decode()
    assert "Shared aid record" in listing and "Private aid record" not in listing


def test_counterpart_ancestor_reads_shared_record_but_never_edits(world, people):
    """A clerk of the Svay Rieng command (the post's parent) reads, but cannot edit or act."""
    shared, _private = _shared_and_private(world, people)
    kh = login(Client(), people.kh_province_clerk)
    assert kh.get(reverse("records:detail", args=[shared.pk])).status_code == 200
    assert kh.get(reverse("records:edit", args=[shared.pk])).status_code == 404
    response = kh.post(reverse("records:edit", args=[shared.pk]), activity_post("aid", world))
    assert response.status_code == 404
    for action in ("submit", "approve", "reopen"):
        assert kh.post(reverse("records:action", args=[shared.pk, action])).status_code == 404
    shared.refresh_from_db()
    assert shared.status == Status.APPROVED
    assert not ActivityPolicy.can_edit(people.kh_province_clerk, shared)


def test_sharing_is_chosen_per_counterpart_in_the_form(world, people):
    """The shared checkbox of each counterpart row is stored."""
    clerk = login(Client(), people.post_clerk)
    data = activity_post("aid", world)
    data.update(
        counterpart_management(
            [
                {"unit": world.kh_post_bavet, "shared": True},
                {"unit": world.kh_svay_rieng, "role": "recipient"},
            ]
        )
    )
    assert clerk.post(reverse("records:create", args=["aid"]), data).status_code == 302
    rows = {row.unit_id: (row.role, row.shared) for row in ActivityCounterpart.objects.all()}
    assert rows == {
        world.kh_post_bavet.pk: ("counterpart", True),
        world.kh_svay_rieng.pk: ("recipient", False),
    }


def test_counterpart_sees_labels_in_own_language_and_content_as_entered(world, people):
    """The page follows the reader's language; the record's text stays as entered."""
    shared, _private = _shared_and_private(world, people)
    kh = login(Client(), people.kh_post_viewer)
    kh.cookies["huunghi_language"] = "km"
    page = kh.get(reverse("records:detail", args=[shared.pk])).content.decode()
    assert '<html lang="km">' in page
    assert "Shared aid record" in page
    assert "Bavet post" in page  # the recipient detail, as entered


def test_counterpart_sees_only_approved_work(world, people):
    """Work in progress stays with the reporting side: a shared record is hidden from the
    counterpart while it is a draft, submitted or returned, and shown once approved."""
    shared, _private = _shared_and_private(world, people, approved=False)
    kh = login(Client(), people.kh_post_viewer)
    url = reverse("records:detail", args=[shared.pk])
    for status in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED):
        Activity.objects.filter(pk=shared.pk).update(status=status)
        assert kh.get(url).status_code == 404, status
        assert not ActivityPolicy.visible(people.kh_post_viewer).filter(pk=shared.pk).exists()
    _approve(shared)
    assert kh.get(url).status_code == 200
    assert ActivityPolicy.visible(people.kh_post_viewer).filter(pk=shared.pk).exists()


def test_unsharing_removes_access(world, people):
    """Editing the counterpart to not shared takes the record away from the counterpart."""
    shared, _private = _shared_and_private(world, people, approved=False)
    _approve(shared)
    kh = login(Client(), people.kh_post_viewer)
    assert kh.get(reverse("records:detail", args=[shared.pk])).status_code == 200
    Activity.objects.filter(pk=shared.pk).update(status=Status.DRAFT)
    shared.refresh_from_db()
    services.activity_update(
        activity=shared,
        acting_user=people.post_clerk,
        counterparts=[services.CounterpartIn(unit=world.kh_post_bavet, shared=False)],
    )
    _approve(shared)
    assert kh.get(reverse("records:detail", args=[shared.pk])).status_code == 404
