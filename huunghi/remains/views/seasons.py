"""Overview, totals per year, and the season view per team and phase."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from huunghi.core.form_errors import run_service
from huunghi.remains import selectors, services
from huunghi.remains.forms import PhaseForm, SeasonForm
from huunghi.remains.permissions import SeasonPolicy
from huunghi.remains.views.common import form_page


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Totals per year and the seasons, for the user's scope."""
    return render(
        request,
        "remains/overview.html",
        {
            "totals": selectors.remains_totals(user=request.user),
            "years": selectors.remains_totals_by_year(user=request.user),
            "seasons": selectors.season_list(user=request.user),
            "can_manage_seasons": SeasonPolicy.can_manage(request.user),
        },
    )


@login_required
def season_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Remains recovered per team and phase in the season (recorded excavations)."""
    season = selectors.season_get(user=request.user, pk=pk)
    return render(
        request,
        "remains/season_detail.html",
        {
            "season": season,
            "table": selectors.season_table(user=request.user, season=season),
            "reported": selectors.reported_recovered(user=request.user, season=season),
            "can_manage_seasons": SeasonPolicy.can_manage(request.user),
        },
    )


@login_required
def season_create(request: HttpRequest) -> HttpResponse:
    if not SeasonPolicy.can_manage(request.user):
        raise Http404
    form = SeasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        season = run_service(
            form, lambda: services.season_create(acting_user=request.user, **form.cleaned_data)
        )
        if season is not None:
            messages.success(request, _("The season has been defined."))
            return redirect("remains:season_detail", pk=season.pk)
    return form_page(request, form, _("Define a season"), back=reverse("remains:overview"))


@login_required
def phase_create(request: HttpRequest, pk: int) -> HttpResponse:
    if not SeasonPolicy.can_manage(request.user):
        raise Http404
    season = selectors.season_get(user=request.user, pk=pk)
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phase = run_service(
            form,
            lambda: services.phase_create(
                season=season, acting_user=request.user, **form.cleaned_data
            ),
        )
        if phase is not None:
            messages.success(request, _("The phase has been added."))
            return redirect("remains:season_detail", pk=season.pk)
    back = reverse("remains:season_detail", args=[season.pk])
    return form_page(request, form, _("Add a phase to %(season)s") % {"season": season}, back=back)
