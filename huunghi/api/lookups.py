"""Turning ids in API input into objects the caller may use.

An id the caller may not use is reported as a 422 on that field (the same message
whether it is missing or outside the caller's scope), never as a 404 for the whole
request, so a client sees which field to fix.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from huunghi.api.errors import field_error
from huunghi.geography import selectors as geography


def or_field_error[T](field: str, message: Any, fetch: Callable[[], T]) -> T:
    """``fetch()``, with a 404 turned into a validation error on ``field``."""
    try:
        return fetch()
    except Http404:
        raise field_error(field, message) from None


def place(field: str, pk: int | None) -> Any:
    """A place by id (geography is public reference data), or None."""
    if pk is None:
        return None
    return or_field_error(field, _("No such place."), lambda: geography.unit_get(pk))


def places(field: str, ids: Iterable[int]) -> list[Any]:
    return [place(field, pk) for pk in ids]


def one_of(field: str, queryset: Any, pk: int | None, message: Any) -> Any:
    """The row ``pk`` of ``queryset`` (already limited to what the caller may use)."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise field_error(field, message)
    return found
