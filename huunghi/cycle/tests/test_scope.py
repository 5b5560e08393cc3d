"""Nobody sees an obligation or a report outside their scope, whatever their role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from huunghi.accounts.models import Role
from huunghi.cycle import selectors, services
from huunghi.cycle.tests.factories import Q3_2025, Tree, at, issued_report


@pytest.fixture
def submission(tree: Tree):
    report = issued_report(tree.posts[0], Q3_2025, user=tree.commanders[0])
    return services.submission_send(
        obligation=tree.obligation,
        unit=tree.posts[0],
        period_start=Q3_2025.start,
        report=report,
        acting_user=tree.commanders[0],
        now=at(dt.date(2025, 9, 1)),
    )


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CLERK, Role.APPROVER, Role.UNIT_ADMIN])
def test_other_province_sees_neither_obligation_nor_report(tree: Tree, submission, role) -> None:
    outsider = tree.world.user(role, tree.world.bdbp_dong_nai)
    assert not selectors.obligation_list(user=outsider).exists()
    assert not selectors.submission_list(user=outsider).exists()
    with pytest.raises(Http404):
        selectors.obligation_get(user=outsider, pk=tree.obligation.pk)
    with pytest.raises(Http404):
        selectors.submission_get(user=outsider, pk=submission.pk)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CLERK, Role.APPROVER])
def test_a_sibling_post_sees_the_obligation_but_not_the_report(
    tree: Tree, submission, role
) -> None:
    """The obligation set by the province binds every post; a post's report is its own."""
    sibling = tree.world.user(role, tree.posts[1])
    assert selectors.obligation_get(user=sibling, pk=tree.obligation.pk) == tree.obligation
    with pytest.raises(Http404):
        selectors.submission_get(user=sibling, pk=submission.pk)


@pytest.mark.parametrize("unit_name", ["national", "bdbp_tay_ninh", "post_xa_mat"])
def test_the_post_and_its_superiors_see_the_report(tree: Tree, submission, unit_name) -> None:
    viewer = tree.world.user(Role.VIEWER, getattr(tree.world, unit_name))
    assert selectors.submission_get(user=viewer, pk=submission.pk) == submission


def test_only_inbox_holders_see_the_report_in_their_inbox(tree: Tree, submission) -> None:
    assert list(selectors.inbox(user=tree.province_approver)) == [submission]
    assert not selectors.inbox(user=tree.commanders[0]).exists()
    assert not selectors.inbox(user=tree.world.user(Role.VIEWER, tree.province)).exists()


def test_only_a_unit_admin_of_the_subtree_sets_obligations(tree: Tree) -> None:
    data = {"applies_to_kind": "border_post", "frequency": "monthly"}
    for user in (
        tree.province_approver,
        tree.clerks[0],
        tree.world.user(Role.UNIT_ADMIN, tree.world.bdbp_dong_nai),
    ):
        with pytest.raises(PermissionDenied):
            services.obligation_create(unit=tree.province, data=data, acting_user=user)
    made = services.obligation_create(
        unit=tree.province, data=data, acting_user=tree.province_admin
    )
    with pytest.raises(PermissionDenied):
        services.obligation_update(
            obligation=made, data={"due_day": 10}, acting_user=tree.clerks[0]
        )
    services.obligation_update(
        obligation=made, data={"due_day": 10}, acting_user=tree.province_admin
    )
    made.refresh_from_db()
    assert made.due_day == 10
