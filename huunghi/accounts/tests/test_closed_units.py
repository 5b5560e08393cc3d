"""Access that holds in time: a membership ends with its unit (closed or merged) and does
not pass to the merged unit's successor; a closure dated in the future takes effect then."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from huunghi.accounts.models import Role, User
from huunghi.accounts.scope import Capability, build_scope, scope_for
from huunghi.core.actors import SYSTEM
from huunghi.core.testing import World, org_unit
from huunghi.organisations.permissions import UnitPolicy
from huunghi.organisations.services import unit_close, unit_merge


def _today() -> dt.date:
    return timezone.localdate()


def test_a_membership_at_a_closed_unit_grants_nothing(world: World) -> None:
    """Closed yesterday: its clerk no longer sees or edits anything there."""
    team = org_unit("Tổ công tác", parent=world.post_xa_mat)
    clerk = world.user(Role.CLERK, team)
    assert scope_for(clerk).covers(Capability.EDIT, team.path)
    unit_close(unit=team, on_date=_today() - dt.timedelta(days=1), acting_user=SYSTEM)
    next_request_user = User.objects.get(pk=clerk.pk)
    assert not scope_for(next_request_user).covers(Capability.VIEW, team.path)
    assert not UnitPolicy.visible(next_request_user).exists()


def test_a_membership_at_a_merged_unit_does_not_follow_the_successor(world: World) -> None:
    """Hoa Lư merged into Xa Mát: Hoa Lư's approver gains nothing at Xa Mát."""
    approver = world.user(Role.APPROVER, world.post_hoa_lu)
    unit_merge(
        unit=world.post_hoa_lu,
        into=world.post_xa_mat,
        on_date=_today() - dt.timedelta(days=1),
        acting_user=SYSTEM,
    )
    scope = scope_for(User.objects.get(pk=approver.pk))
    assert not scope.has_any(Capability.VIEW)
    assert not scope.covers(Capability.VIEW, world.post_xa_mat.path)


@pytest.mark.parametrize(("days", "granted"), [(1, True), (0, False)])
def test_a_closure_takes_effect_on_its_date(world: World, days: int, granted: bool) -> None:
    """Closing from tomorrow keeps today's access; closing from today ends it today."""
    team = org_unit("Tổ công tác", parent=world.post_xa_mat)
    clerk = world.user(Role.CLERK, team)
    unit_close(unit=team, on_date=_today() + dt.timedelta(days=days), acting_user=SYSTEM)
    assert build_scope(clerk).covers(Capability.EDIT, team.path) is granted
