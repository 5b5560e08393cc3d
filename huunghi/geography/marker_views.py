"""Pages of the border marker registry: list, map, detail, entry form, condition
entries and workflow buttons. Every signed-in account reads approved markers; the
managing post's subtree edits them (see :mod:`huunghi.geography.permissions`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from huunghi.audit.selectors import history_for
from huunghi.core import workflow
from huunghi.core.form_errors import add_service_errors
from huunghi.geography import marker_selectors as selectors
from huunghi.geography import marker_services as services
from huunghi.geography.marker_forms import ConditionForm, MarkerFilterForm, MarkerForm
from huunghi.geography.models import BorderMarker
from huunghi.geography.permissions import MarkerPolicy

PER_PAGE = 50


@login_required
def marker_list(request: HttpRequest) -> HttpResponse:
    """Markers the user may read, filtered and paginated."""
    form = MarkerFilterForm(request.GET or None)
    markers = selectors.marker_list(user=request.user, filters=form.filters())
    page = Paginator(markers, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query_string": form.query_string(),
        "can_create": MarkerPolicy.can_create_any(request.user),
    }
    return render(request, "geography/markers/list.html", context)


@login_required
def marker_map(request: HttpRequest) -> HttpResponse:
    """The listed markers on a map of the border provinces."""
    form = MarkerFilterForm(request.GET or None)
    context = {"form": form, "query_string": form.query_string()}
    return render(request, "geography/markers/map.html", context)


@login_required
def marker_map_data(request: HttpRequest) -> JsonResponse:
    """Marker positions for the map (the same filters and scope as the list)."""
    form = MarkerFilterForm(request.GET or None)
    points = selectors.marker_map_points(user=request.user, filters=form.filters())
    for point in points:
        point["url"] = reverse("geography:marker_detail", args=[point["id"]])
    return JsonResponse({"markers": points})


@login_required
def marker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One marker: its entry, condition history, the records naming it and its history."""
    marker = selectors.marker_get(user=request.user, pk=pk)
    user = request.user
    context = {
        "marker": marker,
        "conditions": selectors.marker_condition_history(user=user, marker=marker),
        "records": selectors.marker_records(user=user, marker=marker)[:100],
        "history": history_for(marker)[:50],
        "can_change": MarkerPolicy.can_change(user, marker),
        "workflow": workflow.panel(user, marker, MarkerPolicy),
        "condition_form": ConditionForm() if MarkerPolicy.can_edit(user, marker) else None,
    }
    return render(request, "geography/markers/detail.html", context)


@login_required
def marker_create(request: HttpRequest) -> HttpResponse:
    """Register a marker managed by one of the user's units (a draft)."""
    if not MarkerPolicy.can_create_any(request.user):
        raise Http404
    form = MarkerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        marker = _save(form, request, lambda values: services.marker_create(**values))
        if marker is not None:
            return redirect("geography:marker_detail", pk=marker.pk)
    return render(request, "geography/markers/form.html", {"form": form})


@login_required
def marker_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a marker entry (approved entries are reopened as a new revision)."""
    marker = selectors.marker_get_for_edit(user=request.user, pk=pk)
    form = MarkerForm(request.POST or None, instance=marker, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save(form, request, lambda values: services.marker_update(marker=marker, **values))
        if saved is not None:
            return redirect("geography:marker_detail", pk=saved.pk)
    return render(request, "geography/markers/form.html", {"form": form, "marker": marker})


def _save(form: MarkerForm, request: HttpRequest, write: Any) -> BorderMarker | None:
    try:
        return write({**form.values(), "acting_user": request.user})  # type: ignore[no-any-return]
    except ValidationError as exc:
        add_service_errors(form, exc)
    except PermissionDenied as exc:
        form.add_error("unit", str(exc))
    return None


@login_required
@require_POST
def marker_condition(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a dated condition entry (managing post's subtree only)."""
    marker = selectors.marker_get(user=request.user, pk=pk)
    if not MarkerPolicy.can_edit(request.user, marker):
        raise Http404
    form = ConditionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("geography:marker_detail", pk=pk)
    services.marker_condition_add(marker=marker, acting_user=request.user, **form.cleaned_data)
    messages.success(request, str(_("The condition entry was added.")))
    return redirect("geography:marker_detail", pk=pk)
