"""Reads that may lag go to a PostgreSQL hot standby; everything else to the primary.

``DATABASES["replica"]`` exists only when ``HUUNGHI_REPLICA_URL`` is set (a streaming
standby, e.g. ``scripts/pg.sh standby start``). The rules:

- Writes, migrations and every read outside a :func:`standby_reads` view go to the
  primary (``default``).
- Inside a view decorated with :func:`standby_reads` (dashboard, its data and CSV, the
  export), reads go to the standby, except
  * when the request itself changes something (POST…) or carries the "recent writer"
    cookie: :class:`PrimaryPinMiddleware` sets it for ``HUUNGHI_REPLICA_PIN_SECONDS`` after
    any request that wrote, so a user's own reads right after a write see that write;
  * inside a transaction on the primary, and for sessions, sign-in throttling and the
    task queue;
  * when the standby is down or lags more than ``HUUNGHI_REPLICA_MAX_LAG_SECONDS`` (checked
    at most every ``HUUNGHI_REPLICA_CHECK_SECONDS`` per process: one query on each server).
- A standby that dies in the middle of a request costs no request: the view runs again
  on the primary (it only read), and the standby is left alone until the next check.
- Background jobs (exports, review reports) read through :func:`job_reads`: the same
  rules, and the standby only once it has replayed everything the primary held when the
  job began reading (what the requester wrote before asking is in the file). The job's own
  bookkeeping (its row, progress) is written to the primary without pinning its reads.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import Error as DbError  # DatabaseError and InterfaceError
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "hn_primary"
# Read from the primary even in a standby view: their freshness decides who is signed in.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "django_tasks_db", "admin"})
# Writes that do not make a user's next page read from the primary.
UNPINNING_WRITE_APPS = frozenset({"sessions", "axes"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def pin_seconds() -> float:
    return _setting("HUUNGHI_REPLICA_PIN_SECONDS", 15.0)


@dataclass
class ReadState:
    """What the current request allows and did (one per request, mutable)."""

    pinned: bool = False
    standby: bool = False
    used_replica: bool = False
    wrote: bool = False
    # Models (``app_label.modelname``) whose writes do not pin the reads to the primary:
    # a background job's own row and progress, which its reads never look at.
    bookkeeping: frozenset[str] = frozenset()


_state: contextvars.ContextVar[ReadState | None] = contextvars.ContextVar(
    "huunghi_read_state", default=None
)


def current_state() -> ReadState | None:
    return _state.get()


# --- the standby's health, checked at most every few seconds per process ---------------

_health_lock = threading.Lock()
_health = {"checked": -1e9, "usable": False}


def replica_configured() -> bool:
    return REPLICA in connections.settings


def mark_replica_down() -> None:
    """Stop using the standby until the next check (it failed under a query)."""
    with _health_lock:
        _health.update(checked=time.monotonic(), usable=False)
    with suppress(DbError):
        connections[REPLICA].close()


def forget_health() -> None:
    """Check the standby again at the next read (tests, after starting it)."""
    with _health_lock:
        _health.update(checked=-1e9, usable=False)


def replica_usable() -> bool:
    """Whether the standby answers and replays within the allowed lag (cached)."""
    if not replica_configured():
        return False
    every = _setting("HUUNGHI_REPLICA_CHECK_SECONDS", 2.0)
    with _health_lock:
        if time.monotonic() - _health["checked"] < every:
            return bool(_health["usable"])
    usable = _probe()
    with _health_lock:
        _health.update(checked=time.monotonic(), usable=usable)
    return usable


def _probe() -> bool:
    replica = connections[REPLICA]
    if replica.vendor != "postgresql" or connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        return False
    try:
        with replica.cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
                " EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())"
            )
            in_recovery, replayed, age = cursor.fetchone()
        if not in_recovery or replayed is None:
            return False  # not a standby (or promoted): its data would not follow ours
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            # The insert position (see _replayed_primary_position).
            cursor.execute("SELECT pg_current_wal_insert_lsn() <= %s::pg_lsn", [replayed])
            (caught_up,) = cursor.fetchone()
    except DbError:
        logger.warning("The standby is not answering; reading from the primary", exc_info=True)
        with suppress(DbError):
            replica.close()
        return False
    max_lag = _setting("HUUNGHI_REPLICA_MAX_LAG_SECONDS", 5.0)
    return bool(caught_up) or (age is not None and float(age) <= max_lag)


# --- the router ---------------------------------------------------------------------


class PrimaryReplicaRouter:
    """``DATABASE_ROUTERS`` entry: see the module docstring for the rules."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        state = _state.get()
        if (
            state is None
            or not state.standby
            or state.pinned
            or state.wrote
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
            or not replica_usable()
        ):
            return DEFAULT_DB_ALIAS
        state.used_replica = True
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        state = _state.get()
        if (
            state is not None
            and model._meta.app_label not in UNPINNING_WRITE_APPS
            and model._meta.label_lower not in state.bookkeeping
        ):
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


# --- marking reads that may lag -------------------------------------------------------


@contextmanager
def reads_from_standby(bookkeeping: Iterable[str] = ()) -> Iterator[ReadState]:
    """Within the block, reads may come from the standby (see the rules above)."""
    outer = _state.get()
    state = ReadState(
        pinned=bool(outer and (outer.pinned or outer.wrote)),
        standby=True,
        bookkeeping=frozenset(label.lower() for label in bookkeeping),
    )
    token = _state.set(state)
    try:
        yield state
    finally:
        _state.reset(token)
        if outer is not None:
            outer.wrote = outer.wrote or state.wrote
            outer.used_replica = outer.used_replica or state.used_replica


def standby_reads[V: Callable[..., HttpResponse]](view: V) -> V:
    """Decorate a view that only reads: its reads may come from the standby.

    When the standby fails under the view, the view runs once more on the primary.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with reads_from_standby() as state:
            try:
                return view(request, *args, **kwargs)
            except DbError:
                if not state.used_replica or state.wrote:
                    raise
                logger.warning("The standby failed under a request; reading again from the primary")
                mark_replica_down()
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def job_reads[T](read: Callable[[], T], *, bookkeeping: Iterable[str] = ()) -> T:
    """``read()`` for a background job, its reads from the standby when it may answer.

    The standby answers when it is usable (as for :func:`standby_reads`) and has replayed
    the primary's WAL as it stood when the job began reading, waited for at most
    ``HUUNGHI_REPLICA_MAX_LAG_SECONDS``; otherwise, and when it fails under ``read``,
    the primary does (``read`` runs again). Writes to the ``bookkeeping`` models
    (``"app_label.ModelName"``) go to the primary without pinning; any other write pins
    the rest of ``read`` to the primary, as in a view.
    """
    with reads_from_standby(bookkeeping) as state:
        state.standby = replica_usable() and _replayed_primary_position()
        try:
            return read()
        except DbError:
            if not state.used_replica or state.wrote:
                raise
            logger.warning(
                "The standby failed under a background job; reading again from the primary"
            )
            mark_replica_down()
    return read()


def _replayed_primary_position() -> bool:
    """Whether the standby replays the primary's current WAL position within the allowed
    lag (polled; nothing written since the job started is missing from it then)."""
    deadline = time.monotonic() + _setting("HUUNGHI_REPLICA_MAX_LAG_SECONDS", 5.0)
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            # The insert position: with synchronous_commit off a commit may not be
            # written yet, and pg_current_wal_lsn() (the write position) would miss it.
            cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
            (target,) = cursor.fetchone()
        while True:
            with connections[REPLICA].cursor() as cursor:
                cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
                (replayed,) = cursor.fetchone()
            if replayed or time.monotonic() >= deadline:
                return bool(replayed)
            time.sleep(0.02)
    except DbError:
        logger.warning("The standby is not answering; the job reads the primary", exc_info=True)
        mark_replica_down()
        return False


# --- the recent writer's pin ------------------------------------------------------------


def _pinned_by_cookie(request: HttpRequest) -> bool:
    try:
        wrote_at = float(request.COOKIES.get(PIN_COOKIE, ""))
    except ValueError:
        return False
    return abs(time.time() - wrote_at) < pin_seconds()  # tolerates skew between hosts


class PrimaryPinMiddleware:
    """A request that writes, and the same browser's requests for a few seconds after,
    read from the primary (the ``hn_primary`` cookie holds the time of the last write)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = ReadState(pinned=request.method in UNSAFE_METHODS or _pinned_by_cookie(request))
        token = _state.set(state)
        try:
            response = self.get_response(request)
        finally:
            _state.reset(token)
        if state.wrote and replica_configured():
            response.set_cookie(
                PIN_COOKIE,
                f"{time.time():.3f}",
                max_age=int(pin_seconds()) + 1,
                httponly=True,
                samesite="Lax",
                secure=bool(getattr(settings, "SESSION_COOKIE_SECURE", False)),
            )
        return response
