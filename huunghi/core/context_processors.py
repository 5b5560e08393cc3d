"""Template context available on every page."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """Language list and the signed-in user's scope summary for the page frame."""
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "MAP_TILE_URL": settings.HUUNGHI_MAP_TILE_URL,
    }
