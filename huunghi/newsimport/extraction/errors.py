"""The one exception the extraction engine raises for input it cannot use."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ArticleErrorCode(StrEnum):
    """Why an input could not be turned into an article."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNSUPPORTED_FORMAT = "unsupported_format"
    UNDECODABLE = "undecodable"
    NO_ARTICLE = "no_article"
    NOT_VIETNAMESE = "not_vietnamese"
    NO_DIACRITICS = "no_diacritics"


class ArticleError(ValueError):
    """Bad input, with a stable ``code`` and an English message template.

    ``message`` is a translatable msgid with ``%(name)s`` placeholders; ``params`` fills
    them. ``str(error)`` is the filled-in English text.
    """

    def __init__(self, code: ArticleErrorCode | str, message: str, **params: Any) -> None:
        self.code = ArticleErrorCode(code)
        self.message = message
        self.params = params
        super().__init__(message % params if params else message)
