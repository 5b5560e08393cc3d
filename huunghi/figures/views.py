"""Pages for reported figures: list, entry and change, detail with history and the
approval buttons (the records-versus-figures comparison is a report:
:mod:`huunghi.reports.comparison`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huunghi.audit.selectors import history_for
from huunghi.core.form_errors import add_service_errors
from huunghi.figures import selectors, services
from huunghi.figures.forms import FigureFilterForm, FigureForm, ReturnForm
from huunghi.figures.models import ReportedFigure
from huunghi.figures.permissions import ReportedFigurePolicy

ERROR_FIELDS = {"period_start": "period", "period_end": "period", "period_kind": "period"}
ACTIONS = {"submit", "approve", "return", "reopen"}


@login_required
def figure_list(request: HttpRequest) -> HttpResponse:
    """Visible figures with filters by indicator, unit, period and status."""
    form = FigureFilterForm(
        request.GET or None, units=selectors.units_for_filter(user=request.user)
    )
    filters = selectors.FigureFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.FigureFilters(
            indicator=data["indicator"],
            unit=data["unit"],
            period=data["period"],
            status=data["status"],
            include_superseded=data["superseded"],
        )
    figures = selectors.figure_list(user=request.user, filters=filters)
    context = {
        "form": form,
        "page": Paginator(figures, 50).get_page(request.GET.get("page")),
        "can_create": selectors.units_for_entry(user=request.user).exists(),
    }
    return render(request, "figures/figure_list.html", context)


@login_required
def figure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One figure with its source, versions, history and the actions the user may take."""
    figure = selectors.figure_get(user=request.user, pk=pk)
    context = {
        "figure": figure,
        "versions": selectors.figure_versions(figure),
        "history": history_for(figure)[:50],
        "can_edit": ReportedFigurePolicy.can_edit(request.user, figure),
        "can_approve": ReportedFigurePolicy.can_approve(request.user, figure),
        "return_form": ReturnForm(),
    }
    return render(request, "figures/figure_detail.html", context)


@login_required
def figure_create(request: HttpRequest) -> HttpResponse:
    """Enter a new figure for a unit the user may report for."""
    units = selectors.units_for_entry(user=request.user)
    if not units.exists():
        raise Http404
    form = FigureForm(request.POST or None, units=units, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            figure = services.figure_create(
                unit=form.cleaned_data["unit"],
                data=form.to_input(),
                acting_user=request.user,
                on_overlap=form.cleaned_data["on_overlap"],
            )
        except ValidationError as exc:
            return _form_page(request, form, None, exc)
        messages.success(request, _("The figure was saved as a draft."))
        return redirect("figures:detail", pk=figure.pk)
    return _form_page(request, form, None)


def _initial(request: HttpRequest) -> dict[str, Any]:
    return {key: request.GET[key] for key in ("indicator", "unit") if key in request.GET}


@login_required
def figure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a figure (an approved one reopens as a new revision)."""
    figure = selectors.figure_get(user=request.user, pk=pk)
    if not ReportedFigurePolicy.can_edit(request.user, figure):
        raise Http404
    form = FigureForm(request.POST or None, initial=FigureForm.initial_for(figure))
    if request.method == "POST" and form.is_valid():
        try:
            services.figure_update(
                figure=figure,
                data=form.to_input(),
                acting_user=request.user,
                on_overlap=form.cleaned_data["on_overlap"],
            )
        except ValidationError as exc:
            return _form_page(request, form, figure, exc)
        messages.success(request, _("The figure was changed."))
        return redirect("figures:detail", pk=figure.pk)
    return _form_page(request, form, figure)


def _form_page(
    request: HttpRequest,
    form: FigureForm,
    figure: ReportedFigure | None,
    error: ValidationError | None = None,
) -> HttpResponse:
    conflicts = getattr(error, "conflicts", [])
    if error is not None:
        add_service_errors(form, error, renamed=ERROR_FIELDS)
    context = {"form": form, "figure": figure, "conflicts": conflicts, "nature": form.nature()}
    status = 400 if form.is_bound else 200
    return render(request, "figures/figure_form.html", context, status=status)


@login_required
def period_fields(request: HttpRequest) -> HttpResponse:
    """The period or "as of" field for the chosen indicator (htmx swap in the form)."""
    form = FigureForm(initial=request.GET.dict())
    return render(request, "figures/_period_fields.html", {"form": form, "nature": form.nature()})


@login_required
@require_POST
def figure_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Submit, approve, return or reopen; a user without the right gets a 404."""
    figure = selectors.figure_get(user=request.user, pk=pk)
    if action not in ACTIONS:
        raise Http404
    reason = request.POST.get("reason", "")
    try:
        services.figure_transition(
            figure=figure, action=action, acting_user=request.user, reason=reason
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Done."))
    return redirect("figures:detail", pk=figure.pk)
