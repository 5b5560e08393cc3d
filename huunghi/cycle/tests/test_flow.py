"""The reporting cycle end to end: send on time, late, not at all; completeness; the
compilation; return and replacement; counterpart copies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.cycle import selectors, services
from huunghi.cycle.compilation import compile_report
from huunghi.cycle.completeness import completeness
from huunghi.cycle.mapdata import completeness_map
from huunghi.cycle.models import SubmissionStatus
from huunghi.cycle.tests.factories import DUE_Q3_2025, Q3_2025, Tree, at, issued_report
from huunghi.reports.periods import Period
from huunghi.reports.permissions import IssuedReportPolicy

AFTER_Q3 = dt.date(2025, 11, 1)


def send(tree: Tree, index: int, day: dt.date, **report_kwargs: Any):
    post = tree.posts[index]
    commander = tree.commanders[index]
    report = issued_report(post, Q3_2025, user=commander, **report_kwargs)
    return services.submission_send(
        obligation=tree.obligation,
        unit=post,
        period_start=Q3_2025.start,
        report=report,
        acting_user=commander,
        now=at(day),
    )


@pytest.fixture
def sent(tree: Tree):
    """Post 0 on time, post 1 late, post 2 not at all."""
    on_time = send(tree, 0, dt.date(2025, 9, 15), values={"activities_total": 5})
    late = send(tree, 1, dt.date(2025, 10, 5), values={"activities_total": 2})
    return on_time, late


def q3(tree: Tree, user):
    return completeness(
        user=user,
        unit=tree.province,
        start=Q3_2025.start,
        end=Q3_2025.end,
        today=AFTER_Q3,
        frequency="quarterly",
    )


def test_sending_records_due_date_timeliness_recipient_and_audit(tree: Tree, sent) -> None:
    """A sent report goes to the parent, carries its due date and whether it was on time,
    and the sending is audited."""
    on_time, late = sent
    assert on_time.recipient == tree.province and on_time.due_date == DUE_Q3_2025
    assert on_time.on_time and not late.on_time
    assert on_time.status == SubmissionStatus.SENT and on_time.version == 1
    assert AuditEvent.objects.filter(action="cycle.submission_send").count() == 2


def test_province_sees_two_of_three_received_one_on_time(tree: Tree, sent) -> None:
    """Table and map layer: 3 expected, 2 received, 1 on time, 1 overdue."""
    result = q3(tree, tree.province_approver)
    total = result.total
    assert (total.expected, total.received, total.on_time, total.overdue) == (3, 2, 1, 1)
    by_unit = {row.unit.pk: row.tally for row in result.rows}
    assert by_unit[tree.posts[0].pk].on_time == 1
    assert by_unit[tree.posts[1].pk].received == 1 and by_unit[tree.posts[1].pk].on_time == 0
    assert by_unit[tree.posts[2].pk].received == 0 and by_unit[tree.posts[2].pk].overdue == 1
    layer = completeness_map(result)
    province = layer["provinces"][f"VN:{tree.world.tay_ninh.code}"]
    assert (province["expected"], province["received"], province["on_time"]) == (3, 2, 1)
    assert {u["id"]: u["received"] for u in layer["units"]}[tree.posts[2].pk] == 0
    assert [p.tally.received for p in result.trend] == [2]


def test_national_viewer_sees_the_province_row(tree: Tree, sent) -> None:
    """Above the province, the province is one row counting its whole subtree."""
    viewer = tree.world.user(Role.VIEWER, tree.world.national)
    result = completeness(
        user=viewer,
        unit=tree.world.national,
        start=Q3_2025.start,
        end=Q3_2025.end,
        today=AFTER_Q3,
    )
    [row] = [r for r in result.rows if r.unit == tree.province]
    assert (row.tally.expected, row.tally.received, row.tally.on_time) == (3, 2, 1)


def test_compilation_lists_the_two_received_and_shows_differences(tree: Tree, sent) -> None:
    """The compiled report includes the two received reports, lists the third as missing,
    sums what was issued below, and shows where today's records differ from it."""
    result = compile_report(user=tree.province_approver, unit=tree.province, period=Q3_2025)
    assert {s.unit for s in result.included} == set(tree.posts[:2])
    assert tree.posts[2] in result.missing
    [line] = [line for line in result.lines if line.code == "activities_total"]
    assert line.issued_below == Decimal(7)
    assert line.compiled == Decimal(7) + line.own
    differences = {c.unit: c.difference for c in line.changed}
    assert differences[tree.posts[0]] == Decimal(-5)  # no record today behind the 5 issued


def test_parent_report_records_the_reports_it_compiles(tree: Tree, sent) -> None:
    """When the province sends its own report, it lists the subordinate reports included."""
    national_obligation = services.obligation_create(
        unit=tree.world.national,
        data={"applies_to_kind": tree.province.kind, "frequency": "quarterly"},
        acting_user=tree.world.user(Role.SYSTEM_ADMIN, tree.world.national),
    )
    report = issued_report(tree.province, Q3_2025, user=tree.province_approver)
    submission = services.submission_send(
        obligation=national_obligation,
        unit=tree.province,
        period_start=Q3_2025.start,
        report=report,
        acting_user=tree.province_approver,
        now=at(dt.date(2025, 9, 19)),
    )
    assert set(selectors.submission_included(submission)) == set(sent)


def test_returned_report_reopens_and_new_version_replaces_it(tree: Tree, sent) -> None:
    """A return needs a reason, reopens the period for the post (home notice), and the
    next version replaces it in completeness and in the compilation."""
    _on_time, late = sent
    with pytest.raises(ValidationError):
        services.submission_return(submission=late, reason=" ", acting_user=tree.province_approver)
    services.submission_return(
        submission=late, reason="Thiếu số liệu khám bệnh.", acting_user=tree.province_approver
    )
    assert q3(tree, tree.province_approver).total.received == 1
    notices = selectors.home_notices(user=tree.clerks[1], today=dt.date(2025, 10, 10))
    assert [getattr(o.current, "pk", None) for o in notices.returned] == [late.pk]
    second = send(tree, 1, dt.date(2025, 10, 12), version=2, values={"activities_total": 4})
    assert second.version == 2 and second.replaces == late
    late.refresh_from_db()
    assert late.status == SubmissionStatus.RETURNED and late.report.version == 1
    compiled = compile_report(user=tree.province_approver, unit=tree.province, period=Q3_2025)
    assert second in compiled.included and late not in compiled.included
    assert q3(tree, tree.province_approver).total.received == 2


def test_a_received_report_cannot_be_sent_again(tree: Tree, sent) -> None:
    with pytest.raises(ValidationError):
        send(tree, 0, dt.date(2025, 9, 16), version=2)


def test_only_an_issued_report_of_the_unit_and_period_can_be_sent(tree: Tree) -> None:
    other_period = issued_report(tree.posts[2], Period.quarter(2025, 2), user=tree.commanders[2])
    with pytest.raises(ValidationError):
        services.submission_send(
            obligation=tree.obligation,
            unit=tree.posts[2],
            period_start=Q3_2025.start,
            report=other_period,
            acting_user=tree.commanders[2],
        )


def test_a_clerk_cannot_send_and_only_the_recipient_side_acknowledges(tree: Tree, sent) -> None:
    """Sending needs an approver at the unit or above; acknowledging an approver at the
    recipient or above (not the sending post's own commander)."""
    report = issued_report(tree.posts[2], Q3_2025, user=tree.commanders[2])
    with pytest.raises(PermissionDenied):
        services.submission_send(
            obligation=tree.obligation,
            unit=tree.posts[2],
            period_start=Q3_2025.start,
            report=report,
            acting_user=tree.clerks[2],
        )
    with pytest.raises(PermissionDenied):
        services.submission_acknowledge(submission=sent[0], acting_user=tree.commanders[0])
    services.submission_acknowledge(submission=sent[0], acting_user=tree.province_approver)
    assert selectors.submission_get(user=tree.clerks[0], pk=sent[0].pk).status == "acknowledged"
    with pytest.raises(ValidationError):
        services.submission_acknowledge(submission=sent[0], acting_user=tree.province_approver)


def test_counterpart_receives_only_the_shared_part(tree: Tree, sent) -> None:
    """The counterpart reads the numbers, not the narrative, the signer, the submission or
    the report behind it."""
    world = tree.world
    kh_viewer = world.user(Role.VIEWER, world.kh_svay_rieng)
    copy = services.counterpart_copy_send(
        submission=sent[0], counterpart=world.kh_svay_rieng, acting_user=tree.commanders[0]
    )
    [seen] = selectors.counterpart_copy_list(user=kh_viewer)
    assert seen == copy
    assert seen.content["lines"][0]["value"] == "5"
    text = str(seen.content)
    assert "Khó khăn" not in text and "Nguyễn Văn A" not in text
    with pytest.raises(Http404):
        selectors.submission_get(user=kh_viewer, pk=sent[0].pk)
    assert not IssuedReportPolicy.visible(kh_viewer).filter(pk=sent[0].report_id).exists()
    assert not selectors.obligation_list(user=kh_viewer).exists()
    with pytest.raises(ValidationError):
        services.counterpart_copy_send(
            submission=sent[0], counterpart=world.post_hoa_lu, acting_user=tree.commanders[0]
        )
