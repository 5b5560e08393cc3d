"""Pages of the data app: templates, uploads, the checked preview, job progress, exports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huunghi.accounts.scope import Capability, scope_for
from huunghi.core.db_router import standby_reads
from huunghi.dataio import selectors
from huunghi.dataio.forms import ImportForm
from huunghi.dataio.kinds import EXPORTABLE, data_kind
from huunghi.dataio.models import ExportFormat, ExportStatus
from huunghi.dataio.services import exports, imports
from huunghi.dataio.table import template_workbook

if TYPE_CHECKING:
    from huunghi.accounts.types import AuthenticatedRequest, Reader

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES: dict[str, str] = {
    ExportFormat.XLSX: XLSX_TYPE,
    ExportFormat.CSV: "text/csv; charset=utf-8",
}


def _may_import(user: Reader) -> bool:
    return scope_for(user).has_any(Capability.EDIT)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Templates per kind, the upload form, and the user's recent imports and exports."""
    context = {
        "kinds": selectors.import_kinds(),
        "exportable": [data_kind(code) for code in EXPORTABLE],
        "form": ImportForm() if _may_import(request.user) else None,
        "imports": selectors.import_jobs(user=request.user)[: selectors.RECENT],
        "exports": selectors.export_jobs(user=request.user)[: selectors.RECENT],
    }
    return render(request, "dataio/index.html", context)


@login_required
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    """The Excel template of a kind, with headers in the user's language."""
    found = data_kind(kind)
    content = template_workbook(str(found.label), found.columns(), found.example())
    response = HttpResponse(content, content_type=XLSX_TYPE)
    name = f"huunghi-template-{found.file_stem()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def upload(request: AuthenticatedRequest) -> HttpResponse:
    """Store an uploaded file and check it (a dry run); then show the preview."""
    if not _may_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        context = {
            "kinds": selectors.import_kinds(),
            "form": form,
            "exportable": [data_kind(code) for code in EXPORTABLE],
            "imports": selectors.import_jobs(user=request.user)[: selectors.RECENT],
            "exports": selectors.export_jobs(user=request.user)[: selectors.RECENT],
        }
        return render(request, "dataio/index.html", context, status=400)
    job = imports.import_upload(
        user=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
    )
    return redirect("dataio:import_job", pk=job.pk)


def _job_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    job = selectors.import_job_get(user=request.user, pk=pk)
    state = selectors.import_state(job)
    return {
        "job": job,
        "state": state,
        "kind": data_kind(job.kind),
        "error_lines": [error_text(e) for e in job.errors or []],
    }


def error_text(entry: dict[str, Any]) -> str:
    """ "Row 14, column Start date: …" in the reader's language."""
    row, column, message = entry.get("row"), entry.get("column"), entry.get("message", "")
    if row and column:
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": row,
            "column": column,
            "message": message,
        }
    if row:
        return _("Row %(row)s: %(message)s") % {"row": row, "message": message}
    return str(message)


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The job: its progress while running, then the preview or the result."""
    return render(request, "dataio/import_job.html", _job_context(request, pk))


@login_required
def import_job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's status block (polled by htmx while the job runs)."""
    return render(request, "dataio/_import_status.html", _job_context(request, pk))


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get(user=request.user, pk=pk)
    _act(request, lambda: imports.import_confirm(job=job, user=request.user))
    return redirect("dataio:import_job", pk=pk)


@login_required
@require_POST
def import_restart(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get(user=request.user, pk=pk)
    _act(request, lambda: imports.import_restart(job=job, user=request.user))
    return redirect("dataio:import_job", pk=pk)


def _act(request: HttpRequest, action: Any) -> None:
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)


@login_required
@standby_reads
def export(request: AuthenticatedRequest, kind: str, fmt: str) -> HttpResponse:
    """The filtered list as a file now, or as a background job when it is long."""
    if kind not in EXPORTABLE or fmt not in ExportFormat.values:
        return HttpResponse(status=404)
    params = request.GET.dict()
    if (
        exports.export_count(user=request.user, kind=kind, params=params)
        > exports.background_rows()
    ):
        job = exports.export_start(user=request.user, kind=kind, fmt=fmt, params=params)
        return redirect("dataio:export_job", pk=job.pk)
    content, _count = exports.export_file(user=request.user, kind=kind, fmt=fmt, params=params)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = exports.file_name(kind, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.export_job_get(user=request.user, pk=pk)
    context = {"job": job, "state": selectors.export_state(job)}
    return render(request, "dataio/export_job.html", context)


@login_required
def export_job_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.export_job_get(user=request.user, pk=pk)
    context = {"job": job, "state": selectors.export_state(job)}
    return render(request, "dataio/_export_status.html", context)


@login_required
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    """The finished file, for the user who asked for it only (404 for anyone else)."""
    job = selectors.export_job_get(user=request.user, pk=pk)
    if job.status != ExportStatus.DONE or not job.file:
        return HttpResponse(status=404)  # type: ignore[return-value]
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=exports.file_name(job.kind, job.format),
        content_type=CONTENT_TYPES[job.format],
    )
