"""Workflow buttons: submit, approve, return (with a reason), reopen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from huunghi.records import selectors, services
from huunghi.records.models import Activity
from huunghi.records.permissions import ActivityPolicy

ACTIONS = {
    "submit": (ActivityPolicy.can_submit, _("The record was submitted for approval.")),
    "approve": (ActivityPolicy.can_decide, _("The record was approved.")),
    "return": (ActivityPolicy.can_decide, _("The record was returned to its unit.")),
    "reopen": (ActivityPolicy.can_reopen, _("The record was reopened as a new revision.")),
}


@login_required
@require_POST
def activity_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Apply a workflow action the user may use; anything else is a 404."""
    activity = selectors.activity_get(user=request.user, pk=pk)
    if action not in ACTIONS or not ACTIONS[action][0](request.user, activity):
        raise Http404
    try:
        _run(action, activity, request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except PermissionDenied as exc:
        raise Http404 from exc
    else:
        messages.success(request, str(ACTIONS[action][1]))
    return redirect(_next(request, activity))


def _run(action: str, activity: Activity, request: HttpRequest) -> Activity:
    user = request.user
    if action == "submit":
        return services.activity_submit(activity=activity, acting_user=user)
    if action == "approve":
        return services.activity_approve(activity=activity, acting_user=user)
    if action == "return":
        reason = request.POST.get("reason", "")
        return services.activity_return(activity=activity, acting_user=user, reason=reason)
    return services.activity_reopen(activity=activity, acting_user=user)


def _next(request: HttpRequest, activity: Activity) -> str:
    if request.POST.get("next") == "approvals":
        return reverse("records:approvals")
    return activity.get_absolute_url()
