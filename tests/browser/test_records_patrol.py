"""End to end in Chromium: a post clerk enters a joint patrol through the form and
submits it; the provincial approver approves it from the approvals inbox."""

from __future__ import annotations

from typing import Any

from huunghi.core.testing import build_world, user_with_role
from huunghi.records.models import Activity, Status

PASSWORD = "Str0ng-pass-phrase!"


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _sign_out(page: Any) -> None:
    # Signing out first wipes the offline data, then submits: wait for that navigation.
    with page.expect_navigation():
        page.click("form[action$='/accounts/logout/'] button[type=submit]")
    page.wait_for_load_state()


def test_joint_patrol_entered_submitted_and_approved(browser_page, live_server):
    world = build_world()
    user_with_role("clerk", world.post_xa_mat, username="xamat_clerk")
    user_with_role("approver", world.bdbp_tay_ninh, username="tayninh_approver")
    page, base = browser_page, live_server.url

    _sign_in(page, base, "xamat_clerk")
    page.goto(f"{base}/records/new/")
    page.click("a[href$='/records/new/joint_patrol/']")
    page.fill("#id_title", "Joint patrol of markers 229/12–231")
    page.fill("#id_start_date", "2025-10-20")
    page.select_option("#id_place", str(world.tay_ninh.pk))
    page.fill("#id_d_markers", "229/12, 230, 231")
    page.fill("#id_d_vn_units", "Xa Mát border post")
    page.fill("#id_d_kh_units", "Bavet border police post")
    page.fill("#id_d_findings", "All markers intact.")
    page.fill("#id_q_participants_value", "24")
    page.select_option("#id_cp-0-unit", str(world.kh_post_bavet.pk))
    page.check("#id_cp-0-shared")
    page.click("form.recordform button[type=submit]")
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    assert page.locator(".badge.draft").count() == 1
    assert "229/12" in page.content()

    page.click("form[action$='/submit/'] button[type=submit]")
    page.wait_for_selector(".badge.submitted")
    _sign_out(page)

    _sign_in(page, base, "tayninh_approver")
    page.goto(f"{base}/records/approvals/")
    assert "Joint patrol of markers 229/12–231" in page.content()
    page.click("form[action$='/approve/'] button[type=submit]")
    page.wait_for_load_state()
    activity = Activity.objects.get(kind="joint_patrol")
    page.goto(f"{base}/records/{activity.pk}/")
    assert page.locator(".badge.approved").count() == 1

    activity.refresh_from_db()
    assert activity.status == Status.APPROVED
    assert activity.details["markers"] == ["229/12", "230", "231"]
    assert activity.quantities.get(measure="markers").value == 3
    assert activity.participations.get().shared is True
