"""Identity and citation of an imported article: its content hash, its address, the
source fields records and figures cite it with."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from huunghi.newsimport.models import NewsArticle
from huunghi.records.models import SourceType

MAX_URL = 500
MAX_CITATION = 300
_CANONICAL = (
    re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>""", re.IGNORECASE),
    re.compile(r"""<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*>""", re.IGNORECASE),
)
_ATTRIBUTE = re.compile(r"""\b(?:href|content)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_HEAD_BYTES = 200_000
_validate_url = URLValidator(schemes=["http", "https"])


def text_hash(text: str) -> str:
    """SHA-256 of the clean text with case, Unicode form and spacing normalised."""
    normalised = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def clean_url(value: str) -> str:
    """``value`` if it is an http(s) address of at most 500 characters, else ``""``."""
    value = (value or "").strip()
    if not value or len(value) > MAX_URL:
        return ""
    try:
        _validate_url(value)
    except ValidationError:
        return ""
    return value


def canonical_url(raw: bytes | str) -> str:
    """The page's own address from ``<link rel=canonical>`` or ``og:url``, if any."""
    head = raw[:_HEAD_BYTES]
    markup = head.decode("utf-8", errors="replace") if isinstance(head, bytes) else head
    for pattern in _CANONICAL:
        for tag in pattern.findall(markup):
            found = _ATTRIBUTE.search(tag)
            url = clean_url(found.group(1)) if found else ""
            if url:
                return url
    return ""


def citation(article: NewsArticle) -> str:
    """Site, “title”, date, author: how records and figures cite the article."""
    parts = [
        article.site,
        f"“{article.title}”" if article.title else "",
        article.published.strftime("%d/%m/%Y") if article.published else "",
        article.author,
    ]
    return ", ".join(part for part in parts if part)[:MAX_CITATION]


def record_source(article: NewsArticle) -> dict[str, str]:
    """``source_type``/``source_url``/``source_title`` of a record made from the article.

    Records of source "news" need the article's address; without one the record is
    marked "entered" and the citation alone says where it comes from.
    """
    if article.url:
        return {
            "source_type": SourceType.NEWS,
            "source_url": article.url,
            "source_title": citation(article),
        }
    return {"source_type": SourceType.ENTERED, "source_url": "", "source_title": citation(article)}
