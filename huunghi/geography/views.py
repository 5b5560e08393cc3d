"""Pages of the place browser and the border overview (any signed-in user)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from huunghi.geography import selectors
from huunghi.geography.forms import PlaceFilterForm
from huunghi.geography.labels import place_label
from huunghi.geography.models import AdminLevel, AdminUnit

CHILDREN_PER_PAGE = 200


@login_required
def place_browser(request: HttpRequest) -> HttpResponse:
    """A country's provinces in force on a date, or places matching a search."""
    form = PlaceFilterForm(request.GET or None)
    filters = form.filters(date_given="date" in request.GET)
    country = selectors.country_get(filters.country)
    context = {"form": form, "filters": filters, "country": country}
    if filters.query:
        context["results"] = selectors.place_search(
            filters.query,
            country=country,
            on_date=filters.on_date,
            level=filters.level or None,
            limit=100,
        )
    else:
        context["provinces"] = selectors.province_list(country, filters.on_date)
    partial = bool(getattr(request, "htmx", False))
    template = "geography/_place_results.html" if partial else "geography/browser.html"
    return render(request, template, context)


@login_required
def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One place: names, validity, history, children and today's province."""
    unit = selectors.unit_get(pk)
    children = Paginator(selectors.unit_children(unit), CHILDREN_PER_PAGE)
    context = {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(unit),
        "history": selectors.place_history(unit),
        "province_today": selectors.province_today(unit),
        "children": children.get_page(request.GET.get("page")),
        "facing": _facing(unit),
    }
    return render(request, "geography/detail.html", context)


def _facing(unit: AdminUnit) -> list[AdminUnit]:
    """Provinces across the border from a border province (today's)."""
    if unit.is_border and unit.level == AdminLevel.PROVINCE:
        return selectors.facing_provinces(unit)
    return []


@login_required
def border(request: HttpRequest) -> HttpResponse:
    """Facing provinces, gate pairs, markers and published figures of the land border."""
    today = timezone.localdate()
    context = {
        "pairs": selectors.border_pair_list(),
        "gates": selectors.gate_pair_list(),
        "markers": selectors.marker_list(),
        "facts": selectors.reference_fact_list(),
        "vn_provinces": selectors.border_provinces("VN", today),
        "kh_provinces": selectors.border_provinces("KH", today),
    }
    return render(request, "geography/border.html", context)


MAX_OPTIONS = 40


@login_required
def place_options(request: HttpRequest) -> HttpResponse:
    """``<option>``s for a place picker: the chosen place(s), then places matching ``q``.

    Filters come from the widget (:class:`~huunghi.geography.widgets.PlaceSearchSelect`):
    ``country``, ``level`` (repeatable) and ``current=1`` for places in force today.
    """
    field = request.GET.get("field", "place")
    selected = [v for v in request.GET.getlist(field) if v.isdigit()]
    levels = tuple(v for v in request.GET.getlist("level") if v in AdminLevel.values)
    on_date = timezone.localdate() if request.GET.get("current") == "1" else None
    country = request.GET.get("country", "")[:2]
    found = selectors.place_search(
        request.GET.get("q", "")[:100],
        country=country or None,
        on_date=on_date,
        levels=levels,
        limit=MAX_OPTIONS,
    )
    chosen = selectors.units_by_ids([int(v) for v in selected])
    known = {p.pk for p in chosen}
    options = [(p.pk, place_label(p)) for p in [*chosen, *(p for p in found if p.pk not in known)]]
    context = {
        "options": options,
        "selected": selected,
        "blank": request.GET.get("multiple") != "1",
    }
    return render(request, "geography/_place_options.html", context)
