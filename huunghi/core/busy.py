"""A busy database is a "try again", never a server error.

On SQLite one connection writes at a time; a writer waits up to the busy timeout
(``settings.DATABASES[...]["OPTIONS"]["timeout"]``) and then fails with "database is
locked". On PostgreSQL a lock or statement timeout fails the same way. Either is
answered with 503 and ``Retry-After``: JSON for the API, and for pages a form that
sends the user's input again (passwords and files excepted) with one click.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

BUSY_MARKERS = (
    "database is locked",
    "database table is locked",
    "database is busy",
    "lock timeout",
    "could not obtain lock",
    "deadlock detected",
)
RETRY_AFTER_SECONDS = 2
NOT_RESENT = ("csrfmiddlewaretoken", "password")


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` says the database was busy (not that the query was wrong)."""
    if not isinstance(exc, OperationalError):
        return False
    text = str(exc).lower()
    return any(marker in text for marker in BUSY_MARKERS)


def busy_response(request: HttpRequest) -> HttpResponse:
    """503 with ``Retry-After``: JSON for API callers, else a page that keeps the input."""
    message = _("The database is busy; nothing was saved. Try again in a few seconds.")
    if _wants_json(request):
        response: HttpResponse = JsonResponse({"detail": message, "busy": True}, status=503)
    else:
        context = {"message": message, "fields": resendable(request), "method": request.method}
        response = render(request, "core/busy.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def resendable(request: HttpRequest) -> list[tuple[str, str]]:
    """The posted fields to send again (no CSRF token, passwords or files)."""
    if request.method != "POST":
        return []
    return [
        (name, value)
        for name, values in request.POST.lists()
        if not any(word in name.lower() for word in NOT_RESENT)
        for value in values
    ]


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


class DatabaseBusyMiddleware:
    """Turns a busy-database error raised by a view into :func:`busy_response`."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)  # type: ignore[no-any-return]

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        if not is_busy(exception):
            return None
        logger.warning("Database busy on %s %s: %s", request.method, request.path, exception)
        return busy_response(request)
