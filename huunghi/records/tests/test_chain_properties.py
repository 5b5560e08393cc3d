"""Property: for random unit trees and memberships, the workflow SERVICE (not a view)
lets a user approve or return a submitted record iff the user holds APPROVE at a
strict ancestor of the record's unit (or is a system administrator). An approver at
the record's own unit, a clerk, a viewer and an outsider are all refused.

Checked for an activity (``status``) and a facility (``record_status``), so both
kinds of approval fields go through the same rule. The oracle walks parent links.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from hypothesis import HealthCheck, given, settings

from huunghi.accounts.scope import Capability
from huunghi.core.models import Status
from huunghi.records.models import Activity, Facility
from huunghi.records.services.workflow import record_approve, record_return
from huunghi.records.tests.test_access_properties import (
    _ancestors,
    _build,
    _holds,
    _is_admin,
    worlds,
)

ACCEPTED, REFUSED = "accepted", "refused"


def _attempt(move, **kwargs) -> str:
    """Try a move and undo it, whatever happened."""
    with transaction.atomic():
        try:
            move(**kwargs)
        except PermissionDenied:
            outcome = REFUSED
        else:
            outcome = ACCEPTED
        transaction.set_rollback(True)
    return outcome


def _submitted_records(activities: list[Activity]) -> list[tuple[int, Any]]:
    """Each activity submitted, and a submitted facility of the same unit beside it."""
    Activity.objects.filter(pk__in=[a.pk for a in activities]).update(status=Status.SUBMITTED)
    pairs = []
    for activity in Activity.objects.filter(pk__in=[a.pk for a in activities]).order_by("pk"):
        facility = Facility.objects.create(
            name=f"F{activity.pk}",
            kind="clinic",
            unit=activity.unit,
            record_status=Status.SUBMITTED,
        )
        pairs.extend([(activity.unit_id, activity), (activity.unit_id, facility)])
    return pairs


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=worlds())
def test_only_a_strict_ancestor_approver_decides(db, case):
    parents, root_country, users, memberships, records = case
    with transaction.atomic():
        accounts, activities = _build(parents, root_country, users, memberships, records)
        unit_index = {
            a.unit_id: i for a, (i, _cps, _status) in zip(activities, records, strict=True)
        }
        for unit_id, record in _submitted_records(activities):
            line = _ancestors(parents, unit_index[unit_id])
            for u, account in enumerate(accounts):
                decides = _is_admin(memberships, u) or _holds(
                    memberships, u, Capability.APPROVE, line[1:]
                )
                expected = ACCEPTED if decides else REFUSED
                returned = _attempt(record_return, record=record, acting_user=account, reason="r")
                approved = _attempt(record_approve, record=record, acting_user=account)
                assert (returned, approved) == (expected, expected), (u, record)
        transaction.set_rollback(True)
