"""Helpers shared by the remains pages: forms bound to services, moves, 404s."""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.types import Reader
from huunghi.core.form_pages import form_response
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


def form_page(
    request: HttpRequest, form: BaseForm, title: Any, *, back: str = "", **context: Any
) -> HttpResponse:
    return form_response(request, "remains/form.html", form, title=title, back=back, **context)


def editable_or_404[T](policy: Any, user: Reader, obj: T) -> T:
    """Visible but not editable is answered like missing."""
    if not policy.can_edit(user, obj):
        raise Http404
    return obj


def available_moves(moves: dict[str, Move], status: str) -> list[tuple[str, Any]]:
    """(action, label) of the moves possible from ``status``."""
    return [(name, ACTION_LABELS[name]) for name, move in moves.items() if status in move.sources]


def needs_reason(moves: dict[str, Move]) -> set[str]:
    return {name for name, move in moves.items() if move.needs_reason}
