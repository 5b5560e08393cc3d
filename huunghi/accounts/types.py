"""The types of who reads and who writes, for annotations instead of ``Any``.

- :data:`Reader`: whoever a selector scopes for (a signed-in user, or anonymous, who
  sees nothing);
- :data:`Actor`: whoever performs a write (a signed-in user, or the system itself);
- :class:`AuthenticatedRequest`: a request behind ``login_required``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huunghi.accounts.models import User
    from huunghi.core.actors import SystemActor

type Reader = User | AnonymousUser
type Actor = User | SystemActor


class AuthenticatedRequest(HttpRequest):
    """A request whose user has signed in (the views behind ``login_required``)."""

    user: User
