"""Who may see and act on obligations, submitted reports and counterpart copies.

- An obligation is visible to whoever may view its unit's subtree, and to the units it
  applies to (a post sees the obligation its province set); it is set and changed by a
  unit administrator of that unit (or above).
- A submission is visible to whoever may view the reporting unit (the unit itself and
  every superior, so the parent's inbox too); it is sent by someone who may issue the
  unit's report, and acknowledged or returned by an approver at the recipient or above.
- A counterpart copy is visible to the sending side and to the counterpart unit; the
  counterpart never sees the submission or the report behind it.
"""

from __future__ import annotations

from django.db.models import Q

from huunghi.accounts.scope import Capability, Scope, scope_for
from huunghi.accounts.types import Actor
from huunghi.core.policy import UnitScopedPolicy
from huunghi.cycle.models import CounterpartCopy, Obligation, Submission
from huunghi.organisations.models import PATH_SEGMENT_WIDTH, Unit


def ancestor_paths(path: str) -> list[str]:
    """``path`` and the paths of all its ancestors."""
    step = PATH_SEGMENT_WIDTH + 1
    return [path[: i + step] for i in range(0, len(path), step)]


class ObligationPolicy(UnitScopedPolicy[Obligation]):
    model = Obligation
    unit_field = "unit"

    @classmethod
    def extra_visibility(cls, scope: Scope) -> Q | None:
        """Obligations set above the reader's units (they apply to them)."""
        paths = scope.paths.get(Capability.VIEW, ())
        above = sorted({p for path in paths for p in ancestor_paths(path)})
        return Q(unit__path__in=above) if above else None

    @classmethod
    def can_edit(cls, user: Actor, obj: Obligation) -> bool:
        return cls.can_manage(user, obj)

    @classmethod
    def can_set_in(cls, user: Actor, unit: Unit) -> bool:
        return scope_for(user).covers(Capability.MANAGE, unit.path)


class SubmissionPolicy(UnitScopedPolicy[Submission]):
    model = Submission
    unit_field = "unit"

    @classmethod
    def can_send_for(cls, user: Actor, unit: Unit) -> bool:
        """Issuing and sending a unit's report: an approver or unit admin at it or above."""
        scope = scope_for(user)
        return scope.covers(Capability.APPROVE, unit.path) or scope.covers(
            Capability.MANAGE, unit.path
        )

    @classmethod
    def can_prepare_for(cls, user: Actor, unit: Unit) -> bool:
        """Drafting the report (the clerk's part)."""
        return scope_for(user).covers(Capability.EDIT, unit.path)

    @classmethod
    def can_act(cls, user: Actor, obj: Submission) -> bool:
        """Acknowledge or return: an approver at the recipient or above."""
        return scope_for(user).covers(Capability.APPROVE, obj.recipient.path)

    @classmethod
    def can_share(cls, user: Actor, obj: Submission) -> bool:
        return obj.is_received and cls.can_send_for(user, obj.unit)


class CounterpartCopyPolicy(UnitScopedPolicy[CounterpartCopy]):
    model = CounterpartCopy
    unit_field = "submission__unit"

    @classmethod
    def extra_visibility(cls, scope: Scope) -> Q | None:
        """Copies addressed to a unit inside the reader's scope."""
        if not scope.has_any(Capability.VIEW):
            return None
        return scope.unit_q(Capability.VIEW, "counterpart")
