"""How API callers prove who they are: a personal token or the browser session.

``Authorization: Bearer hn_…`` tokens are checked by
:func:`huunghi.accounts.services.api_token_authenticate` (revoked tokens and inactive
accounts fail). The session works for pages that call the API from the browser;
unsafe methods then need the CSRF token, as on any form.
"""

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth
from ninja.security.base import AuthBase

from huunghi.accounts.models import ApiToken, User
from huunghi.accounts.services import api_token_find, api_token_record_use

logger = logging.getLogger(__name__)

# Token use is recorded at most once a minute per token and never by the request itself:
# on SQLite a write waits for the database's one write lock, and a read-only API call
# must not wait for an import. A single background thread writes ``last_used_at``.
RECORD_EVERY_SECONDS = 60.0
_recorded: dict[int, float] = {}
_recorded_lock = threading.Lock()
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="token-use")


def _submit(job: Callable[[], None]) -> None:
    if connection.in_atomic_block:
        # Inside a transaction (tests, management commands) another connection would
        # wait for it: the write joins the transaction instead.
        job()
        return
    _executor.submit(_closing_its_connection(job))


def _closing_its_connection(job: Callable[[], None]) -> Callable[[], None]:
    """``job`` for the background thread, which then closes its own connection (a job run
    inline never closes the caller's connection)."""

    def run() -> None:
        try:
            job()
        finally:
            connection.close()

    return run


# Tests replace this with a direct call.
run_in_background: Callable[[Callable[[], None]], None] = _submit


def _write_use(token_id: int) -> None:
    try:
        api_token_record_use(token_id=token_id)
    except Exception:  # a busy database only delays the next record
        logger.warning("Could not record the use of API token %s", token_id, exc_info=True)


def note_token_use(token: ApiToken, now: float | None = None) -> bool:
    """Queue a ``last_used_at`` update unless one was queued in the last minute (in this
    process) or the stored time is recent; whether one was queued."""
    now = time.monotonic() if now is None else now
    with _recorded_lock:
        last = _recorded.get(token.pk)
        if last is not None and now - last < RECORD_EVERY_SECONDS:
            return False
        _recorded[token.pk] = now
    if token.last_used_at is not None and _recent(token.last_used_at):
        return False
    run_in_background(lambda: _write_use(token.pk))
    return True


def _recent(when: dt.datetime) -> bool:
    return (timezone.now() - when).total_seconds() < RECORD_EVERY_SECONDS


class TokenAuth(HttpBearer):
    """A personal API token sent as a bearer token."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = api_token_find(token.strip())
        if found is None:
            return None
        note_token_use(found)
        request.user = found.user
        return found.user


class SessionCsrfAuth(SessionAuth):
    """The signed-in browser session; CSRF is checked for unsafe methods."""

    def __init__(self) -> None:
        super().__init__(csrf=True)


def api_auth() -> list[AuthBase]:
    """The authentication methods every endpoint accepts, tokens first."""
    return [TokenAuth(), SessionCsrfAuth()]


def acting_user(request: HttpRequest) -> User:
    """The signed-in user of an API request (every endpoint needs :func:`api_auth`).

    Both methods give a signed-in :class:`User`; anything else (an endpoint mounted
    without authentication) is refused as 401 rather than passed on as anonymous.
    """
    user = getattr(request, "auth", None) or request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise AuthenticationError()
    return user
