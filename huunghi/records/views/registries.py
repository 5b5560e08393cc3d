"""Pages of the registries: twinning pairs, facilities and agreements.

The three share one pattern (list, detail, create, edit), described by a
:class:`Registry`: one create and one edit page serve all three (built per
registry by :func:`pages`); their lists and detail pages differ and have their own
templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from huunghi.audit.selectors import history_for
from huunghi.core import workflow
from huunghi.core.form_pages import save_form_page
from huunghi.core.models import Status
from huunghi.core.url_patterns import View, object_pages
from huunghi.records import selectors, services
from huunghi.records.display import history_rows
from huunghi.records.forms import AgreementForm, FacilityForm, TwinningPairForm
from huunghi.records.models import (
    Agreement,
    Facility,
    FacilityKind,
    TwinningKind,
    TwinningPair,
    TwinningStatus,
)
from huunghi.records.permissions import AgreementPolicy, FacilityPolicy, TwinningPairPolicy


@dataclass(frozen=True)
class Registry:
    name: str
    model: type
    form: type
    policy: Any
    title: Promise
    get: Callable[..., Any]
    create: Callable[..., Any]
    update: Callable[..., Any]


TWINNING = Registry(
    "twinning",
    TwinningPair,
    TwinningPairForm,
    TwinningPairPolicy,
    _("Twinning pairs"),
    selectors.twinning_get,
    services.twinning_create,
    lambda obj, **kw: services.twinning_update(pair=obj, **kw),
)
FACILITIES = Registry(
    "facility",
    Facility,
    FacilityForm,
    FacilityPolicy,
    _("Facilities"),
    selectors.facility_get,
    services.facility_create,
    lambda obj, **kw: services.facility_update(facility=obj, **kw),
)
AGREEMENTS = Registry(
    "agreement",
    Agreement,
    AgreementForm,
    AgreementPolicy,
    _("Agreements"),
    selectors.agreement_get,
    services.agreement_create,
    lambda obj, **kw: services.agreement_update(agreement=obj, **kw),
)


# --- shared steps -----------------------------------------------------------------------


def _form_view(request: HttpRequest, registry: Registry, obj: Any = None) -> HttpResponse:
    form = registry.form(
        request.POST or None, request.FILES or None, user=request.user, instance=obj
    )

    def save() -> Any:
        if obj is None:
            return registry.create(acting_user=request.user, **form.service_kwargs())
        return registry.update(obj, acting_user=request.user, **form.service_kwargs())

    return save_form_page(
        request,
        form,
        save,
        template="records/registry_form.html",
        success_url=lambda saved: saved.get_absolute_url(),
        object=obj,
        registry=registry,
    )


def _detail_context(request: HttpRequest, registry: Registry, obj: Any) -> dict[str, Any]:
    return {
        "object": obj,
        "registry": registry,
        "can_edit": obj.record_status != Status.SUBMITTED
        and registry.policy.can_edit(request.user, obj),
        "workflow": workflow.panel(request.user, obj, registry.policy),
        "history": history_rows(history_for(obj), model=registry.model),
    }


def _create(request: HttpRequest, registry: Registry) -> HttpResponse:
    if not registry.policy.can_create_any(request.user):
        raise Http404
    return _form_view(request, registry)


def _edit(request: HttpRequest, registry: Registry, pk: int) -> HttpResponse:
    obj = registry.get(user=request.user, pk=pk)
    if not registry.policy.can_edit(request.user, obj):
        raise Http404
    return _form_view(request, registry, obj)


def pages(prefix: str, registry: Registry, list_view: View, detail_view: View) -> list[URLPattern]:
    """The registry's URLs: its own list and detail pages, the shared create and edit."""
    methods = require_http_methods(["GET", "POST"])
    return object_pages(
        prefix,
        registry.name,
        list_view=list_view,
        create_view=login_required(methods(lambda request: _create(request, registry))),
        detail_view=detail_view,
        edit_view=login_required(methods(lambda request, pk: _edit(request, registry, pk))),
    )


# --- twinning pairs ---------------------------------------------------------------------


@login_required
@require_GET
def twinning_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    pairs = selectors.twinning_list(
        user=request.user,
        kind=kind if kind in TwinningKind.values else "",
        status=status if status in TwinningStatus.values else "",
    )
    context = {
        "pairs": pairs[:500],
        "kinds": TwinningKind.choices,
        "statuses": TwinningStatus.choices,
        "kind": kind,
        "status": status,
        "can_create": TwinningPairPolicy.can_create_any(request.user),
    }
    return render(request, "records/twinning_list.html", context)


@login_required
@require_GET
def twinning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = selectors.twinning_get(user=request.user, pk=pk)
    context = _detail_context(request, TWINNING, pair)
    context["reviews"] = selectors.twinning_reviews(user=request.user, pair=pair)
    return render(request, "records/twinning_detail.html", context)


# --- facilities -------------------------------------------------------------------------


@login_required
@require_GET
def facility_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    facilities = selectors.facility_list(
        user=request.user, kind=kind if kind in FacilityKind.values else ""
    )
    context = {
        "facilities": facilities[:500],
        "kinds": FacilityKind.choices,
        "kind": kind,
        "can_create": FacilityPolicy.can_create_any(request.user),
    }
    return render(request, "records/facility_list.html", context)


@login_required
@require_GET
def facility_detail(request: HttpRequest, pk: int) -> HttpResponse:
    facility = selectors.facility_get(user=request.user, pk=pk)
    return render(
        request, "records/facility_detail.html", _detail_context(request, FACILITIES, facility)
    )


# --- agreements -------------------------------------------------------------------------


@login_required
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    context = {
        "agreements": selectors.agreement_list(user=request.user)[:500],
        "can_create": AgreementPolicy.can_create_any(request.user),
    }
    return render(request, "records/agreement_list.html", context)


@login_required
@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    return render(
        request, "records/agreement_detail.html", _detail_context(request, AGREEMENTS, agreement)
    )
