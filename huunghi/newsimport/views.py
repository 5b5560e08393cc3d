"""Pages of the news import: the imports list with the import form, and the review page
where each proposal is edited, then accepted as a draft or rejected (htmx swaps the
card; without JavaScript the forms post and the page reloads)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from huunghi.newsimport import markup, selectors, services
from huunghi.newsimport.forms import ImportForm, RejectForm, UnknownUnitForm, UrlForm
from huunghi.newsimport.models import Decision, NewsProposal
from huunghi.newsimport.permissions import NewsArticlePolicy
from huunghi.newsimport.review import initial_data, kept_values, proposal_card, review_cards

CARD_TEMPLATE = "newsimport/_proposal_card.html"


@login_required
@require_http_methods(["GET", "POST"])
def article_list(request: HttpRequest) -> HttpResponse:
    """The user's imports and, for those who may report, the form to import an article."""
    can_import = NewsArticlePolicy.can_import_any(request.user)
    if request.method == "POST" and not can_import:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_import(acting_user=request.user, **form.service_kwargs())
        except services.DuplicateArticleError as exc:
            duplicate = exc.existing
            form.add_error(None, exc.messages[0])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The article was read. Review what it proposes."))
            return redirect(article)
    mine = request.GET.get("mine") == "1"
    context = {
        "form": form if can_import else None,
        "duplicate": duplicate,
        "mine": mine,
        "articles": selectors.article_list(user=request.user, mine=mine)[: selectors.LIST_SIZE],
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "newsimport/article_list.html", context, status=status)


@login_required
@require_GET
def article_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The article with every extracted piece highlighted, and its proposals beside it."""
    article = selectors.article_get(user=request.user, pk=pk)
    proposals = selectors.article_proposals(article=article)
    context = {
        "article": article,
        "article_html": markup.article_html(article, markup.highlights(proposals)),
        "cards": review_cards(article, proposals, request.user),
        "can_edit": NewsArticlePolicy.can_edit(request.user, article),
        "url_form": UrlForm(),
        "pending": sum(p.decision == Decision.PENDING for p in proposals),
    }
    return render(request, "newsimport/article_review.html", context)


@login_required
@require_POST
def article_decide_all(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept every pending proposal as read (each one whose values pass the accept form
    becomes a draft; the others stay pending, opened for editing), or reject them all."""
    article = selectors.article_get_for_edit(user=request.user, pk=pk)
    accept = request.POST.get("action") == "accept"
    pending = [
        p for p in selectors.article_proposals(article=article) if p.decision == Decision.PENDING
    ]
    done = left = 0
    for proposal in pending:
        try:
            decided = _accept_as_read(request, proposal) if accept else _reject(request, proposal)
        except (PermissionDenied, ValidationError):
            decided = False
        done, left = (done + 1, left) if decided else (done, left + 1)
    messages.info(request, _decide_all_note(accept, done, left))
    return redirect(article)


def _accept_as_read(request: HttpRequest, proposal: NewsProposal) -> bool:
    card = proposal_card(proposal, request.user)
    if card.form is None:
        return False
    bound = proposal_card(proposal, request.user, data=initial_data(card.form))
    if bound.form is None or not bound.form.is_valid():
        return False
    services.proposal_accept(proposal=proposal, acting_user=request.user, edits=bound.form.edits())
    return True


def _reject(request: HttpRequest, proposal: NewsProposal) -> bool:
    services.proposal_reject(proposal=proposal, acting_user=request.user)
    return True


def _decide_all_note(accept: bool, done: int, left: int) -> str:
    if not accept:
        return _("%(done)s proposals were rejected.") % {"done": done}
    if left:
        return _("%(done)s proposals were saved as drafts; %(left)s need your edits first.") % {
            "done": done,
            "left": left,
        }
    return _("%(done)s proposals were saved as drafts.") % {"done": done}


@login_required
@require_POST
def article_url(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the article's address (records made afterwards cite it as news)."""
    article = selectors.article_get_for_edit(user=request.user, pk=pk)
    form = UrlForm(request.POST)
    if form.is_valid():
        try:
            services.article_set_url(
                article=article, acting_user=request.user, url=form.cleaned_data["url"]
            )
            messages.success(request, _("The article's address was saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Enter the article's full address (http:// or https://)."))
    return redirect(article)


@login_required
@require_GET
def proposal_card_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The card of one proposal; with ``p<id>-kind`` the form is rebuilt for that kind."""
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    kind, kept = kept_values(proposal, request.GET)
    card = proposal_card(proposal, request.user, kind=kind, kept=kept)
    return render(request, CARD_TEMPLATE, {"card": card, "open_edit": True})


@login_required
@require_POST
def proposal_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Create the draft record or figure from the clerk's edits of the proposal."""
    proposal = selectors.proposal_get_for_edit(user=request.user, pk=pk)
    card = proposal_card(proposal, request.user, data=request.POST)
    if card.form is None:
        return _decided(request, proposal, _("This proposal was already decided."))
    if card.form.is_valid():
        try:
            services.proposal_accept(
                proposal=proposal, acting_user=request.user, edits=card.form.edits()
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            card.form.add_service_errors(exc)
        else:
            return _decided(request, proposal, _("Saved as a draft. Submit it from its page."))
    return _card_response(request, card, status=400)


@login_required
@require_POST
def proposal_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the proposal as not to be recorded."""
    proposal = selectors.proposal_get_for_edit(user=request.user, pk=pk)
    form = RejectForm(request.POST, prefix=f"p{proposal.pk}")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.proposal_reject(proposal=proposal, acting_user=request.user, reason=reason)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        return _decided(request, proposal, " ".join(exc.messages))
    return _decided(request, proposal, _("The proposal was rejected."))


@login_required
@require_POST
def unknown_unit(request: HttpRequest, pk: int) -> HttpResponse:
    """Map an organisation the article named to a registered unit (remembered as an alias)
    or create it as a unit under one the reviewer manages."""
    proposal = selectors.proposal_get_for_edit(user=request.user, pk=pk)
    form = UnknownUnitForm(request.POST)
    back = redirect(f"{proposal.article.get_absolute_url()}#proposal-{proposal.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return back
    data = form.cleaned_data
    try:
        note = _map_or_create(request, proposal, data)
    except PermissionDenied:
        note = _("You may not create units there; ask a manager of the organisation tree.")
    except ValidationError as exc:
        note = " ".join(exc.messages)
    messages.info(request, note)
    return back


def _map_or_create(request: HttpRequest, proposal: NewsProposal, data: dict[str, Any]) -> str:
    if data["action"] == "map":
        unit = selectors.registered_units().filter(pk=data["unit"]).first()
        if unit is None:
            raise ValidationError(_("Choose the registered unit this organisation is."))
        services.unit_alias_create(
            proposal=proposal, name=data["name"], unit=unit, acting_user=request.user
        )
        return _("“%(name)s” will be read as %(unit)s from now on.") % {
            "name": data["name"],
            "unit": unit,
        }
    parents = {u.pk: u for u in selectors.manageable_units(user=request.user, country="KH")}
    parents |= {u.pk: u for u in selectors.manageable_units(user=request.user, country="VN")}
    parent = parents.get(data["parent"])
    if parent is None:
        raise PermissionDenied
    unit = services.counterpart_unit_create(
        proposal=proposal,
        name=data["name"],
        kind=data["kind"],
        parent=parent,
        acting_user=request.user,
    )
    return _("%(unit)s was added to the unit register.") % {"unit": unit}


def _decided(request: HttpRequest, proposal: NewsProposal, note: str) -> HttpResponse:
    """The proposal's card in its new state (htmx), or the review page."""
    fresh = selectors.proposal_get(user=request.user, pk=proposal.pk)
    if getattr(request, "htmx", False):
        card = proposal_card(fresh, request.user)
        return render(request, CARD_TEMPLATE, {"card": card, "note": note})
    messages.info(request, note)
    return redirect(f"{fresh.article.get_absolute_url()}#proposal-{fresh.pk}")


def _card_response(request: HttpRequest, card: Any, *, status: int) -> HttpResponse:
    """The card with the form's errors: swapped in by htmx (which ignores error
    statuses, hence 200), or the whole review page without JavaScript."""
    if getattr(request, "htmx", False):
        return render(request, CARD_TEMPLATE, {"card": card})
    article = card.proposal.article
    proposals = selectors.article_proposals(article=article)
    cards = [card if p.pk == card.proposal.pk else None for p in proposals]
    others = review_cards(article, [p for p in proposals if p.pk != card.proposal.pk], request.user)
    merged = [c if c is not None else others.pop(0) for c in cards]
    context = {
        "article": article,
        "article_html": markup.article_html(article, markup.highlights(proposals)),
        "cards": merged,
        "can_edit": True,
        "url_form": UrlForm(),
    }
    return render(request, "newsimport/article_review.html", context, status=status)
