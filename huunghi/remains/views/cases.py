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
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from huunghi.audit.selectors import history_for
from huunghi.core import workflow
from huunghi.core.form_errors import run_service
from huunghi.core.form_pages import save_form_page
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
)


@dataclass(frozen=True)
class Kind:
    """How the shared list, create, edit and move pages treat one kind of case.

    The selectors and services of a kind follow one naming scheme: ``{name}_get``,
    ``{name}_list``, ``{name}_create``, ``{name}_update`` and ``{name}_move``, the
    object passed to the last two as ``target_arg``.
    """

    name: str
    policy: Any
    moves: dict[str, Move]
    target_arg: str
    form: Callable[..., Any]
    frozen: tuple[str, ...]

    def get(self, **kwargs: Any) -> Any:
        return getattr(selectors, f"{self.name}_get")(**kwargs)

    def rows(self, **kwargs: Any) -> Any:
        return getattr(selectors, f"{self.name}_list")(**kwargs)

    def service(self, action: str) -> Callable[..., Any]:
        return getattr(services, f"{self.name}_{action}")  # type: ignore[no-any-return]

    @property
    def titles(self) -> tuple[Promise, Promise]:
        """The titles of the create and edit pages."""
        return TITLES[self.name]


def _lead_form(request: HttpRequest, **kwargs: Any) -> LeadForm:
    return LeadForm(request.POST or None, teams=editable_teams(request.user), **kwargs)


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


TITLES = {
    "lead": (gettext_lazy("Register a lead"), gettext_lazy("Edit lead")),
    "site": (gettext_lazy("Open a search site"), gettext_lazy("Edit search site")),
    "excavation": (gettext_lazy("Record an excavation"), gettext_lazy("Edit excavation")),
    "set": (gettext_lazy("Register a remains set"), gettext_lazy("Edit remains set")),
}
KINDS = {
    "leads": Kind("lead", LeadPolicy, LEAD_MOVES, "lead", _lead_form, ("team",)),
    "sites": Kind(
        "site", SearchSitePolicy, SITE_MOVES, "site", _site_form, ("team", "lead", "opened_on")
    ),
    "excavations": Kind(
        "excavation",
        ExcavationPolicy,
        EXCAVATION_MOVES,
        "excavation",
        _excavation_form,
        ("team", "site"),
    ),
    "sets": Kind(
        "set", RemainsSetPolicy, SET_MOVES, "remains_set", _set_form, ("team", "excavation")
    ),
}


def _detail_url(kind: Kind, pk: int) -> str:
    return reverse(f"remains:{kind.name}_detail", args=[pk])


@login_required
def case_list(request: HttpRequest, kind_key: str) -> HttpResponse:
    """The cases of one kind the user may read, filtered by team, season and status."""
    kind = KINDS[kind_key]
    form = CaseFilterForm(
        request.GET or None,
        kind=kind_key,
        teams=visible_teams(request.user),
        seasons=selectors.season_list(user=request.user),
        phases=selectors.phase_choices(user=request.user),
    )
    rows = kind.rows(user=request.user, filters=form.filters())
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
            lambda: kind.service("move")(
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
    request: HttpRequest, kind: Kind, form: Any, call: Callable[[dict[str, Any]], Any], **page: Any
) -> HttpResponse:
    """Validate ``form``; on success run ``call(cleaned_data)`` and go to the case's page."""
    return save_form_page(
        request,
        form,
        lambda: call(form.cleaned_data),
        template="remains/form.html",
        success_url=lambda obj: _detail_url(kind, obj.pk),
        **page,
    )


def _changes(data: dict[str, Any], *skip: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in skip}


@login_required
def case_create(request: HttpRequest, kind_key: str) -> HttpResponse:
    """A new case of one kind, for a team the user works for (none: 404)."""
    kind = KINDS[kind_key]
    if not editable_teams(request.user).exists():
        raise Http404
    form = kind.form(request)
    return _save_form(
        request,
        kind,
        form,
        lambda data: kind.service("create")(acting_user=request.user, **data),
        title=kind.titles[0],
    )


@login_required
def case_edit(request: HttpRequest, kind_key: str, pk: int) -> HttpResponse:
    """Change a case the user may edit; the fields fixed at creation are not changed."""
    kind = KINDS[kind_key]
    obj = editable_or_404(kind.policy, request.user, kind.get(user=request.user, pk=pk))
    form = kind.form(request, instance=obj)
    return _save_form(
        request,
        kind,
        form,
        lambda data: kind.service("update")(
            **{kind.target_arg: obj},
            acting_user=request.user,
            changes=_changes(data, *kind.frozen),
        ),
        title=kind.titles[1],
        back=_detail_url(kind, obj.pk),
    )


# Detail pages: each kind shows what hangs from it ----------------------------------------


@login_required
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lead = selectors.lead_get(user=request.user, pk=pk)
    context = _case_context(request, KINDS["leads"], lead)
    context["sites"] = selectors.site_list(user=request.user).filter(lead=lead)
    return render(request, "remains/lead_detail.html", context)


@login_required
def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get(user=request.user, pk=pk)
    context = _case_context(request, KINDS["sites"], site)
    context["excavations"] = selectors.excavation_list(user=request.user).filter(site=site)
    return render(request, "remains/site_detail.html", context)


@login_required
def excavation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    excavation = selectors.excavation_get(user=request.user, pk=pk)
    context = _case_context(request, KINDS["excavations"], excavation)
    context["sets"] = selectors.set_list(user=request.user).filter(excavation=excavation)
    context["registered"] = selectors.registered_count(excavation)
    return render(request, "remains/excavation_detail.html", context)


@login_required
def set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    remains_set = selectors.set_get(user=request.user, pk=pk)
    return render(
        request, "remains/set_detail.html", _case_context(request, KINDS["sets"], remains_set)
    )
