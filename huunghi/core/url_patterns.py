"""URL patterns of the standard pages of one kind of object."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path

View = Callable[..., Any]


def object_pages(
    prefix: str,
    name: str,
    *,
    list_view: View,
    create_view: View,
    detail_view: View,
    edit_view: View,
) -> list[URLPattern]:
    """``{name}_list`` at ``prefix/``, ``{name}_create`` at ``prefix/new/``,
    ``{name}_detail`` at ``prefix/<pk>/`` and ``{name}_edit`` at ``prefix/<pk>/edit/``
    (an empty ``prefix`` or ``name``: at the app's root, named ``list``, ``create``…)."""
    base = f"{prefix}/" if prefix else ""
    named = f"{name}_" if name else ""
    return [
        path(base, list_view, name=f"{named}list"),
        path(f"{base}new/", create_view, name=f"{named}create"),
        path(f"{base}<int:pk>/", detail_view, name=f"{named}detail"),
        path(f"{base}<int:pk>/edit/", edit_view, name=f"{named}edit"),
    ]
