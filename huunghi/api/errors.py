"""Errors as JSON, the same shape for every endpoint.

- Django ``ValidationError`` (from services and models) → 422 with
  ``{"detail": [{"loc": ["body", field], "msg": …, "type": "value_error"}]}``, the
  shape django-ninja already uses for malformed requests;
- ``Http404`` → 404 ``{"detail": "Not found."}`` for missing *and* forbidden objects;
- ``PermissionDenied`` → 403 for an action the caller may not take on an object
  they can see.
"""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

BODY = "body"


def validation_items(exc: ValidationError, prefix: str = BODY) -> list[dict[str, Any]]:
    """One ``{"loc", "msg", "type"}`` item per message, located at its field."""
    items: list[dict[str, Any]] = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            loc = [prefix] if field == NON_FIELD_ERRORS else [prefix, field]
            items.extend({"loc": loc, "msg": str(m), "type": "value_error"} for m in errors)
    else:
        items.extend({"loc": [prefix], "msg": str(m), "type": "value_error"} for m in exc.messages)
    return items


def field_error(field: str, message: Any) -> ValidationError:
    """A ValidationError on one input field (for lookups done by the API layer)."""
    return ValidationError({field: [str(message)]})


def install_handlers(api: NinjaAPI) -> None:
    """Map Django's exceptions to JSON responses on ``api``."""

    # django-ninja types the exception as "instance or class"; it always passes an instance.
    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": validation_items(exc)}, status=422)

    def on_permission(request: HttpRequest, exc: Any) -> HttpResponse:
        message = str(exc) or _("You may not do this.")
        return api.create_response(request, {"detail": message}, status=403)

    def on_missing(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(PermissionDenied, on_permission)
    api.add_exception_handler(Http404, on_missing)
