"""A service's refusal shown on the form that fed it.

Services raise :class:`~django.core.exceptions.ValidationError` naming model fields;
pages show each message next to the form field of that name, or above the form when
the form has no such field (or the error names none).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import BaseForm


def add_service_errors(
    form: BaseForm, exc: ValidationError, *, renamed: Mapping[str, str] | None = None
) -> None:
    """Put ``exc``'s messages on ``form``; ``renamed`` maps a service's field name to the
    form field that holds it (e.g. ``period_start`` → ``period``)."""
    for name, messages in exc.update_error_dict({}).items():
        field = (renamed or {}).get(name, name)
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        form.add_error(target, messages)


def run_service[T](form: BaseForm, action: Callable[[], T]) -> T | None:
    """Run a service; on ValidationError put its messages on the form and return None."""
    try:
        return action()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


class ServiceErrorsMixin:
    """Forms that show a service's ValidationError: ``form.add_service_errors(exc)``."""

    def add_service_errors(self, exc: ValidationError) -> None:
        add_service_errors(self, exc)  # type: ignore[arg-type]


__all__ = ["ServiceErrorsMixin", "add_service_errors", "run_service"]
