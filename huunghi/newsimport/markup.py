"""The article's clean text as HTML with every extracted piece highlighted.

Built on the server from the stored spans: the text is cut at every span boundary and
each piece is escaped on its own, so highlights may overlap or nest without ever
producing broken or unescaped markup. A piece covered by several spans gets all their
classes (``hl-trigger``, ``hl-date``, ``hl-place``, ``hl-unit``, ``hl-quantity``) and
the numbers of the proposals it belongs to.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from huunghi.newsimport.models import NewsArticle, NewsProposal

FIELD_LABELS = {
    "trigger": _("kind of activity"),
    "date": _("date"),
    "place": _("place"),
    "unit": _("unit"),
    "quantity": _("quantity"),
}
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Highlight:
    """One extracted piece: ``text[start:end]`` is a ``field`` of proposal ``proposal``."""

    start: int
    end: int
    field: str
    proposal: int


def highlights(proposals: Iterable[NewsProposal]) -> list[Highlight]:
    """Every stored span of the proposals (proposals numbered from 1, as on the page)."""
    found = []
    for proposal in proposals:
        for span in proposal.spans:
            if span.get("field") in FIELD_LABELS and span["end"] > span["start"]:
                found.append(
                    Highlight(span["start"], span["end"], span["field"], proposal.order + 1)
                )
    return found


def article_html(article: NewsArticle, marks: list[Highlight]) -> SafeString:
    """The article as ``<h3>``/``<p>`` blocks with ``<mark>`` around extracted pieces."""
    blocks = []
    for start, end, role in paragraph_bounds(article):
        inner = marked(article.text, start, end, marks)
        tag = "h3" if role == "heading" else "p"
        css = "articlelead" if role == "lead" else "articletext"
        blocks.append(format_html('<{} class="{}">{}</{}>', tag, css, inner, tag))
    return mark_safe("\n".join(blocks))  # noqa: S308 - every piece escaped above


def paragraph_bounds(article: NewsArticle) -> list[tuple[int, int, str]]:
    """``(start, end, role)`` of every paragraph of the clean text."""
    stored = [tuple(p) for p in article.paragraphs or () if len(p) == 3]
    if stored:
        return [(int(s), int(e), str(r)) for s, e, r in stored]
    bounds, cursor = [], 0
    for piece in article.text.split(PARAGRAPH_SEPARATOR):
        bounds.append((cursor, cursor + len(piece), "body"))
        cursor += len(piece) + len(PARAGRAPH_SEPARATOR)
    return bounds


def marked(text: str, start: int, end: int, marks: list[Highlight]) -> SafeString:
    """``text[start:end]`` escaped, with the highlights inside it marked."""
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = sorted(
        {start, end, *(max(start, min(end, p)) for m in inside for p in (m.start, m.end))}
    )
    pieces = []
    for left, right in itertools.pairwise(cuts):
        covering = [m for m in inside if m.start <= left and m.end >= right]
        pieces.append(_piece(text[left:right], covering))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped in _piece


def _piece(text: str, covering: list[Highlight]) -> str:
    if not covering:
        return str(escape(text))
    fields = sorted({m.field for m in covering})
    numbers = sorted({m.proposal for m in covering})
    return str(
        format_html(
            '<mark class="hl {}" data-proposals="{}" title="{}">{}</mark>',
            " ".join(f"hl-{name}" for name in fields),
            " ".join(str(n) for n in numbers),
            ", ".join(str(FIELD_LABELS[name]) for name in fields),
            text,
        )
    )
