"""Who performs a write: a signed-in user, or the system itself, said explicitly.

Every service authorises its own writes. Loaders, demo data and migrations act as
:data:`SYSTEM`; passing ``None`` as the acting user is refused, so a forgotten argument
can never skip the policy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, TypeGuard

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from huunghi.accounts.models import User
    from huunghi.accounts.types import Actor


class SystemActor:
    """The system itself (management commands, loaders, demo data): no account, no scope."""

    pk = None
    is_authenticated = False
    username = "system"

    def __str__(self) -> str:
        return "system"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = SystemActor()


def is_system(actor: object) -> bool:
    return actor is SYSTEM


def authorize(acting_user: Actor | None, allowed: Callable[[Any], bool], message: str = "") -> None:
    """Refuse the write unless ``acting_user`` is :data:`SYSTEM` or ``allowed(acting_user)``."""
    if is_system(acting_user):
        return
    if acting_user is None:
        raise PermissionDenied(_("No acting user was given for this change."))
    if not getattr(acting_user, "is_authenticated", False) or not allowed(acting_user):
        raise PermissionDenied(message or _("You may not do this."))


def is_signed_in(actor: object) -> TypeGuard[User]:
    """Whether ``actor`` is a signed-in account (not the system, not anonymous, not None)."""
    return not is_system(actor) and getattr(actor, "is_authenticated", False) is True


def as_user(actor: Actor | None) -> User | None:
    """The account to store in a ``created_by``-style field: ``None`` for the system and
    for anyone not signed in (whose write the policy then refuses)."""
    return actor if is_signed_in(actor) else None
