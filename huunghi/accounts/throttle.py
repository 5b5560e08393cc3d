"""Sign-in throttling beyond django-axes' per username-and-address lock.

- **Per address, across usernames**: an address with :data:`ADDRESS_LIMIT` failures in
  :data:`WINDOW` is refused for every username, so guessing many accounts is slowed.
- **Known devices**: a browser that signed in to an account gets a signed device cookie.
  Failures by strangers at the same address (one office behind NAT) neither lock nor slow
  that device: its attempts skip the axes lock and the address limit and are counted per
  device instead (:data:`DEVICE_LIMIT`), so a stolen cookie buys no unlimited guesses.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from huunghi.accounts.models import SignInFailure

WINDOW = dt.timedelta(minutes=15)
ADDRESS_LIMIT = 20
DEVICE_LIMIT = 10
DEVICE_COOKIE = "hn_device"
DEVICE_SALT = "huunghi.accounts.device"
DEVICE_MAX_AGE = 365 * 24 * 3600


def _address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def known_device(request: HttpRequest, username: str) -> str:
    """The device id of a valid device cookie issued for ``username`` ("" if none)."""
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    try:
        data = signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return ""
    if not isinstance(data, dict) or data.get("username", "").lower() != username.lower():
        return ""
    return str(data.get("device", ""))


def _recent(**lookup: Any) -> int:
    return SignInFailure.objects.filter(at__gte=timezone.now() - WINDOW, **lookup).count()


def is_blocked(request: HttpRequest, username: str) -> bool:
    """True while this attempt must be refused before the password is even checked."""
    device = known_device(request, username)
    if device:
        return _recent(device=device) >= DEVICE_LIMIT
    return _recent(address=_address(request), device="") >= ADDRESS_LIMIT


def record_failure(request: HttpRequest, username: str) -> None:
    """Count one failed attempt (and forget failures older than the window)."""
    SignInFailure.objects.filter(at__lt=timezone.now() - WINDOW).delete()
    SignInFailure.objects.create(
        address=_address(request),
        username=username[:150],
        device=known_device(request, username),
    )


def remember_device(request: HttpRequest, response: HttpResponse, username: str) -> None:
    """After a successful sign-in, mark this browser as a known device of ``username``."""
    device = known_device(request, username) or secrets.token_hex(16)
    value = signing.dumps({"username": username, "device": device}, salt=DEVICE_SALT)
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def axes_skips(request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
    """``AXES_WHITELIST_CALLABLE``: a known device is throttled here, not by the axes lock."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))
    return bool(username) and bool(known_device(request, username))
