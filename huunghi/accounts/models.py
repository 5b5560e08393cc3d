"""Accounts and their memberships: a role at a unit covers that unit's subtree."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from huunghi.core.models import TimeStampedModel


class User(AbstractUser):
    """A person who signs in. Access comes only from :class:`Membership` rows."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="vi"
    )
    is_demo = models.BooleanField(_("demo account"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    VIEWER = "viewer", _("viewer")
    CLERK = "clerk", _("data clerk")
    APPROVER = "approver", _("approver")
    UNIT_ADMIN = "unit_admin", _("unit administrator")
    SYSTEM_ADMIN = "system_admin", _("system administrator")


class Membership(TimeStampedModel):
    """``user`` holds ``role`` at ``unit`` and over everything beneath it."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class ApiToken(TimeStampedModel):
    """A personal API token; only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(_("SHA-256 digest"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("first characters"), max_length=8, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")


class SignInFailure(models.Model):
    """One failed sign-in: the address, the username tried and the device cookie, if any.

    Read by :mod:`huunghi.accounts.throttle` to slow an address that tries many usernames
    and to let a known device sign in although strangers at its address failed.
    """

    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    username = models.CharField(_("username"), max_length=150, blank=True)
    device = models.CharField(_("device"), max_length=64, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        indexes = [
            models.Index(fields=["address", "at"], name="signin_failure_address"),
            models.Index(fields=["device", "at"], name="signin_failure_device"),
        ]

    def __str__(self) -> str:
        return f"{self.username} @ {self.address} {self.at:%Y-%m-%d %H:%M}"
