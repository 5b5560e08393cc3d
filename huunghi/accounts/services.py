"""Writes about accounts: memberships and personal API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from huunghi.accounts.models import ApiToken, Membership, User
from huunghi.accounts.scope import Capability, forget_scope, scope_for
from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot

TOKEN_PREFIX_LENGTH = 8


def token_digest(raw: str) -> str:
    """SHA-256 of a raw token; only the digest is stored."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user``; the raw value is returned once and never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    raw = "hn_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        digest=token_digest(raw),
        prefix=raw[3 : 3 + TOKEN_PREFIX_LENGTH],
    )
    audit_log(actor=user, action="token.create", target=token, after={"name": token.name})
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, acting_user: User) -> ApiToken:
    """Revoke a token; it stops working at once."""
    if token.user_id != acting_user.pk:
        raise PermissionDenied
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    audit_log(actor=acting_user, action="token.revoke", target=token, note=token.name)
    return token


TOKEN_USE_EVERY = dt.timedelta(minutes=1)


def api_token_find(raw: str) -> ApiToken | None:
    """The unrevoked token of an active user with this raw value (with its user), or None.

    Reads only: recording the use is :func:`api_token_record_use`'s job.
    """
    if not raw:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def api_token_record_use(*, token_id: int, at: dt.datetime | None = None) -> bool:
    """Set the token's ``last_used_at`` unless it was set less than a minute ago.

    One conditional UPDATE (no read first); whether a row was written.
    """
    now = at or timezone.now()
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - TOKEN_USE_EVERY)
    return bool(ApiToken.objects.filter(stale, pk=token_id).update(last_used_at=now))


def api_token_authenticate(raw: str) -> User | None:
    """The active user owning an unrevoked token, or None (the use is recorded)."""
    token = api_token_find(raw)
    if token is None:
        return None
    api_token_record_use(token_id=token.pk)
    return token.user


@transaction.atomic
def membership_grant(*, user: User, unit: Any, role: str, acting_user: Actor) -> Membership:
    """Give ``user`` a role at ``unit``; the granter must manage that unit."""
    if not scope_for(acting_user).covers(Capability.MANAGE, unit.path):
        raise PermissionDenied
    membership, _created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    audit_log(
        actor=acting_user,
        action="membership.grant",
        target=membership,
        unit=unit,
        after=snapshot(membership),
    )
    forget_scope(user)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, acting_user: Actor) -> None:
    """Remove a membership; the revoker must manage its unit."""
    if not scope_for(acting_user).covers(Capability.MANAGE, membership.unit.path):
        raise PermissionDenied
    audit_log(
        actor=acting_user,
        action="membership.revoke",
        target=membership,
        unit=membership.unit,
        before=snapshot(membership),
    )
    membership.delete()


@transaction.atomic
def account_password_change(*, user: User, new_password: str, acting_user: Actor) -> User:
    """Set ``user``'s password; only the account holder changes it here. Other sessions of
    the account end (their session hash no longer matches); the change is audited."""
    if acting_user is None or getattr(acting_user, "pk", None) != user.pk:
        raise PermissionDenied
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from exc
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_log(actor=acting_user, action="account.password_change", target=user)
    return user
