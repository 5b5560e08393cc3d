"""Pages of the reporting cycle: reports owed, sending, the inbox, a submitted report,
the compilation, completeness (table, trend, map), obligations, counterpart copies and
reminders. Reads through :mod:`.selectors`, writes through :mod:`.services`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import AuthenticatedRequest
from huunghi.audit.selectors import history_for
from huunghi.cycle import issuing, selectors, services
from huunghi.cycle.compilation import compile_report
from huunghi.cycle.completeness import completeness
from huunghi.cycle.forms import CompletenessForm, ObligationForm, ReturnForm, SendForm, ShareForm
from huunghi.cycle.mapdata import completeness_map
from huunghi.cycle.models import Submission, SubmissionStatus
from huunghi.cycle.permissions import ObligationPolicy, SubmissionPolicy
from huunghi.cycle.reminders import reminder_text, reminders_mark_read
from huunghi.cycle.schedule import period_containing
from huunghi.organisations import selectors as organisations


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The reports the user's units owe, recent periods first, with their state."""
    today = timezone.localdate()
    units = selectors.reporting_units(user=request.user)
    context = {
        "owed_by_unit": [(u, selectors.owed_reports(unit=u, today=today)) for u in units],
        "can_approve": scope_for(request.user).has_any(Capability.APPROVE),
    }
    return render(request, "cycle/index.html", context)


def _owed(request: HttpRequest, obligation_id: int, unit_id: int, start: str) -> Any:
    unit = organisations.unit_get(user=request.user, pk=unit_id)
    obligation = selectors.obligation_get(user=request.user, pk=obligation_id)
    try:
        period_start = dt.date.fromisoformat(start)
        services.owed_period(obligation, period_start)
    except (ValueError, ValidationError) as exc:
        raise Http404 from exc
    if not services.obligation_applies_to(obligation, unit):
        raise Http404
    return selectors.owed_report(
        obligation=obligation, unit=unit, period_start=period_start, today=timezone.localdate()
    )


@login_required
def owed_detail(request: HttpRequest, obligation_id: int, unit_id: int, start: str) -> HttpResponse:
    """One report a unit owes: its state, its versions, and sending it up."""
    owed = _owed(request, obligation_id, unit_id, start)
    reports = issuing.sendable_reports(unit=owed.unit, period=owed.period)
    can_send = SubmissionPolicy.can_send_for(request.user, owed.unit) and _open(owed)
    form = SendForm(request.POST or None, reports=reports)
    if request.method == "POST":
        if not can_send:
            raise PermissionDenied
        if form.is_valid():
            try:
                submission = services.submission_send(
                    obligation=owed.obligation,
                    unit=owed.unit,
                    period_start=owed.period.start,
                    report=form.cleaned_data["report"],
                    acting_user=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, _error_text(exc))
            else:
                messages.success(
                    request, _("The report was sent to %(unit)s.") % {"unit": submission.recipient}
                )
                return redirect("cycle:submission", pk=submission.pk)
    context = {
        "owed": owed,
        "form": form,
        "has_reports": reports.exists(),
        "can_send": can_send,
        "can_prepare": SubmissionPolicy.can_prepare_for(request.user, owed.unit),
        "draft": issuing.latest_draft(unit=owed.unit, period=owed.period),
        "versions": (
            selectors.submission_versions(owed.current) if owed.current is not None else []
        ),
    }
    return render(request, "cycle/owed_detail.html", context)


def _open(owed: Any) -> bool:
    return owed.current is None or not owed.current.is_received


@require_POST
@login_required
def owed_prepare(
    request: HttpRequest, obligation_id: int, unit_id: int, start: str
) -> HttpResponse:
    """Start (or reopen) the draft of the owed report and go to its editor."""
    owed = _owed(request, obligation_id, unit_id, start)
    if not _open(owed) or not SubmissionPolicy.can_prepare_for(request.user, owed.unit):
        raise PermissionDenied
    draft = issuing.latest_draft(unit=owed.unit, period=owed.period)
    if draft is None:
        draft = issuing.draft_create(
            unit=owed.unit,
            period=owed.period,
            frequency=owed.obligation.frequency,
            language=get_language(),
            acting_user=request.user,
        )
    return redirect(issuing.report_url(draft))


@require_POST
@login_required
def owed_issue_send(
    request: HttpRequest, obligation_id: int, unit_id: int, start: str
) -> HttpResponse:
    """Issue the unit's draft and send it up in one step (approver or unit admin)."""
    owed = _owed(request, obligation_id, unit_id, start)
    draft = issuing.latest_draft(unit=owed.unit, period=owed.period)
    if draft is None or not _open(owed):
        raise Http404
    try:
        submission = services.report_issue_and_send(
            obligation=owed.obligation,
            unit=owed.unit,
            period_start=owed.period.start,
            draft=draft,
            acting_user=request.user,
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("cycle:owed", obligation_id, unit_id, start)
    messages.success(
        request, _("The report was issued and sent to %(unit)s.") % {"unit": submission.recipient}
    )
    return redirect("cycle:submission", pk=submission.pk)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """Reports sent to units where the user acknowledges them."""
    awaiting = selectors.inbox(user=request.user)
    recent = selectors.submission_list(user=request.user, inbox=True).exclude(
        pk__in=awaiting.values("pk")
    )[:50]
    return render(request, "cycle/inbox.html", {"awaiting": awaiting, "recent": recent})


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A submitted report: its frozen numbers, the reports it compiles, its versions, its
    history, and acknowledge / return / share when the user may."""
    submission = selectors.submission_get(user=request.user, pk=pk)
    can_share = SubmissionPolicy.can_share(request.user, submission)
    context = {
        "submission": submission,
        "report": submission.report,
        "lines": issuing.frozen_lines(submission.report),
        "included": selectors.submission_included(submission),
        "versions": selectors.submission_versions(submission),
        "copies": selectors.copies_of(submission),
        "history": history_for(submission)[:50],
        "can_act": submission.status == SubmissionStatus.SENT
        and SubmissionPolicy.can_act(request.user, submission),
        "return_form": ReturnForm(),
        "share_form": ShareForm(units=_counterparts(submission)) if can_share else None,
    }
    return render(request, "cycle/submission_detail.html", context)


def _counterparts(submission: Submission) -> Any:
    return organisations.counterpart_unit_choices().exclude(country=submission.unit.country_id)


@require_POST
@login_required
def submission_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Acknowledge or return (with a reason) a received report."""
    submission = selectors.submission_get(user=request.user, pk=pk)
    try:
        if action == "acknowledge":
            services.submission_acknowledge(submission=submission, acting_user=request.user)
            messages.success(request, _("Report acknowledged."))
        elif action == "return":
            form = ReturnForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.submission_return(
                submission=submission, reason=reason, acting_user=request.user
            )
            messages.success(request, _("Report returned to %(unit)s.") % {"unit": submission.unit})
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("cycle:submission", pk=pk)


@require_POST
@login_required
def submission_share(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the shareable part of a report to a counterpart unit."""
    submission = selectors.submission_get(user=request.user, pk=pk)
    form = ShareForm(request.POST, units=_counterparts(submission))
    if not form.is_valid():
        messages.error(request, _("Choose a counterpart unit."))
        return redirect("cycle:submission", pk=pk)
    try:
        services.counterpart_copy_send(
            submission=submission,
            counterpart=form.cleaned_data["counterpart"],
            acting_user=request.user,
        )
        messages.success(request, _("The shared part was sent."))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("cycle:submission", pk=pk)


def _default_unit(request: HttpRequest) -> Any:
    units = selectors.viewable_roots(user=request.user)
    if not units:
        raise Http404
    return units[0]


def _completeness_args(request: HttpRequest) -> tuple[Any, CompletenessForm, dict[str, Any]]:
    form = CompletenessForm(request.GET or None)
    if form.is_bound and not form.is_valid() and "unit" in form.errors:
        raise Http404
    data = form.cleaned_data if form.is_bound else {}
    unit_id = data.get("unit")
    unit = (
        organisations.unit_get(user=request.user, pk=unit_id) if unit_id else _default_unit(request)
    )
    today = timezone.localdate()
    start, end = form.range(today)
    args = {
        "user": request.user,
        "unit": unit,
        "start": start,
        "end": end,
        "today": today,
        "frequency": data.get("frequency") or "quarterly",
    }
    return unit, form, args


@login_required
def completeness_page(request: HttpRequest) -> HttpResponse:
    """Expected, received and on-time reports per subordinate and in total, a trend over
    the periods of the range, and a map."""
    unit, form, args = _completeness_args(request)
    result = completeness(**args)
    context = {
        "form": form,
        "result": result,
        "ancestors": organisations.unit_ancestors(unit),
        "frequency": args["frequency"],
        "query_string": request.GET.urlencode(),
    }
    return render(request, "cycle/completeness.html", context)


@login_required
def completeness_map_data(request: HttpRequest) -> JsonResponse:
    """The map layer of the completeness page (JSON)."""
    _unit, _form, args = _completeness_args(request)
    return JsonResponse(completeness_map(completeness(**args)))


@login_required
def compilation(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's compiled report for a period: subordinate reports included, numbers
    issued below plus own records, and differences where records changed since."""
    unit = organisations.unit_get(user=request.user, pk=unit_id)
    frequency = request.GET.get("frequency") or "quarterly"
    try:
        day = dt.date.fromisoformat(request.GET.get("start", ""))
        period = period_containing(frequency, day)
    except (ValueError, KeyError):
        period = period_containing("quarterly", timezone.localdate())
    result = compile_report(user=request.user, unit=unit, period=period)
    return render(request, "cycle/compilation.html", {"compilation": result})


@login_required
def obligation_list(request: HttpRequest) -> HttpResponse:
    """Obligations the user may see; unit administrators add new ones."""
    units = organisations.manageable_units(user=request.user)
    form = ObligationForm(request.POST or None, units=units)
    if request.method == "POST":
        if not units.exists():
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.obligation_create(
                    unit=data.pop("unit"), data=data, acting_user=request.user
                )
            except ValidationError as exc:
                form.add_error(None, _error_text(exc))
            else:
                messages.success(request, _("Obligation saved."))
                return redirect("cycle:obligations")
    context = {
        "obligations": selectors.obligation_list(user=request.user),
        "form": form if units.exists() else None,
    }
    return render(request, "cycle/obligations.html", context)


@login_required
def obligation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = selectors.obligation_get(user=request.user, pk=pk)
    if not ObligationPolicy.can_manage(request.user, obligation):
        raise Http404
    units = organisations.manageable_units(user=request.user)
    form = ObligationForm(request.POST or None, instance=obligation, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("unit", None)
        obligation.refresh_from_db()
        try:
            services.obligation_update(obligation=obligation, data=data, acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("Obligation saved."))
            return redirect("cycle:obligations")
    context = {"form": form, "obligation": obligation, "history": history_for(obligation)[:50]}
    return render(request, "cycle/obligation_edit.html", context)


@login_required
def shared_list(request: HttpRequest) -> HttpResponse:
    """Copies of reports sent to or by the user's units (counterparts see only these)."""
    return render(
        request,
        "cycle/shared_list.html",
        {"copies": selectors.counterpart_copy_list(user=request.user)},
    )


@login_required
def shared_detail(request: HttpRequest, pk: int) -> HttpResponse:
    copy = selectors.counterpart_copy_get(user=request.user, pk=pk)
    return render(request, "cycle/shared_detail.html", {"copy": copy, "content": copy.content})


@login_required
def reminders(request: AuthenticatedRequest) -> HttpResponse:
    """The user's reminders (opening the page marks them read)."""
    rows = [(r, reminder_text(r)) for r in selectors.reminders_of(user=request.user)]
    reminders_mark_read(user=request.user)
    return render(request, "cycle/reminders.html", {"reminders": rows})
