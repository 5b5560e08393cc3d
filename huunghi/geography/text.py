"""Name normalisation shared by the loaders, the model and the search selector."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PUNCTUATION = str.maketrans({"-": " ", "–": " ", "'": "", "’": "", ".": " ", ",": " "})

#: Unit type words as written with their accents, longest first. A query starting with one
#: ("tỉnh Tây Ninh") is also searched without it; unaccented forms are not stripped because
#: they begin real names ("Quan Hóa", "Xà Xía").
_KIND_WORDS = (
    "thành phố",
    "thị trấn",
    "thị xã",
    "đặc khu",
    "thủ đô",
    "tỉnh",
    "huyện",
    "quận",
    "phường",
    "xã",
    "phum",
)


def unaccent(text: str) -> str:
    """``text`` without Vietnamese diacritics, case kept ("Đắk Lắk" → "Dak Lak")."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def fold(text: str) -> str:
    """The matching key of a name: lower case, no accents, single spaces."""
    folded = unaccent(text).lower().translate(_PUNCTUATION)
    return _SPACES.sub(" ", folded).strip()


def query_keys(text: str) -> list[str]:
    """The keys a search query is matched with: its folded form, and without a type word."""
    keys = [fold(text)]
    lowered = _SPACES.sub(" ", text.strip().lower())
    for word in _KIND_WORDS:
        if lowered.startswith(word + " ") and len(lowered) > len(word) + 1:
            keys.append(fold(lowered[len(word) + 1 :]))
            break
    return [key for key in keys if key]


def search_key(*names: str) -> str:
    """The ``search_name`` of a unit: its distinct folded names joined by `` | ``."""
    keys: list[str] = []
    for name in names:
        key = fold(name) if name else ""
        if key and key not in keys:
            keys.append(key)
    return " | ".join(keys)[:150]
