"""Pages to browse the unit tree and, for unit admins, to change it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from huunghi.audit.selectors import history_for
from huunghi.core.form_pages import save_form_page
from huunghi.organisations import selectors, services
from huunghi.organisations.forms import UnitCreateForm, UnitMergeForm, UnitMoveForm, UnitRenameForm
from huunghi.organisations.models import Unit, UnitKind
from huunghi.organisations.permissions import UnitPolicy


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """Visible units with search and filters, in tree order."""
    units = selectors.unit_list(
        user=request.user,
        query=request.GET.get("q", "").strip(),
        country=request.GET.get("country", ""),
        kind=request.GET.get("kind", ""),
        active_only=request.GET.get("closed") != "1",
    )
    page = Paginator(units, 100).get_page(request.GET.get("page"))
    return render(
        request, "organisations/unit_list.html", {"page": page, "kinds": UnitKind.choices}
    )


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit with its ancestors, children, members, history and audit trail."""
    unit = selectors.unit_get(user=request.user, pk=pk)
    context = {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(unit),
        "children": selectors.unit_children(user=request.user, unit=unit),
        "versions": selectors.unit_versions(unit),
        "members": unit.memberships.select_related("user").order_by("role", "user__username")
        if UnitPolicy.can_manage(request.user, unit)
        else None,
        "history": history_for(unit)[:50],
        "can_manage": UnitPolicy.can_manage(request.user, unit),
    }
    return render(request, "organisations/unit_detail.html", context)


def _manage(request: HttpRequest, pk: int) -> Unit:
    unit = selectors.unit_get(user=request.user, pk=pk)
    if not UnitPolicy.can_manage(request.user, unit):
        raise Http404
    return unit


def _run_form(
    request: HttpRequest,
    unit: Unit,
    form: Any,
    action: Callable[[dict[str, Any]], Unit],
    title: str,
) -> HttpResponse:
    return save_form_page(
        request,
        form,
        lambda: action(form.cleaned_data),
        template="organisations/unit_form.html",
        success_url=lambda result: reverse("organisations:detail", args=[result.pk]),
        unit=unit,
        title=title,
    )


def _outside_subtree(request: HttpRequest, unit: Unit) -> Any:
    """Units the user manages in the unit's country, outside the unit's own subtree."""
    return selectors.manageable_units(user=request.user, country=unit.country).exclude(
        path__startswith=unit.path
    )


@login_required
def unit_add_child(request: HttpRequest, pk: int) -> HttpResponse:
    """Create a sub-unit."""
    parent = _manage(request, pk)
    form = UnitCreateForm(request.POST or None)
    return _run_form(
        request,
        parent,
        form,
        lambda data: services.unit_create(
            parent=parent, country=parent.country, acting_user=request.user, **data
        ),
        _("New sub-unit"),
    )


@login_required
def unit_rename(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename from a date; the old name stays in the history."""
    unit = _manage(request, pk)
    form = UnitRenameForm(request.POST or None, initial={"name_vi": unit.name_vi})
    return _run_form(
        request,
        unit,
        form,
        lambda data: services.unit_rename(unit=unit, acting_user=request.user, **data),
        _("Rename unit"),
    )


@login_required
def unit_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the unit and its subtree under another unit the user manages."""
    unit = _manage(request, pk)
    form = UnitMoveForm(request.POST or None, parents=_outside_subtree(request, unit))
    return _run_form(
        request,
        unit,
        form,
        lambda data: services.unit_move(unit=unit, acting_user=request.user, **data),
        _("Move unit"),
    )


@login_required
def unit_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the unit, moving its sub-units into another one."""
    unit = _manage(request, pk)
    form = UnitMergeForm(request.POST or None, targets=_outside_subtree(request, unit))
    return _run_form(
        request,
        unit,
        form,
        lambda data: services.unit_merge(unit=unit, acting_user=request.user, **data),
        _("Merge unit"),
    )
