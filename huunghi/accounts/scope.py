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

import datetime as dt
import os
import threading
import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from huunghi.accounts.models import Membership, Role
from huunghi.core.actors import is_signed_in

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


def in_force_memberships(day: dt.date | None = None) -> Q:
    """Memberships that grant access on ``day`` (today): their unit is still in force.

    The policy for closed and merged units: a membership ends with its unit (``valid_to``
    is the first day the unit no longer exists). It does not pass to a merged unit's
    successor: rights there are granted anew by the successor's administrators.
    """
    day = day or timezone.localdate()
    return Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gt=day)


def build_scope(user: User | None) -> Scope:
    """Compute a user's scope from their memberships (one query)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS_SCOPE
    rows = Membership.objects.filter(in_force_memberships(), user_id=user.pk).values_list(
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


# --- caching ------------------------------------------------------------------------------
# A scope is cached twice: on the user object (once per request) and in a per-process
# table keyed by user, reused by later requests until memberships or the unit tree
# change. Every such change bumps a generation: the modification time of a small file in
# VAR_DIR, so that every server process on the machine (and every machine sharing VAR_DIR)
# sees it with one ``stat``. The key also holds the user's own flags and join time, so a
# deactivated account or a new account that reuses an id never meets a stale entry.

_PROCESS_CACHE: dict[tuple[Any, ...], Scope] = {}
_PROCESS_CACHE_LIMIT = 20_000
_LOCK = threading.Lock()


def _generation_path() -> Path:
    return Path(settings.VAR_DIR) / "scope-generation"


def scope_generation() -> int:
    """The current generation of memberships and unit paths (0 before any change)."""
    try:
        return _generation_path().stat().st_mtime_ns
    except OSError:
        return 0


def scopes_changed() -> None:
    """Memberships or unit paths changed: cached scopes in every process are dropped.

    Bumped at once and again after the commit, so that no process caches a scope read
    between the two under the new generation.
    """
    _bump_generation()
    transaction.on_commit(_bump_generation)


def _bump_generation() -> None:
    path = _generation_path()
    with _LOCK:
        stamp = max(time.time_ns(), scope_generation() + 1_000)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
            os.utime(path, ns=(stamp, stamp))
        except OSError:
            _PROCESS_CACHE.clear()  # no shared file: at least this process forgets
        else:
            _PROCESS_CACHE.clear()


def _cache_key(user: User) -> tuple[Any, ...]:
    return (
        scope_generation(),
        timezone.localdate(),
        user.pk,
        user.is_active,
        user.is_superuser,
        getattr(user, "date_joined", None),
    )


def scope_for(user: User | object | None) -> Scope:
    """The user's scope: once per user object (request), and from the process cache
    while memberships and the unit tree are unchanged."""
    if not is_signed_in(user):
        return ANONYMOUS_SCOPE
    cached: Scope | None = getattr(user, "_huunghi_scope", None)
    if cached is None:
        cached = _cached_build(user)
        setattr(user, "_huunghi_scope", cached)  # noqa: B010 - per-request cache on the user
    return cached


def _cached_build(user: User) -> Scope:
    key = _cache_key(user)
    found = _PROCESS_CACHE.get(key)
    if found is None:
        found = build_scope(user)
        with _LOCK:
            if len(_PROCESS_CACHE) >= _PROCESS_CACHE_LIMIT:
                _PROCESS_CACHE.clear()
            _PROCESS_CACHE[key] = found
    return found


def forget_scope(user: object) -> None:
    """Drop the cached scope after memberships change (here and in every process)."""
    if hasattr(user, "_huunghi_scope"):
        del user._huunghi_scope  # type: ignore[attr-defined]
    scopes_changed()
