"""Helpers shared by the remains pages: forms bound to services, moves, 404s."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from huunghi.remains.services.status import Move

PAGE_SIZE = 50

ACTION_LABELS = {
    "verify": _("Start verification"),
    "confirm": _("Confirm and plan a search"),
    "complete": _("Mark as completed"),
    "cancel": _("Cancel"),
    "close": _("Close"),
    "reopen": _("Reopen"),
}


def add_service_errors(form: Form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form's fields (or to the form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def run_service[T](form: Form, action: Callable[[], T]) -> T | None:
    """Run a service; on ValidationError put its messages on the form and return None."""
    try:
        return action()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def form_page(
    request: HttpRequest, form: Form, title: Any, *, back: str = "", **context: Any
) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "remains/form.html",
        {"form": form, "title": title, "back": back, **context},
        status=status,
    )


def editable_or_404[T](policy: Any, user: Any, obj: T) -> T:
    """Visible but not editable is answered like missing."""
    if not policy.can_edit(user, obj):
        raise Http404
    return obj


def available_moves(moves: dict[str, Move], status: str) -> list[tuple[str, Any]]:
    """(action, label) of the moves possible from ``status``."""
    return [(name, ACTION_LABELS[name]) for name, move in moves.items() if status in move.sources]


def needs_reason(moves: dict[str, Move]) -> set[str]:
    return {name for name, move in moves.items() if move.needs_reason}
