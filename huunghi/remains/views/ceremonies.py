"""Pages for handover ceremonies and reburials."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from huunghi.audit.selectors import history_for
from huunghi.core import workflow
from huunghi.remains import selectors, services
from huunghi.remains.forms import HandoverForm, ReburialForm
from huunghi.remains.permissions import HandoverPolicy, ReburialPolicy, editable_units
from huunghi.remains.views.common import PAGE_SIZE, form_page, run_service


@login_required
def handover_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.handover_list(user=request.user)
    return render(
        request,
        "remains/handover_list.html",
        {
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_create": editable_units(request.user).exists(),
        },
    )


@login_required
def handover_detail(request: HttpRequest, pk: int) -> HttpResponse:
    handover = selectors.handover_get(user=request.user, pk=pk)
    return render(
        request,
        "remains/handover_detail.html",
        {
            "obj": handover,
            "sets": selectors.set_list(user=request.user).filter(handover=handover),
            "history": history_for(handover),
            "workflow": workflow.panel(request.user, handover, HandoverPolicy),
        },
    )


@login_required
def handover_create(request: HttpRequest) -> HttpResponse:
    units = editable_units(request.user)
    if not units.exists():
        raise Http404
    form = HandoverForm(
        request.POST or None, units=units, sets=selectors.sets_for_handover(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        handover = run_service(
            form, lambda: services.handover_create(acting_user=request.user, **form.cleaned_data)
        )
        if handover is not None:
            messages.success(request, _("The handover ceremony has been recorded."))
            return redirect("remains:handover_detail", pk=handover.pk)
    return form_page(request, form, _("Record a handover ceremony"))


@login_required
def reburial_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.reburial_list(user=request.user)
    return render(
        request,
        "remains/reburial_list.html",
        {
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_create": editable_units(request.user).exists(),
        },
    )


@login_required
def reburial_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reburial = selectors.reburial_get(user=request.user, pk=pk)
    return render(
        request,
        "remains/reburial_detail.html",
        {
            "obj": reburial,
            "sets": selectors.set_list(user=request.user).filter(reburial=reburial),
            "history": history_for(reburial),
            "workflow": workflow.panel(request.user, reburial, ReburialPolicy),
        },
    )


@login_required
def reburial_create(request: HttpRequest) -> HttpResponse:
    units = editable_units(request.user)
    if not units.exists():
        raise Http404
    form = ReburialForm(
        request.POST or None, units=units, sets=selectors.sets_for_reburial(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        reburial = run_service(
            form, lambda: services.reburial_create(acting_user=request.user, **form.cleaned_data)
        )
        if reburial is not None:
            messages.success(request, _("The reburial has been recorded."))
            return redirect("remains:reburial_detail", pk=reburial.pk)
    return form_page(request, form, _("Record a reburial"))
