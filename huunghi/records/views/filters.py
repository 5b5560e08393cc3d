"""Helpers of the list filters: the unit filter's search-as-you-type options."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from huunghi.accounts.types import Reader
from huunghi.records import selectors
from huunghi.records.forms.filters import options_html

EMPTY_LABEL = "---------"


@login_required
@require_GET
def unit_options(request: HttpRequest) -> HttpResponse:
    """``<option>``s for the unit filter: the current choice, then readable units
    matching ``unit_q`` by name or code (units outside the reader's scope never appear)."""
    chosen = request.GET.get("unit", "")
    units = _current(request.user, chosen) + list(
        selectors.unit_search(user=request.user, text=request.GET.get("unit_q", ""))
    )
    unique = {unit.pk: unit for unit in units}.values()
    options = [("", EMPTY_LABEL), *((unit.pk, _label(unit)) for unit in unique)]
    return HttpResponse(options_html(options, {chosen}))


def _current(user: Reader, chosen: str) -> list[Any]:
    if not chosen.isdigit():
        return []
    return list(selectors.readable_units(user=user).select_related("country").filter(pk=chosen))


def _label(unit: Any) -> str:
    return f"{unit} · {unit.country.code}"
