"""Sign-in, throttling, language, the account page and API tokens."""

import pytest
from django.test import override_settings
from django.urls import reverse

from huunghi.accounts.models import ApiToken, Role
from huunghi.accounts.services import api_token_authenticate
from huunghi.core.testing import user_with_role


def test_sign_in_and_home_shows_scope(client, world):
    user = user_with_role(Role.CLERK, world.post_xa_mat, username="clerk")
    response = client.post(
        reverse("accounts:login"), {"username": "clerk", "password": "Str0ng-pass-phrase!"}
    )
    assert response.status_code == 302
    body = client.get(reverse("core:home")).content.decode()
    assert "Xa Mát" in body
    assert user.is_authenticated


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account(client, world):
    """After three wrong passwords even the right one is refused for a while."""
    user_with_role(Role.CLERK, world.post_xa_mat, username="target")
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "target", "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": "target", "password": "Str0ng-pass-phrase!"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_language_switch_to_khmer(client, world):
    client.force_login(user_with_role(Role.VIEWER, world.post_xa_mat))
    client.post(reverse("set_language"), {"language": "km", "next": "/"})
    response = client.get(reverse("core:home"))
    assert response.headers["Content-Language"] == "km"
    assert '<html lang="km">' in response.content.decode()


@override_settings(LANGUAGE_CODE="vi")
def test_default_language_is_vietnamese(client, world):
    client.force_login(user_with_role(Role.VIEWER, world.post_xa_mat))
    assert client.get(reverse("core:home")).headers["Content-Language"] == "vi"


def test_security_headers_and_csp(client):
    response = client.get(reverse("core:about"))
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_token_lifecycle_is_audited_and_revocable(client, world):
    """A token is shown once, authenticates, and stops working when revoked."""
    user = user_with_role(Role.VIEWER, world.post_xa_mat)
    client.force_login(user)
    client.post(reverse("accounts:token_create"), {"name": "script"})
    raw = client.get(reverse("accounts:me")).context["new_token"]
    assert raw.startswith("hn_")
    assert api_token_authenticate(raw) == user
    token = ApiToken.objects.get(user=user)
    assert token.digest != raw and raw not in token.digest
    other = user_with_role(Role.VIEWER, world.post_hoa_lu)
    client.force_login(other)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    client.force_login(user)
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert api_token_authenticate(raw) is None


@override_settings(LANGUAGE_CODE="vi")
def test_browser_language_does_not_override_vietnamese_default(client):
    """An English-language browser still gets Vietnamese until the user chooses."""
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    client.cookies["huunghi_language"] = "km"
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "km"
