"""The types of who reads and who writes, for annotations instead of ``Any``.

- :data:`Reader`: whoever a selector or view scopes for: a signed-in user, or anonymous
  (who sees nothing). This is what ``request.user`` is.
- :data:`Actor`: whoever a service, policy or workflow step is handed as the acting
  user: ``request.user`` (a signed-in user or, honestly, anonymous: views pass
  ``request.user`` straight through and :func:`huunghi.core.actors.authorize` refuses the
  anonymous at run time, so the type must admit it), or the system itself
  (:data:`huunghi.core.actors.SYSTEM`, for loaders, demo data and commands). Policies
  (``can_edit``/``can_approve``/...) take an ``Actor`` too, because the workflow asks them
  about whoever performs the step, the system included; they answer through
  :func:`huunghi.accounts.scope.scope_for`, which gives the system and the anonymous the
  empty scope.
- :class:`AuthenticatedRequest`: a request behind ``login_required`` (``user: User``).

``Reader`` is a subset of ``Actor``: a helper that may receive the system takes ``Actor``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huunghi.accounts.models import User
    from huunghi.core.actors import SystemActor

type Reader = User | AnonymousUser
type Actor = User | AnonymousUser | SystemActor


class AuthenticatedRequest(HttpRequest):
    """A request whose user has signed in (the views behind ``login_required``)."""

    user: User
