"""Access policy for reported figures: the unit subtree, plus figures shared read-only
with a unit inside the reader's scope (e.g. a Cambodian counterpart command).

As for activities (:data:`huunghi.records.permissions.SHARED_STATUSES`), the other side
sees a shared figure only once it is approved."""

from __future__ import annotations

from django.db.models import Q

from huunghi.accounts.scope import Scope
from huunghi.accounts.types import Actor
from huunghi.core.policy import UnitScopedPolicy
from huunghi.figures.models import ReportedFigure
from huunghi.records.permissions import SHARED_STATUSES


class ReportedFigurePolicy(UnitScopedPolicy[ReportedFigure]):
    model = ReportedFigure
    unit_field = "unit"

    @classmethod
    def extra_visibility(cls, scope: Scope) -> Q | None:
        """Figures shared with any unit inside one of the reader's subtrees."""
        paths = scope.own_unit_paths()
        if not paths:
            return None
        shared = Q()
        for prefix in paths:
            shared |= Q(unit__path__startswith=prefix)
        through = ReportedFigure.shared_with.through.objects.filter(shared)
        return Q(pk__in=through.values("reportedfigure_id"), status__in=SHARED_STATUSES)

    @classmethod
    def can_edit(cls, user: Actor, obj: ReportedFigure) -> bool:
        """Superseded versions are history: nobody edits them."""
        return not obj.is_superseded and super().can_edit(user, obj)

    @classmethod
    def can_approve(cls, user: Actor, obj: ReportedFigure) -> bool:
        return not obj.is_superseded and super().can_approve(user, obj)
