"""Sign-in throttling per address and per known device, password change, deactivation."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from huunghi.accounts import throttle
from huunghi.accounts.models import Role
from huunghi.accounts.services import api_token_authenticate, api_token_create
from huunghi.audit.models import AuditEvent
from huunghi.core.testing import World, user_with_role

PASSWORD = "Str0ng-pass-phrase!"


def _sign_in(client: Client, username: str, password: str, address: str = "10.0.0.7") -> Any:
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_one_address_trying_many_usernames_is_slowed(world: World) -> None:
    """Twenty failures over twenty usernames from one address block that address, even for
    a correct password of a twenty-first account; another address is not affected."""
    user_with_role(Role.CLERK, world.post_xa_mat, username="victim")
    stranger = Client()
    for index in range(throttle.ADDRESS_LIMIT):
        assert _sign_in(stranger, f"guess{index}", "wrong").status_code == 200
    assert _sign_in(stranger, "victim", PASSWORD).status_code == 429
    assert _sign_in(Client(), "victim", PASSWORD, address="10.0.0.8").status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_a_stranger_at_the_same_address_cannot_lock_a_known_device_out(world: World) -> None:
    """A colleague's browser that signed in before still signs in after a stranger behind the
    same NAT failed on the colleague's username; a new browser there is locked."""
    user_with_role(Role.CLERK, world.post_xa_mat, username="colleague")
    colleague = Client()
    assert _sign_in(colleague, "colleague", PASSWORD).status_code == 302
    colleague.post(reverse("accounts:logout"))
    stranger = Client()
    for _ in range(3):
        _sign_in(stranger, "colleague", "wrong")
    assert _sign_in(Client(), "colleague", PASSWORD).status_code == 429
    assert _sign_in(colleague, "colleague", PASSWORD).status_code == 302


def test_a_known_device_has_its_own_limit(world: World) -> None:
    """A device cookie does not buy unlimited guesses: ten failures block that device."""
    user_with_role(Role.CLERK, world.post_xa_mat, username="owner")
    device = Client()
    assert _sign_in(device, "owner", PASSWORD).status_code == 302
    device.post(reverse("accounts:logout"))
    for _ in range(throttle.DEVICE_LIMIT):
        assert _sign_in(device, "owner", "wrong").status_code == 200
    assert _sign_in(device, "owner", PASSWORD).status_code == 429


def test_a_device_cookie_for_another_username_counts_for_nothing(world: World) -> None:
    """The cookie names the account it was issued for; other usernames ignore it."""
    user_with_role(Role.CLERK, world.post_xa_mat, username="first")
    device = Client()
    _sign_in(device, "first", PASSWORD)
    request = RequestFactory().get("/")
    request.COOKIES[throttle.DEVICE_COOKIE] = device.cookies[throttle.DEVICE_COOKIE].value
    assert throttle.known_device(request, "first")
    assert throttle.known_device(request, "second") == ""
    request.COOKIES[throttle.DEVICE_COOKIE] = "forged"
    assert throttle.known_device(request, "first") == ""


def test_password_change_needs_the_old_password_and_is_audited(world: World) -> None:
    """Wrong old password: a 400 naming it; right one: changed, audited, still signed in."""
    user = user_with_role(Role.CLERK, world.post_xa_mat, username="changer")
    client = Client()
    client.force_login(user)
    url = reverse("accounts:password_change")
    new = "An0ther-long-phrase!"
    refused = client.post(
        url, {"old_password": "wrong", "new_password1": new, "new_password2": new}
    )
    assert refused.status_code == 400
    assert "old password" in refused.content.decode().lower()
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"}
    )
    assert weak.status_code == 400
    done = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEvent.objects.filter(action="account.password_change", actor=user).exists()
    assert client.get(reverse("accounts:me")).status_code == 200


@pytest.mark.parametrize("path", ["/", "/records/"])
def test_a_deactivated_account_is_signed_out_at_once(world: World, path: str) -> None:
    """Deactivating an account ends its open sessions and its API tokens on the next request."""
    user = user_with_role(Role.CLERK, world.post_xa_mat, username="leaver")
    client = Client()
    client.force_login(user)
    _token, raw = api_token_create(user=user, name="laptop")
    assert client.get(path).status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.get(path)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert api_token_authenticate(raw) is None
