"""Pages of the reports app: the dashboard, its JSON data, review report jobs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from huunghi.accounts.types import AuthenticatedRequest
from huunghi.core.db_router import standby_reads
from huunghi.dataio.workers import waiting_for_worker
from huunghi.reports import dashboard as board
from huunghi.reports import selectors, services
from huunghi.reports.forms import DashboardFilterForm, ReviewRequestForm
from huunghi.reports.models import JobStatus


def _filters(request: HttpRequest) -> DashboardFilterForm:
    return DashboardFilterForm(request.GET or None, user=request.user)


@login_required
@require_GET
@standby_reads
def dashboard(request: HttpRequest) -> HttpResponse:
    """Key numbers, trend, breakdowns and map for the viewer's scope (htmx swaps the body)."""
    form = _filters(request)
    query = form.query()
    context = {
        "form": form,
        "query": query,
        "cards": board.cards(user=request.user, query=query),
        "query_string": request.GET.urlencode(),
    }
    if getattr(request, "htmx", False):
        return render(request, "reports/_dashboard_body.html", context)
    return render(request, "reports/dashboard.html", context)


@login_required
@require_GET
@standby_reads
def dashboard_data(request: HttpRequest) -> JsonResponse:
    """Chart and map values of the dashboard, for the same filters."""
    form = _filters(request)
    data = board.dashboard_data(
        user=request.user, query=form.query(), indicator_code=form.indicator_code()
    )
    return JsonResponse(data)


@login_required
@require_GET
@standby_reads
def dashboard_export(request: HttpRequest) -> HttpResponse:
    """The dashboard's values as CSV: value, qualifier, origin, records, figure, difference
    and the figures' sources, for the same filters (the numbers the cards show)."""
    form = _filters(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="totals.csv"'
    response.write("\ufeff")
    board.write_totals_csv(response, user=request.user, query=form.query())
    return response


@login_required
@require_GET
@standby_reads
def map_layers(request: HttpRequest) -> JsonResponse:
    """Boundaries, gates, markers and visible units for the dashboard map."""
    form = _filters(request)
    return JsonResponse(board.map_layers(user=request.user, geography=form.query().geography))


@login_required
@require_http_methods(["GET", "POST"])
def review_request(request: AuthenticatedRequest) -> HttpResponse:
    """Ask for a review report; it is generated in the background."""
    form = ReviewRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = services.report_job_create(
            acting_user=request.user,
            unit=data["unit"],
            period_start=data["date_from"],
            period_end=data["date_to"],
            review_kind=data["review_kind"],
            fmt=data["format"],
            approved_only=data["approved_only"],
            language=get_language(),
        )
        return redirect("reports:job", pk=job.pk)
    jobs = selectors.report_jobs(user=request.user).filter(requested_by=request.user)[:20]
    return render(request, "reports/review_request.html", {"form": form, "jobs": jobs})


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: str) -> HttpResponse:
    """A job's progress; htmx polls the status part until the file is ready."""
    job = selectors.report_job_get(user=request.user, pk=pk)
    template = "reports/_job_status.html" if getattr(request, "htmx", False) else "reports/job.html"
    return render(request, template, {"job": job, "waiting_for_worker": waiting_for_worker(job)})


@login_required
@require_GET
def job_download(request: HttpRequest, pk: str) -> FileResponse:
    """The finished file (same 404 for missing, forbidden and unfinished jobs)."""
    job = selectors.report_job_get(user=request.user, pk=pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=(job.file.name or "").split("/")[-1]
    )
