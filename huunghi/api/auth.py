"""How API callers prove who they are: a personal token or the browser session.

``Authorization: Bearer hn_…`` tokens are checked by
:func:`huunghi.accounts.services.api_token_authenticate` (revoked tokens and inactive
accounts fail). The session works for pages that call the API from the browser;
unsafe methods then need the CSRF token, as on any form.
"""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from huunghi.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """A personal API token sent as a bearer token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token.strip())
        if user is None:
            return None
        request.user = user
        return user


class SessionCsrfAuth(SessionAuth):
    """The signed-in browser session; CSRF is checked for unsafe methods."""

    def __init__(self) -> None:
        super().__init__(csrf=True)


def api_auth() -> list[Any]:
    """The authentication methods every endpoint accepts, tokens first."""
    return [TokenAuth(), SessionCsrfAuth()]


def acting_user(request: HttpRequest) -> Any:
    """The authenticated user of an API request."""
    return getattr(request, "auth", None) or request.user
