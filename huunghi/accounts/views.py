"""The account page: one's scope (memberships) and personal API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huunghi.accounts import selectors, services
from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import AuthenticatedRequest


@login_required
def my_account(request: AuthenticatedRequest) -> HttpResponse:
    """Memberships, what they allow, and API tokens."""
    scope = scope_for(request.user)
    context = {
        "memberships": selectors.memberships_of(request.user),
        "tokens": selectors.tokens_of(request.user),
        "capabilities": [(capability, scope.has_any(capability)) for capability in Capability],
        "is_global": scope.is_global,
        "new_token": request.session.pop("new_api_token", None),
    }
    return render(request, "accounts/my_account.html", context)


@login_required
@require_POST
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    """Create a token and show it once."""
    try:
        _token, raw = services.api_token_create(
            user=request.user, name=request.POST.get("name", "")
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        request.session["new_api_token"] = raw
    return redirect("accounts:me")


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens."""
    token = selectors.token_of(request.user, pk)
    if token is None:
        raise Http404
    services.api_token_revoke(token=token, acting_user=request.user)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:me")


@login_required
def password_change(request: AuthenticatedRequest) -> HttpResponse:
    """Change one's own password (the old one first); this session stays signed in."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_password_change(
                user=request.user,
                new_password=form.cleaned_data["new_password1"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            form.add_error("new_password1", exc.messages)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password has been changed."))
            return redirect("accounts:me")
    status = 400 if form.errors else 200
    return render(request, "accounts/password_change.html", {"form": form}, status=status)
