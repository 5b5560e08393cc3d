"""A small Vietnamese-language check: diacritic letters and common function words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from huunghi.newsimport.extraction.errors import ArticleError, ArticleErrorCode
from huunghi.newsimport.extraction.textutil import VI_LETTERS, fold

_WORD = re.compile(r"\w+")
_COMMON_WORDS = frozenset(
    [
        "và",
        "của",
        "các",
        "là",
        "được",
        "trong",
        "những",
        "cho",
        "với",
        "đã",
        "có",
        "người",
        "này",
        "tại",
        "một",
        "không",
        "để",
        "từ",
        "hai",
        "theo",
        "về",
        "năm",
        "ngày",
        "đến",
        "khi",
        "cũng",
        "như",
        "đơn",
        "vị",
        "nhân",
        "dân",
        "biên",
        "giới",
    ]
)
_COMMON_FOLDED = frozenset(fold(word) for word in _COMMON_WORDS)
_MIN_LETTERS = 40
_MIN_LATIN_SHARE = 0.6
_MIN_DIACRITIC_SHARE = 0.06
_MIN_COMMON_SHARE = 0.06
_DENSE_DIACRITIC_SHARE = 0.15
_MIN_COMMON_SHARE_WHEN_DENSE = 0.02


@dataclass(frozen=True)
class LanguageScore:
    """How Vietnamese a text looks."""

    latin_share: float
    diacritic_share: float
    common_share: float
    folded_common_share: float

    @property
    def is_vietnamese(self) -> bool:
        """Latin script, enough diacritic letters and enough common Vietnamese words."""
        if self.latin_share < _MIN_LATIN_SHARE or self.diacritic_share < _MIN_DIACRITIC_SHARE:
            return False
        if self.common_share >= _MIN_COMMON_SHARE:
            return True
        # Official reports are mostly titles and names, with few function words; their
        # share of Vietnamese letters alone (no other Latin-script language comes near
        # it) still tells them apart.
        return (
            self.diacritic_share >= _DENSE_DIACRITIC_SHARE
            and self.common_share >= _MIN_COMMON_SHARE_WHEN_DENSE
        )

    @property
    def is_unaccented_vietnamese(self) -> bool:
        """Vietnamese words written without their diacritics."""
        return self.diacritic_share < 0.01 and self.folded_common_share >= 0.12


def score(text: str) -> LanguageScore:
    """Measure the letters and words of ``text``."""
    letters = [c for c in text if c.isalpha()]
    latin = [c for c in letters if _is_latin(c)]
    marked = sum(1 for c in latin if c.lower() in VI_LETTERS)
    words = [w.lower() for w in _WORD.findall(text) if not w.isdigit()]
    common = sum(1 for w in words if w in _COMMON_WORDS)
    folded = sum(1 for w in words if fold(w) in _COMMON_FOLDED)
    return LanguageScore(
        latin_share=len(latin) / max(1, len(letters)),
        diacritic_share=marked / max(1, len(latin)),
        common_share=common / max(1, len(words)),
        folded_common_share=folded / max(1, len(words)),
    )


def _is_latin(char: str) -> bool:
    code = ord(char)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF


def require_vietnamese(text: str, *, lenient: bool = False) -> LanguageScore:
    """Raise :class:`ArticleError` unless ``text`` is Vietnamese with diacritics.

    ``lenient`` only checks script and diacritics (for menus and headlines, which have
    few function words).
    """
    result = score(text)
    if sum(1 for c in text if c.isalpha()) < _MIN_LETTERS or result.is_vietnamese:
        return result
    if lenient and result.latin_share >= _MIN_LATIN_SHARE and result.diacritic_share >= 0.02:
        return result
    if result.is_unaccented_vietnamese:
        raise ArticleError(
            ArticleErrorCode.NO_DIACRITICS,
            "The text is Vietnamese written without diacritics. Paste the original article "
            "with its accents.",
        )
    raise ArticleError(
        ArticleErrorCode.NOT_VIETNAMESE,
        "The article does not look like Vietnamese. Only Vietnamese articles can be imported.",
    )
