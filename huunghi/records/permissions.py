"""Access policies for cooperation records: one per model.

Everything is owned by a reporting or responsible unit and follows the unit subtree
rules of :class:`~huunghi.core.policy.UnitScopedPolicy`. An activity is also readable
(never editable) by accounts of a counterpart unit the record is shared with: the
counterpart unit must lie inside one of the reader's subtrees.

The other side sees finished work only: a shared record becomes visible to the
counterpart once it is approved, never as a draft, submitted or returned record
(:data:`SHARED_STATUSES`). If the record is reopened it leaves their view until it is
approved again.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q

from huunghi.accounts.scope import Capability, Scope, scope_for
from huunghi.accounts.types import Actor
from huunghi.core.policy import UnitScopedPolicy
from huunghi.records.models import (
    Activity,
    ActivityCounterpart,
    Agreement,
    Facility,
    Status,
    TwinningPair,
)

SHARED_STATUSES = frozenset({Status.APPROVED})


class ActivityPolicy(UnitScopedPolicy[Activity]):
    model = Activity
    unit_field = "unit"

    @classmethod
    def extra_visibility(cls, scope: Scope) -> Q | None:
        """Approved records shared with a counterpart unit inside the reader's view subtrees."""
        if not scope.has_any(Capability.VIEW):
            return None
        shared = ActivityCounterpart.objects.filter(
            scope.unit_q(Capability.VIEW, "unit"), shared=True
        ).values("activity_id")
        # An uncorrelated IN list: evaluated once, not once per scanned row.
        return Q(pk__in=shared, status__in=SHARED_STATUSES)

    @classmethod
    def visibility_by_units(cls, unit_ids: Any) -> tuple[Q, Q]:
        """:meth:`visibility_q` of a (not global) scope given as the ids of its units, a
        list or a subquery of ids: the records of those units, and the approved records
        shared with one of them. Either part makes a record visible; a list reads each
        part through its own index (the status is checked inside the subquery, so that
        SQLite does not walk every approved record by the status index)."""
        shared = ActivityCounterpart.objects.filter(
            unit_id__in=unit_ids, shared=True, activity__status__in=SHARED_STATUSES
        )
        return Q(unit_id__in=unit_ids), Q(pk__in=shared.values("activity_id"))

    @classmethod
    def can_create_any(cls, user: Actor) -> bool:
        """Whether the user may report for at least one unit."""
        return scope_for(user).has_any(Capability.EDIT)

    @classmethod
    def can_approve_any(cls, user: Actor) -> bool:
        return scope_for(user).has_any(Capability.APPROVE)

    @classmethod
    def can_change(cls, user: Actor, obj: Activity) -> bool:
        """Whether the user may open the edit form now (a submitted record is waiting)."""
        return obj.status != Status.SUBMITTED and cls.can_edit(user, obj)

    @classmethod
    def can_submit(cls, user: Actor, obj: Activity) -> bool:
        return obj.status in {Status.DRAFT, Status.RETURNED} and cls.can_edit(user, obj)

    @classmethod
    def can_decide(cls, user: Actor, obj: Activity) -> bool:
        """Whether the user may approve or return the record now."""
        return obj.status == Status.SUBMITTED and cls.can_approve(user, obj)

    @classmethod
    def can_reopen(cls, user: Actor, obj: Activity) -> bool:
        return obj.status == Status.APPROVED and cls.can_edit(user, obj)


class RegistryPolicy[M: Model](UnitScopedPolicy[M]):
    """Registries belong to a responsible unit; creating needs edit rights somewhere."""

    unit_field = "unit"

    @classmethod
    def can_create_any(cls, user: Actor) -> bool:
        return scope_for(user).has_any(Capability.EDIT)


class TwinningPairPolicy(RegistryPolicy[TwinningPair]):
    model = TwinningPair


class FacilityPolicy(RegistryPolicy[Facility]):
    model = Facility


class AgreementPolicy(RegistryPolicy[Agreement]):
    model = Agreement
