"""Property-based: over random unit trees and memberships, nobody reads or writes
outside their scope. Later features add their models to this file's pattern."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from huunghi.accounts.models import Role
from huunghi.accounts.scope import Capability, scope_for
from huunghi.core.testing import country, org_unit, user_with_role
from huunghi.organisations.permissions import UnitPolicy

ROLES = [Role.VIEWER, Role.CLERK, Role.APPROVER, Role.UNIT_ADMIN]


def _is_ancestor_or_self(ancestor, unit) -> bool:
    while unit is not None:
        if unit.pk == ancestor.pk:
            return True
        unit = unit.parent
    return False


@st.composite
def tree_and_memberships(draw):
    size = draw(st.integers(min_value=2, max_value=12))
    parents = [None] + [draw(st.integers(min_value=0, max_value=i - 1)) for i in range(1, size)]
    memberships = draw(
        st.lists(
            st.tuples(st.integers(0, size - 1), st.sampled_from(ROLES)), min_size=1, max_size=3
        )
    )
    return parents, memberships


class ScopeProperties(TestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(tree_and_memberships())
    def test_visibility_equals_ancestor_membership(self, data):
        """A unit is visible iff a membership sits at it or an ancestor; editing,
        approving and managing follow the role table."""
        parents, memberships = data
        country("VN")
        units = []
        for index, parent_index in enumerate(parents):
            parent = None if parent_index is None else units[parent_index]
            units.append(org_unit(f"U{index}", parent=parent))
        user = user_with_role(memberships[0][1], units[memberships[0][0]])
        for unit_index, role in memberships[1:]:
            user.memberships.get_or_create(unit=units[unit_index], role=role)
        user._huunghi_scope = None
        scope = scope_for(user)
        visible = set(UnitPolicy.visible(user).values_list("pk", flat=True))
        for unit in units:
            holders = [
                (units[i], role) for i, role in memberships if _is_ancestor_or_self(units[i], unit)
            ]
            assert (unit.pk in visible) is bool(holders)
            edit = any(role != Role.VIEWER for _, role in holders)
            assert scope.covers(Capability.EDIT, unit.path) is edit
            approve = any(role == Role.APPROVER and anc.pk != unit.pk for anc, role in holders)
            assert scope.covers_strictly(Capability.APPROVE, unit.path) is approve
            manage = any(role == Role.UNIT_ADMIN for _, role in holders)
            assert scope.covers(Capability.MANAGE, unit.path) is manage
