"""In-transaction write hooks: upper layers keep derived data in step with lower ones.

A writer in a low layer (a records or unit-tree service) must not import what is built
on top of it (summaries, caches). Instead it announces its write through this registry,
inside its own transaction, and whatever registered for that event runs there too::

    with transaction.atomic():
        pending = write_started(ACTIVITY_CHANGED, activity)   # before the change
        ... save the activity, its quantities, its status ...
        pending.finish(activity)                              # None: deleted

Each hook is a pair: ``before(subject)`` captures what it needs from the stored state
(may be omitted) and ``after(captured, subject)`` applies the change. Both run in the
caller's transaction (they refuse to run outside one), so a write that rolls back
leaves no trace of its hooks either. Apps register their hooks in
``AppConfig.ready()`` with :func:`register_write_hook`; registering the same name again
replaces the hook (imports run twice in some test set-ups).

Events:

- :data:`ACTIVITY_CHANGED`: one activity was created, changed, moved in the approval
  chain or deleted (subject: the activity; ``None`` after a deletion);
- :data:`UNIT_MOVED`: a unit (and its subtree) moved under another parent (subject:
  the unit);
- :data:`ACTIVITIES_BULK_LOADED`: many activities were written without the per-record
  services (subject: ``{"synthetic": True}`` or similar; no ``before``).
- :data:`ACTIVITIES_CREATED`: many new activities were written at once, with their
  quantities and counterparts (an import's chunk; subject: the list of activities; no
  ``before``). Whatever keeps data in step with :data:`ACTIVITY_CHANGED` registers here too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

ACTIVITY_CHANGED = "activity_changed"
UNIT_MOVED = "unit_moved"
ACTIVITIES_BULK_LOADED = "activities_bulk_loaded"
ACTIVITIES_CREATED = "activities_created"

Before = Callable[[Any], Any]
After = Callable[[Any, Any], None]


@dataclass(frozen=True)
class WriteHook:
    name: str
    after: After
    before: Before | None = None


_REGISTRY: dict[str, dict[str, WriteHook]] = {}


def register_write_hook(
    event: str, name: str, *, after: After, before: Before | None = None
) -> None:
    """Run ``after`` (and ``before``) inside every writer's transaction for ``event``."""
    _REGISTRY.setdefault(event, {})[name] = WriteHook(name, after, before)


def unregister_write_hook(event: str, name: str) -> WriteHook | None:
    """Remove a hook (tests that prove a missing hook is noticed); returns it."""
    return _REGISTRY.get(event, {}).pop(name, None)


def registered_hooks(event: str) -> list[str]:
    """Names of the hooks of ``event``, in registration order."""
    return list(_REGISTRY.get(event, {}))


def _require_transaction(event: str) -> None:
    if not connection.in_atomic_block:
        raise RuntimeError(f"write hooks of {event!r} must run inside the writer's transaction")


@dataclass
class PendingWrite:
    """What each hook captured before a write, waiting for :meth:`finish`."""

    event: str
    captured: dict[str, Any] = field(default_factory=dict)

    def finish(self, subject: Any) -> None:
        """Run every hook's ``after`` with the written ``subject`` (None: deleted)."""
        _require_transaction(self.event)
        for hook in list(_REGISTRY.get(self.event, {}).values()):
            hook.after(self.captured.get(hook.name), subject)


def write_started(event: str, subject: Any) -> PendingWrite:
    """Let each hook of ``event`` capture the stored state of ``subject`` (None: new)."""
    _require_transaction(event)
    pending = PendingWrite(event)
    for hook in list(_REGISTRY.get(event, {}).values()):
        if hook.before is not None:
            pending.captured[hook.name] = hook.before(subject)
    return pending


def run_write_hooks(event: str, subject: Any) -> None:
    """A write with nothing to capture before it (a creation, a bulk load)."""
    PendingWrite(event).finish(subject)
