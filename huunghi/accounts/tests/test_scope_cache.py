"""The scope is computed once and reused by later requests until memberships or the
unit tree change; a change made anywhere is seen by the next request."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from huunghi.accounts.models import Membership, Role, User
from huunghi.accounts.scope import Capability, scope_for
from huunghi.core.testing import World


def _fresh(user: User) -> User:
    """The same account as a new request loads it (no per-object cache)."""
    return User.objects.get(pk=user.pk)


def test_second_request_reuses_the_scope_without_a_query(world: World) -> None:
    """Two requests of one user: the second computes nothing."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    scope_for(_fresh(user))
    again = _fresh(user)
    with CaptureQueriesContext(connection) as queries:
        scope = scope_for(again)
    assert len(queries) == 0
    assert scope.covers(Capability.VIEW, world.post_xa_mat.path)


def test_new_membership_is_seen_by_the_next_request(world: World) -> None:
    """A membership added outside the services (admin, loader) still drops the cache."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    assert not scope_for(_fresh(user)).covers(Capability.VIEW, world.post_hoa_lu.path)
    Membership.objects.create(user=user, unit=world.bdbp_dong_nai, role=Role.VIEWER)
    assert scope_for(_fresh(user)).covers(Capability.VIEW, world.post_hoa_lu.path)


def test_removed_membership_is_seen_by_the_next_request(world: World) -> None:
    """Revoking takes effect at once: no stale access from the cache."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    assert scope_for(_fresh(user)).covers(Capability.VIEW, world.post_xa_mat.path)
    Membership.objects.filter(user=user).delete()
    assert not scope_for(_fresh(user)).has_any(Capability.VIEW)


def test_deactivated_account_gets_no_cached_scope(world: World) -> None:
    """The account's own flags are part of the cache key."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    scope_for(_fresh(user))
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert scope_for(_fresh(user)).is_anonymous or not scope_for(_fresh(user)).has_any(
        Capability.VIEW
    )


def test_closing_a_unit_drops_cached_scopes(world: World) -> None:
    """A unit saved (moved, closed) bumps the generation: memberships at a closed unit
    stop counting."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    assert scope_for(_fresh(user)).has_any(Capability.VIEW)
    unit = world.bdbp_tay_ninh
    unit.valid_to = dt.date(2020, 1, 1)
    unit.save()
    assert not scope_for(_fresh(user)).has_any(Capability.VIEW)
