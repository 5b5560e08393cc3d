"""The cycle API answers within the caller's scope: one test per role and endpoint,
missing and forbidden alike give 404."""

from __future__ import annotations

import datetime as dt

import pytest

from huunghi.accounts.models import Role
from huunghi.api.tests.helpers import ApiClient
from huunghi.cycle import services
from huunghi.cycle.tests.factories import Q3_2025, Tree, at, issued_report


@pytest.fixture
def sent(tree: Tree):
    on_time = services.submission_send(
        obligation=tree.obligation,
        unit=tree.posts[0],
        period_start=Q3_2025.start,
        report=issued_report(tree.posts[0], Q3_2025, user=tree.commanders[0]),
        acting_user=tree.commanders[0],
        now=at(dt.date(2025, 9, 1)),
    )
    late = services.submission_send(
        obligation=tree.obligation,
        unit=tree.posts[1],
        period_start=Q3_2025.start,
        report=issued_report(tree.posts[1], Q3_2025, user=tree.commanders[1]),
        acting_user=tree.commanders[1],
        now=at(dt.date(2025, 10, 1)),
    )
    return on_time, late


def api(user) -> ApiClient:
    return ApiClient.for_user(user)


def test_province_approver_reads_completeness_and_acknowledges(tree: Tree, sent) -> None:
    client = api(tree.province_approver)
    answer = client.get(
        "/cycle/completeness", unit=tree.province.pk, first_year=2025, last_year=2025
    ).json()
    [q3] = [p["tally"] for p in answer["trend"] if p["start"] == "2025-07-01"]
    assert (q3["expected"], q3["received"], q3["on_time"]) == (3, 2, 1)
    inbox = client.get("/cycle/submissions", inbox=True, status="sent").json()
    assert {row["id"] for row in inbox["items"]} == {s.pk for s in sent}
    done = client.post(f"/cycle/submissions/{sent[0].pk}/acknowledge")
    assert done.status_code == 200 and done.json()["status"] == "acknowledged"
    again = client.post(f"/cycle/submissions/{sent[0].pk}/acknowledge")
    assert again.status_code == 422


def test_return_needs_a_reason(tree: Tree, sent) -> None:
    client = api(tree.province_approver)
    assert client.post(f"/cycle/submissions/{sent[1].pk}/return", {"reason": ""}).status_code == 422
    answer = client.post(f"/cycle/submissions/{sent[1].pk}/return", {"reason": "Thiếu số liệu"})
    assert answer.status_code == 200 and answer.json()["return_reason"] == "Thiếu số liệu"


def test_post_clerk_sees_own_report_and_obligation_not_the_sibling(tree: Tree, sent) -> None:
    client = api(tree.clerks[0])
    assert client.get(f"/cycle/submissions/{sent[0].pk}").json()["lines"][0]["code"]
    assert client.get(f"/cycle/submissions/{sent[1].pk}").status_code == 404
    assert [o["id"] for o in client.get("/cycle/obligations").json()["items"]] == [
        tree.obligation.pk
    ]
    assert client.post(f"/cycle/submissions/{sent[0].pk}/acknowledge").status_code == 403


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CLERK, Role.APPROVER, Role.UNIT_ADMIN])
def test_other_province_gets_404_everywhere(tree: Tree, sent, role) -> None:
    client = api(tree.world.user(role, tree.world.bdbp_dong_nai))
    assert client.get(f"/cycle/submissions/{sent[0].pk}").status_code == 404
    assert client.get(f"/cycle/submissions/{sent[0].pk + 999}").status_code == 404
    assert client.get(f"/cycle/obligations/{tree.obligation.pk}").status_code == 404
    assert client.get("/cycle/completeness", unit=tree.province.pk).status_code == 404
    assert client.get("/cycle/submissions").json()["count"] == 0
    assert client.post(f"/cycle/submissions/{sent[0].pk}/acknowledge").status_code == 404


def test_national_viewer_reads_but_cannot_acknowledge(tree: Tree, sent) -> None:
    client = api(tree.world.user(Role.VIEWER, tree.world.national))
    assert client.get("/cycle/submissions").json()["count"] == 2
    assert client.post(f"/cycle/submissions/{sent[0].pk}/acknowledge").status_code == 403
    total = client.get("/cycle/completeness", first_year=2025).json()["total"]
    assert total["received"] == 2


def test_counterpart_reads_only_the_shared_part(tree: Tree, sent) -> None:
    world = tree.world
    copy = services.counterpart_copy_send(
        submission=sent[0], counterpart=world.kh_svay_rieng, acting_user=tree.commanders[0]
    )
    client = api(world.user(Role.VIEWER, world.kh_svay_rieng))
    assert client.get(f"/cycle/shared/{copy.pk}").json()["content"]["lines"]
    assert client.get(f"/cycle/submissions/{sent[0].pk}").status_code == 404
    assert client.get("/cycle/obligations").json()["count"] == 0
    below = api(world.user(Role.VIEWER, world.kh_post_bavet))
    assert below.get(f"/cycle/shared/{copy.pk}").status_code == 404


def test_anonymous_gets_401(tree: Tree) -> None:
    assert ApiClient().get("/cycle/obligations").status_code == 401
