"""Base class for the per-model permission policies.

Every app's ``permissions.py`` declares one policy per model. Pages, the API,
exports and reports ask the policy, never ``Model.objects`` directly:

- ``visible(user)`` is the queryset a user may read;
- ``get_visible(user, pk)`` returns one object or raises ``Http404`` (missing
  and forbidden give the same answer);
- ``can_edit / can_approve / can_manage`` answer for one object.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from huunghi.accounts.scope import Capability, Scope, scope_for
from huunghi.accounts.types import Actor


class UnitScopedPolicy[M: Model]:
    """Policy for a model whose rows belong to one organisation unit.

    Subclasses set ``model`` and ``unit_field`` (the lookup path from the model to
    its owning :class:`~huunghi.organisations.models.Unit`), and may extend
    :meth:`extra_visibility` (e.g. records shared with counterparts).
    """

    model: ClassVar[type[Model]]
    unit_field: ClassVar[str] = "unit"

    @classmethod
    def base_queryset(cls) -> QuerySet[M]:
        return cls.model._default_manager.all()  # type: ignore[return-value]

    @classmethod
    def extra_visibility(cls, scope: Scope) -> Q | None:
        """Rows visible for a reason other than the unit subtree (None: none)."""
        return None

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        query = scope.unit_q(Capability.VIEW, cls.unit_field)
        extra = cls.extra_visibility(scope)
        if extra is not None and not scope.is_global:
            query = query | extra if scope.has_any(Capability.VIEW) else extra
        return query

    @classmethod
    def visible(cls, user: Actor) -> QuerySet[M]:
        scope = scope_for(user)
        if scope.is_anonymous:
            return cls.base_queryset().none()
        if not scope.is_global and not scope.has_any(Capability.VIEW):
            return cls.base_queryset().none()
        return cls.base_queryset().filter(cls.visibility_q(scope))

    @classmethod
    def get_visible(cls, user: Actor, pk: Any) -> M:
        try:
            return cls.visible(user).get(pk=pk)
        except (ObjectDoesNotExist, ValueError, TypeError) as exc:
            raise Http404 from exc

    @classmethod
    def unit_path_of(cls, obj: M) -> str:
        target: Any = obj
        for part in filter(None, cls.unit_field.split("__")):
            target = getattr(target, part)
        return str(target.path)

    @classmethod
    def can_view(cls, user: Actor, obj: M) -> bool:
        return cls.visible(user).filter(pk=obj.pk).exists()

    @classmethod
    def can_edit(cls, user: Actor, obj: M) -> bool:
        return scope_for(user).covers(Capability.EDIT, cls.unit_path_of(obj))

    @classmethod
    def can_approve(cls, user: Actor, obj: M) -> bool:
        return scope_for(user).covers_strictly(Capability.APPROVE, cls.unit_path_of(obj))

    @classmethod
    def can_manage(cls, user: Actor, obj: M) -> bool:
        return scope_for(user).covers(Capability.MANAGE, cls.unit_path_of(obj))

    @classmethod
    def can_create_in(cls, user: Actor, unit: Any) -> bool:
        return scope_for(user).covers(Capability.EDIT, unit.path)
