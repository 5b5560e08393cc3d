"""What a signed-in user may see and do: the one access policy every page, API call,
export and report goes through.

A membership gives a role at a unit and covers the unit's whole subtree (its
materialized path is a prefix). Capabilities are derived from roles:

=============  ======  =====  =======  ======
role           view    edit   approve  manage
=============  ======  =====  =======  ======
viewer         yes
data clerk     yes     yes
approver       yes     yes    yes
unit admin     yes     yes             yes
system admin   all     all    all      all
=============  ======  =====  =======  ======

Approval needs a *strict* ancestor: a provincial approver approves the posts'
records, the national approver approves the province's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q

from huunghi.accounts.models import Membership, Role

if TYPE_CHECKING:
    from huunghi.accounts.models import User


class Capability(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    APPROVE = "approve"
    MANAGE = "manage"


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.VIEWER: frozenset({Capability.VIEW}),
    Role.CLERK: frozenset({Capability.VIEW, Capability.EDIT}),
    Role.APPROVER: frozenset({Capability.VIEW, Capability.EDIT, Capability.APPROVE}),
    Role.UNIT_ADMIN: frozenset({Capability.VIEW, Capability.EDIT, Capability.MANAGE}),
    Role.SYSTEM_ADMIN: frozenset(Capability),
}


@dataclass(frozen=True)
class Scope:
    """The unit subtrees in which a user holds each capability."""

    user_id: int | None
    is_global: bool = False
    paths: dict[Capability, tuple[str, ...]] = field(default_factory=dict)
    unit_ids: frozenset[int] = frozenset()
    country_codes: frozenset[str] = frozenset()

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    def has_any(self, capability: Capability) -> bool:
        """Whether the user holds ``capability`` anywhere."""
        return self.is_global or bool(self.paths.get(capability))

    def covers(self, capability: Capability, unit_path: str) -> bool:
        """Whether ``capability`` reaches the unit with ``unit_path``."""
        if self.is_global:
            return True
        return any(unit_path.startswith(p) for p in self.paths.get(capability, ()))

    def covers_strictly(self, capability: Capability, unit_path: str) -> bool:
        """Whether ``capability`` is held at a strict ancestor of the unit."""
        if self.is_global:
            return True
        return any(
            unit_path.startswith(p) and unit_path != p for p in self.paths.get(capability, ())
        )

    def unit_q(self, capability: Capability, unit_field: str = "unit") -> Q:
        """A filter keeping rows whose ``unit_field`` lies inside the scope.

        ``unit_field=""`` filters units themselves.
        """
        if self.is_global:
            return Q()
        prefixes = self.paths.get(capability, ())
        if not prefixes:
            return Q(pk__in=[])
        lookup = f"{unit_field}__path__startswith" if unit_field else "path__startswith"
        query = Q()
        for prefix in prefixes:
            query |= Q(**{lookup: prefix})
        return query

    def own_unit_paths(self) -> tuple[str, ...]:
        """Paths where the user has any membership (for counterpart sharing)."""
        return self.paths.get(Capability.VIEW, ())


ANONYMOUS_SCOPE = Scope(user_id=None)


def _minimal_prefixes(paths: set[str]) -> tuple[str, ...]:
    """Drop paths already covered by an ancestor path in the set."""
    result: list[str] = []
    for path in sorted(paths):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return tuple(result)


def build_scope(user: User | None) -> Scope:
    """Compute a user's scope from their memberships (one query)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS_SCOPE
    rows = Membership.objects.filter(user_id=user.pk, unit__valid_to__isnull=True).values_list(
        "role", "unit_id", "unit__path", "unit__country__code"
    )
    by_capability: dict[Capability, set[str]] = {c: set() for c in Capability}
    unit_ids: set[int] = set()
    countries: set[str] = set()
    is_global = user.is_superuser
    for role, unit_id, path, country in rows:
        unit_ids.add(unit_id)
        countries.add(country)
        if role == Role.SYSTEM_ADMIN:
            is_global = True
        for capability in ROLE_CAPABILITIES[role]:
            by_capability[capability].add(path)
    return Scope(
        user_id=user.pk,
        is_global=is_global,
        paths={c: _minimal_prefixes(p) for c, p in by_capability.items() if p},
        unit_ids=frozenset(unit_ids),
        country_codes=frozenset(countries),
    )


def scope_for(user: User | object | None) -> Scope:
    """The user's scope, computed once per user object (i.e. once per request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS_SCOPE
    cached: Scope | None = getattr(user, "_huunghi_scope", None)
    if cached is None:
        cached = build_scope(user)  # type: ignore[arg-type]
        setattr(user, "_huunghi_scope", cached)  # noqa: B010 - per-request cache on the user
    return cached


def forget_scope(user: object) -> None:
    """Drop the cached scope after memberships change."""
    if hasattr(user, "_huunghi_scope"):
        del user._huunghi_scope  # type: ignore[attr-defined]
