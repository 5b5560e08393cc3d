"""``extract_article``: from a pasted text or a saved page to a clean :class:`Article`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from huunghi.newsimport.extraction.decoding import (
    DEFAULT_MAX_BYTES,
    check_size,
    decode,
    looks_like_html,
)
from huunghi.newsimport.extraction.errors import ArticleError, ArticleErrorCode
from huunghi.newsimport.extraction.htmlinput import HtmlReading, read_html
from huunghi.newsimport.extraction.language import require_vietnamese
from huunghi.newsimport.extraction.metadata import (
    Stamp,
    author_of,
    opening_stamp,
    parse_stamp,
    section_of,
)
from huunghi.newsimport.extraction.page import PageParts, parse_page
from huunghi.newsimport.extraction.textutil import clean_line

PARAGRAPH_SEPARATOR = "\n\n"
_MIN_ARTICLE_CHARS = 150
_OPENING_LINES = 3
_TITLE_SUFFIX = re.compile(r"\s+[-|–]\s+[^-|–]{2,40}$")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the clean text; ``role`` is "lead", "body" or "heading"."""

    start: int
    end: int
    text: str
    role: str


@dataclass(frozen=True)
class Article:
    """The main article of a page: clean text, paragraphs with offsets, and metadata.

    ``published`` is time-zone aware (GMT+7 unless the page says otherwise);
    ``published_has_time`` tells whether the page gave a time of day.
    """

    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None
    published: datetime | None
    published_has_time: bool
    author: str | None
    site: str | None
    section: str | None
    source_format: str
    captions: tuple[str, ...] = ()
    dropped_lines: int = 0

    @property
    def published_date(self) -> date | None:
        """The publication date in the page's own time zone."""
        return self.published.date() if self.published else None


def extract_article(
    raw: bytes | str,
    *,
    content_type_hint: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Find the main article in a saved HTML page or a pasted plain text.

    Menus, related-article lists, "most read" boxes, repeated lines, captions, comment
    prompts and footers are dropped. Raises :class:`ArticleError` for empty, oversized,
    binary, undecodable or non-Vietnamese input and when no article text is found.
    """
    check_size(raw, max_bytes)
    text = decode(raw) if isinstance(raw, bytes) else raw
    if not text.strip():
        raise ArticleError(ArticleErrorCode.EMPTY, "The input is empty.")
    if looks_like_html(text, content_type_hint):
        return _from_html(text)
    return _from_text(text)


def _from_text(text: str) -> Article:
    lines = [clean_line(line) for line in text.splitlines()]
    parts = parse_page(lines)
    if parts.stamp is None:  # "date 2026-01-28 Video Báo Ảnh ...": a saved page's first line
        parts.stamp = opening_stamp([line for line in lines if line][:1]) or _early_stamp(lines)
    return _build(parts, source_format="text", fallback_text="\n".join(lines))


_STAMP_LINES = 8


def _early_stamp(lines: list[str]) -> Stamp | None:
    """A line that is only a date and time among the first lines of a pasted excerpt
    ("20:39 - 11/09/2022" under the lead, "23:09, ngày 16-08-2017" under the title)."""
    for line in [line for line in lines if line][:_STAMP_LINES]:
        if len(line.split()) <= _STAMP_WORDS:
            stamp = parse_stamp(line)
            if stamp is not None:
                return stamp
    return None


_STAMP_WORDS = 8


def _from_html(markup: str) -> Article:
    reading = read_html(markup)
    parts = parse_page(reading.text_lines) if reading.text_lines else PageParts()
    if not _enough(parts):
        parts = parse_page(reading.page_lines)
    _merge_html_metadata(parts, reading)
    return _build(parts, source_format="html", fallback_text="\n".join(reading.page_lines))


def _enough(parts: PageParts) -> bool:
    return sum(len(text) for text, _ in parts.paragraphs) >= _MIN_ARTICLE_CHARS


def _merge_html_metadata(parts: PageParts, reading: HtmlReading) -> None:
    """Prefer the page's declared metadata; fill gaps from the visible header lines."""
    page = parse_page(reading.page_lines)
    parts.title = _strip_site_suffix(reading.title, reading.sitename) or parts.title or page.title
    parts.stamp = _best_stamp(reading, parts, page)
    parts.site = reading.sitename or parts.site or page.site
    parts.section = _html_section(reading) or parts.section or page.section
    byline = author_of(reading.author) if reading.author else None
    parts.author = byline or reading.author or parts.author or page.author


def _best_stamp(reading: HtmlReading, parts: PageParts, page: PageParts) -> Stamp | None:
    candidates = [reading.published, page.stamp, parts.stamp]
    for stamp in candidates:
        if stamp and stamp.has_time:
            return stamp
    for stamp in candidates:
        if stamp:
            return stamp
    return parse_stamp(reading.date) if reading.date else None


def _html_section(reading: HtmlReading) -> str | None:
    if not reading.categories:
        return None
    joined = " > ".join(reading.categories)
    return section_of(joined) or joined


def _strip_site_suffix(title: str | None, site: str | None) -> str | None:
    if not title:
        return None
    if site and title.endswith(site):
        return title[: -len(site)].rstrip(" -|–")
    match = _TITLE_SUFFIX.search(title)
    if match and len(title) - len(match.group(0)) >= 20:
        return title[: match.start()]
    return title


def _build(parts: PageParts, *, source_format: str, fallback_text: str) -> Article:
    if not _enough(parts):
        require_vietnamese(fallback_text, lenient=True)
        raise ArticleError(
            ArticleErrorCode.NO_ARTICLE,
            "No article text was found. Paste the article itself or save the whole page.",
        )
    paragraphs = _layout(_without_date_prefix(parts.paragraphs))
    text = PARAGRAPH_SEPARATOR.join(p.text for p in paragraphs)
    require_vietnamese(text)
    opening = [parts.title or "", *(t for t, _ in parts.paragraphs[:_OPENING_LINES])]
    stamp = parts.stamp or opening_stamp(opening)
    return Article(
        text=text,
        paragraphs=tuple(paragraphs),
        title=parts.title,
        published=stamp.value if stamp else None,
        published_has_time=bool(stamp and stamp.has_time),
        author=parts.author,
        site=parts.site,
        section=parts.section,
        source_format=source_format,
        captions=tuple(parts.captions),
        dropped_lines=parts.dropped_lines,
    )


_DATE_PREFIX = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s+")


def _without_date_prefix(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A saved excerpt's "date 2025-11-14 " before the first sentence is page data (read
    as the publication date), not part of the sentence."""
    if pairs and _DATE_PREFIX.match(pairs[0][0]):
        text, role = pairs[0]
        return [(_DATE_PREFIX.sub("", text, count=1), role), *pairs[1:]]
    return pairs


def _layout(pairs: list[tuple[str, str]]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    cursor = 0
    for text, role in pairs:
        paragraphs.append(Paragraph(cursor, cursor + len(text), text, role))
        cursor += len(text) + len(PARAGRAPH_SEPARATOR)
    return paragraphs
