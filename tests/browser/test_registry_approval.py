"""End to end in Chromium: a post clerk records a twinning pair and submits it; the
province approver approves it from the approvals page (bulk approve); an approver is
refused the approval of a pair they recorded themselves, with the reason shown."""

from __future__ import annotations

from typing import Any

from huunghi.core.testing import build_world, user_with_role
from huunghi.records.models import Status, TwinningPair

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


def _record_pair(page: Any, base: str, world: Any) -> None:
    """Fill the twinning form as a post pair Xa Mát ↔ Bavet and save it."""
    page.goto(f"{base}/records/twinning/new/")
    page.select_option("#id_kind", "post_pair")
    page.select_option("#id_unit", str(world.post_xa_mat.pk))
    page.select_option("#id_vn_unit", str(world.post_xa_mat.pk))
    page.select_option("#id_kh_unit", str(world.kh_post_bavet.pk))
    page.fill("#id_started_on", "2017-05-01")
    page.click("form.recordform button[type=submit]")
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())


def test_twinning_pair_recorded_submitted_and_approved(browser_page, live_server):
    world = build_world()
    user_with_role("clerk", world.post_xa_mat, username="xamat_clerk")
    user_with_role("approver", world.bdbp_tay_ninh, username="tayninh_approver")
    page, base = browser_page, live_server.url

    _sign_in(page, base, "xamat_clerk")
    _record_pair(page, base, world)
    assert page.locator("[data-status=draft]").count() == 1
    page.click("form[action*='/chain/twinning/'][action$='/submit/'] button[type=submit]")
    page.wait_for_selector("[data-status=submitted]")
    assert page.locator("form[action$='/approve/']").count() == 0
    _sign_out(page)

    pair = TwinningPair.objects.get()
    _sign_in(page, base, "tayninh_approver")
    page.goto(f"{base}/records/approvals/")
    page.check(f"input[name=items][value='twinning:{pair.pk}']")
    page.click("button[form=bulk-approve]")
    page.wait_for_load_state()
    assert "Nothing is waiting for your approval" in page.content() or (
        f"twinning:{pair.pk}" not in page.content()
    )
    page.goto(f"{base}/records/twinning/{pair.pk}/")
    assert page.locator("[data-status=approved]").count() == 1
    assert page.console_errors == []

    pair.refresh_from_db()
    assert (pair.record_status, pair.approved_by.username) == (Status.APPROVED, "tayninh_approver")


def test_self_approval_is_refused_with_a_message(browser_page, live_server):
    world = build_world()
    user_with_role("approver", world.bdbp_tay_ninh, username="tayninh_approver")
    page, base = browser_page, live_server.url

    _sign_in(page, base, "tayninh_approver")
    _record_pair(page, base, world)
    page.click("form[action$='/submit/'] button[type=submit]")
    page.wait_for_selector("[data-status=submitted]")
    approve = page.locator(".workflow-panel button[disabled]")
    assert approve.count() == 1
    assert page.locator("#four-eyes").count() == 1

    pair = TwinningPair.objects.get()
    page.goto(f"{base}/records/approvals/")
    assert page.locator(f"input[name=items][value='twinning:{pair.pk}']").count() == 0
    assert page.locator(f"tr[data-item='twinning:{pair.pk}'] .help").count() == 1
    pair.refresh_from_db()
    assert pair.record_status == Status.SUBMITTED
