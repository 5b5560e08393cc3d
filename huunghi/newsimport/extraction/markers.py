"""Border-marker numbers and remains-search seasons written in an article.

Markers: "từ mốc 229/12 đến mốc 230/11", "khu vực cột mốc 301", "mốc quốc giới số 275",
"cột mốc 234", "mốc đại 275", "các mốc 241, 242 và 243/2", "cột mốc biên giới 277".
Seasons: "mùa khô 2023-2024", "mùa khô năm 2013 - 2014", "giai đoạn XXV", "giai đoạn 25
(mùa khô 2025-2026)": season N runs from the dry season of year 2000+N to 2001+N (XXIV =
2024-2025).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from huunghi.newsimport.extraction.textutil import match_form

_MARKER_WORD = (
    r"(?:cột mốc(?: biên giới| quốc giới)?|mốc quốc giới|mốc biên giới|mốc chính|mốc phụ"
    r"|mốc giới|mốc)"
)
#: "229/12", and "62 (2)" / "62(2)": the second marker of a place numbered 62
_NUMBER = r"\d{1,4}(?:/\d{1,3}|\s?\(\d\))?(?![\d/]|[.,]\d)"
_MARKER = re.compile(
    rf"{_MARKER_WORD}\s+(?:đại\s+|số\s+|chủ quyền\s+(?:số\s+)?)?(?P<first>{_NUMBER})"
    rf"(?P<more>(?:\s*(?:,|và|-|–|đến(?:\s+{_MARKER_WORD})?)\s*(?:số\s+)?{_NUMBER})*)"
)
_MORE_NUMBER = re.compile(_NUMBER)
_NOT_MARKER_AFTER = re.compile(r"^\s*(?:năm|tháng|giờ|km|m\b|người|ngày|lần|lượt|đợt)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_SEASON_YEARS = re.compile(
    r"mùa khô(?:\s+năm)?\s+(?P<a>(?:19|20)\d{2})\s*(?:-|–|/|đến)\s*(?P<b>(?:19|20)?\d{2})"
)
_SEASON_NUMBER = re.compile(
    r"(?:giai đoạn|mùa khô thứ|mùa khô lần thứ)\s+(?P<n>[ivxl]+|\d{1,2})\b(?!\s*/)"
)


@dataclass(frozen=True)
class Found:
    """A marker number or season and where it is written (offsets in the clean text)."""

    start: int
    end: int
    value: str


def find_markers(text: str) -> list[Found]:
    """Every marker number in ``text``, in order, each once per mention."""
    lowered = match_form(text)
    found: list[Found] = []
    for match in _MARKER.finditer(lowered):
        if _NOT_MARKER_AFTER.match(lowered[match.end() : match.end() + 8]):
            continue
        numbers = [match.group("first")]
        numbers += _MORE_NUMBER.findall(match.group("more") or "")
        found.extend(Found(match.start(), match.end(), n.replace(" ", "")) for n in numbers)
    return found


def find_seasons(text: str) -> list[Found]:
    """Every remains-search season in ``text`` as "YYYY-YYYY"."""
    lowered = match_form(text)
    found = []
    for match in _SEASON_YEARS.finditer(lowered):
        first = int(match.group("a"))
        second = match.group("b")
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if last == first + 1:
            found.append(Found(match.start(), match.end(), f"{first}-{last}"))
    for match in _SEASON_NUMBER.finditer(lowered):
        number = _season_number(match.group("n"))
        if number is not None and 10 <= number <= 40:  # "giai đoạn II" of a plan is no season
            year = 2000 + number
            found.append(Found(match.start(), match.end(), f"{year}-{year + 1}"))
    return sorted(found, key=lambda f: f.start)


def _season_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    values = [_ROMAN.get(c.upper()) for c in text]
    if None in values:
        return None
    total = 0
    for index, value in enumerate(values):
        assert value is not None
        following = values[index + 1] if index + 1 < len(values) else 0
        total += -value if following and following > value else value
    return total
