"""Collecting validation errors of several parts so a form shows them all at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError


class ErrorCollector:
    """Gathers ``ValidationError``s from independent checks, then raises them together."""

    def __init__(self) -> None:
        self.errors: dict[str, list[Any]] = {}

    @contextmanager
    def check(self) -> Iterator[None]:
        try:
            yield
        except ValidationError as exc:
            self.add(exc)

    def add(self, exc: ValidationError) -> None:
        for field, messages in exc.update_error_dict({}).items():
            self.errors.setdefault(field, []).extend(messages)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
