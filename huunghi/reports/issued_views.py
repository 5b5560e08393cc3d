"""Pages of the review report a commander signs: the unit's drafts and issued versions,
the draft editor with its preview, issuing, new versions and downloads.

Reads go through :mod:`huunghi.reports.selectors` (404 outside the reader's scope);
writes through :mod:`huunghi.reports.services`, which check the policy themselves.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from huunghi.reports import selectors, services
from huunghi.reports.issued_forms import ReportDraftForm, ReportTextForm
from huunghi.reports.issued_selectors import report_actions
from huunghi.reports.models import IssuedReport, ReportFormat
from huunghi.reports.review.issued import content_of, report_file
from huunghi.reports.services import TEXT_FIELDS


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest) -> HttpResponse:
    """Drafts and issued versions the user may read; a form to start a draft."""
    form = ReportDraftForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        report = services.issued_report_create(acting_user=request.user, **form.draft_kwargs())
        return redirect("reports:signed_detail", pk=report.pk)
    reports = selectors.issued_reports(user=request.user)[:100]
    unit_field: Any = form.fields["unit"]
    can_draft = unit_field.queryset.exists()
    context = {"form": form, "reports": reports, "can_draft": can_draft}
    return render(request, "reports/signed/list.html", context)


def _text_form(request: HttpRequest, report: IssuedReport) -> ReportTextForm:
    initial = {name: getattr(report, name) for name in TEXT_FIELDS}
    return ReportTextForm(request.POST or None, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft editor (typed text and signer) with a preview, or an issued version."""
    report = selectors.issued_report_get(user=request.user, pk=pk)
    actions = report_actions(user=request.user, report=report)
    form = _text_form(request, report) if actions["edit"] else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.issued_report_update(
                    report=report, acting_user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The report text was saved."))
            return redirect("reports:signed_detail", pk=report.pk)
    context = {
        "report": report,
        "form": form,
        "actions": actions,
        "data": content_of(report, user=request.user),
        "formats": list(ReportFormat),
        "versions": selectors.issued_reports(user=request.user, unit=report.unit).filter(
            period_start=report.period_start,
            period_end=report.period_end,
            review_kind=report.review_kind,
        ),
    }
    return render(request, "reports/signed/detail.html", context)


@login_required
@require_POST
def report_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the draft (approver or unit admin of the unit); it is frozen from now on."""
    report = selectors.issued_report_get(user=request.user, pk=pk)
    try:
        services.issued_report_issue(report=report, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report was issued; its numbers and text are frozen."))
    return redirect("reports:signed_detail", pk=report.pk)


@login_required
@require_POST
def report_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    """A new draft version of an issued report (same unit, period and kind)."""
    report = selectors.issued_report_get(user=request.user, pk=pk)
    new = services.issued_report_create(
        acting_user=request.user,
        unit=report.unit,
        period_start=report.period_start,
        period_end=report.period_end,
        review_kind=report.review_kind,
        language=get_language(),
        approved_only=report.approved_only,
    )
    return redirect("reports:signed_detail", pk=new.pk)


@login_required
@require_GET
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report as DOCX, PDF or XLSX (an issued one always gives the same bytes)."""
    report = selectors.issued_report_get(user=request.user, pk=pk)
    if fmt not in ReportFormat.values:
        raise Http404
    document = report_file(report, user=request.user, fmt=fmt)
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response
