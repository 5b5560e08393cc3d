"""End to end in Chromium: a post clerk goes from the "due" notice on the home page to a
draft of the review report; the post's commander issues and sends it; the province's
approver goes from the inbox to the acknowledgement."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from huunghi.core.testing import build_world
from huunghi.cycle.models import Submission
from huunghi.cycle.schedule import period_containing
from huunghi.cycle.tests.factories import build_tree

PASSWORD = "Str0ng-pass-phrase!"


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _sign_out(page: Any) -> None:
    with page.expect_navigation():
        page.click("form[action$='/accounts/logout/'] button[type=submit]")


def test_due_notice_to_issued_report_and_inbox_to_acknowledgement(browser_page, live_server):
    tree = build_tree(build_world())
    tree.obligation.due_day = 31  # the current quarter is due at its end: "due" today
    tree.obligation.remind_days_before = 92
    tree.obligation.save()
    period = period_containing("quarterly", timezone.localdate())
    page, base = browser_page, live_server.url
    page.set_default_timeout(30_000)  # the machine running the suite may be busy

    _sign_in(page, base, "clerk0")
    page.goto(f"{base}/")
    page.click("[data-role=cycle-notices] [data-state=due] a")
    page.wait_for_url(f"**/cycle/owed/*/{tree.posts[0].pk}/{period.start:%Y-%m-%d}/")
    page.click("[data-role=prepare]")
    page.wait_for_url("**/reports/signed/*/")
    page.fill("textarea[name=shortcomings]", "Thiếu phương tiện đi lại trong mùa mưa.")
    page.fill("input[name=signer_name]", "Nguyễn Văn Bình")
    with page.expect_navigation():
        page.click("form.report-text button[type=submit]")
    _sign_out(page)

    _sign_in(page, base, "commander0")
    page.goto(f"{base}/")
    page.click("[data-role=cycle-notices] [data-state=due] a")
    with page.expect_navigation(url="**/cycle/submissions/*/", timeout=120_000):
        # Issuing renders the DOCX, PDF and XLSX to fingerprint them: seconds, not ms.
        page.click("[data-role=issue-send]", no_wait_after=True)
    submission = Submission.objects.get()
    assert submission.report.is_issued
    assert submission.report.shortcomings == "Thiếu phương tiện đi lại trong mùa mưa."
    assert page.locator("[data-role=numbers]").count() == 1
    _sign_out(page)

    _sign_in(page, base, "tn_approver")
    page.goto(f"{base}/")
    page.click("[data-role=cycle-notices] [data-state=inbox] a")
    page.wait_for_url("**/cycle/inbox/")
    page.click(f"[data-submission='{submission.pk}'] a")
    page.wait_for_url(f"**/cycle/submissions/{submission.pk}/")
    with page.expect_navigation():
        page.click("form[action$='/acknowledge/'] button[type=submit]")
    submission.refresh_from_db()
    assert submission.status == "acknowledged"
    assert submission.acted_by.username == "tn_approver"

    page.goto(f"{base}/cycle/completeness/?unit={tree.province.pk}")
    page.wait_for_selector("[data-role=cycle-map][data-state=ready]")
    total = page.locator("[data-role=total] td").all_inner_texts()
    assert total[:3] == ["12", "1", "1"]  # this year: 3 posts × 4 quarters, 1 received on time
    assert page.console_errors == []
