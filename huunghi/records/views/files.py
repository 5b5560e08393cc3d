"""Serving attachments and scanned agreements only to those who may read the record."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from huunghi.records import selectors


def _file_response(field_file: object, content_type: str, filename: str) -> FileResponse:
    try:
        handle = field_file.open("rb")  # type: ignore[attr-defined]
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type, filename=filename)
    response["Content-Disposition"] = response["Content-Disposition"].replace(
        "attachment", "inline"
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """A photo or PDF of a readable record, shown inline."""
    attachment = selectors.attachment_get(user=request.user, activity_pk=pk, pk=attachment_pk)
    name = attachment.original_name or attachment.file.name.rsplit("/", 1)[-1]
    return _file_response(attachment.file, attachment.content_type, name)


@login_required
@require_GET
def agreement_document(request: HttpRequest, pk: int) -> FileResponse:
    """The scanned PDF of a readable agreement."""
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    if not agreement.document:
        raise Http404
    return _file_response(agreement.document, "application/pdf", f"agreement-{agreement.pk}.pdf")
