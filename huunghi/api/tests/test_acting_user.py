"""``acting_user`` hands services a signed-in ``User`` or refuses the request."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.test import Client, RequestFactory
from ninja.errors import AuthenticationError

from huunghi.accounts.models import Role
from huunghi.api.auth import acting_user
from huunghi.core.actors import SYSTEM
from huunghi.core.testing import World


def _authenticated_as(request: HttpRequest, who: object) -> None:
    """What django-ninja does with the authentication method's answer."""
    setattr(request, "auth", who)  # noqa: B010  # HttpRequest declares no ``auth``


def test_token_user_is_the_acting_user(world: World) -> None:
    """The user an authentication method gave (``request.auth``) acts."""
    user = world.user(Role.CLERK, world.post_xa_mat)
    request = RequestFactory().get("/api/v1/")
    request.user = AnonymousUser()
    _authenticated_as(request, user)
    assert acting_user(request) == user


def test_session_user_is_the_acting_user(world: World) -> None:
    """Without ``request.auth`` the signed-in session user acts."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    request = RequestFactory().get("/api/v1/")
    request.user = user
    assert acting_user(request) == user


@pytest.mark.parametrize("who", [AnonymousUser(), SYSTEM])
def test_anyone_not_signed_in_is_refused(who: object) -> None:
    """An anonymous caller (or anything but an account) never reaches a service as the
    acting user: the request is refused as unauthenticated (401)."""
    request = RequestFactory().get("/api/v1/")
    _authenticated_as(request, who)
    request.user = AnonymousUser()
    with pytest.raises(AuthenticationError):
        acting_user(request)


def test_a_browser_session_reaches_the_api_as_its_user(world: World, client: Client) -> None:
    """Through the real stack the session's (lazily loaded) user is the acting user; a
    request without a session or token is 401 before any handler runs."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh, username="session_viewer")
    assert client.get("/api/v1/account/me").status_code == 401
    client.force_login(user)
    response = client.get("/api/v1/account/me")
    assert response.status_code == 200
    assert response.json()["username"] == "session_viewer"
