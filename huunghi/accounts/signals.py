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
    """Listen to memberships, units and unit versions (a move or closure writes one).

    Models are named by label, so accounts (below the unit tree) imports nothing above it.
    """
    for label in ("accounts.Membership", "organisations.Unit", "organisations.UnitVersion"):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=label, dispatch_uid=f"scope-{label}")
