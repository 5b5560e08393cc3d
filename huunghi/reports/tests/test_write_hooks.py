"""Summary upkeep reaches the records through the in-transaction write hooks.

The record and unit services import nothing from ``reports``; they announce their
writes through :mod:`huunghi.core.hooks`, and ``reports`` registers the upkeep in its
``AppConfig.ready()``. These tests prove the upkeep runs in the writer's transaction
(a rolled-back write leaves the summaries as they were) and that removing the hook is
noticed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connections, transaction

from huunghi.accounts.models import Role
from huunghi.core import hooks
from huunghi.core.actors import SYSTEM
from huunghi.core.testing import user_with_role
from huunghi.organisations.services import unit_move
from huunghi.records.models import Activity, ActivityKind, Measure
from huunghi.records.services import activities as activity_services
from huunghi.records.services.activities import QuantityIn
from huunghi.records.services.workflow import activity_approve, activity_submit
from huunghi.reports.models import ActivitySummary
from huunghi.reports.summaries import HOOK_NAME
from huunghi.reports.tests.test_summaries import rebuilt, table

pytestmark = pytest.mark.django_db


class RollbackError(Exception):
    """Raised inside a transaction to undo it."""


def _create(world, clerk, **extra):
    return activity_services.activity_create(
        acting_user=clerk,
        kind=ActivityKind.OTHER,
        unit=world.post_xa_mat,
        title="Hooked record",
        start_date=dt.date(2025, 9, 5),
        place=world.tay_ninh,
        quantities=[QuantityIn(Measure.TREES, 12)],
        **extra,
    )


@pytest.fixture
def clerk(world):
    return user_with_role(Role.CLERK, world.post_xa_mat, username="hook_clerk")


def test_reports_registers_its_upkeep_for_every_write_event():
    """Activity writes, unit moves and bulk loads each run the summary upkeep."""
    for event in (hooks.ACTIVITY_CHANGED, hooks.UNIT_MOVED, hooks.ACTIVITIES_BULK_LOADED):
        assert HOOK_NAME in hooks.registered_hooks(event)


def test_record_services_keep_the_summaries_through_the_hook(world, clerk):
    """Create, edit and approve through the services: the rows equal a rebuild."""
    approver = user_with_role(Role.APPROVER, world.bdbp_tay_ninh, username="hook_approver")
    activity = _create(world, clerk)
    assert ActivitySummary.objects.filter(unit=world.national, measure=Measure.TREES).exists()
    activity = activity_services.activity_update(
        activity=activity, acting_user=clerk, quantities=[QuantityIn(Measure.TREES, 30)]
    )
    activity_approve(
        activity=activity_submit(activity=activity, acting_user=clerk), acting_user=approver
    )
    assert table() == rebuilt()


def test_a_rolled_back_write_leaves_the_summaries_unchanged(world, clerk):
    """The upkeep runs inside the writer's transaction: undoing the write undoes it."""
    activity = _create(world, clerk)
    before = table()
    with pytest.raises(RollbackError), transaction.atomic():
        _create(world, clerk)
        activity_services.activity_update(
            activity=activity, acting_user=clerk, quantities=[QuantityIn(Measure.TREES, 99)]
        )
        assert table() != before, "the upkeep ran inside the transaction"
        raise RollbackError
    assert table() == before
    assert Activity.objects.count() == 1


def test_a_rolled_back_unit_move_leaves_the_summaries_unchanged(world, clerk):
    """Moving a post shifts its totals in the same transaction as the move."""
    _create(world, clerk)
    before = table()
    with pytest.raises(RollbackError), transaction.atomic():
        unit_move(
            unit=world.post_xa_mat,
            new_parent=world.bdbp_dong_nai,
            on_date=dt.date(2025, 1, 1),
            acting_user=SYSTEM,
        )
        assert table() != before
        raise RollbackError
    assert table() == before


def test_without_the_hook_the_summaries_fall_behind(world, clerk):
    """A deliberate break of the upkeep (the hook removed) is visible: the maintained
    rows no longer equal a rebuild. (The other summary tests fail the same way.)"""
    removed = hooks.unregister_write_hook(hooks.ACTIVITY_CHANGED, HOOK_NAME)
    try:
        _create(world, clerk)
        assert not ActivitySummary.objects.exists()
    finally:
        hooks.register_write_hook(
            hooks.ACTIVITY_CHANGED, HOOK_NAME, after=removed.after, before=removed.before
        )
    assert table() != rebuilt()


def test_hooks_refuse_to_run_outside_a_transaction(monkeypatch):
    """A writer that forgot its transaction is told so, not silently half-written.
    (The test itself runs in one: the connection is made to say it does not.)"""
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    with pytest.raises(RuntimeError, match="transaction"):
        hooks.run_write_hooks(hooks.ACTIVITY_CHANGED, None)
