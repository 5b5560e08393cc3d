"""JSON-safe dictionaries of articles and proposals, for storing a draft import or an API."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from huunghi.newsimport.extraction.article import Article
from huunghi.newsimport.extraction.model import Proposal


def article_to_dict(article: Article) -> dict[str, Any]:
    """The article with ISO dates and its paragraphs' offsets."""
    return _plain(asdict(article))


def proposal_to_dict(proposal: Proposal) -> dict[str, Any]:
    """The proposal with ISO dates, decimal strings and every span as start/end/text."""
    return _plain(asdict(proposal))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value
