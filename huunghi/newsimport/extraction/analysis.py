"""What an article's clean text contains: places, units, dates and quantities with offsets,
and the activity mentions built from them."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from huunghi.newsimport.extraction.article import Article
from huunghi.newsimport.extraction.dates import DateMention, find_dates
from huunghi.newsimport.extraction.gazetteer import GazetteerMatch
from huunghi.newsimport.extraction.model import DateRef, EntityRef, Relation
from huunghi.newsimport.extraction.quantities import Quantity, find_quantities, money_without_unit
from huunghi.newsimport.extraction.textutil import UPPER, Span, match_form

_UNRESOLVED_PLACE = re.compile(
    rf"\b(tỉnh|huyện|xã|ấp|phum|thị xã|thị trấn|khum|srok)\s+((?:[{UPPER}][\w-]*\s?){{1,4}})"
)

_HEADLESS = re.compile(r"\b(?:tỉnh|huyện|xã|thành phố)\s*$", re.IGNORECASE)

_TYPE_KIND = {
    "tỉnh": "province",
    "huyện": "district",
    "thị xã": "district",
    "srok": "district",
    "xã": "commune",
    "thị trấn": "commune",
    "khum": "commune",
    "ấp": "village",
    "phum": "village",
}


@dataclass
class Mention:
    """One trigger in one clause with the data attached to it."""

    kind: str
    trigger: Span
    sentence: Span
    clause: Span
    date: DateRef | None = None
    places: list[EntityRef] = field(default_factory=list)
    units: list[EntityRef] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    parent: int | None = None
    relation: Relation | None = None
    frame: bool = False
    reference: bool = False
    cumulative: bool = False
    triggers: list[Span] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything found in an article's clean text, sorted by offset."""

    text: str
    today: date | None
    matches: list[GazetteerMatch]
    dates: list[DateMention]
    quantities: list[Quantity]
    unresolved: list[EntityRef]
    lowered: str = ""

    def places(self, span: Span) -> list[EntityRef]:
        """Places named inside ``span`` (each entry once)."""
        found = [_ref(m) for m in _within(self.matches, span) if m.is_place]
        found += [ref for ref in self.unresolved if _inside(ref.span, span)]
        return _distinct(sorted(found, key=lambda ref: ref.span.start))

    def units(self, span: Span) -> list[EntityRef]:
        """Units named inside ``span`` (each entry once); a generic name the context did not
        resolve ("Bộ Chỉ huy Quân sự (CHQS) tỉnh" with no province) names nobody."""
        refs = [_ref(m) for m in _within(self.matches, span) if not m.is_place]
        return _distinct([r for r in refs if r.entry_id or not _HEADLESS.search(r.name)])

    def dates_in(self, span: Span) -> list[DateMention]:
        """Date expressions inside ``span``."""
        return [d for d in self.dates if span.start <= d.start and d.end <= span.end]

    def quantities_in(self, span: Span) -> list[Quantity]:
        """Quantities inside ``span``."""
        return [q for q in self.quantities if span.start <= q.start and q.end <= span.end]


def analyse(
    article: Article,
    matches: list[GazetteerMatch],
    *,
    relative_dates: bool = True,
    guessed_year: bool = False,
) -> Analysis:
    """Find dates, quantities and unresolved place names in the article text.

    ``relative_dates=False`` when the article's date is a guess: "hôm nay" stays unresolved.
    ``guessed_year=True`` when the article's year is only guessed from the years its text
    names: a day or month without a year then needs a year in its own sentence.
    """
    text = article.text
    quantities = find_quantities(text)
    quantities += [q for q in money_without_unit(text) if not _overlaps_any(q, quantities)]
    quantities = [q for q in quantities if not _overlaps_any(q, matches)]
    return Analysis(
        text=text,
        today=article.published_date,
        matches=matches,
        dates=find_dates(
            text, article.published_date, relative=relative_dates, guessed_year=guessed_year
        ),
        quantities=sorted(quantities, key=lambda q: q.start),
        unresolved=_unresolved_places(text, matches),
        lowered=match_form(text),
    )


def _distinct(refs: list[EntityRef]) -> list[EntityRef]:
    seen: set[str] = set()
    kept = []
    for ref in refs:
        key = ref.entry_id or ref.span.text.lower()
        if key not in seen:
            seen.add(key)
            kept.append(ref)
    return kept


def _overlaps_any(item: Quantity, others: Sequence[Quantity | GazetteerMatch]) -> bool:
    return any(item.start < other.end and other.start < item.end for other in others)


def _within(matches: list[GazetteerMatch], span: Span) -> list[GazetteerMatch]:
    starts = [m.start for m in matches]
    first = bisect_left(starts, span.start)
    return [m for m in matches[first:] if m.end <= span.end and m.start < span.end]


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _ref(match: GazetteerMatch) -> EntityRef:
    entry = match.entry
    pool = (entry,) if entry else match.candidates
    return EntityRef(
        entry_id=entry.id if entry else None,
        name=entry.name if entry else match.text,
        kind=pool[0].kind,
        country=entry.country if entry else _common_country(match),
        span=Span(match.start, match.end, match.text),
        candidates=() if entry else tuple(c.id for c in match.candidates),
        within=entry.provinces if entry else (),
    )


def _common_country(match: GazetteerMatch) -> str | None:
    countries = {c.country for c in match.candidates}
    return countries.pop() if len(countries) == 1 else None


def _unresolved_places(text: str, matches: list[GazetteerMatch]) -> list[EntityRef]:
    """Type word plus capitalised name ("xã Tân Phú") that the gazetteer did not know."""
    lowered = match_form(text)
    found = []
    for match in _UNRESOLVED_PLACE.finditer(text):
        start, end = match.start(), match.end(2)
        end -= len(match.group(2)) - len(match.group(2).rstrip())
        if lowered[start : start + len(match.group(1))] != match.group(1):
            continue
        if any(m.start < end and start < m.end for m in matches):
            continue
        found.append(
            EntityRef(
                None,
                text[match.start(2) : end],
                _TYPE_KIND[match.group(1)],
                None,
                Span(start, end, text[start:end]),
            )
        )
    return found
