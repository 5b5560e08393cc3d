"""The audit page for unit and system administrators."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from huunghi.audit.forms import AuditFilterForm
from huunghi.audit.selectors import audit_list, audit_units, can_read_audit


@login_required
def audit_index(request: HttpRequest) -> HttpResponse:
    """Changes to objects in the units the user manages, newest first; 404 for users who
    manage no unit."""
    if not can_read_audit(request.user):
        raise Http404
    form = AuditFilterForm(request.GET or None, units=audit_units(user=request.user))
    events = audit_list(user=request.user, filters=form.filters())
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/audit_list.html", {"page": page, "form": form})
