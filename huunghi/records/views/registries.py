"""Pages of the registries: twinning pairs, facilities and agreements.

The three share one pattern (list, detail, create, edit), described by a
:class:`Registry`; their detail pages differ and have their own templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from huunghi.audit.selectors import history_for
from huunghi.core import workflow
from huunghi.core.models import Status
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
    if request.method == "POST" and form.is_valid():
        try:
            if obj is None:
                saved = registry.create(acting_user=request.user, **form.service_kwargs())
            else:
                saved = registry.update(obj, acting_user=request.user, **form.service_kwargs())
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "object": obj, "registry": registry}
    return render(request, "records/registry_form.html", context, status=status)


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


@login_required
@require_http_methods(["GET", "POST"])
def twinning_create(request: HttpRequest) -> HttpResponse:
    return _create(request, TWINNING)


@login_required
@require_http_methods(["GET", "POST"])
def twinning_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, TWINNING, pk)


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


@login_required
@require_http_methods(["GET", "POST"])
def facility_create(request: HttpRequest) -> HttpResponse:
    return _create(request, FACILITIES)


@login_required
@require_http_methods(["GET", "POST"])
def facility_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, FACILITIES, pk)


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


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    return _create(request, AGREEMENTS)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, AGREEMENTS, pk)
