"""Turning ids in API input into objects the caller may use.

An id the caller may not use is reported as a 422 on that field (the same message
whether it is missing or outside the caller's scope), never as a 404 for the whole
request, so a client sees which field to fix.
"""

from collections.abc import Callable
from typing import Any

from django.http import Http404

from huunghi.api.errors import field_error


def or_field_error[T](field: str, message: Any, fetch: Callable[[], T]) -> T:
    """``fetch()``, with a 404 turned into a validation error on ``field``."""
    try:
        return fetch()
    except Http404:
        raise field_error(field, message) from None


def one_of(field: str, queryset: Any, pk: int | None, message: Any) -> Any:
    """The row ``pk`` of ``queryset`` (already limited to what the caller may use)."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise field_error(field, message)
    return found
