"""The completeness roll-up stays equal to a rebuild from the submissions, across
sending, returning and moving a unit."""

from __future__ import annotations

import datetime as dt

from huunghi.accounts.models import Role
from huunghi.cycle import services
from huunghi.cycle.completeness import completeness
from huunghi.cycle.models import SubmissionTally
from huunghi.cycle.tallies import tallies_rebuild
from huunghi.cycle.tests.factories import Q3_2025, Tree, at, issued_report
from huunghi.organisations.services import unit_move


def rows() -> set[tuple[int, int, dt.date, int, int]]:
    return set(
        SubmissionTally.objects.filter(received__gt=0).values_list(
            "anchor_id", "obligation_id", "period_start", "received", "on_time"
        )
    )


def send(tree: Tree, index: int, day: dt.date):
    return services.submission_send(
        obligation=tree.obligation,
        unit=tree.posts[index],
        period_start=Q3_2025.start,
        report=issued_report(tree.posts[index], Q3_2025, user=tree.commanders[index]),
        acting_user=tree.commanders[index],
        now=at(day),
    )


def test_incremental_rows_equal_a_rebuild_and_follow_a_move(tree: Tree) -> None:
    send(tree, 0, dt.date(2025, 9, 1))
    late = send(tree, 1, dt.date(2025, 10, 1))
    services.submission_return(submission=late, reason="Sai số", acting_user=tree.province_approver)
    incremental = rows()
    tallies_rebuild()
    assert rows() == incremental
    admin = tree.world.user(Role.SYSTEM_ADMIN, tree.world.national)
    unit_move(
        unit=tree.posts[0],
        new_parent=tree.world.bdbp_dong_nai,
        on_date=dt.date(2025, 12, 1),
        acting_user=admin,
    )
    moved = rows()
    tallies_rebuild()
    assert rows() == moved
    viewer = tree.world.user(Role.VIEWER, tree.world.national)
    result = completeness(
        user=viewer,
        unit=tree.world.national,
        start=Q3_2025.start,
        end=Q3_2025.end,
        today=dt.date(2026, 1, 1),
    )
    by_unit = {row.unit: row.tally for row in result.rows}
    assert by_unit[tree.world.bdbp_dong_nai].received == 1
    assert by_unit[tree.province].received == 0 and by_unit[tree.province].expected == 2
