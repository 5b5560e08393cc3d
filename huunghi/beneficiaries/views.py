"""Pages for pupil sponsorship: lists, details, forms, totals and alerts.

Names appear only on pages built from :meth:`PupilPolicy.visible`; an account that
may only count a pupil gets the same 404 for the pupil's page as for a missing one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huunghi.beneficiaries import selectors, services
from huunghi.beneficiaries.forms import (
    PaymentForm,
    PupilEndForm,
    PupilFilterForm,
    PupilForm,
    PupilYearForm,
    ReasonForm,
    TotalsForm,
)
from huunghi.beneficiaries.models import Nationality, Pupil
from huunghi.beneficiaries.permissions import PupilPolicy
from huunghi.core import workflow
from huunghi.core.form_errors import run_service
from huunghi.core.form_pages import form_response
from huunghi.core.models import Status

PAGE_SIZE = 50


def _editable_pupil(request: HttpRequest, pk: int) -> Pupil:
    pupil = selectors.pupil_get(user=request.user, pk=pk)
    if not PupilPolicy.can_edit(request.user, pupil):
        raise Http404
    return pupil


def _form_page(request: HttpRequest, form: BaseForm, title: str, **context: Any) -> HttpResponse:
    return form_response(request, "beneficiaries/form.html", form, title=title, **context)


@login_required
def pupil_list(request: HttpRequest) -> HttpResponse:
    """Counts for everything in the user's scope; names only for the user's own pupils."""
    today = timezone.localdate()
    filter_form = PupilFilterForm(
        request.GET or None, units=selectors.pupil_unit_choices(user=request.user)
    )
    pupils = selectors.pupil_list(user=request.user, filters=filter_form.filters())
    page = Paginator(pupils, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "beneficiaries/pupil_list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "totals": selectors.pupil_totals(user=request.user, as_of=today),
            "unit_counts": selectors.pupil_counts_by_unit(user=request.user, as_of=today),
            "nationalities": Nationality.choices,
            "can_create": selectors.sponsor_unit_choices(user=request.user).exists(),
            "today": today,
        },
    )


@login_required
def pupil_totals(request: HttpRequest) -> HttpResponse:
    """Totals quoted in reports: supported pupils as of a date and money paid in a period."""
    today = timezone.localdate()
    form = TotalsForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    as_of = data.get("as_of") or today
    start = data.get("start") or today.replace(month=1, day=1)
    end = data.get("end") or today
    return render(
        request,
        "beneficiaries/totals.html",
        {
            "form": form,
            "totals": selectors.pupil_totals(user=request.user, as_of=as_of),
            "payments": selectors.payment_totals(user=request.user, start=start, end=end),
            "finished": selectors.pupils_finished_count(user=request.user, start=start, end=end),
            "unit_counts": selectors.pupil_counts_by_unit(user=request.user, as_of=as_of),
            "nationalities": Nationality.choices,
        },
    )


@login_required
def pupil_alerts(request: HttpRequest) -> HttpResponse:
    """Missing monthly payments and missing progress for the previous school year."""
    today = timezone.localdate()
    school_year, missing_progress = selectors.progress_alerts(user=request.user, today=today)
    return render(
        request,
        "beneficiaries/alerts.html",
        {
            "payment_alerts": selectors.payment_alerts(user=request.user, today=today),
            "school_year": school_year,
            "missing_progress": missing_progress,
        },
    )


@login_required
def pupil_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = selectors.pupil_get(user=request.user, pk=pk)
    return render(
        request,
        "beneficiaries/pupil_detail.html",
        {
            "pupil": pupil,
            "years": selectors.pupil_years(pupil),
            "payments": selectors.pupil_payments(pupil),
            "history": selectors.pupil_history(pupil),
            "can_edit": PupilPolicy.can_edit(request.user, pupil)
            and pupil.record_status != Status.SUBMITTED,
            "workflow": workflow.panel(request.user, pupil, PupilPolicy),
            "reopen_form": ReasonForm(),
        },
    )


@login_required
def pupil_create(request: HttpRequest) -> HttpResponse:
    units = selectors.sponsor_unit_choices(user=request.user)
    if not units.exists():
        raise Http404
    form = PupilForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        pupil = run_service(
            form, lambda: services.pupil_create(acting_user=request.user, **form.cleaned_data)
        )
        if pupil is not None:
            messages.success(request, _("The pupil has been registered."))
            return redirect("beneficiaries:detail", pk=pupil.pk)
    return _form_page(request, form, _("Register a sponsored pupil"))


@login_required
def pupil_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = _editable_pupil(request, pk)
    units = selectors.sponsor_unit_choices(user=request.user)
    form = PupilForm(request.POST or None, instance=pupil, units=units)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: services.pupil_update(
                pupil=pupil, acting_user=request.user, changes=form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The changes have been saved."))
            return redirect("beneficiaries:detail", pk=pupil.pk)
    return _form_page(request, form, _("Edit pupil"), pupil=pupil)


@login_required
def pupil_end(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = _editable_pupil(request, pk)
    initial = {
        "end_date": pupil.end_date,
        "end_reason": pupil.end_reason,
        "end_note": pupil.end_note,
    }
    form = PupilEndForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: services.pupil_end(pupil=pupil, acting_user=request.user, **form.cleaned_data),
        )
        if done is not None:
            messages.success(request, _("The end of sponsorship has been recorded."))
            return redirect("beneficiaries:detail", pk=pupil.pk)
    return _form_page(request, form, _("End sponsorship"), pupil=pupil)


@login_required
@require_POST
def pupil_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = _editable_pupil(request, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        done = run_service(
            form,
            lambda: services.pupil_reopen(
                pupil=pupil, reason=form.cleaned_data["reason"], acting_user=request.user
            ),
        )
        if done is not None:
            messages.success(request, _("The sponsorship has been resumed."))
            return redirect("beneficiaries:detail", pk=pupil.pk)
    return _form_page(request, form, _("Resume sponsorship"), pupil=pupil)


@login_required
def payment_create(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = _editable_pupil(request, pk)
    form = PaymentForm(
        request.POST or None,
        initial={"amount": pupil.monthly_amount, "paid_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: services.payment_create(
                pupil=pupil, acting_user=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The payment has been recorded."))
            return redirect("beneficiaries:detail", pk=pupil.pk)
    return _form_page(request, form, _("Record a payment"), pupil=pupil)


@login_required
def payment_edit(request: HttpRequest, pk: int, payment_pk: int) -> HttpResponse:
    pupil = _editable_pupil(request, pk)
    payment = selectors.payment_get(user=request.user, pupil=pupil, pk=payment_pk)
    form = PaymentForm(request.POST or None, instance=payment)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: services.payment_update(
                payment=payment, acting_user=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The payment has been corrected."))
            return redirect("beneficiaries:detail", pk=pupil.pk)
    return _form_page(request, form, _("Correct a payment"), pupil=pupil)


@login_required
def progress_record(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = _editable_pupil(request, pk)
    today = timezone.localdate()
    form = PupilYearForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: services.pupil_year_record(
                pupil=pupil, acting_user=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The school year has been recorded."))
            return redirect("beneficiaries:detail", pk=pupil.pk)
    return _form_page(request, form, _("Record a school year"), pupil=pupil)
