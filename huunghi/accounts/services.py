"""Writes about accounts: memberships and personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huunghi.accounts.models import ApiToken, Membership, User
from huunghi.accounts.scope import Capability, forget_scope, scope_for
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


def api_token_authenticate(raw: str) -> User | None:
    """The active user owning an unrevoked token, or None."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def membership_grant(*, user: User, unit: Any, role: str, acting_user: Any) -> Membership:
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
def membership_revoke(*, membership: Membership, acting_user: Any) -> None:
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
