"""The audit page for unit and system administrators."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from huunghi.audit.selectors import audit_list


@login_required
def audit_index(request: HttpRequest) -> HttpResponse:
    """Changes to objects in the units the user manages, newest first."""
    events = audit_list(user=request.user)
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/audit_list.html", {"page": page})
