"""News import extraction engine: pure Python, no Django models, no database.

``extract_article`` turns a saved page or a pasted text into a clean :class:`Article`;
``extract_proposals`` turns an article into :class:`Proposal` objects (activities and
reported figures) with places and units matched through a :class:`Gazetteer`.
"""

from huunghi.newsimport.extraction.article import Article, Paragraph, extract_article
from huunghi.newsimport.extraction.dates import DateMention, DateSpan, find_dates
from huunghi.newsimport.extraction.decoding import DEFAULT_MAX_BYTES
from huunghi.newsimport.extraction.errors import ArticleError, ArticleErrorCode
from huunghi.newsimport.extraction.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    GazetteerMatch,
    InMemoryGazetteer,
    MatchContext,
)
from huunghi.newsimport.extraction.kinds import Kind
from huunghi.newsimport.extraction.model import (
    DateRef,
    EntityRef,
    Evidence,
    Proposal,
    RecordType,
    Relation,
)
from huunghi.newsimport.extraction.proposals import extract_proposals
from huunghi.newsimport.extraction.quantities import Quantity, find_quantities, parse_amount
from huunghi.newsimport.extraction.serialize import article_to_dict, proposal_to_dict
from huunghi.newsimport.extraction.textutil import Span

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Article",
    "ArticleError",
    "ArticleErrorCode",
    "DateMention",
    "DateRef",
    "DateSpan",
    "EntityRef",
    "Evidence",
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerMatch",
    "InMemoryGazetteer",
    "Kind",
    "MatchContext",
    "Paragraph",
    "Proposal",
    "Quantity",
    "RecordType",
    "Relation",
    "Span",
    "article_to_dict",
    "extract_article",
    "extract_proposals",
    "find_dates",
    "find_quantities",
    "parse_amount",
    "proposal_to_dict",
]
