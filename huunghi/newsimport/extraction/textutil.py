"""Text helpers that keep character offsets stable.

Every transformation used for matching (``match_form``, ``fold``) maps one character to one
character, so an offset found in the transformed text is an offset in the clean text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

#: Old-style tone placement ("hoà", "thuỷ") and its new-style twin ("hòa", "thủy").
_TONE_PAIRS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
#: Only open syllables differ between the styles ("hoà"/"hòa"); "đoạn", "quý" never do.
_TONE_RE = re.compile("(?<!q)(?:" + "|".join(_TONE_PAIRS) + r")(?!\w)")

#: Regex character classes of Vietnamese upper- and lower-case letters.
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

_SENTENCE_END = re.compile(rf"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(\[]?[{UPPER}0-9])")
_ABBREVIATIONS = ("TP.", "Tp.", "ThS.", "TS.", "PGS.", "GS.", "BS.", "Th.", "St.")


def clean_line(line: str) -> str:
    """One input line in NFC with invisible characters removed and spaces collapsed."""
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    return _SPACES.sub(" ", line).strip()


def match_form(text: str) -> str:
    """Lower-case text with one tone-placement style, for accent-aware patterns."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is two characters ("İ")
        lowered = "".join(_lower_one(c) for c in text)
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], lowered)


#: Code point → folded character, filled as new characters are met (str.translate is
#: ten times faster than folding character by character).
_FOLD_TABLE: dict[int, str] = {}


def fold(text: str) -> str:
    """Lower-case text without diacritics ("Đắk Lắk" → "dak lak"), same length as ``text``."""
    for char in set(text):
        if ord(char) not in _FOLD_TABLE:
            _FOLD_TABLE[ord(char)] = _fold_one(char)
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=4096)
def _fold_one(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base[0] if base else char


@lru_cache(maxsize=4096)
def _lower_one(char: str) -> str:
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


@dataclass(frozen=True)
class Span:
    """A piece of the clean text: ``text == clean_text[start:end]``."""

    start: int
    end: int
    text: str

    def contains(self, offset: int) -> bool:
        """Whether ``offset`` lies inside this span."""
        return self.start <= offset < self.end


def span_of(text: str, start: int, end: int) -> Span:
    """The :class:`Span` of ``text[start:end]``, trimmed of surrounding spaces."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences of ``text[start:end]`` as spans of ``text``."""
    spans: list[Span] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _ends_with_abbreviation(text, cursor, match.start()):
            continue
        spans.append(span_of(text, cursor, match.start()))
        cursor = match.end()
    spans.append(span_of(text, cursor, end))
    return [span for span in spans if span.text]


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    head = text[max(start, end - 5) : end]
    return any(head.endswith(abbr) for abbr in _ABBREVIATIONS)


_CLAUSE_BREAK = re.compile(r";|(?<!\d):(?!\d)")


def split_clauses(text: str, sentence: Span) -> list[Span]:
    """Clauses of a sentence: split at semicolons and at list-introducing colons."""
    spans: list[Span] = []
    cursor = sentence.start
    for match in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        spans.append(span_of(text, cursor, match.start()))
        cursor = match.end()
    spans.append(span_of(text, cursor, sentence.end))
    return [span for span in spans if span.text]


VI_LETTERS = frozenset("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


def is_capitalized(word: str) -> bool:
    """Whether a word starts with an upper-case letter or a digit."""
    return bool(word) and (word[0].isupper() or word[0].isdigit())
