"""Workflow buttons (submit, approve, return with a reason, reopen) for every kind in
the approval chain, and the approvals page with its bulk approve."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from huunghi.accounts.scope import Capability, scope_for
from huunghi.core import inbox, workflow
from huunghi.core.workflow import FourEyesRefused
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
    if _attempt(request, lambda: _run(action, activity, request)):
        messages.success(request, str(ACTIONS[action][1]))
    return redirect(_next(request, activity))


def _attempt(request: HttpRequest, run: Any) -> bool:
    """Run a move; refusals become messages on the next page (four eyes, bad status or
    reason); a move the user may not make at all is a 404."""
    try:
        run()
    except FourEyesRefused as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except PermissionDenied as exc:
        raise Http404 from exc
    else:
        return True
    return False


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


# --- every kind in the chain --------------------------------------------------------------


@login_required
@require_POST
def record_action(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    """Submit, approve, return or reopen a record of any registered kind; a record the
    user cannot see, or an action they may not use on it, is a 404."""
    found = workflow.get_kind(kind)
    if found is None:
        raise Http404
    obj = found.visible_to(request.user).filter(pk=pk).first()
    if obj is None or not workflow.may(request.user, obj, action, found.policy):
        raise Http404
    reason = request.POST.get("reason", "")
    moved = _attempt(
        request,
        lambda: workflow.move(obj=obj, action=action, acting_user=request.user, reason=reason),
    )
    if moved:
        messages.success(request, str(ACTIONS[action][1]))
    if request.POST.get("next") == "approvals":
        return redirect("records:approvals")
    return redirect(found.link(request.user, obj) or reverse("core:home"))


@login_required
@require_GET
def approvals(request: HttpRequest) -> HttpResponse:
    """Submitted records of every kind that the user may approve, oldest first."""
    if not scope_for(request.user).has_any(Capability.APPROVE):
        raise Http404
    kind = request.GET.get("kind", "")
    context = {
        "page": inbox.approvals_page(
            user=request.user, kind_key=kind, page=request.GET.get("page")
        ),
        "counts": inbox.pending_counts(user=request.user),
        "kind": kind,
    }
    return render(request, "records/approvals.html", context)


@login_required
@require_POST
def approvals_bulk(request: HttpRequest) -> HttpResponse:
    """Approve every ticked record the user may approve, each in its own transaction;
    the others are named with the reason they were refused."""
    if not scope_for(request.user).has_any(Capability.APPROVE):
        raise Http404
    records, missing = inbox.pending_records(user=request.user, keys=request.POST.getlist("items"))
    result = services.records_bulk_approve(records=records, acting_user=request.user)
    if result.approved:
        count = len(result.approved)
        messages.success(
            request,
            ngettext("%(count)s record was approved.", "%(count)s records were approved.", count)
            % {"count": count},
        )
    for obj, reason in result.refused:
        messages.error(
            request, gettext("“%(record)s”: %(reason)s") % {"record": obj, "reason": reason}
        )
    if missing:
        messages.error(
            request,
            ngettext(
                "%(count)s ticked record is no longer waiting for your approval.",
                "%(count)s ticked records are no longer waiting for your approval.",
                len(missing),
            )
            % {"count": len(missing)},
        )
    if not request.POST.getlist("items"):
        messages.error(request, gettext("Tick the records to approve."))
    back = reverse("records:approvals")
    kind = request.POST.get("kind", "")
    return redirect(f"{back}?kind={kind}" if workflow.get_kind(kind) else back)
