"""Home, about and health-check pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's starting page: their scope and shortcuts."""
    return render(request, "core/home.html")


def about(request: HttpRequest) -> HttpResponse:
    """What the system is for, its published sources and data attributions."""
    return render(request, "core/about.html")


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for the process manager."""
    return HttpResponse("ok", content_type="text/plain")
