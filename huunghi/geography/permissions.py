"""Access policy for the border marker registry.

Markers are public reference objects: every signed-in account (counterparts included)
reads an approved marker. A marker being entered or changed (draft, submitted,
returned) is read only inside the managing unit's subtree, and only the managing
border post's subtree edits it; approval needs an approver of a strict ancestor, as
for every record (:mod:`huunghi.core.workflow`).
"""

from __future__ import annotations

from django.db.models import Q

from huunghi.accounts.scope import Capability, Scope, scope_for
from huunghi.accounts.types import Actor
from huunghi.core.models import Status
from huunghi.core.policy import UnitScopedPolicy
from huunghi.geography.models import BorderMarker


class MarkerPolicy(UnitScopedPolicy[BorderMarker]):
    model = BorderMarker
    unit_field = "unit"

    @classmethod
    def extra_visibility(cls, scope: Scope) -> Q | None:
        """Approved markers are reference data every account reads."""
        return Q(status=Status.APPROVED)

    @classmethod
    def _covers(cls, user: Actor, obj: BorderMarker, capability: Capability, strict: bool) -> bool:
        scope = scope_for(user)
        if obj.unit_id is None:
            return scope.is_global
        path = cls.unit_path_of(obj)
        return scope.covers_strictly(capability, path) if strict else scope.covers(capability, path)

    @classmethod
    def can_edit(cls, user: Actor, obj: BorderMarker) -> bool:
        return cls._covers(user, obj, Capability.EDIT, strict=False)

    @classmethod
    def can_approve(cls, user: Actor, obj: BorderMarker) -> bool:
        return cls._covers(user, obj, Capability.APPROVE, strict=True)

    @classmethod
    def can_manage(cls, user: Actor, obj: BorderMarker) -> bool:
        return cls._covers(user, obj, Capability.MANAGE, strict=False)

    @classmethod
    def can_create_any(cls, user: Actor) -> bool:
        return scope_for(user).has_any(Capability.EDIT)

    @classmethod
    def can_change(cls, user: Actor, obj: BorderMarker) -> bool:
        """Whether the edit form opens now (a submitted entry waits for its approver)."""
        return obj.status != Status.SUBMITTED and cls.can_edit(user, obj)
