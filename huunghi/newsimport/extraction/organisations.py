"""Organisations the article names that the gazetteer does not know.

A Cambodian border police post, a battalion, a military hospital or a commune people's
committee is often missing from the unit register. Rather than drop it, the engine
proposes it: its name as written, a suggested unit kind and country, and where it is
written, so a reviewer can create it as a counterpart or map it to an existing unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from huunghi.newsimport.extraction.gazetteer import GazetteerMatch
from huunghi.newsimport.extraction.textutil import UPPER, Span

#: A capitalised name ("À-Ỹ" would also take lower-case letters: "Bình Hiệp đã").
_NAME = rf"(?:[{UPPER}0-9][\w’'‘-]*(?:\s+(?:[{UPPER}0-9][\w’'‘-]*))*)"
#: (pattern, suggested unit kind, country or None when the text must tell).
_HEADS: tuple[tuple[str, str, str | None], ...] = (
    (rf"Đồn (?:Cảnh sát|Công an)(?: bảo vệ)? biên giới\s+{_NAME}", "border_police", "KH"),
    (rf"Đồn Công an (?:hành chính|cửa khẩu)\s+{_NAME}", "border_police", "KH"),
    (rf"Ty (?:Công an|Cảnh sát) tỉnh\s+{_NAME}", "border_police", "KH"),
    (
        r"(?:Tiểu đoàn|Trung đoàn|Lữ đoàn|Đại đội)(?: [\wÀ-ỹđĐ]+){0,7}? (?:số )?\d+\b",
        "other",
        None,
    ),
    (rf"Bệnh viện Quân y\s+{_NAME}", "clinic", "VN"),
    (rf"Đồn Biên phòng(?: cửa khẩu(?: quốc tế)?)?\s+{_NAME}", "border_post", "VN"),
    (rf"(?:Ủy ban nhân dân|UBND) (?:xã|huyện|phường|thị trấn)\s+{_NAME}", "civil_authority", None),
)
_PATTERNS = tuple((re.compile(p), kind, country) for p, kind, country in _HEADS)
_KH_CUE = re.compile(
    r"Campuchia|Svay Rieng|Prey Veng|Tbong|Kratie|Kandal|Takeo|Kampot|Ratanakiri|"
    r"Mondulkiri|Mundulkiri|Hoàng gia|bảo vệ biên giới|Công an"
)


_SAME_NAME = re.compile(r"\s+(?:cửa khẩu(?: quốc tế)?\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class UnknownUnit:
    """An organisation named in the text and missing from the register."""

    name: str
    kind: str
    country: str | None
    span: Span


def find_unknown_units(text: str, matches: list[GazetteerMatch]) -> list[UnknownUnit]:
    """Organisation names not covered by a resolved unit mention, in text order."""
    known = [(m.start, m.end) for m in matches if m.entry is not None and not m.is_place]
    found: dict[str, UnknownUnit] = {}
    for pattern, kind, country in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            name = match.group(0).rstrip(" ,.;")
            key = _SAME_NAME.sub(" ", name).lower()
            if any(s <= start and end <= e for s, e in known) or key in found:
                continue
            found[key] = UnknownUnit(
                name,
                kind,
                country or _place_country(matches, start, end) or _country(text, end),
                Span(start, start + len(name), name),
            )
    return sorted(found.values(), key=lambda u: u.span.start)


def _place_country(matches: list[GazetteerMatch], start: int, end: int) -> str | None:
    """The country of the place the name itself contains ("UBND xã Phước Minh")."""
    inside = {m.entry.country for m in matches if m.entry and start <= m.start and m.end <= end}
    return inside.pop() if len(inside) == 1 else None


def _country(text: str, end: int) -> str:
    return "KH" if _KH_CUE.search(text[end - 40 : end + 120]) else "VN"
