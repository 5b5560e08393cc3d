"""Reads of imported articles and proposals, always starting from what the reader may see.

Missing and forbidden give the same 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Reader
from huunghi.geography.models import AdminUnit
from huunghi.newsimport.models import Decision, NewsArticle, NewsProposal
from huunghi.newsimport.permissions import NewsArticlePolicy, NewsProposalPolicy
from huunghi.organisations.models import Unit
from huunghi.records import selectors as records
from huunghi.records.models import Activity

LIST_SIZE = 200


def article_list(*, user: Reader, mine: bool = False) -> QuerySet[NewsArticle]:
    """Imports the user may read (``mine``: only their own), newest first, with their
    count of waiting proposals."""
    waiting = Count("proposals", filter=Q(proposals__decision=Decision.PENDING))
    articles = NewsArticlePolicy.visible(user)
    if mine:
        articles = articles.filter(imported_by=user)  # type: ignore[misc]  # the anonymous sees none
    return (
        articles.select_related("unit", "imported_by")
        .defer("raw", "text")
        .annotate(waiting=waiting, proposal_count=Count("proposals"))
        .order_by("-created_at", "-id")
    )


def article_get(*, user: Reader, pk: Any) -> NewsArticle:
    """One readable article, or 404."""
    queryset = NewsArticlePolicy.visible(user).select_related("unit", "imported_by")
    try:
        return queryset.defer("raw").get(pk=pk)
    except (NewsArticle.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def article_get_for_edit(*, user: Reader, pk: Any) -> NewsArticle:
    """An article the user may change (review), or 404."""
    article = article_get(user=user, pk=pk)
    if not NewsArticlePolicy.can_edit(user, article):
        raise Http404
    return article


def article_proposals(*, article: NewsArticle) -> list[NewsProposal]:
    """The article's proposals in text order, with what accepting them created."""
    rows = article.proposals.select_related("activity", "figure", "decided_by")
    return list(rows.order_by("order"))


def proposal_get(*, user: Reader, pk: Any) -> NewsProposal:
    """One readable proposal with its article, or 404."""
    queryset = NewsProposalPolicy.visible(user).select_related(
        "article__unit", "activity", "figure", "decided_by"
    )
    try:
        return queryset.defer("article__raw").get(pk=pk)
    except (NewsProposal.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def proposal_get_for_edit(*, user: Reader, pk: Any) -> NewsProposal:
    """A proposal the user may accept or reject (edit rights on the article's unit)."""
    proposal = proposal_get(user=user, pk=pk)
    if not NewsProposalPolicy.can_edit(user, proposal):
        raise Http404
    return proposal


def article_duplicate(*, unit: Unit, content_hash: str = "", url: str = "") -> NewsArticle | None:
    """An earlier import of the same text (or the same address) for ``unit``."""
    same = Q(pk__in=[])
    if content_hash:
        same |= Q(content_hash=content_hash)
    if url:
        same |= Q(url=url)
    earlier = NewsArticle.objects.filter(same, unit=unit).select_related("unit")
    return earlier.defer("raw", "text").order_by("created_at").first()


def import_units(*, user: Reader) -> QuerySet[Unit]:
    """Units the user may import articles for (where they may report records)."""
    return records.editable_units(user=user)


def default_import_unit(*, user: Reader) -> Unit | None:
    """The unit the import form starts with."""
    return records.default_unit(user=user)


def places_by_id(ids: Iterable[int]) -> dict[int, AdminUnit]:
    """Places by primary key, with their province (reference data, readable by all)."""
    wanted = {pk for pk in ids if pk}
    if not wanted:
        return {}
    rows = AdminUnit.objects.filter(pk__in=wanted).select_related("province", "country")
    return {place.pk: place for place in rows}


def places_queryset(ids: Iterable[int]) -> QuerySet[AdminUnit]:
    """The places with these keys, for a select of the places a text named."""
    return AdminUnit.objects.filter(pk__in=list(ids)).select_related("province")


def units_by_id(ids: Iterable[int]) -> dict[int, Unit]:
    """Units by primary key (the unit directory is readable by all signed-in users)."""
    wanted = {pk for pk in ids if pk}
    if not wanted:
        return {}
    return {unit.pk: unit for unit in Unit.objects.filter(pk__in=wanted).select_related("country")}


def parent_activity(*, proposal: NewsProposal) -> Activity | None:
    """The record created from the proposal's parent (a festival), if it was accepted."""
    parent = proposal.payload.get("parent")
    if parent is None or parent == proposal.order:
        return None
    row = (
        NewsProposal.objects.filter(article_id=proposal.article_id, order=parent)
        .select_related("activity")
        .first()
    )
    return row.activity if row is not None else None


def news_unit_count(*, prefix: str) -> int:
    """How many units have a code starting with ``prefix`` (reference data)."""
    return Unit.objects.filter(code__startswith=prefix).count()


def unit_code_taken(code: str) -> bool:
    """Whether a unit already has ``code`` (reference data)."""
    return Unit.objects.filter(code=code).exists()


def manageable_units(*, user: Reader, country: str) -> list[Unit]:
    """Open units of ``country`` under which ``user`` may create a unit (manage capability),
    for placing an organisation an article named."""
    scope = scope_for(user)
    units = Unit.objects.filter(country__code=country, valid_to__isnull=True).order_by("path")
    return [u for u in units if scope.covers(Capability.MANAGE, u.path)]


def registered_units(*, country: str | None = None) -> QuerySet[Unit]:
    """Open units to map an unknown organisation to (reference data: the unit register is
    public to every account)."""
    units = Unit.objects.filter(valid_to__isnull=True).select_related("country")
    return units.filter(country__code=country) if country else units
