"""The create-or-edit page that every app's forms follow.

A valid POST runs one service call; the service's refusal (``ValidationError``) is shown
on the form, a ``PermissionDenied`` answers 404 like a missing object, success says
"Saved." and goes to the object's page. Otherwise the form page is shown again, with
status 400 when it carries errors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from huunghi.core.form_errors import run_service


def form_response(
    request: HttpRequest, template: str, form: BaseForm, **context: Any
) -> HttpResponse:
    """The form page; 400 when a submitted form has errors."""
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


def save_form_page(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[], Any],
    *,
    template: str,
    success_url: Callable[[Any], str],
    **context: Any,
) -> HttpResponse:
    """Run ``save()`` for a valid POST of ``form`` and go to ``success_url(saved)``."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = run_service(form, save)
        except PermissionDenied as exc:
            raise Http404 from exc
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(success_url(saved))
    return form_response(request, template, form, **context)
