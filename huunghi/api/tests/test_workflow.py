"""/api/v1/workflow: status and moves of registries, pupils and remains steps per role,
as /activities/{id}/… does for activities."""

from __future__ import annotations

import datetime as dt

from huunghi.beneficiaries.tests.helpers import make_pupil
from huunghi.core.models import Status
from huunghi.records import services


def _pair(world, user, unit=None):
    unit = unit or world.post_xa_mat
    return services.twinning_create(
        acting_user=user,
        kind="post_pair",
        unit=unit,
        vn_unit=unit,
        kh_unit=world.kh_post_bavet,
        started_on=dt.date(2018, 3, 1),
    )


def test_clerk_reads_status_and_submits(world, people):
    pair = _pair(world, people.clerk_xa_mat)
    api = people.api(people.clerk_xa_mat)
    body = api.get(f"/workflow/twinning/{pair.pk}").json()
    assert (body["status"], body["revision"]) == ("draft", 1)
    assert body["permissions"] == {
        "can_submit": True,
        "can_decide": False,
        "can_reopen": False,
        "approve_refusal": None,
    }
    response = api.post(f"/workflow/twinning/{pair.pk}/submit")
    assert (response.status_code, response.json()["status"]) == (200, "submitted")


def test_province_approver_approves_and_the_clerk_may_not(world, people):
    pair = services.record_submit(
        record=_pair(world, people.clerk_xa_mat), acting_user=people.clerk_xa_mat
    )
    clerk = people.api(people.clerk_xa_mat)
    assert clerk.post(f"/workflow/twinning/{pair.pk}/approve").status_code == 403
    approver = people.api(people.province_approver)
    assert approver.get(f"/workflow/twinning/{pair.pk}").json()["permissions"]["can_decide"]
    response = approver.post(f"/workflow/twinning/{pair.pk}/approve")
    assert (response.status_code, response.json()["status"]) == (200, "approved")


def test_viewer_may_read_but_not_return(world, people):
    pair = services.record_submit(
        record=_pair(world, people.clerk_xa_mat), acting_user=people.clerk_xa_mat
    )
    """The viewer reads the status and is offered no action; returning is a 403 and the
    record stays submitted."""
    viewer = people.api(people.viewer_tay_ninh)
    read = viewer.get(f"/workflow/twinning/{pair.pk}")
    assert read.status_code == 200
    assert read.json()["status"] == "submitted"
    assert read.json()["permissions"] == {
        "can_submit": False,
        "can_decide": False,
        "can_reopen": False,
        "approve_refusal": None,
    }
    response = viewer.post(f"/workflow/twinning/{pair.pk}/return", {"reason": "no"})
    assert response.status_code == 403
    after = people.api(people.province_approver).get(f"/workflow/twinning/{pair.pk}").json()
    assert (after["status"], after["return_reason"]) == ("submitted", "")


def test_return_needs_a_reason_and_keeps_it(world, people):
    pair = services.record_submit(
        record=_pair(world, people.clerk_xa_mat), acting_user=people.clerk_xa_mat
    )
    approver = people.api(people.province_approver)
    assert approver.post(f"/workflow/twinning/{pair.pk}/return", {"reason": ""}).status_code == 422
    response = approver.post(f"/workflow/twinning/{pair.pk}/return", {"reason": "Which post?"})
    assert (response.json()["status"], response.json()["return_reason"]) == (
        "returned",
        "Which post?",
    )


def test_another_units_record_is_404(world, people):
    pair = _pair(world, people.clerk_xa_mat)
    other = people.api(people.clerk_hoa_lu)
    assert other.get(f"/workflow/twinning/{pair.pk}").status_code == 404
    assert other.post(f"/workflow/twinning/{pair.pk}/submit").status_code == 404
    assert other.get("/workflow/unknown/1").status_code == 404
    assert other.get("/workflow/twinning/999999").status_code == 404


def test_self_approval_is_403_with_the_reason(world, people):
    pair = services.record_submit(
        record=_pair(world, people.province_approver), acting_user=people.province_approver
    )
    approver = people.api(people.province_approver)
    refusal = approver.get(f"/workflow/twinning/{pair.pk}").json()["permissions"]
    assert "four-eyes" in refusal["approve_refusal"]
    response = approver.post(f"/workflow/twinning/{pair.pk}/approve")
    assert response.status_code == 403
    assert "someone else must approve" in response.json()["detail"]


def test_pending_lists_pupils_without_names_and_bulk_approve(world, people):
    """The province approver's pending list holds a pupil as "Pupil #n"; approving many
    approves the pupil and the pair and names the one it may not approve."""
    pupil = services.record_submit(
        record=make_pupil(world.post_xa_mat, full_name="[DEMO] Secret Name"),
        acting_user=people.clerk_xa_mat,
    )
    pair = services.record_submit(
        record=_pair(world, people.clerk_xa_mat), acting_user=people.clerk_xa_mat
    )
    mine = services.record_submit(
        record=_pair(world, people.province_approver), acting_user=people.province_approver
    )
    approver = people.api(people.province_approver)
    pending = approver.get("/workflow/pending").json()
    assert pending["count"] == 3
    assert "Secret" not in str(pending)
    keys = [f"pupil:{pupil.pk}", f"twinning:{pair.pk}", f"twinning:{mine.pk}", "twinning:0"]
    result = approver.post("/workflow/approve", {"items": keys}).json()
    assert sorted(result["approved"]) == sorted(keys[:2])
    assert [r["item"] for r in result["refused"]] == keys[2:]
    pupil.refresh_from_db()
    assert pupil.record_status == Status.APPROVED


def test_clerk_has_nothing_pending(world, people):
    services.record_submit(
        record=_pair(world, people.clerk_xa_mat), acting_user=people.clerk_xa_mat
    )
    assert people.api(people.clerk_xa_mat).get("/workflow/pending").json()["count"] == 0


def test_pupil_output_carries_its_approval_status(world, people):
    pupil = services.record_submit(
        record=make_pupil(world.post_xa_mat), acting_user=people.clerk_xa_mat
    )
    body = people.api(people.clerk_xa_mat).get(f"/pupils/{pupil.pk}").json()
    assert (body["record_status"], body["revision"]) == ("submitted", 1)
