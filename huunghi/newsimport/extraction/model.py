"""The proposals handed to the review page: one activity or reported figure each."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from huunghi.newsimport.extraction.organisations import UnknownUnit
from huunghi.newsimport.extraction.quantities import Quantity
from huunghi.newsimport.extraction.textutil import Span


class RecordType(StrEnum):
    """An activity that happened, or a unit's reported total/stock over a period."""

    RECORD = "record"
    FIGURE = "figure"


class Relation(StrEnum):
    """How a child activity relates to its parent (a festival)."""

    PART_OF = "part_of"
    BEFORE = "before"
    AFTER = "after"


@dataclass(frozen=True)
class EntityRef:
    """A place or unit named in the text (``inherited`` when taken from the parent).

    ``entry_id`` is ``None`` for an unresolved mention; ``candidates`` then lists the
    gazetteer ids it could mean (empty when the name is unknown to the gazetteer).
    ``within`` holds the ids of the entry's enclosing places (its province context).
    """

    entry_id: str | None
    name: str
    kind: str
    country: str | None
    span: Span
    candidates: tuple[str, ...] = ()
    inherited: bool = False
    within: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateRef:
    """When the activity happened: inclusive ``start``/``end`` and how precise the text was.

    ``span`` is where the date is written (``None`` when ``inherited`` from the parent).
    """

    start: date | None
    end: date | None
    precision: str
    span: Span | None
    inherited: bool = False


@dataclass(frozen=True)
class Evidence:
    """One place in the text that reports the activity: its trigger phrase and sentence."""

    trigger: Span
    sentence: Span


@dataclass
class Proposal:
    """One proposed record (or reported figure) for a clerk to review.

    ``trigger`` and ``sentence`` locate the first report of the activity; ``evidence``
    lists every report merged into it. ``parent`` is the index of the enclosing activity
    (a festival) in the returned list, with ``relation`` saying how they relate.
    ``markers`` are the border-marker numbers the activity names ("229/12"), ``season`` the
    remains-search dry season it belongs to ("2025-2026"). ``unknown_units`` are the
    organisations its sentences name that the register lacks (proposed for creation).
    """

    kind: str
    record_type: RecordType
    trigger: Span
    sentence: Span
    indicator: str | None = None
    date: DateRef | None = None
    places: list[EntityRef] = field(default_factory=list)
    units: list[EntityRef] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    parent: int | None = None
    relation: Relation | None = None
    evidence: list[Evidence] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    season: str | None = None
    unknown_units: list[UnknownUnit] = field(default_factory=list)

    def spans(self) -> dict[str, list[Span]]:
        """Every highlighted piece by field, for the review page."""
        return {
            "trigger": [e.trigger for e in self.evidence] or [self.trigger],
            "date": [self.date.span] if self.date and self.date.span else [],
            "places": [p.span for p in self.places if not p.inherited],
            "units": [u.span for u in self.units if not u.inherited],
            "quantities": [q.span for q in self.quantities],
        }
