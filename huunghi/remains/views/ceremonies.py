"""Pages for handover ceremonies and reburials: the same list, detail and create pages,
each described by a :class:`Ceremony`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from huunghi.audit.selectors import history_for
from huunghi.core import workflow
from huunghi.core.form_errors import run_service
from huunghi.remains import selectors, services
from huunghi.remains.forms import HandoverForm, ReburialForm
from huunghi.remains.permissions import HandoverPolicy, ReburialPolicy, editable_units
from huunghi.remains.views.common import PAGE_SIZE, form_page


@dataclass(frozen=True)
class Ceremony:
    name: str
    policy: Any
    list_selector: Callable[..., Any]
    get: Callable[..., Any]
    form: type
    eligible_sets: Callable[..., Any]
    create: Callable[..., Any]
    recorded: Promise
    create_title: Promise


HANDOVER = Ceremony(
    name="handover",
    policy=HandoverPolicy,
    list_selector=selectors.handover_list,
    get=selectors.handover_get,
    form=HandoverForm,
    eligible_sets=selectors.sets_for_handover,
    create=services.handover_create,
    recorded=_("The handover ceremony has been recorded."),
    create_title=_("Record a handover ceremony"),
)
REBURIAL = Ceremony(
    name="reburial",
    policy=ReburialPolicy,
    list_selector=selectors.reburial_list,
    get=selectors.reburial_get,
    form=ReburialForm,
    eligible_sets=selectors.sets_for_reburial,
    create=services.reburial_create,
    recorded=_("The reburial has been recorded."),
    create_title=_("Record a reburial"),
)


def _list(request: HttpRequest, ceremony: Ceremony) -> HttpResponse:
    rows = ceremony.list_selector(user=request.user)
    return render(
        request,
        f"remains/{ceremony.name}_list.html",
        {
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_create": editable_units(request.user).exists(),
        },
    )


def _detail(request: HttpRequest, ceremony: Ceremony, pk: int) -> HttpResponse:
    obj = ceremony.get(user=request.user, pk=pk)
    sets = selectors.set_list(user=request.user).filter(**{ceremony.name: obj})
    return render(
        request,
        f"remains/{ceremony.name}_detail.html",
        {
            "obj": obj,
            "sets": sets,
            "history": history_for(obj),
            "workflow": workflow.panel(request.user, obj, ceremony.policy),
        },
    )


def _create(request: HttpRequest, ceremony: Ceremony) -> HttpResponse:
    units = editable_units(request.user)
    if not units.exists():
        raise Http404
    form = ceremony.form(
        request.POST or None, units=units, sets=ceremony.eligible_sets(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        created = run_service(
            form, lambda: ceremony.create(acting_user=request.user, **form.cleaned_data)
        )
        if created is not None:
            messages.success(request, str(ceremony.recorded))
            return redirect(f"remains:{ceremony.name}_detail", pk=created.pk)
    return form_page(request, form, ceremony.create_title)


@login_required
def handover_list(request: HttpRequest) -> HttpResponse:
    return _list(request, HANDOVER)


@login_required
def handover_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, HANDOVER, pk)


@login_required
def handover_create(request: HttpRequest) -> HttpResponse:
    return _create(request, HANDOVER)


@login_required
def reburial_list(request: HttpRequest) -> HttpResponse:
    return _list(request, REBURIAL)


@login_required
def reburial_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, REBURIAL, pk)


@login_required
def reburial_create(request: HttpRequest) -> HttpResponse:
    return _create(request, REBURIAL)
