"""Cached scopes are dropped whenever memberships or the unit tree change.

Services call :func:`~huunghi.accounts.scope.forget_scope` themselves; these receivers
also catch changes made elsewhere (admin, loaders, tests, unit moves and closures).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from huunghi.accounts.scope import scopes_changed


def _changed(sender: Any, **kwargs: Any) -> None:
    scopes_changed()


def connect() -> None:
    """Listen to memberships, units and unit versions (a move or closure writes one)."""
    from huunghi.accounts.models import Membership
    from huunghi.organisations.models import Unit, UnitVersion

    for model in (Membership, Unit, UnitVersion):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"scope-{model.__name__}")
