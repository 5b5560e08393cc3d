"""Pages of the reporting cycle, per role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from huunghi.accounts.models import Role
from huunghi.cycle import services
from huunghi.cycle.models import Submission
from huunghi.cycle.schedule import period_containing
from huunghi.cycle.tests.factories import Tree, issued_report


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def current(tree: Tree):
    """The quarter containing today, due on its last day (so it is due now or soon)."""
    period = period_containing("quarterly", timezone.localdate())
    tree.obligation.due_day = 31
    tree.obligation.remind_days_before = 60
    tree.obligation.save()
    return period


def test_clerk_home_shows_due_notice_linking_to_the_owed_report(tree: Tree, current) -> None:
    page = client_for(tree.clerks[0]).get("/").content.decode()
    assert 'data-state="due"' in page
    assert f"/cycle/owed/{tree.obligation.pk}/{tree.posts[0].pk}/{current.start:%Y-%m-%d}/" in page


def test_commander_sends_and_province_approver_acknowledges(tree: Tree, current) -> None:
    report = issued_report(tree.posts[0], current, user=tree.commanders[0])
    url = f"/cycle/owed/{tree.obligation.pk}/{tree.posts[0].pk}/{current.start:%Y-%m-%d}/"
    assert client_for(tree.clerks[0]).post(url, {"report": report.pk}).status_code == 403
    answer = client_for(tree.commanders[0]).post(url, {"report": report.pk})
    submission = Submission.objects.get()
    assert (
        answer.status_code == 302 and answer["Location"] == f"/cycle/submissions/{submission.pk}/"
    )
    approver = client_for(tree.province_approver)
    assert f"/cycle/submissions/{submission.pk}/" in approver.get("/cycle/inbox/").content.decode()
    approver.post(f"/cycle/submissions/{submission.pk}/acknowledge/")
    submission.refresh_from_db()
    assert submission.status == "acknowledged"


def test_other_province_gets_404_on_pages(tree: Tree, current) -> None:
    report = issued_report(tree.posts[0], current, user=tree.commanders[0])
    submission = services.submission_send(
        obligation=tree.obligation,
        unit=tree.posts[0],
        period_start=current.start,
        report=report,
        acting_user=tree.commanders[0],
    )
    outsider = client_for(tree.world.user(Role.APPROVER, tree.world.bdbp_dong_nai))
    assert outsider.get(f"/cycle/submissions/{submission.pk}/").status_code == 404
    assert outsider.post(f"/cycle/submissions/{submission.pk}/acknowledge/").status_code == 404
    assert outsider.get(f"/cycle/completeness/?unit={tree.province.pk}").status_code == 404
    assert outsider.get(f"/cycle/compilation/{tree.province.pk}/").status_code == 404
    owed = f"/cycle/owed/{tree.obligation.pk}/{tree.posts[0].pk}/{current.start:%Y-%m-%d}/"
    assert outsider.get(owed).status_code == 404


def test_completeness_page_and_map_layer(tree: Tree, current) -> None:
    viewer = client_for(tree.world.user(Role.VIEWER, tree.province))
    year = current.start.year
    page = viewer.get(f"/cycle/completeness/?unit={tree.province.pk}&first_year={year}")
    assert page.status_code == 200 and 'data-role="completeness"' in page.content.decode()
    layer = viewer.get(f"/cycle/completeness/map.json?unit={tree.province.pk}").json()
    assert {u["id"] for u in layer["units"]} == {p.pk for p in tree.posts}


def test_unit_admin_sets_an_obligation_and_a_clerk_cannot(tree: Tree) -> None:
    data = {
        "unit": tree.province.pk,
        "applies_to_kind": "border_post",
        "programme": "all",
        "frequency": "annual",
        "due_day": 15,
        "due_months_after": 1,
        "remind_days_before": 7,
        "active_from": "2024-01-01",
        "is_active": "on",
    }
    assert client_for(tree.clerks[0]).post("/cycle/obligations/", data).status_code == 403
    answer = client_for(tree.province_admin).post("/cycle/obligations/", data)
    assert answer.status_code == 302
    bad = client_for(tree.province_admin).post("/cycle/obligations/", {**data, "due_day": 40})
    assert "due_day" in bad.content.decode() or "31" in bad.content.decode()


def test_returned_report_is_on_the_clerks_home(tree: Tree, current) -> None:
    report = issued_report(tree.posts[0], current, user=tree.commanders[0])
    submission = services.submission_send(
        obligation=tree.obligation,
        unit=tree.posts[0],
        period_start=current.start,
        report=report,
        acting_user=tree.commanders[0],
    )
    services.submission_return(
        submission=submission, reason="Thiếu phần khó khăn", acting_user=tree.province_approver
    )
    page = client_for(tree.clerks[0]).get("/").content.decode()
    assert 'data-state="returned"' in page and "Thiếu phần khó khăn" in page


def test_date_in_url_that_is_not_a_period_start_is_404(tree: Tree) -> None:
    url = f"/cycle/owed/{tree.obligation.pk}/{tree.posts[0].pk}/{dt.date(2025, 8, 2):%Y-%m-%d}/"
    assert client_for(tree.clerks[0]).get(url).status_code == 404


def test_clerk_prepares_a_draft_and_commander_issues_and_sends_it(tree: Tree, current) -> None:
    """The owed page starts the draft in the reports app for the clerk; the commander
    issues it and sends it in one step; the report is frozen and the parent receives it."""
    owed = f"/cycle/owed/{tree.obligation.pk}/{tree.posts[0].pk}/{current.start:%Y-%m-%d}/"
    clerk = client_for(tree.clerks[0])
    answer = clerk.post(owed + "prepare/")
    assert answer.status_code == 302 and "/reports/signed/" in answer["Location"]
    assert clerk.post(owed + "issue-send/").status_code == 403
    assert 'data-role="open-draft"' in clerk.get(owed).content.decode()
    answer = client_for(tree.commanders[0]).post(owed + "issue-send/")
    submission = Submission.objects.get()
    assert answer["Location"] == f"/cycle/submissions/{submission.pk}/"
    assert submission.report.is_issued and submission.report.snapshot["lines"]
    assert submission.recipient == tree.province


def test_province_approver_home_counts_overdue_reports_below(tree: Tree) -> None:
    """Past quarters of this year nobody reported for show as overdue on the approver's home."""
    today = timezone.localdate()
    past_quarters = (today.month - 1) // 3
    page = client_for(tree.province_approver).get("/").content.decode()
    if past_quarters:
        assert 'data-state="overdue-below"' in page
        assert f"{3 * past_quarters} reports overdue" in page
    assert 'data-state="overdue-below"' not in client_for(tree.clerks[0]).get("/").content.decode()
