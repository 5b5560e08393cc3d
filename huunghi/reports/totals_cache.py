"""Totals computed once per scope and data generation, kept in each process.

Under load most readers ask the same totals again and again (a national viewer's
dashboard and its chart data), and each computation costs tens of milliseconds. A
reader's own totals are therefore kept in a per-process table keyed by what they depend
on: the reader's scope (its paths per capability, units and countries, not the user: every
national viewer shares one entry), the question asked, today's date and the language.

Freshness: every key holds the *data generation*, the modification time (ns) of a small
file in ``VAR_DIR`` that every server process on the machine sees with one ``stat``. It is
bumped inside the writer's transaction and again after its commit (so that no process
keeps a value read between the two under the new generation) by

- the in-transaction write hooks (:mod:`huunghi.core.hooks`): an activity written,
  moved through the approval chain or deleted, a unit moved, a bulk load;
- ``post_save``/``post_delete`` of every model of the apps totals are made of (records,
  figures, pupils, remains, units, places), for writers that bypass the services.

A write that bypasses both (a raw ``UPDATE``, ``bulk_update`` of reference data) is seen
within :data:`KEEP_SECONDS` at the latest, or at once after :func:`totals_changed`, which a
summary rebuild (``manage.py rebuild_summaries``) calls when it is done. With a lagging
standby (``DATABASES["replica"]``) a value computed shortly after a write may come from the
standby's older state, so nothing computed within the standby's allowed lag after the last
bump is kept.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

from huunghi.core.hooks import (
    ACTIVITIES_BULK_LOADED,
    ACTIVITIES_CREATED,
    ACTIVITY_CHANGED,
    UNIT_MOVED,
    register_write_hook,
)

HOOK_NAME = "reports.totals_cache"
_CACHE: dict[tuple[Any, ...], Any] = {}
_CACHE_LIMIT = 5_000
KEEP_SECONDS = 600
DATA_APPS = ("records", "figures", "beneficiaries", "remains", "organisations", "geography")
_LOCK = threading.Lock()


def _generation_path() -> Path:
    return Path(settings.VAR_DIR) / "totals-generation"


def totals_generation() -> int:
    """The current generation of the data totals are made of (0 before any change)."""
    try:
        return _generation_path().stat().st_mtime_ns
    except OSError:
        return 0


def totals_changed() -> None:
    """Data behind the totals changed: every process stops using what it kept.

    Bumped at once (inside the writer's transaction) and again after the commit."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    path = _generation_path()
    with _LOCK:
        stamp = max(time.time_ns(), totals_generation() + 1_000)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
            os.utime(path, ns=(stamp, stamp))
        finally:
            _CACHE.clear()


def _may_keep(generation: int) -> bool:
    """Whether a value computed now may be kept: always without a standby; with one, only
    once the last change is older than the lag the standby is allowed."""
    if "replica" not in settings.DATABASES:
        return True
    allowed = float(getattr(settings, "HUUNGHI_REPLICA_MAX_LAG_SECONDS", 5.0)) + 1.0
    return time.time_ns() - generation > allowed * 1e9


def cached[T](key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or the value kept for ``key`` under the current generation.

    A value computed inside a transaction is not kept: it may hold that transaction's
    own uncommitted writes, which a rollback would leave in the table (pages run outside
    one; the test suite runs each test inside one, so tests of the table itself use
    ``transaction=True``). Callers must not change the value they get (it is shared)."""
    generation = totals_generation()
    period = int(time.time() // KEEP_SECONDS)
    full = (generation, period, timezone.localdate(), get_language(), *key)
    found = _CACHE.get(full)
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = compute()
    if _may_keep(generation) and not transaction.get_connection().in_atomic_block:
        with _LOCK:
            if len(_CACHE) >= _CACHE_LIMIT:
                _CACHE.clear()
            _CACHE[full] = value
    return value


def forget() -> None:
    """Drop every kept value of this process (tests that empty the database)."""
    with _LOCK:
        _CACHE.clear()


def _changed(*_args: Any, **_kwargs: Any) -> None:
    totals_changed()


def scope_key(scope: Any) -> tuple[Hashable, ...] | None:
    """Everything a policy reads from ``scope`` except the user (None: anonymous)."""
    if scope.is_anonymous:
        return None
    paths = tuple(sorted((str(c), tuple(sorted(p))) for c, p in scope.paths.items()))
    return (
        scope.is_global,
        paths,
        tuple(sorted(scope.unit_ids)),
        tuple(sorted(scope.country_codes)),
    )


def register_hooks() -> None:
    """Bump the generation in every writer's transaction and on every data row written.

    Signals are connected per model (a receiver for every sender would stop Django's
    fast bulk deletes everywhere, sessions and summaries included)."""
    from django.apps import apps

    for event in (ACTIVITY_CHANGED, UNIT_MOVED, ACTIVITIES_BULK_LOADED, ACTIVITIES_CREATED):
        register_write_hook(event, HOOK_NAME, after=_changed)
    for label in DATA_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            uid = f"{HOOK_NAME}.{model._meta.label}"
            post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
            post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")
            m2m_changed.connect(_changed, sender=model, dispatch_uid=uid + ".m2m")
