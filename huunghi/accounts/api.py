"""API: the calling account, its memberships and what it may do."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from huunghi.accounts.models import User
from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.selectors import memberships_of
from huunghi.api.auth import acting_user
from huunghi.api.schemas import UnitRef, read

router = Router(tags=["account"])


class MembershipOut(Schema):
    role: str
    unit: UnitRef


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    preferred_language: str
    is_global: bool
    capabilities: list[str]
    memberships: list[MembershipOut]


def _me(user: User) -> dict[str, Any]:
    scope = scope_for(user)
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.get_full_name(),
        "preferred_language": user.preferred_language,
        "is_global": scope.is_global,
        "capabilities": [c.value for c in Capability if scope.has_any(c)],
        "memberships": list(memberships_of(user)),
    }


@router.get("/me", response=read(MeOut), summary="The calling account")
def me(request: HttpRequest) -> dict[str, Any]:
    """Who the token or session belongs to, and the roles it holds."""
    return _me(acting_user(request))
