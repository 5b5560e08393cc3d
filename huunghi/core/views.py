"""Home, about and health-check pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.selectors import memberships_of
from huunghi.accounts.types import AuthenticatedRequest
from huunghi.core import inbox


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """The signed-in user's starting page: their scope and the programme sections."""
    scope = scope_for(request.user)
    context = {
        "memberships": memberships_of(request.user),
        "can_edit": scope.has_any(Capability.EDIT),
        "can_approve": scope.has_any(Capability.APPROVE),
        "can_manage": scope.has_any(Capability.MANAGE),
        "returned": inbox.returned_to(user=request.user),
    }
    return render(request, "core/home.html", context)


def about(request: HttpRequest) -> HttpResponse:
    """What the system is for, its published sources and data attributions."""
    return render(request, "core/about.html")


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for the process manager."""
    return HttpResponse("ok", content_type="text/plain")
