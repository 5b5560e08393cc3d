"""Writes of the news import: import an article, accept or reject its proposals.

Importing stores the article and what the engine proposed, nothing else: a proposal
becomes a draft activity or a draft reported figure only when a clerk accepts it, with
their edits. Every write is checked first, then made in one transaction with its audit
row. Refused input stores nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot
from huunghi.figures.models import ReportedFigure, SourceKind
from huunghi.figures.permissions import ReportedFigurePolicy
from huunghi.figures.services import FigureInput, figure_create
from huunghi.newsimport import selectors
from huunghi.newsimport.drafts import ActivityEdits, FigureEdits
from huunghi.newsimport.extraction import Article, ArticleError, extract_article, extract_proposals
from huunghi.newsimport.gazetteer import gazetteer_clear, news_gazetteer
from huunghi.newsimport.messages import article_error_message
from huunghi.newsimport.models import (
    ArticleStatus,
    Decision,
    InputKind,
    NewsArticle,
    NewsProposal,
    UnitAlias,
)
from huunghi.newsimport.payload import proposal_rows
from huunghi.newsimport.permissions import NewsArticlePolicy, NewsProposalPolicy
from huunghi.newsimport.sources import canonical_url, citation, clean_url, record_source, text_hash
from huunghi.organisations.models import Unit
from huunghi.organisations.services import unit_create
from huunghi.records.kinds import spec_for
from huunghi.records.models import Activity
from huunghi.records.services import activity_create

logger = logging.getLogger(__name__)

ARTICLE_AUDIT_FIELDS = [
    "unit",
    "input_kind",
    "filename",
    "url",
    "title",
    "published",
    "site",
    "content_hash",
    "status",
]
PROPOSAL_AUDIT_FIELDS = ["decision", "activity", "figure", "decided_by", "decided_at"]
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".mht", ".shtml")


class ImportRefusedError(ValidationError):
    """The input cannot be imported; ``message`` tells the clerk why."""


class DuplicateArticleError(ValidationError):
    """The same article was imported for the unit before; ``existing`` is that import."""

    def __init__(self, existing: NewsArticle) -> None:
        when = date_format(timezone.localtime(existing.created_at), "SHORT_DATE_FORMAT")
        message = _(
            "This article was already imported for %(unit)s on %(date)s. Open the earlier "
            "import to review it."
        ) % {"unit": existing.unit, "date": when}
        super().__init__(message, code="duplicate")
        self.existing = existing


# --------------------------------------------------------------------------- importing


def article_import(
    *,
    unit: Unit,
    acting_user: Actor,
    raw: bytes | None = None,
    text: str | None = None,
    filename: str | None = None,
    url: str = "",
) -> NewsArticle:
    """Read a saved page (``raw``) or a pasted ``text`` and store its proposals for review.

    Raises :class:`ImportRefusedError` for input that is not a usable Vietnamese article and
    :class:`DuplicateArticleError` when the unit imported the same text (or address) before.
    """
    if not NewsArticlePolicy.can_create_in(acting_user, unit):
        raise PermissionDenied(_("You may not import articles for this unit."))
    given, input_kind = _input(raw, text)
    article = _read(given, filename)
    address = clean_url(url) or (canonical_url(given) if article.source_format == "html" else "")
    content_hash = text_hash(article.text)
    _refuse_duplicate(unit, content_hash, address)
    proposals = extract_proposals(article, news_gazetteer())
    news = _article_row(article, unit, acting_user, given, input_kind, filename)
    news.url, news.content_hash = address, content_hash
    return _store(news, proposals, acting_user)


def _input(raw: bytes | None, text: str | None) -> tuple[bytes | str, str]:
    if (raw is None) == (text is None):
        raise ImportRefusedError(_("Choose a saved page or paste the article's text, not both."))
    if raw is not None:
        return raw, InputKind.UPLOAD
    return text or "", InputKind.PASTE


def _read(given: bytes | str, filename: str | None) -> Article:
    """The engine's article, or :class:`ImportRefusedError` with the clerk's message."""
    hint = "text/html" if (filename or "").lower().endswith(_HTML_SUFFIXES) else None
    if filename and filename.lower().endswith(".txt"):
        hint = "text/plain"
    try:
        return extract_article(
            given, content_type_hint=hint, max_bytes=settings.HUUNGHI_MAX_ARTICLE_BYTES
        )
    except ArticleError as error:
        raise ImportRefusedError(article_error_message(error), code=str(error.code)) from error
    except (RecursionError, MemoryError, ValueError, LookupError) as error:
        logger.warning("news import: unreadable input (%s)", type(error).__name__)
        raise ImportRefusedError(
            _("The page could not be read. Save the article again or paste its text."),
            code="unreadable",
        ) from error


def _refuse_duplicate(unit: Unit, content_hash: str, url: str) -> None:
    existing = selectors.article_duplicate(unit=unit, content_hash=content_hash, url=url)
    if existing is not None:
        raise DuplicateArticleError(existing)


def _article_row(
    article: Article,
    unit: Unit,
    user: Actor,
    given: bytes | str,
    input_kind: str,
    filename: str | None,
) -> NewsArticle:
    raw = given.encode("utf-8") if isinstance(given, str) else given
    return NewsArticle(  # type: ignore[misc]  # the policy refused all but a User
        unit=unit,
        imported_by=user,
        input_kind=input_kind,
        filename=(filename or "")[:255],
        raw=raw,
        source_format=article.source_format,
        title=(article.title or "")[:500],
        published=article.published,
        published_has_time=article.published_has_time,
        author=(article.author or "")[:200],
        site=(article.site or "")[:200],
        section=(article.section or "")[:300],
        text=article.text,
        paragraphs=[[p.start, p.end, p.role] for p in article.paragraphs],
    )


def _store(news: NewsArticle, proposals: list[Any], user: Actor) -> NewsArticle:
    news.full_clean(exclude=["unit", "imported_by", "raw"])
    try:
        with transaction.atomic():
            news.save()
            rows = NewsProposal.objects.bulk_create(proposal_rows(news, proposals))
            if not rows:
                news.status = ArticleStatus.REVIEWED
                news.save(update_fields=["status"])
            audit_log(
                actor=user,
                action="newsarticle.import",
                target=news,
                unit=news.unit,
                after=snapshot(news, ARTICLE_AUDIT_FIELDS),
                note=_("%(count)s proposals for review.") % {"count": len(rows)},
            )
    except IntegrityError:
        _refuse_duplicate(news.unit, news.content_hash, news.url)
        raise
    return news


def article_set_url(*, article: NewsArticle, acting_user: Actor, url: str) -> NewsArticle:
    """Record the article's address, so records made from it cite it as news."""
    if not NewsArticlePolicy.can_edit(acting_user, article):
        raise PermissionDenied(_("You may not change imports of this unit."))
    address = clean_url(url)
    if not address:
        raise ValidationError({"url": _("Enter the article's full address (http:// or https://).")})
    earlier = selectors.article_duplicate(unit=article.unit, url=address)
    if earlier is not None and earlier.pk != article.pk:
        raise DuplicateArticleError(earlier)
    with transaction.atomic():
        before = snapshot(article, ["url"])
        article.url = address
        article.save(update_fields=["url", "updated_at"])
        audit_log(
            actor=acting_user,
            action="newsarticle.update",
            target=article,
            unit=article.unit,
            before=before,
            after=snapshot(article, ["url"]),
        )
    return article


# --------------------------------------------------------------------------- deciding


def proposal_accept(
    *, proposal: NewsProposal, acting_user: Actor, edits: ActivityEdits | FigureEdits
) -> Activity | ReportedFigure:
    """Create the draft record or figure the clerk reviewed; the proposal is then done.

    Accepting a proposal that was already accepted or rejected is refused.
    """
    with transaction.atomic():
        current = _lock_pending(proposal, acting_user)
        if current.is_figure != isinstance(edits, FigureEdits):
            raise ValidationError(_("These edits do not fit this proposal."))
        if isinstance(edits, FigureEdits):
            figure = _create_figure(current, edits, acting_user)
            _decide(current, Decision.ACCEPTED, acting_user, figure=figure)
            return figure
        activity = _create_activity(current, edits, acting_user)
        _decide(current, Decision.ACCEPTED, acting_user, activity=activity)
        return activity


def proposal_reject(
    *, proposal: NewsProposal, acting_user: Actor, reason: str = ""
) -> NewsProposal:
    """Mark the proposal as not worth a record (nothing is created)."""
    with transaction.atomic():
        current = _lock_pending(proposal, acting_user)
        _decide(current, Decision.REJECTED, acting_user, note=reason[:500])
    return current


def _lock_pending(proposal: NewsProposal, user: Actor) -> NewsProposal:
    current = (
        NewsProposal.objects.select_for_update(of=("self",))
        .select_related("article__unit")
        .defer("article__raw")
        .get(pk=proposal.pk)
    )
    if not NewsProposalPolicy.can_edit(user, current):
        raise PermissionDenied(_("You may not review imports of this unit."))
    if current.decision != Decision.PENDING:
        raise ValidationError(
            {
                "decision": _("This proposal was already %(decision)s.")
                % {"decision": current.get_decision_display()}
            }
        )
    return current


def _create_activity(proposal: NewsProposal, edits: ActivityEdits, user: Actor) -> Activity:
    fields: dict[str, Any] = {
        "end_date": edits.end_date,
        "place": edits.place,
        "place_text": edits.place_text[:300],
        "counterpart_places": list(edits.counterpart_places),
        "counterparts": list(edits.counterparts),
        "quantities": list(edits.quantities),
        "details": dict(edits.details),
        "description": edits.description,
        "parent": edits.parent,
        "import_key": f"news:{proposal.pk}",
        **record_source(proposal.article),
    }
    if spec_for(edits.kind).link is not None:
        fields["link"] = edits.link
    return activity_create(
        acting_user=user,
        kind=edits.kind,
        unit=edits.unit,
        title=edits.title,
        start_date=edits.start_date,
        **fields,
    )


def _create_figure(proposal: NewsProposal, edits: FigureEdits, user: Actor) -> ReportedFigure:
    if not ReportedFigurePolicy.can_create_in(user, edits.unit):
        raise ValidationError({"unit": _("You may not enter figures for this unit.")})
    article = proposal.article
    data = FigureInput(
        indicator=edits.indicator,
        value=edits.value,
        qualifier=edits.qualifier,
        period_kind=edits.period_kind,
        period_start=edits.period_start,
        period_end=edits.period_end,
        as_of=edits.as_of,
        place=edits.place,
        note=edits.note,
        source_kind=SourceKind.NEWS,
        source_title=(article.title or citation(article) or str(article))[:300],
        source_site=article.site[:200],
        source_section=article.section[:200],
        source_author=article.author[:120],
        source_date=article.published_date,
        source_url=article.url,
    )
    return figure_create(unit=edits.unit, data=data, acting_user=user, on_overlap=edits.on_overlap)


def _decide(
    proposal: NewsProposal,
    decision: str,
    user: Actor,
    *,
    activity: Activity | None = None,
    figure: ReportedFigure | None = None,
    note: str = "",
) -> None:
    before = snapshot(proposal, PROPOSAL_AUDIT_FIELDS)
    proposal.decision = decision
    proposal.decided_by, proposal.decided_at = user, timezone.now()  # type: ignore[assignment]  # the policy refused all but a User
    proposal.activity, proposal.figure = activity, figure
    proposal.save(update_fields=[*PROPOSAL_AUDIT_FIELDS, "updated_at"])
    audit_log(
        actor=user,
        action=f"newsproposal.{'accept' if decision == Decision.ACCEPTED else 'reject'}",
        target=proposal,
        unit=proposal.article.unit,
        before=before,
        after=snapshot(proposal, PROPOSAL_AUDIT_FIELDS),
        note=note,
    )
    _refresh_status(proposal.article)


def _refresh_status(article: NewsArticle) -> None:
    """An article is reviewed once none of its proposals waits."""
    waiting = article.proposals.filter(decision=Decision.PENDING).exists()
    status = ArticleStatus.PENDING if waiting else ArticleStatus.REVIEWED
    if article.status != status:
        article.status = status
        article.save(update_fields=["status", "updated_at"])


# --------------------------------------------------------------------------- unknown units


def unit_alias_create(
    *, proposal: NewsProposal, name: str, unit: Unit, acting_user: Actor
) -> UnitAlias:
    """Remember that ``name`` (an organisation an article named) is the registered ``unit``;
    the news gazetteer matches the name from now on. Needs edit rights on the article."""
    if not NewsProposalPolicy.can_edit(acting_user, proposal):
        raise PermissionDenied(_("You may not review imports of this unit."))
    with transaction.atomic():
        alias = UnitAlias(name=" ".join(name.split())[:200], unit=unit, created_by=acting_user)  # type: ignore[misc]  # the policy refused all but a User
        alias.full_clean()
        alias.save()
        audit_log(
            actor=acting_user,
            action="newsimport.alias_create",
            target=alias,
            unit=proposal.article.unit,
            after={"name": alias.name, "unit": unit.pk},
        )
    gazetteer_clear()
    return alias


def counterpart_unit_create(
    *,
    proposal: NewsProposal,
    name: str,
    kind: str,
    parent: Unit,
    acting_user: Actor,
) -> Unit:
    """Create an organisation an article named as a unit under ``parent`` (a counterpart
    of the parent's country). The organisations service checks that the user manages
    ``parent``; the user must also be able to review the article."""
    if not NewsProposalPolicy.can_edit(acting_user, proposal):
        raise PermissionDenied(_("You may not review imports of this unit."))
    with transaction.atomic():
        unit = unit_create(
            code=_free_code(parent.country.code),
            name_vi=" ".join(name.split())[:200],
            kind=kind,
            country=parent.country,
            parent=parent,
            acting_user=acting_user,
        )
    gazetteer_clear()
    return unit


def _free_code(country: str) -> str:
    """A unit code for a unit created from the news: ``KH-NEWS-7``."""
    number = selectors.news_unit_count(prefix=f"{country}-NEWS-") + 1
    while selectors.unit_code_taken(f"{country}-NEWS-{number}"):
        number += 1
    return f"{country}-NEWS-{number}"
