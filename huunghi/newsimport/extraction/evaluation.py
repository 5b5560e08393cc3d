"""Precision and recall of the extraction engine against a labelled corpus.

A corpus folder holds article files (``.txt`` or ``.html``) with a JSON label file of the
same stem::

    {"content_type": "text/html",            # optional
     "meta": {"title": ..., "published": "2024-03-14T15:20:00+07:00", "site": ...,
              "author": ..., "section": ...}, # only the keys given are checked
     "noise": ["text that must not survive"],
     "proposals": [{"kind": "joint_patrol", "record_type": "record", "indicator": null,
                    "date": ["2024-03-12", "2024-03-12"], "parent": null,
                    "places": ["gazetteer id"], "units": ["gazetteer id"],
                    "quantities": [["15", "km", "exact"], ["6000000", "VND", "exact", "each"]],
                    "markers": ["229/12", "230/11"], "season": "2023-2024"}]}

An article may list ``known_gaps``: expectations the engine is known to miss today, each
``{"field": "places", "key": ["festival", "?huyện Hồng Ngự"], "why": "..."}`` with a key
as the per-article diff prints it (entities as the scoring gazetteer names them: test ids
or stable keys). ``evaluate(..., skip_known_gaps=True)`` leaves each such key out of both
sides, so a gap neither counts against the score nor, once fixed, for it; without the flag
(``python -m bench.news``) every label counts.

A fourth element "each" marks a per-item amount ("6 triệu đồng/suất"): besides the
quantities field it is scored in ``per_item``. ``markers`` are border-marker numbers and
``season`` the remains-search dry season ("2025-2026") the activity belongs to.

Entities are compared after ``entity_key`` (found ids) and ``label_key`` (labelled ids)
translate them, so a corpus can be scored with a gazetteer whose ids differ from the
labels' (see :mod:`huunghi.newsimport.scoring`); both default to the identity.

Every field is compared as a multiset of keys that include the activity kind, so a place
counts only when it is attached to an activity of the right kind. Places are the ones the
text names for the activity (inherited ones are left out); dates include inherited ones.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from huunghi.newsimport.extraction.article import Article, extract_article
from huunghi.newsimport.extraction.errors import ArticleError
from huunghi.newsimport.extraction.gazetteer import Gazetteer
from huunghi.newsimport.extraction.model import Proposal
from huunghi.newsimport.extraction.proposals import extract_proposals

FIELDS = (
    "kinds",
    "dates",
    "places",
    "units",
    "quantities",
    "per_item",
    "markers",
    "seasons",
    "indicators",
    "parents",
)
KeyFn = Callable[[str], str | None]


def _same(value: str) -> str | None:
    return value


META_FIELDS = ("title", "published", "site", "author", "section")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass
class Score:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of extracted keys that are right (1.0 when nothing was extracted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of labelled keys that were extracted (1.0 when nothing was labelled)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, expected: Counter[tuple], found: Counter[tuple]) -> None:
        """Count one article's keys."""
        hits = sum((expected & found).values())
        self.tp += hits
        self.fp += sum(found.values()) - hits
        self.fn += sum(expected.values()) - hits


@dataclass
class ArticleResult:
    """What went wrong in one article (empty lists when all is well)."""

    name: str
    missing: dict[str, list[tuple]] = field(default_factory=dict)
    extra: dict[str, list[tuple]] = field(default_factory=dict)
    meta_errors: list[str] = field(default_factory=list)
    noise_left: list[str] = field(default_factory=list)
    refused: str = ""


@dataclass
class Report:
    """Scores per field over a corpus, plus metadata accuracy and per-article details."""

    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    meta: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in META_FIELDS})
    articles: list[ArticleResult] = field(default_factory=list)

    def table(self) -> str:
        """A plain-text precision/recall table."""
        lines = [f"{'field':<12} {'P':>6} {'R':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for name, score in self.scores.items():
            lines.append(
                f"{name:<12} {score.precision:6.3f} {score.recall:6.3f} "
                f"{score.tp:5d} {score.fp:5d} {score.fn:5d}"
            )
        for name, score in self.meta.items():
            lines.append(
                f"meta.{name:<7} {score.recall:6.3f} {'':6} {score.tp:5d} {'':5} {score.fn:5d}"
            )
        return "\n".join(lines)


def corpus_files(folder: Path) -> list[tuple[Path, Path]]:
    """(article, label) pairs of a corpus folder, sorted by name."""
    pairs = []
    for label in sorted(folder.glob("*.json")):
        article = next(
            (label.with_suffix(s) for s in ARTICLE_SUFFIXES if label.with_suffix(s).exists()), None
        )
        if article is not None:
            pairs.append((article, label))
    return pairs


def evaluate(
    folder: Path,
    gazetteer: Gazetteer,
    entity_key: KeyFn = _same,
    label_key: KeyFn = _same,
    *,
    skip_known_gaps: bool = False,
) -> Report:
    """Run the engine over every labelled article in ``folder`` (``skip_known_gaps``: leave
    the keys an article lists under ``known_gaps`` out of the score)."""
    report = Report()
    for article_path, label_path in corpus_files(folder):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        expected = label_keys(label["proposals"], label_key)
        try:
            article = extract_article(
                article_path.read_bytes(), content_type_hint=label.get("content_type")
            )
        except ArticleError as error:
            report.articles.append(_score_refused(report, article_path.name, expected, error))
            continue
        proposals = extract_proposals(article, gazetteer)
        found = proposal_keys(proposals, entity_key)
        if skip_known_gaps:
            _drop_known_gaps(label.get("known_gaps", []), expected, found)
        result = _score_article(report, article_path.name, label, article, (expected, found))
        report.articles.append(result)
    return report


def _score_refused(
    report: Report, name: str, expected: dict[str, Counter[tuple]], error: ArticleError
) -> ArticleResult:
    """An article the engine refuses (not Vietnamese, no text) proposes nothing: every
    labelled key counts as missed, and the refusal is named in the per-article result."""
    result = ArticleResult(name, refused=str(error))
    for field_name in FIELDS:
        report.scores[field_name].add(expected[field_name], Counter())
        result.missing[field_name] = sorted(expected[field_name].elements())
        result.extra[field_name] = []
    return result


def _drop_known_gaps(
    gaps: list[dict[str, Any]],
    expected: dict[str, Counter[tuple]],
    found: dict[str, Counter[tuple]],
) -> None:
    """Take one copy of each known gap's key out of both the labelled and the found keys."""
    for gap in gaps:
        key = tuple(gap["key"])
        for side in (expected[gap["field"]], found[gap["field"]]):
            if side[key] > 0:
                side[key] -= 1


def _score_article(
    report: Report,
    name: str,
    label: dict[str, Any],
    article: Article,
    keys: tuple[dict[str, Counter[tuple]], dict[str, Counter[tuple]]],
) -> ArticleResult:
    result = ArticleResult(name)
    expected, found = keys
    for field_name in FIELDS:
        report.scores[field_name].add(expected[field_name], found[field_name])
        result.missing[field_name] = sorted((expected[field_name] - found[field_name]).elements())
        result.extra[field_name] = sorted((found[field_name] - expected[field_name]).elements())
    for key, value in label.get("meta", {}).items():
        ok = _meta_value(article, key) == value
        report.meta[key].add(Counter([(key,)]), Counter([(key,)] if ok else []))
        if not ok:
            result.meta_errors.append(f"{key}: {_meta_value(article, key)!r} != {value!r}")
    result.noise_left = [noise for noise in label.get("noise", []) if noise in article.text]
    return result


def _meta_value(article: Article, key: str) -> str | None:
    if key == "published":
        return article.published.isoformat() if article.published else None
    return getattr(article, key)


def proposal_keys(
    proposals: list[Proposal], entity_key: KeyFn = _same
) -> dict[str, Counter[tuple]]:
    """Evaluation keys of extracted proposals."""
    keys: dict[str, Counter[tuple]] = {f: Counter() for f in FIELDS}
    for proposal in proposals:
        kind = proposal.kind
        keys["kinds"][(kind, str(proposal.record_type))] += 1
        if proposal.date is not None:
            keys["dates"][(kind, _iso(proposal.date.start), _iso(proposal.date.end))] += 1
        own_places = [p for p in proposal.places if not p.inherited]
        keys["places"].update(_entity_keys(kind, own_places, entity_key))
        own_units = [u for u in proposal.units if not u.inherited]
        keys["units"].update(_entity_keys(kind, own_units, entity_key))
        for quantity in proposal.quantities:
            value = _number(quantity.value)
            keys["quantities"][(kind, value, quantity.unit, quantity.qualifier)] += 1
            if quantity.per:
                keys["per_item"][(kind, value, quantity.unit)] += 1
        keys["markers"].update((kind, marker) for marker in proposal.markers)
        if proposal.season:
            keys["seasons"][(kind, proposal.season)] += 1
        if proposal.indicator:
            keys["indicators"][(kind, proposal.indicator)] += 1
        if proposal.parent is not None:
            keys["parents"][(kind, proposals[proposal.parent].kind)] += 1
    return keys


def label_keys(
    labelled: list[dict[str, Any]], label_key: KeyFn = _same
) -> dict[str, Counter[tuple]]:
    """Evaluation keys of labelled proposals."""
    keys: dict[str, Counter[tuple]] = {f: Counter() for f in FIELDS}
    for item in labelled:
        kind = item["kind"]
        keys["kinds"][(kind, item.get("record_type", "record"))] += 1
        if item.get("date"):
            keys["dates"][(kind, *item["date"])] += 1
        keys["places"].update(_label_entities(kind, item.get("places", []), label_key))
        keys["units"].update(_label_entities(kind, item.get("units", []), label_key))
        for value, unit, qualifier, *each in item.get("quantities", []):
            number = _number(Decimal(value))
            keys["quantities"][(kind, number, unit, qualifier)] += 1
            if each:
                keys["per_item"][(kind, number, unit)] += 1
        keys["markers"].update((kind, marker) for marker in item.get("markers", []))
        if item.get("season"):
            keys["seasons"][(kind, item["season"])] += 1
        if item.get("indicator"):
            keys["indicators"][(kind, item["indicator"])] += 1
        if item.get("parent") is not None:
            keys["parents"][(kind, labelled[item["parent"]]["kind"])] += 1
    return keys


def _entity_keys(kind: str, refs: Iterable[Any], entity_key: KeyFn = _same) -> set[tuple]:
    """Resolved ids, and "?name" for ambiguous mentions; names the gazetteer does not know
    at all (no candidates) are outside what the labels can express and are not scored."""
    keys = set()
    for ref in refs:
        if ref.entry_id:
            keys.add((kind, entity_key(ref.entry_id) or ref.entry_id))
        elif ref.candidates:
            keys.add((kind, f"?{ref.name}"))
    return keys


def _label_entities(kind: str, ids: Iterable[str], label_key: KeyFn) -> set[tuple]:
    """Labelled ids translated; ids the scoring gazetteer cannot know are left out."""
    return {(kind, key) for key in map(label_key, ids) if key is not None}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")
