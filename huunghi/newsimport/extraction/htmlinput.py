"""Read saved HTML: trafilatura for the main text and metadata, a tolerant parser as fallback."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from huunghi.newsimport.extraction.metadata import Stamp, parse_iso_datetime
from huunghi.newsimport.extraction.textutil import clean_line

logger = logging.getLogger(__name__)

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "figure",
        "figcaption",
        "blockquote",
        "title",
        "main",
        "time",
        "dd",
        "dt",
        "form",
    ]
)
_SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option"]
)
_META_TIME = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|"""
    r"""datePublished|pubdate|publishdate|date|dc\.date\.issued|og:published_time)["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_JSONLD_TIME = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


@dataclass
class HtmlReading:
    """Main text and metadata read from an HTML page (any field may be missing)."""

    text_lines: list[str] = field(default_factory=list)
    page_lines: list[str] = field(default_factory=list)
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    categories: list[str] = field(default_factory=list)
    published: Stamp | None = None


def read_html(markup: str) -> HtmlReading:
    """Read ``markup`` without ever raising on broken HTML."""
    reading = HtmlReading(page_lines=html_lines(markup), published=meta_published(markup))
    document = _trafilatura(markup)
    if document is None:
        return reading
    reading.text_lines = [clean_line(line) for line in (document.text or "").splitlines()]
    reading.title = _clean(document.title)
    reading.date = document.date
    reading.author = _clean(document.author)
    reading.sitename = _clean(document.sitename)
    reading.categories = [c for c in (document.categories or []) if c]
    return reading


def _trafilatura(markup: str) -> Any:
    try:
        import trafilatura

        return trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
            deduplicate=False,
        )
    except Exception:  # trafilatura and lxml raise many kinds of errors on broken pages
        logger.info("trafilatura could not read the page; using the fallback parser")
        return None


def _clean(value: str | None) -> str | None:
    return clean_line(html.unescape(value)) or None if value else None


def meta_published(markup: str) -> Stamp | None:
    """The publication time declared in ``<meta>`` tags or JSON-LD, if any."""
    for tag in _META_TIME.finditer(markup[:200_000]):
        content = _CONTENT.search(tag.group(0))
        stamp = parse_iso_datetime(content.group(1)) if content else None
        if stamp:
            return stamp
    match = _JSONLD_TIME.search(markup[:400_000])
    return parse_iso_datetime(match.group(1)) if match else None


class _TextCollector(HTMLParser):
    """Visible text of a page, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_lines(markup: str) -> list[str]:
    """The page's visible text as cleaned lines; tolerant of any malformed markup."""
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
    except Exception:  # html.parser is lenient, but never let a page crash the import
        logger.info("HTML parser stopped early on malformed markup")
    text = "".join(collector.parts)
    return [clean_line(line) for line in text.splitlines()]
