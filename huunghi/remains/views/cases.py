"""Pages for leads, search sites, excavations and remains sets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huunghi.audit.selectors import history_for
from huunghi.core import workflow
from huunghi.remains import selectors, services
from huunghi.remains.forms import (
    CaseFilterForm,
    ExcavationForm,
    LeadForm,
    MoveForm,
    RemainsSetForm,
    SiteForm,
)
from huunghi.remains.permissions import (
    ExcavationPolicy,
    LeadPolicy,
    RemainsSetPolicy,
    SearchSitePolicy,
    editable_teams,
    visible_teams,
)
from huunghi.remains.services.excavations import EXCAVATION_MOVES, SET_MOVES
from huunghi.remains.services.leads import LEAD_MOVES, SITE_MOVES
from huunghi.remains.services.status import Move
from huunghi.remains.views.common import (
    PAGE_SIZE,
    available_moves,
    editable_or_404,
    form_page,
    needs_reason,
    run_service,
)


@dataclass(frozen=True)
class Kind:
    """How the generic list, detail and move pages treat one kind of case."""

    name: str
    policy: Any
    moves: dict[str, Move]
    get: Callable[..., Any]
    move: Callable[..., Any]
    target_arg: str
    list_selector: Callable[..., Any]


KINDS = {
    "leads": Kind(
        "lead",
        LeadPolicy,
        LEAD_MOVES,
        selectors.lead_get,
        services.lead_move,
        "lead",
        selectors.lead_list,
    ),
    "sites": Kind(
        "site",
        SearchSitePolicy,
        SITE_MOVES,
        selectors.site_get,
        services.site_move,
        "site",
        selectors.site_list,
    ),
    "excavations": Kind(
        "excavation",
        ExcavationPolicy,
        EXCAVATION_MOVES,
        selectors.excavation_get,
        services.excavation_move,
        "excavation",
        selectors.excavation_list,
    ),
    "sets": Kind(
        "set",
        RemainsSetPolicy,
        SET_MOVES,
        selectors.set_get,
        services.set_move,
        "remains_set",
        selectors.set_list,
    ),
}


def _detail_url(kind: Kind, pk: int) -> str:
    return reverse(f"remains:{kind.name}_detail", args=[pk])


def _case_list(request: HttpRequest, kind_key: str) -> HttpResponse:
    kind = KINDS[kind_key]
    form = CaseFilterForm(
        request.GET or None,
        kind=kind_key,
        teams=visible_teams(request.user),
        seasons=selectors.season_list(user=request.user),
        phases=selectors.phase_choices(user=request.user),
    )
    rows = kind.list_selector(user=request.user, filters=form.filters())
    return render(
        request,
        f"remains/{kind.name}_list.html",
        {
            "filter_form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_create": editable_teams(request.user).exists(),
        },
    )


def _case_context(request: HttpRequest, kind: Kind, obj: Any) -> dict[str, Any]:
    can_edit = kind.policy.can_edit(request.user, obj)
    actions = available_moves(kind.moves, obj.status) if can_edit else []
    return {
        "obj": obj,
        "can_edit": can_edit,
        "move_forms": [
            (
                label,
                name in needs_reason(kind.moves),
                MoveForm(initial={"action": name}, actions=actions),
            )
            for name, label in actions
        ],
        "move_url": reverse(f"remains:{kind.name}_move", args=[obj.pk]),
        "status_history": selectors.status_history(obj),
        "history": history_for(obj),
        "workflow": workflow.panel(request.user, obj, kind.policy)
        if workflow.kind_of(obj) is not None
        else None,
    }


@login_required
@require_POST
def case_move(request: HttpRequest, kind_key: str, pk: int) -> HttpResponse:
    """Apply one status move (verify, confirm, complete, cancel, close, reopen)."""
    kind = KINDS[kind_key]
    obj = editable_or_404(kind.policy, request.user, kind.get(user=request.user, pk=pk))
    form = MoveForm(request.POST, actions=available_moves(kind.moves, obj.status))
    if form.is_valid():
        data = form.cleaned_data
        done = run_service(
            form,
            lambda: kind.move(
                **{kind.target_arg: obj},
                action=data["action"],
                on_date=data["on_date"],
                reason=data["reason"],
                acting_user=request.user,
            ),
        )
        if done is not None:
            messages.success(request, _("The status has been changed."))
            return redirect(_detail_url(kind, obj.pk))
    return form_page(request, form, _("Change status"), back=_detail_url(kind, obj.pk))


def _save_form(
    request: HttpRequest,
    form: Any,
    call: Callable[[dict[str, Any]], Any],
    title: str,
    *,
    back: str = "",
) -> HttpResponse:
    """Validate ``form``; on success run ``call(cleaned_data)`` and go to the object's page."""
    if request.method == "POST" and form.is_valid():
        obj = run_service(form, lambda: call(form.cleaned_data))
        if obj is not None:
            messages.success(request, _("Saved."))
            return redirect(_detail_url(_kind_of(obj), obj.pk))
    return form_page(request, form, title, back=back)


def _kind_of(obj: Any) -> Kind:
    model = obj._meta.model_name
    return KINDS[
        {"lead": "leads", "searchsite": "sites", "excavation": "excavations", "remainsset": "sets"}[
            model
        ]
    ]


def _changes(data: dict[str, Any], *skip: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in skip}


def _teams_or_404(request: HttpRequest) -> Any:
    teams = editable_teams(request.user)
    if not teams.exists():
        raise Http404
    return teams


# Leads --------------------------------------------------------------------------------


@login_required
def lead_list(request: HttpRequest) -> HttpResponse:
    return _case_list(request, "leads")


@login_required
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lead = selectors.lead_get(user=request.user, pk=pk)
    context = _case_context(request, KINDS["leads"], lead)
    context["sites"] = selectors.site_list(user=request.user).filter(lead=lead)
    return render(request, "remains/lead_detail.html", context)


@login_required
def lead_create(request: HttpRequest) -> HttpResponse:
    form = LeadForm(request.POST or None, teams=_teams_or_404(request))
    return _save_form(
        request,
        form,
        lambda data: services.lead_create(acting_user=request.user, **data),
        _("Register a lead"),
    )


@login_required
def lead_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lead = editable_or_404(LeadPolicy, request.user, selectors.lead_get(user=request.user, pk=pk))
    form = LeadForm(request.POST or None, instance=lead, teams=editable_teams(request.user))
    return _save_form(
        request,
        form,
        lambda data: services.lead_update(
            lead=lead, acting_user=request.user, changes=_changes(data, "team")
        ),
        _("Edit lead"),
        back=_detail_url(KINDS["leads"], lead.pk),
    )


# Search sites -------------------------------------------------------------------------


@login_required
def site_list(request: HttpRequest) -> HttpResponse:
    return _case_list(request, "sites")


@login_required
def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get(user=request.user, pk=pk)
    context = _case_context(request, KINDS["sites"], site)
    context["excavations"] = selectors.excavation_list(user=request.user).filter(site=site)
    return render(request, "remains/site_detail.html", context)


def _site_form(request: HttpRequest, **kwargs: Any) -> SiteForm:
    leads = selectors.lead_list(user=request.user).exclude(status="closed")
    initial = {"lead": request.GET.get("lead")} if request.GET.get("lead") else None
    return SiteForm(
        request.POST or None,
        teams=editable_teams(request.user),
        leads=leads,
        initial=initial,
        **kwargs,
    )


@login_required
def site_create(request: HttpRequest) -> HttpResponse:
    _teams_or_404(request)
    form = _site_form(request)
    return _save_form(
        request,
        form,
        lambda data: services.site_create(acting_user=request.user, **data),
        _("Open a search site"),
    )


@login_required
def site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get(user=request.user, pk=pk)
    editable_or_404(SearchSitePolicy, request.user, site)
    form = _site_form(request, instance=site)
    return _save_form(
        request,
        form,
        lambda data: services.site_update(
            site=site, acting_user=request.user, changes=_changes(data, "team", "lead", "opened_on")
        ),
        _("Edit search site"),
        back=_detail_url(KINDS["sites"], site.pk),
    )


# Excavations --------------------------------------------------------------------------


@login_required
def excavation_list(request: HttpRequest) -> HttpResponse:
    return _case_list(request, "excavations")


@login_required
def excavation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    excavation = selectors.excavation_get(user=request.user, pk=pk)
    context = _case_context(request, KINDS["excavations"], excavation)
    context["sets"] = selectors.set_list(user=request.user).filter(excavation=excavation)
    context["registered"] = selectors.registered_count(excavation)
    return render(request, "remains/excavation_detail.html", context)


def _excavation_form(request: HttpRequest, **kwargs: Any) -> ExcavationForm:
    sites = selectors.site_list(user=request.user).filter(status="open")
    initial = {"site": request.GET.get("site")} if request.GET.get("site") else None
    return ExcavationForm(
        request.POST or None,
        teams=editable_teams(request.user),
        sites=sites,
        phases=selectors.phase_choices(user=request.user),
        initial=initial,
        **kwargs,
    )


@login_required
def excavation_create(request: HttpRequest) -> HttpResponse:
    _teams_or_404(request)
    form = _excavation_form(request)
    return _save_form(
        request,
        form,
        lambda data: services.excavation_create(acting_user=request.user, **data),
        _("Record an excavation"),
    )


@login_required
def excavation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    excavation = selectors.excavation_get(user=request.user, pk=pk)
    editable_or_404(ExcavationPolicy, request.user, excavation)
    form = _excavation_form(request, instance=excavation)
    return _save_form(
        request,
        form,
        lambda data: services.excavation_update(
            excavation=excavation, acting_user=request.user, changes=_changes(data, "team", "site")
        ),
        _("Edit excavation"),
        back=_detail_url(KINDS["excavations"], excavation.pk),
    )


# Remains sets -------------------------------------------------------------------------


@login_required
def set_list(request: HttpRequest) -> HttpResponse:
    return _case_list(request, "sets")


@login_required
def set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    remains_set = selectors.set_get(user=request.user, pk=pk)
    return render(
        request, "remains/set_detail.html", _case_context(request, KINDS["sets"], remains_set)
    )


def _set_form(request: HttpRequest, **kwargs: Any) -> RemainsSetForm:
    excavations = selectors.excavation_list(user=request.user).exclude(status="cancelled")
    initial = None
    if request.GET.get("excavation"):
        initial = {"excavation": request.GET["excavation"]}
    return RemainsSetForm(
        request.POST or None,
        teams=editable_teams(request.user),
        excavations=excavations,
        initial=initial,
        **kwargs,
    )


@login_required
def set_create(request: HttpRequest) -> HttpResponse:
    _teams_or_404(request)
    form = _set_form(request)
    return _save_form(
        request,
        form,
        lambda data: services.set_create(acting_user=request.user, **data),
        _("Register a remains set"),
    )


@login_required
def set_edit(request: HttpRequest, pk: int) -> HttpResponse:
    remains_set = selectors.set_get(user=request.user, pk=pk)
    editable_or_404(RemainsSetPolicy, request.user, remains_set)
    form = _set_form(request, instance=remains_set)
    return _save_form(
        request,
        form,
        lambda data: services.set_update(
            remains_set=remains_set,
            acting_user=request.user,
            changes=_changes(data, "team", "excavation"),
        ),
        _("Edit remains set"),
        back=_detail_url(KINDS["sets"], remains_set.pk),
    )
