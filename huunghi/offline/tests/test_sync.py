"""The batch sync: every record written once, answered on its own, conflicts returned."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest

from huunghi.accounts.models import Membership
from huunghi.api.tests.helpers import ApiClient
from huunghi.audit.models import AuditEvent
from huunghi.offline.models import SyncedRecord
from huunghi.records.models import Activity, Attachment, Status
from huunghi.records.services import activity_update

pytestmark = pytest.mark.django_db

PHOTO = base64.b64encode(b"\xff\xd8\xff\xe0" + b"\x00" * 200).decode()


def item(unit: Any, **record: Any) -> dict[str, Any]:
    """A queued record as the device sends it."""
    extra: dict[str, Any] = {
        k: record.pop(k) for k in ("submit", "attachments", "base_updated_at") if k in record
    }
    return {
        "client_uuid": str(uuid.uuid4()),
        "created_offline_at": "2026-03-02T08:15:00+07:00",
        "record": {
            "kind": "tree_planting",
            "unit_id": unit.pk,
            "title": "Friendship trees at the gate",
            "start_date": "2026-03-01",
            "quantities": [{"measure": "trees", "value": "120", "qualifier": "exact"}],
            **record,
        },
        **extra,
    }


_clients: dict[int, ApiClient] = {}


@pytest.fixture(autouse=True)
def _fresh_clients():
    _clients.clear()
    yield
    _clients.clear()


def sync(user: Any, *items: dict[str, Any]) -> Any:
    """Send one batch as ``user`` (one token per user, so tokens add no audit rows)."""
    if user.pk not in _clients:
        _clients[user.pk] = ApiClient.for_user(user)
    response = _clients[user.pk].post("/offline/sync", {"items": list(items)})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def counts() -> tuple[int, ...]:
    return (
        Activity.objects.count(),
        AuditEvent.objects.count(),
        Attachment.objects.count(),
        SyncedRecord.objects.count(),
    )


def test_same_batch_twice_changes_nothing(world, people):
    """The second delivery of a batch writes no activity, attachment or audit row."""
    batch = [
        item(world.post_xa_mat, attachments=[{"name": "trees.jpg", "data": PHOTO}]),
        item(
            world.post_xa_mat,
            kind="medical_outreach",
            title="Clinic day",
            details={"beneficiaries": "kh"},
            quantities=[],
            submit=True,
        ),
    ]
    first = sync(people.clerk, *batch)
    assert [r["status"] for r in first] == ["created", "created"], first
    before = counts()
    assert before[0] == 2 and before[2] == 1

    second = sync(people.clerk, *batch)

    assert [r["status"] for r in second] == ["unchanged", "unchanged"]
    assert [r["activity_id"] for r in second] == [r["activity_id"] for r in first]
    assert counts() == before


def test_each_record_succeeds_or_fails_on_its_own(world, people):
    """A bad record gets field-named errors; the good one in the same batch is written."""
    good = item(world.post_xa_mat)
    bad_dates = item(world.post_xa_mat, end_date="2026-02-01")
    no_title = item(world.post_xa_mat, title="")
    bad_quantity = item(world.post_xa_mat, quantities=[{"measure": "trees", "value": "-3"}])
    results = sync(people.clerk, good, bad_dates, no_title, bad_quantity)

    assert [r["status"] for r in results] == ["created", "invalid", "invalid", "invalid"]
    assert "The end date is before the start date." in results[1]["errors"]["end_date"]
    assert "title" in results[2]["errors"]
    assert "quantities" in results[3]["errors"]
    assert Activity.objects.count() == 1
    assert SyncedRecord.objects.count() == 1


def test_synced_record_enters_workflow_and_audit_shows_both_times(world, people):
    """Submitted offline → submitted on the server; the audit row has both times."""
    sent = item(world.post_xa_mat, submit=True)
    (result,) = sync(people.clerk, sent)

    activity = Activity.objects.get(pk=result["activity_id"])
    assert activity.status == Status.SUBMITTED
    assert activity.created_by == people.clerk
    event = AuditEvent.objects.get(action="activity.offline_create", target_id=str(activity.pk))
    assert event.changes["created_offline_at"][1] == "2026-03-02T08:15:00+07:00"
    assert event.changes["synced_at"][1]
    assert event.changes["client_uuid"][1] == sent["client_uuid"]
    assert "2026-03-02T08:15:00+07:00" in event.note
    assert AuditEvent.objects.filter(action="activity.create", target_id=str(activity.pk)).exists()


def test_a_draft_stays_a_draft(world, people):
    (result,) = sync(people.clerk, item(world.post_xa_mat))
    assert result["record_status"] == Status.DRAFT


def test_changed_on_server_comes_back_as_conflict(world, people):
    """An offline edit of a record changed on the server meanwhile is refused with both
    versions per field; sending the clerk's choice with the new base applies it."""
    sent = item(world.post_xa_mat)
    (created,) = sync(people.clerk, sent)
    activity = Activity.objects.get(pk=created["activity_id"])
    activity_update(activity=activity, acting_user=people.approver, title="Trees (checked)")

    edited = {**sent, "base_updated_at": created["updated_at"]}
    edited["record"] = {**sent["record"], "title": "Trees planted by both posts"}
    (conflict,) = sync(people.clerk, edited)

    assert conflict["status"] == "conflict"
    rows = {row["field"]: row for row in conflict["conflict"]["fields"]}
    assert rows["title"]["server"] == "Trees (checked)"
    assert rows["title"]["device"] == "Trees planted by both posts"
    assert Activity.objects.get(pk=activity.pk).title == "Trees (checked)"

    edited["base_updated_at"] = conflict["conflict"]["server_updated_at"]
    (updated,) = sync(people.clerk, edited)
    assert updated["status"] == "updated"
    assert Activity.objects.get(pk=activity.pk).title == "Trees planted by both posts"
    assert Activity.objects.count() == 1


def test_changed_resend_updates_when_server_unchanged(world, people):
    sent = item(world.post_xa_mat)
    (created,) = sync(people.clerk, sent)
    sent["record"]["title"] = "Trees at the gate, second row"
    (updated,) = sync(people.clerk, {**sent, "base_updated_at": created["updated_at"]})
    assert updated["status"] == "updated"
    assert Activity.objects.get().title == "Trees at the gate, second row"
    assert AuditEvent.objects.filter(action="activity.offline_update").count() == 1


def test_unit_no_longer_in_scope_is_refused_with_a_message(world, people):
    """A record for a unit the sender lost is refused, nothing written."""
    Membership.objects.filter(user=people.clerk).delete()
    Membership.objects.create(user=people.clerk, unit=world.post_hoa_lu, role="clerk")
    (result,) = sync(people.clerk, item(world.post_xa_mat))
    assert result["status"] == "refused"
    assert "no longer report" in result["errors"]["unit"][0]
    assert Activity.objects.count() == 0


def test_other_province_clerk_is_refused_for_this_unit(world, people):
    (result,) = sync(people.other_clerk, item(world.post_xa_mat))
    assert result["status"] == "refused"
    assert Activity.objects.count() == 0


def test_other_account_cannot_touch_a_record_by_its_uuid(world, people):
    """Another clerk resending someone else's UUID learns nothing about the record."""
    sent = item(world.post_xa_mat)
    sync(people.clerk, sent)
    stolen = {**sent, "record": {**sent["record"], "unit_id": world.post_hoa_lu.pk}}
    (result,) = sync(people.other_clerk, stolen)
    assert result["status"] == "invalid"
    assert result["activity_id"] is None
    assert "client_uuid" in result["errors"]


def test_province_approver_may_sync_for_a_post(world, people):
    (result,) = sync(people.approver, item(world.post_xa_mat))
    assert result["status"] == "created"


@pytest.mark.parametrize("who", ["viewer", "kh_viewer"])
def test_accounts_without_edit_rights_are_refused(world, people, who):
    response = ApiClient.for_user(getattr(people, who)).post(
        "/offline/sync", {"items": [item(world.post_xa_mat)]}
    )
    assert response.status_code == 403
    assert Activity.objects.count() == 0


def test_anonymous_sync_is_refused(world):
    response = ApiClient().post("/offline/sync", {"items": [item(world.post_xa_mat)]})
    assert response.status_code == 401


def test_unreadable_item_gets_its_own_error(world, people):
    results = sync(people.clerk, {"client_uuid": "x", "record": {}}, item(world.post_xa_mat))
    assert results[0]["status"] == "invalid"
    assert "client_uuid" in results[0]["errors"]
    assert results[1]["status"] == "created"


def test_photo_that_is_not_a_photo_is_an_attachment_error(world, people):
    page = base64.b64encode(b"<html>not a photo</html>").decode()
    (result,) = sync(
        people.clerk, item(world.post_xa_mat, attachments=[{"name": "x.jpg", "data": page}])
    )
    assert result["status"] == "invalid"
    assert "attachments" in result["errors"]
    assert Activity.objects.count() == 0


def test_conflict_lists_only_fields_that_differ(world, people):
    """A markers count derived on the server is no difference; a changed detail is."""
    sent = item(
        world.post_xa_mat,
        kind="joint_patrol",
        title="Patrol of marker 229",
        details={"markers": "229, 230", "findings": "Intact."},
        quantities=[],
    )
    (created,) = sync(people.clerk, sent)
    activity = Activity.objects.get(pk=created["activity_id"])
    activity_update(
        activity=activity,
        acting_user=people.approver,
        details={"markers": ["229", "230"], "findings": "Both intact, paint fresh."},
    )
    edited = {**sent, "base_updated_at": created["updated_at"]}
    edited["record"] = {**sent["record"], "place_text": "Gate area"}
    (conflict,) = sync(people.clerk, edited)

    fields = {row["field"] for row in conflict["conflict"]["fields"]}
    assert fields == {"place_text", "details.findings"}
