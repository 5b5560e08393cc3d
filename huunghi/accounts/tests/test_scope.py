"""The access policy: subtree scope per role, strict-ancestor approval, 404 for both
missing and forbidden."""

import pytest
from django.http import Http404

from huunghi.accounts.models import Role
from huunghi.accounts.scope import Capability, scope_for
from huunghi.core.testing import user_with_role
from huunghi.organisations.permissions import UnitPolicy


def test_membership_covers_subtree_only(world):
    """A provincial viewer sees the province and its posts, not the other province."""
    user = user_with_role(Role.VIEWER, world.bdbp_tay_ninh)
    visible = set(UnitPolicy.visible(user).values_list("pk", flat=True))
    assert world.post_xa_mat.pk in visible
    assert world.bdbp_tay_ninh.pk in visible
    assert world.post_hoa_lu.pk not in visible
    assert world.national.pk not in visible


@pytest.mark.parametrize(
    ("role", "edit", "approve", "manage"),
    [
        (Role.VIEWER, False, False, False),
        (Role.CLERK, True, False, False),
        (Role.APPROVER, True, True, False),
        (Role.UNIT_ADMIN, True, False, True),
    ],
)
def test_capabilities_per_role(world, role, edit, approve, manage):
    """Each role grants exactly its capabilities over the subtree."""
    scope = scope_for(user_with_role(role, world.bdbp_tay_ninh))
    post = world.post_xa_mat.path
    assert scope.covers(Capability.VIEW, post)
    assert scope.covers(Capability.EDIT, post) is edit
    assert scope.covers_strictly(Capability.APPROVE, post) is approve
    assert scope.covers(Capability.MANAGE, post) is manage
    assert not scope.covers(Capability.VIEW, world.post_hoa_lu.path)


def test_approval_needs_a_strict_ancestor(world):
    """A provincial approver approves the posts' records, not the province's own."""
    scope = scope_for(user_with_role(Role.APPROVER, world.bdbp_tay_ninh))
    assert scope.covers_strictly(Capability.APPROVE, world.post_xa_mat.path)
    assert not scope.covers_strictly(Capability.APPROVE, world.bdbp_tay_ninh.path)


def test_system_admin_sees_everything(world):
    scope = scope_for(user_with_role(Role.SYSTEM_ADMIN, world.national))
    assert scope.is_global
    assert scope.covers(Capability.MANAGE, world.kh_post_bavet.path)


def test_missing_and_forbidden_both_404(world):
    """Another province's unit and a non-existent id answer the same way."""
    user = user_with_role(Role.CLERK, world.post_xa_mat)
    with pytest.raises(Http404):
        UnitPolicy.get_visible(user, world.post_hoa_lu.pk)
    with pytest.raises(Http404):
        UnitPolicy.get_visible(user, 987654)
    assert UnitPolicy.get_visible(user, world.post_xa_mat.pk) == world.post_xa_mat


def test_inactive_user_has_no_scope(world):
    user = user_with_role(Role.APPROVER, world.national)
    user.is_active = False
    user.save()
    user._huunghi_scope = None
    assert not UnitPolicy.visible(user).exists()


def test_counterpart_account_sees_only_its_own_side(world):
    """A Cambodian gendarmerie account sees its own units, none of the Vietnamese tree."""
    user = user_with_role(Role.VIEWER, world.kh_svay_rieng)
    visible = set(UnitPolicy.visible(user).values_list("pk", flat=True))
    assert visible == {world.kh_svay_rieng.pk, world.kh_post_bavet.pk}
