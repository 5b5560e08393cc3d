"""The proposal cards of the review page: what was read, and the form to accept it.

Places and units named by all proposals are fetched once per page (two queries), so a
page of twenty proposals costs about as much as one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from huunghi.accounts.types import Reader
from huunghi.geography.models import AdminUnit
from huunghi.newsimport import drafts, selectors
from huunghi.newsimport.forms import ActivityProposalForm, FigureProposalForm
from huunghi.newsimport.gazetteer import PLACE, parse_entry_id
from huunghi.newsimport.models import NewsArticle, NewsProposal
from huunghi.newsimport.permissions import NewsProposalPolicy
from huunghi.organisations.models import Unit, UnitKind
from huunghi.records.models import ActivityKind
from huunghi.reports.indicators import BY_CODE

#: Fields of the accept form that a change of kind keeps as the clerk left them.
KEPT_ON_KIND_CHANGE = (
    "title",
    "start_date",
    "end_date",
    "unit",
    "place",
    "place_text",
    "description",
    "parent",
)
KEPT_LISTS_ON_KIND_CHANGE = ("counterpart_places", "counterparts")


@dataclass
class Lookups:
    """Places and units named by a page's proposals, by primary key."""

    places: dict[int, AdminUnit] = field(default_factory=dict)
    units: dict[int, Unit] = field(default_factory=dict)

    @classmethod
    def load(cls, proposals: Iterable[NewsProposal]) -> Lookups:
        place_ids: set[int] = set()
        unit_ids: set[int] = set()
        for proposal in proposals:
            for value in _entry_ids(proposal.payload):
                parsed = parse_entry_id(value)
                if parsed is not None:
                    (place_ids if parsed[0] == PLACE else unit_ids).add(parsed[1])
        return cls(selectors.places_by_id(place_ids), selectors.units_by_id(unit_ids))


def _entry_ids(payload: Mapping[str, Any]) -> Iterable[str]:
    for key in ("places", "units"):
        for entry in payload.get(key) or ():
            yield entry.get("id") or ""
            yield from entry.get("candidates") or ()


@dataclass
class Card:
    """One proposal on the review page."""

    proposal: NewsProposal
    number: int
    label: str
    when: str
    places: list[str]
    units: list[str]
    quantities: list[str]
    can_decide: bool
    form: ActivityProposalForm | FigureProposalForm | None = None
    markers: list[str] = field(default_factory=list)
    season: str = ""
    unknown: list[UnknownCard] = field(default_factory=list)


@dataclass
class UnknownCard:
    """An organisation the article named that the register lacks, with what the reviewer
    may do: map it to a registered unit, or create it under a unit they manage."""

    name: str
    kind: str
    kind_label: str
    country: str
    units: list[Unit]
    parents: list[Unit]


def review_cards(article: NewsArticle, proposals: list[NewsProposal], user: Reader) -> list[Card]:
    """A card per proposal; pending ones carry their accept form if the user may decide."""
    lookups = Lookups.load(proposals)
    for proposal in proposals:
        proposal.article = article
    return [proposal_card(p, user, lookups=lookups) for p in proposals]


def proposal_card(
    proposal: NewsProposal,
    user: Reader,
    *,
    data: Any = None,
    lookups: Lookups | None = None,
    kind: str | None = None,
    kept: Mapping[str, Any] | None = None,
) -> Card:
    """The card of ``proposal``; ``data`` binds its form, ``kind`` and ``kept`` rebuild
    it for another kind keeping what the clerk typed."""
    lookups = lookups or Lookups.load([proposal])
    can_decide = NewsProposalPolicy.can_decide(user, proposal)
    card = Card(
        proposal=proposal,
        number=proposal.order + 1,
        label=_label(proposal),
        when=_when(proposal.payload),
        places=[_entity_text(e) for e in proposal.payload.get("places") or []],
        units=[_entity_text(e) for e in proposal.payload.get("units") or []],
        quantities=[_quantity_text(q) for q in proposal.payload.get("quantities") or []],
        can_decide=can_decide,
        markers=list(proposal.payload.get("markers") or []),
        season=proposal.payload.get("season") or "",
    )
    if NewsProposalPolicy.can_edit(user, proposal):
        card.unknown = _unknown_cards(proposal, user)
    if can_decide:
        card.form = proposal_form(proposal, user, lookups, data=data, kind=kind, kept=kept)
    return card


def _unknown_cards(proposal: NewsProposal, user: Reader) -> list[UnknownCard]:
    found = proposal.payload.get("unknown_units") or []
    if not found:
        return []
    cards = []
    for item in found:
        country = item.get("country") or "KH"
        cards.append(
            UnknownCard(
                name=item["name"],
                kind=item.get("kind") or UnitKind.OTHER,
                kind_label=str(UnitKind(item.get("kind") or UnitKind.OTHER).label),
                country=country,
                units=list(selectors.registered_units(country=country).order_by("name_vi")),
                parents=selectors.manageable_units(user=user, country=country),
            )
        )
    return cards


def proposal_form(
    proposal: NewsProposal,
    user: Reader,
    lookups: Lookups,
    *,
    data: Any = None,
    kind: str | None = None,
    kept: Mapping[str, Any] | None = None,
) -> ActivityProposalForm | FigureProposalForm:
    """The accept form of ``proposal`` with the starting values read from the article."""
    unit = proposal.article.unit
    candidates = _candidates(proposal, lookups)
    if proposal.is_figure:
        initial = drafts.figure_initial(proposal, unit=unit, places=lookups.places)
        return FigureProposalForm(
            data, proposal=proposal, user=user, initial=initial, candidates=candidates
        )
    named = {
        pk: lookups.units[pk] for pk in drafts.unit_ids(proposal.payload) if pk in lookups.units
    }
    initial = drafts.activity_initial(
        proposal,
        unit=unit,
        places=lookups.places,
        units=named,
        parent=selectors.parent_activity(proposal=proposal),
        kind=kind,
    )
    initial.update(kept or {})
    return ActivityProposalForm(
        data, proposal=proposal, user=user, initial=initial, units=named, candidates=candidates
    )


def kept_values(proposal: NewsProposal, query: Any) -> tuple[str | None, dict[str, Any]]:
    """The new kind and the common fields a clerk filled in, from a kind-change request."""
    prefix = f"p{proposal.pk}-"
    kind = query.get(prefix + "kind")
    kept: dict[str, Any] = {
        name: query.get(prefix + name) for name in KEPT_ON_KIND_CHANGE if prefix + name in query
    }
    for name in KEPT_LISTS_ON_KIND_CHANGE:
        if prefix + name in query:
            kept[name] = query.getlist(prefix + name)
    return (kind if kind in ActivityKind.values else None), kept


def _candidates(proposal: NewsProposal, lookups: Lookups) -> list[AdminUnit]:
    ids = drafts.place_choice(proposal.payload, proposal.article.unit.country.code).candidate_ids
    return [lookups.places[pk] for pk in ids if pk in lookups.places]


# --------------------------------------------------------------------------- summary


def _label(proposal: NewsProposal) -> str:
    if proposal.is_figure:
        indicator = BY_CODE.get(proposal.indicator)
        return str(indicator.label) if indicator else proposal.payload.get("measure", "")
    return str(ActivityKind(drafts.activity_kind(proposal.kind)).label)


def _day(value: str | None) -> str:
    return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT") if value else ""


def _when(payload: Mapping[str, Any]) -> str:
    date = payload.get("date") or {}
    start, end = _day(date.get("start")), _day(date.get("end"))
    if not start and end:
        return _("before %(date)s") % {"date": end}
    if start and end and start != end:
        return f"{start} – {end}"
    return start


def _entity_text(entry: Mapping[str, Any]) -> str:
    name = str(entry.get("name") or "")
    if entry.get("id"):
        return name
    if entry.get("candidates"):
        return _("%(name)s (several places or units have this name)") % {"name": name}
    return _("%(name)s (not found)") % {"name": name}


def _quantity_text(quantity: Mapping[str, Any]) -> str:
    """The number as written ("khoảng 2.000 người"); its qualifier word is part of it."""
    return str(quantity.get("text") or quantity.get("value") or "")


def initial_data(form: ActivityProposalForm | FigureProposalForm) -> QueryDict:
    """The values an unbound accept form shows, as the POST data of submitting it
    unchanged ("accept all as read")."""
    data = QueryDict(mutable=True)
    for bound in form:
        value = bound.value()
        if value is None or value is False or value == "":
            continue
        if isinstance(value, list | tuple):
            data.setlist(bound.html_name, [str(item) for item in value])
        else:
            data[bound.html_name] = "on" if value is True else str(value)
    return data
