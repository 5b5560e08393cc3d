"""Find the main article in the lines of a saved page and read its header and byline."""

from __future__ import annotations

from dataclasses import dataclass, field

from huunghi.newsimport.extraction.lines import Line, classify, strip_lead_prefix
from huunghi.newsimport.extraction.metadata import (
    Stamp,
    author_of,
    parse_stamp,
    section_of,
    site_from_copyright,
    site_of,
)

_MIN_SEGMENT_SCORE = 200
_SEGMENT_SHARE = 0.4
_HEADER_LOOKBACK = 12
_BYLINE_LOOKAHEAD = 6


@dataclass
class PageParts:
    """What the page parser found; ``paragraphs`` holds ``(text, role)`` pairs."""

    paragraphs: list[tuple[str, str]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    title: str | None = None
    stamp: Stamp | None = None
    site: str | None = None
    section: str | None = None
    author: str | None = None
    dropped_lines: int = 0


def parse_page(texts: list[str]) -> PageParts:
    """Split page lines into the article's paragraphs and its metadata."""
    lines = classify(texts)
    chosen = _article_lines(lines)
    parts = PageParts(site=_site(lines))
    if not chosen:
        return parts
    first, last = chosen[0], chosen[-1]
    lead = lines.index(first)
    header = lines[max(0, lead - _HEADER_LOOKBACK) : lead]
    parts.title = _title(header)
    parts.stamp = _stamp(header[::-1]) or _stamp(lines[lines.index(last) + 1 :][:_BYLINE_LOOKAHEAD])
    parts.section = _section(lines[:lead])
    parts.author = _author(lines, lines.index(last), header)
    parts.paragraphs, parts.captions = _paragraphs(lines, chosen)
    parts.dropped_lines = len(lines) - len(parts.paragraphs) - len(parts.captions)
    return parts


def _segments(lines: list[Line]) -> list[tuple[str | None, list[Line]]]:
    """Runs of lines between "related articles", "most read", "comments"... markers."""
    segments: list[tuple[str | None, list[Line]]] = [(None, [])]
    for line in lines:
        if line.stop:
            segments.append((line.stop, []))
        else:
            segments[-1][1].append(line)
    return segments


def _score(segment: list[Line]) -> int:
    return sum(len(line.text) for line in segment if line.body)


def _article_lines(lines: list[Line]) -> list[Line]:
    """Lines from the lead to the last body line of the main article."""
    segments = _segments(lines)
    scores = [_score(segment) for _, segment in segments]
    best = max(scores, default=0)
    if best == 0:
        return []
    threshold = min(best, max(_MIN_SEGMENT_SCORE, _SEGMENT_SHARE * best))
    start = next(i for i, score in enumerate(scores) if score >= threshold)
    chosen = list(segments[start][1])
    for marker, segment in segments[start + 1 :]:
        if marker == "terminal" or not _continues_article(segment):
            break
        chosen.extend(_after_inline_box(segment))
    body = [i for i, line in enumerate(chosen) if line.body]
    end = body[-1] + 1
    while end < len(chosen) and _short_closing_sentence(chosen[end]):
        end += 1
    return chosen[body[0] : end]


def _short_closing_sentence(line: Line) -> bool:
    """ "Mỗi phần quà trị giá 400.000 đồng.": a short sentence with a number right after the
    last paragraph still belongs to the article (bylines and sources have no number)."""
    return (
        not line.noise
        and not line.caption
        and line.words >= 4
        and line.text.endswith(".")
        and any(c.isdigit() for c in line.text)
    )


def _continues_article(segment: list[Line]) -> bool:
    """Whether text after an inline "related articles" box is more of the article."""
    has_body = any(line.body for line in segment)
    listing = any(line.teaser or line.adjacent_repeat or line.stamp for line in segment)
    return has_body and not listing


def _after_inline_box(segment: list[Line]) -> list[Line]:
    """The segment without the headlines listed in the box before the text resumes."""
    resume = next(i for i, line in enumerate(segment) if line.body)
    return segment[resume:]


def _paragraphs(lines: list[Line], chosen: list[Line]) -> tuple[list[tuple[str, str]], list[str]]:
    paragraphs: list[tuple[str, str]] = []
    captions: list[str] = []
    for line in chosen:
        if line.caption and not line.noise:
            captions.append(line.text)
        elif line.body:
            role = "lead" if not paragraphs else "body"
            text = strip_lead_prefix(line.text) if role == "lead" else line.text
            paragraphs.append((text, role))
        elif line.heading_like and not line.section and paragraphs:
            paragraphs.append((line.text, "heading"))
        elif not line.noise and line.text.endswith((".", "!", "?", "…")) and line.words >= 3:
            paragraphs.append((line.text, "body"))
    while paragraphs and paragraphs[-1][1] == "heading":
        paragraphs.pop()
    return paragraphs, captions


def _title(header: list[Line]) -> str | None:
    for line in reversed(header):
        if line.noise and line.repeats == 1:
            continue
        if line.chrome or line.stamp or line.section or line.doubled or line.caption:
            continue
        if site_of(line.text) or not 3 <= line.words <= 60 or len(line.text) > 300:
            continue
        return line.text
    return None


def _stamp(lines: list[Line]) -> Stamp | None:
    for line in lines:
        if line.stamp:
            return parse_stamp(line.text)
    return None


def _section(header: list[Line]) -> str | None:
    for line in header:
        section = section_of(line.text) if line.section else None
        if section:
            return section
    return None


def _site(lines: list[Line]) -> str | None:
    if lines:
        masthead = site_of(lines[0].text)
        if masthead:
            return masthead
    for line in lines:
        if "©" in line.text or "bản quyền" in line.text.lower():
            name = site_from_copyright(line.text)
            if name:
                return name
    return None


def _author(lines: list[Line], last: int, header: list[Line]) -> str | None:
    """A byline right after the article text (or at its top), skipping teaser lines."""
    for line in lines[last + 1 : last + 1 + _BYLINE_LOOKAHEAD * 2]:
        if line.body or line.stop == "terminal":
            break
        if line.doubled or line.repeats > 1 or line.chrome:
            continue
        name = author_of(line.text)
        if name:
            return name
    for line in header:
        if line.text.lower().startswith(("bài và ảnh", "bài, ảnh", "bài:", "tác giả")):
            return author_of(line.text)
    return None
