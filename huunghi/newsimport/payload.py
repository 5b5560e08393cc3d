"""The engine's proposals as JSON rows, and the field names of highlighted spans.

What the engine read is stored as it read it (``NewsProposal.payload``) so the review
page and the defaults of the accept form work from the stored article alone, whatever
the engine or the gazetteer says later.
"""

from __future__ import annotations

from typing import Any

from huunghi.newsimport.extraction import DateRef, EntityRef, Proposal, Quantity, Span
from huunghi.newsimport.extraction import RecordType as EngineRecordType
from huunghi.newsimport.models import NewsArticle, NewsProposal, RecordType

#: Highlight field names on the review page, by the engine's ``Proposal.spans()`` keys.
SPAN_FIELDS = {
    "trigger": "trigger",
    "date": "date",
    "places": "place",
    "units": "unit",
    "quantities": "quantity",
}

#: Registry indicators (:mod:`huunghi.reports.indicators`) of the engine's measures.
INDICATORS = {
    "twinning_pairs_post": "twinning_pairs_post",
    "twinning_pairs_cluster": "twinning_pairs_cluster",
    "pupils_supported_vn": "pupils_supported_vn",
    "pupils_supported_kh": "pupils_supported_kh",
    "aid_value_vnd": "aid_value_vnd",
    "material_support_vnd": "counterpart_support_vnd",
    "community_support_vnd": "community_support_vnd",
    "people_examined": "people_examined",
    "medical_value_vnd": "medical_value_vnd",
    "scholarships_awarded": "scholarships",
    "livestock_given": "cattle_given",
    "households_supported": "households_helped",
    "trees_planted": "trees_planted",
    "remains_recovered": "remains_recovered",
    "remains_repatriated": "remains_repatriated",
    "delegations_out": "delegations_out",
    "delegations_in": "delegations_in",
}


def proposal_rows(article: NewsArticle, proposals: list[Proposal]) -> list[NewsProposal]:
    """Unsaved proposal rows of ``article``, in the engine's order."""
    return [_row(article, order, proposal) for order, proposal in enumerate(proposals)]


def _row(article: NewsArticle, order: int, proposal: Proposal) -> NewsProposal:
    figure = proposal.record_type == EngineRecordType.FIGURE
    measure = proposal.indicator or ""
    return NewsProposal(
        article=article,
        order=order,
        record_type=RecordType.FIGURE if figure else RecordType.ACTIVITY,
        kind=proposal.kind,
        indicator=INDICATORS.get(measure, "") if figure else "",
        payload=payload_of(proposal),
        sentence=proposal.sentence.text,
        sentence_start=proposal.sentence.start,
        sentence_end=proposal.sentence.end,
        spans=spans_of(proposal),
    )


def payload_of(proposal: Proposal) -> dict[str, Any]:
    """Everything the engine read for one proposal, JSON-ready."""
    return {
        "trigger": _span(proposal.trigger),
        "trigger_text": proposal.trigger.text,
        "measure": proposal.indicator or "",
        "date": _date(proposal.date),
        "places": [_entity(place) for place in proposal.places],
        "units": [_entity(unit) for unit in proposal.units],
        "quantities": [_quantity(quantity) for quantity in proposal.quantities],
        "markers": list(proposal.markers),
        "season": proposal.season,
        "unknown_units": [
            {"name": u.name, "kind": u.kind, "country": u.country, "span": _span(u.span)}
            for u in proposal.unknown_units
        ],
        "parent": proposal.parent,
        "relation": str(proposal.relation) if proposal.relation else None,
        "evidence": [
            {"trigger": _span(e.trigger), "sentence": _span(e.sentence)} for e in proposal.evidence
        ],
    }


def spans_of(proposal: Proposal) -> list[dict[str, Any]]:
    """Every highlighted piece of the proposal with its field name."""
    return [
        {"field": SPAN_FIELDS[key], "start": span.start, "end": span.end}
        for key, spans in proposal.spans().items()
        for span in spans
    ]


def _span(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span is not None else None


def _date(ref: DateRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {
        "start": ref.start.isoformat() if ref.start else None,
        "end": ref.end.isoformat() if ref.end else None,
        "precision": ref.precision,
        "span": _span(ref.span),
        "inherited": ref.inherited,
    }


def _entity(ref: EntityRef) -> dict[str, Any]:
    return {
        "id": ref.entry_id,
        "name": ref.name,
        "kind": ref.kind,
        "country": ref.country,
        "span": _span(ref.span),
        "candidates": list(ref.candidates),
        "inherited": ref.inherited,
        "within": list(ref.within),
    }


def _quantity(quantity: Quantity) -> dict[str, Any]:
    return {
        "value": str(quantity.value),
        "value_max": str(quantity.value_max) if quantity.value_max is not None else None,
        "unit": quantity.unit,
        "qualifier": quantity.qualifier,
        "measure": quantity.measure,
        "country": quantity.country,
        "per": quantity.per,
        "text": quantity.text,
        "span": _span(quantity.span),
    }
