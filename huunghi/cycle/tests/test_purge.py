"""purge_synthetic removes the cycle's synthetic obligations, submissions and their issued
reports, keeps real ones, and leaves the roll-up equal to the real submissions."""

from __future__ import annotations

import datetime as dt

from huunghi.cycle import services
from huunghi.cycle.completeness import completeness
from huunghi.cycle.models import Obligation, Submission
from huunghi.cycle.tests.factories import Q3_2025, Tree, at, issued_report
from huunghi.reports.models import IssuedReport
from huunghi.reports.purge import purge_synthetic


def test_purge_removes_synthetic_cycle_rows_only(tree: Tree) -> None:
    synthetic_obligation = services.obligation_create(
        unit=tree.province,
        data={"applies_to_kind": "border_post", "frequency": "annual"},
        acting_user=tree.province_admin,
        is_synthetic=True,
    )
    fake = services.submission_send(
        obligation=tree.obligation,
        unit=tree.posts[1],
        period_start=Q3_2025.start,
        report=issued_report(tree.posts[1], Q3_2025, user=tree.commanders[1]),
        acting_user=tree.commanders[1],
        now=at(dt.date(2025, 9, 1)),
        is_synthetic=True,
    )
    real = services.submission_send(
        obligation=tree.obligation,
        unit=tree.posts[0],
        period_start=Q3_2025.start,
        report=issued_report(tree.posts[0], Q3_2025, user=tree.commanders[0]),
        acting_user=tree.commanders[0],
        now=at(dt.date(2025, 9, 1)),
    )
    purge_synthetic()
    assert list(Submission.objects.all()) == [real]
    assert not IssuedReport.objects.filter(pk=fake.report_id).exists()
    assert not Obligation.objects.filter(pk=synthetic_obligation.pk).exists()
    result = completeness(
        user=tree.province_approver,
        unit=tree.province,
        start=Q3_2025.start,
        end=Q3_2025.end,
        today=dt.date(2025, 11, 1),
    )
    assert (result.total.expected, result.total.received) == (3, 1)
