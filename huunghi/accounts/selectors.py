"""Reads about the signed-in account."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from huunghi.accounts.models import ApiToken, Membership, User


def memberships_of(user: User) -> QuerySet[Membership]:
    """The user's memberships with their units."""
    return Membership.objects.filter(user_id=user.pk).select_related("unit", "unit__country")


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's API tokens, newest first."""
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at")


def token_of(user: User, pk: Any) -> ApiToken | None:
    """One of the user's own tokens, or None."""
    return ApiToken.objects.filter(user_id=user.pk, pk=pk).first()
