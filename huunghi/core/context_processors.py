"""Template context available on every page."""

from functools import cached_property

from django.conf import settings
from django.http import HttpRequest

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Reader


class NavAccess:
    """What the signed-in user may do anywhere, for menus and tabs (computed on first use)."""

    def __init__(self, user: Reader | None) -> None:
        self._user = user

    @cached_property
    def approve(self) -> bool:
        return scope_for(self._user).has_any(Capability.APPROVE)

    @cached_property
    def edit(self) -> bool:
        return scope_for(self._user).has_any(Capability.EDIT)

    @cached_property
    def manage(self) -> bool:
        return scope_for(self._user).has_any(Capability.MANAGE)


def site(request: HttpRequest) -> dict[str, object]:
    """Language list and the signed-in user's scope summary for the page frame."""
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "MAP_TILE_URL": settings.HUUNGHI_MAP_TILE_URL,
        "CAN": NavAccess(getattr(request, "user", None)),
    }
