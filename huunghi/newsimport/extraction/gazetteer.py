"""Places and units by name: the :class:`Gazetteer` protocol and an in-memory implementation.

Matching is accent-insensitive and token based; the longest alias wins. Place names may be
preceded by a type word ("tỉnh", "huyện", "xã", "phum"...) that restricts the kind; communes
and villages only match with their type word, and bare names only when capitalised.
Ambiguous mentions keep every candidate; the article's dates, the larger places written
right after a name ("xã Thmei, huyện Chantrea, tỉnh Svay Rieng"), its province context,
country cues ("thuộc Vương quốc Campuchia") and last the border provinces narrow them.
A type word before a bare name keeps it from a namesake of another kind ("ấp Vĩnh Hòa"),
a place inside an organisation's name ("Đồn Biên phòng Phú Mỹ") is not matched, and a
Cambodian name the register spells otherwise is compared by consonant skeleton.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from huunghi.newsimport.extraction.textutil import UPPER, fold, is_capitalized, match_form

HOME_COUNTRY = "VN"
PLACE_KINDS = frozenset({"province", "district", "commune", "village", "border_gate", "city"})
_PREFIXED_ONLY = frozenset({"commune", "village"})

#: Type words before a place name, as written, with the place kinds they allow.
TYPE_WORDS: dict[str, frozenset[str]] = {
    "tỉnh": frozenset({"province"}),
    "thành phố": frozenset({"province", "district", "city"}),
    "tp": frozenset({"province", "district", "city"}),
    "thủ đô": frozenset({"province", "city"}),
    "huyện": frozenset({"district"}),
    "h": frozenset({"district"}),
    "tx": frozenset({"district"}),
    "tt": frozenset({"commune"}),
    "thị xã": frozenset({"district"}),
    "quận": frozenset({"district"}),
    "srok": frozenset({"district"}),
    "xã": frozenset({"commune"}),
    "phường": frozenset({"commune"}),
    "thị trấn": frozenset({"commune"}),
    "khum": frozenset({"commune"}),
    "sangkat": frozenset({"commune"}),
    "ấp": frozenset({"village"}),
    "phum": frozenset({"village"}),
    "thôn": frozenset({"village"}),
    "bản": frozenset({"village"}),
    "sóc": frozenset({"village"}),
    "khóm": frozenset({"village"}),
    "cửa khẩu": frozenset({"border_gate"}),
    "cửa khẩu quốc tế": frozenset({"border_gate"}),
    "cửa khẩu chính": frozenset({"border_gate"}),
    "cửa khẩu phụ": frozenset({"border_gate"}),
}

#: Abbreviations expanded token by token before matching ("Bộ CHQS" = "Bộ Chỉ huy Quân sự").
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "bdbp": ("bo", "doi", "bien", "phong"),
    "chqs": ("chi", "huy", "quan", "su"),
    "bch": ("bo", "chi", "huy"),
    "bcd": ("ban", "chi", "dao"),
    "llvt": ("luc", "luong", "vu", "trang"),
    "ubnd": ("uy", "ban", "nhan", "dan"),
    "qdnd": ("quan", "doi", "nhan", "dan"),
    "tp": ("thanh", "pho"),
    "hcm": ("ho", "chi", "minh"),
    "dbp": ("don", "bien", "phong"),
    "ckqt": ("cua", "khau", "quoc", "te"),
    "dac": ("dak",),  # "Đắc Nông", "Đắc Lắc": the older spelling of Đắk
}
_QK = re.compile(r"^qk(\d+)$")
_TOKEN = re.compile(r"\w+")
_COUNTRY_CUES = (
    ("KH", re.compile(r"campuchia|cam pu chia|nuoc ban|hoang gia|khmer|phia ban|vuong quoc")),
    ("VN", re.compile(r"viet nam|nuoc ta|phia ta")),
)
_STRONG_CUE = re.compile(r"^\W{0,3}(?:thuoc |cua )?(?:vuong quoc |nuoc ban )?(campuchia|viet nam)")
_OWNED_BY = re.compile(r"(?:thuoc|cua) (?:vuong quoc |nuoc ban )?(campuchia|viet nam)")
_BILATERAL = re.compile(
    r"(?:viet nam|campuchia)\s*(?:-|–|va|voi)\s*(?:viet nam|campuchia)|hai nuoc|hai ben"
)


@dataclass(frozen=True)
class GazetteerEntry:
    """A place or a unit with its names, kind, country, province context and validity.

    ``provinces`` lists the province ids the entry lies in or answers to (a district's
    province; the provinces of a military region). ``generic_names`` such as "Bộ CHQS
    tỉnh" or "Bộ Tư lệnh Quân khu" only resolve through the text's province context.
    """

    id: str
    names: tuple[str, ...]
    kind: str
    country: str
    provinces: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    generic_names: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The canonical name (the first one)."""
        return self.names[0]

    @property
    def is_place(self) -> bool:
        """Places are administrative units and border gates; everything else is a unit."""
        return self.kind in PLACE_KINDS

    def valid_on(self, day: date | None) -> bool:
        """Whether the entry was in force on ``day`` (always, when ``day`` is unknown)."""
        if day is None:
            return True
        after_start = self.valid_from is None or self.valid_from <= day
        before_end = self.valid_to is None or day <= self.valid_to
        return after_start and before_end


@dataclass(frozen=True)
class GazetteerMatch:
    """A mention of a place or unit in a text, resolved or left ambiguous.

    ``entry`` is the chosen entry or ``None``; ``candidates`` keeps every entry the words
    could mean (one when resolved, several when ambiguous).
    """

    start: int
    end: int
    text: str
    entry: GazetteerEntry | None
    candidates: tuple[GazetteerEntry, ...]

    @property
    def ambiguous(self) -> bool:
        """No single entry could be chosen."""
        return self.entry is None and len(self.candidates) > 1

    @property
    def is_place(self) -> bool:
        """Whether this mention names a place (else a unit)."""
        pool = (self.entry,) if self.entry else self.candidates
        return bool(pool) and pool[0].is_place


@dataclass
class MatchContext:
    """What the caller knows about the text: its date and province context by weight."""

    on: date | None = None
    provinces: dict[str, float] = field(default_factory=dict)


class Gazetteer(Protocol):
    """Finds place and unit mentions in a text. The database-backed one implements this."""

    def find(self, text: str, context: MatchContext | None = None) -> list[GazetteerMatch]:
        """Every mention in ``text``, longest match first, without overlaps."""
        ...

    def get(self, entry_id: str) -> GazetteerEntry | None:
        """The entry with this id."""
        ...


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int


class _Alias(NamedTuple):
    """One name of an entry (a tuple: a gazetteer holds a hundred thousand of them)."""

    entry: GazetteerEntry
    exact: str
    contextual: bool = False
    type_word: str | None = None
    listed: bool = False


class InMemoryGazetteer:
    """A :class:`Gazetteer` over a list of entries, indexed by folded alias tokens."""

    def __init__(
        self, entries: Iterable[GazetteerEntry], border_provinces: Iterable[str] = ()
    ) -> None:
        """``border_provinces``: ids of the provinces along the border (the provinces of
        the border gates are always counted: a province without a gate still borders)."""
        self._entries: dict[str, GazetteerEntry] = {}
        index: dict[tuple[str, ...], list[_Alias]] = {}
        for entry in entries:
            self._add(index, entry)
        self._trie = _build_trie(index)
        self._types = _type_word_keys()
        gates = (
            province
            for entry in self._entries.values()
            if entry.kind == "border_gate"
            for province in entry.provinces
        )
        self._border = frozenset((*gates, *border_provinces))
        self._loose = _loose_index(self._entries.values(), skeleton)
        self._onsets = _loose_index(self._entries.values(), onset_key)
        self._sounds = _sound_index(self._entries.values())

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]]) -> InMemoryGazetteer:
        """Build from dicts with ``id``, ``names``, ``kind``, ``country`` and optional
        ``provinces``, ``generic_names``, ``valid_from``, ``valid_to`` (ISO dates) and
        ``border`` (a province along the border)."""
        rows = list(rows)
        border = [str(row["id"]) for row in rows if row.get("border")]
        return cls((_entry_from_row(row) for row in rows), border)

    @classmethod
    def from_json(cls, path: str | Path) -> InMemoryGazetteer:
        """Build from a JSON file holding a list of rows (see :meth:`from_rows`)."""
        return cls.from_rows(json.loads(Path(path).read_text(encoding="utf-8")))

    def get(self, entry_id: str) -> GazetteerEntry | None:
        """The entry with this id."""
        return self._entries.get(entry_id)

    def _add(self, index: dict[tuple[str, ...], list[_Alias]], entry: GazetteerEntry) -> None:
        """Index the entry's names; "huyện X" is matched through :attr:`_types` instead of
        an alias per type word (six times fewer objects to build, keep and unpickle)."""
        self._entries[entry.id] = entry
        for name in entry.names:
            index.setdefault(alias_key(name), []).append(_Alias(entry, name.lower()))
        for name in entry.generic_names:
            alias = _Alias(entry, name.lower(), contextual=True)
            index.setdefault(alias_key(name), []).append(alias)

    def _lookup(self, key: tuple[str, ...]) -> list[_Alias]:
        """The aliases whose token key is exactly ``key``."""
        node: dict[str, object] = self._trie
        for word in key:
            child = node.get(word)
            if child is None:
                return []
            node = child  # type: ignore[assignment]
        return node.get(_ALIASES, [])  # type: ignore[return-value]

    def find(self, text: str, context: MatchContext | None = None) -> list[GazetteerMatch]:
        """Every mention in ``text``, resolved with ``context`` where possible."""
        folded = _BILATERAL.sub(lambda m: " " * len(m.group(0)), fold(text))
        scan = _Scan(
            text, folded, tokenize(text), context or MatchContext(), self._border, match_form(text)
        )
        matches: list[GazetteerMatch] = []
        loose: dict[int, bool] = {}
        position = 0
        while position < len(scan.tokens):
            found = self._match_at(scan, position)
            if found is None:
                sounded = self._loose_at(scan, position, matches[-1] if matches else None)
                if sounded is None:
                    position += 1
                    continue
                length, aliases, by_sound = sounded
                loose[len(matches)] = by_sound
                found = length, aliases
            length, aliases = found
            matches.append(_resolve(scan, position, length, aliases))
            matches[-1:-1] = self._unit_of_province(scan, position, matches[-1])
            position = self._coordinated(scan, position + length, aliases, matches)
            position = self._other_provinces(scan, position, matches)
        return _settle_chains(
            scan, _without_list_heads(scan.text, matches), loose, self._sound_within
        )

    def _sound_within(
        self, scan: _Scan, match: GazetteerMatch, parents: set[str]
    ) -> GazetteerEntry | None:
        """The one place inside ``parents`` (the larger places written after it) whose
        name sounds like the match's ("huyện Ô Da Đao, tỉnh Ratanakiri": Ou Ya Dav)."""
        words = _TYPE_PREFIX.sub("", fold(match.text)).replace("-", " ").split()
        kinds = frozenset(c.kind for c in match.candidates)
        found = self._sound_entries(words, kinds, MatchContext())
        inside = [e for e in found if parents.intersection(e.provinces)]
        return inside[0] if len(inside) == 1 else None

    def _unit_of_province(
        self, scan: _Scan, position: int, match: GazetteerMatch
    ) -> list[GazetteerMatch]:
        """ "Hiến binh tỉnh Mundulkiri": a provincial unit's generic name ending in the type
        word of a province written in a spelling its registered name does not use is that
        province's unit (the province stays a place of the activity)."""
        if match.entry is None or match.entry.kind != "province":
            return []
        for back in range(min(position, 6), 0, -1):
            ends = dict(self._walk(scan, position - back))
            aliases = [a for a in ends.get(back + 1, []) if a.contextual]
            units = [a.entry for a in aliases if match.entry.id in a.entry.provinces]
            if len(_unique(units)) == 1:
                start = scan.tokens[position - back].start
                text = scan.text[start : match.end]
                return [GazetteerMatch(start, match.end, text, units[0], (units[0],))]
        return []

    def _loose_at(
        self, scan: _Scan, position: int, previous: GazetteerMatch | None = None
    ) -> tuple[int, list[_Alias], bool] | None:
        """A Cambodian place in another romanisation after its type word ("huyện Snoul"
        for Snuol, "xã Phnumdal" for Phnum Den), compared by consonant skeleton, else by
        the sound of its syllables ("huyện Betchanđa" for Pechreada); the flag says the
        second, looser comparison found it. A province listed after a Cambodian province
        ("tỉnh Kratie, Mundulkiri và Shihanuok") counts as written after "tỉnh"."""
        typed = list(self._type_words_at(scan, position)) or _listed_after(scan, position, previous)
        for type_word, kinds, skip in typed:
            words = _capitalised_run(scan, position + skip)
            for count in range(len(words), 0, -1):
                entries, by_sound = self._loose_entries(words[:count], kinds), False
                if not entries:
                    entries = self._sound_entries(words[:count], kinds, scan.context)
                    by_sound = True
                if not entries:
                    continue
                if count < len(words):
                    break  # "xã Sambor Prei Kuk" is not the commune Sambour: the name goes on
                first = scan.tokens[position + skip].start
                surface = scan.text[first : scan.tokens[position + skip + count - 1].end].lower()
                aliases = [
                    _Alias(e, surface, type_word=type_word, listed=not skip) for e in entries
                ]
                usable = _usable(scan, position, skip + count, aliases)
                if usable:
                    return skip + count, usable, by_sound
        return None

    def _sound_entries(
        self, words: list[str], kinds: frozenset[str], context: MatchContext
    ) -> list[GazetteerEntry]:
        """Places whose name sounds like the words, syllable by syllable (see
        :func:`sound_key`: "Rát-ta-na-ki-ri", "Thoung Khmum", "Shihanuok"); of those in the
        article's provinces if any, the nearest in all their consonants ("Thoung Khmum" is
        Tbong Khmum, not Takeo)."""
        written = " ".join(words)
        heard = sound_key(written)
        if len(heard) < 2:
            return []  # "xã Xom": one syllable sounds like too many names
        distances: dict[str, int] = {}
        pool: list[GazetteerEntry] = []
        for first in heard[0]:
            for key, entry, sounds in self._sounds.get((len(heard), first), ()):
                if entry.kind in kinds and sounds_alike(heard, key):
                    distance = _edit_distance(consonants(written), sounds)
                    if distance < distances.get(entry.id, distance + 1):
                        distances[entry.id] = distance
                        pool.append(entry)
        pool = _unique(pool)
        pool = [e for e in pool if _context_weight(e, context) > 0] or pool
        best = min((distances[e.id] for e in pool), default=0)
        return [e for e in pool if distances[e.id] == best]

    def _loose_entries(self, words: list[str], kinds: frozenset[str]) -> list[GazetteerEntry]:
        """Places whose name has the words' syllable onsets or consonant skeleton ("Pọ Nhày"
        has Pak Nhai's onsets p-nh and Pong's skeleton p-n): the larger places written
        after the name or the article's provinces choose between them."""
        flat, onsets = skeleton("".join(words)), onset_key(" ".join(words))
        by_skeleton = self._loose.get(flat, ()) if len(flat) >= 2 else ()
        by_onsets = self._onsets.get(onsets, ()) if len(onsets) >= 2 else ()
        onsets_only = [e for e in by_onsets if e.kind in kinds]
        both = [e for e in onsets_only if e in by_skeleton]
        if len(onsets_only) == 1 or len(both) == 1:
            return onsets_only if len(onsets_only) == 1 else both
        return [e for e in _unique((*by_onsets, *by_skeleton)) if e.kind in kinds]

    def _match_at(self, scan: _Scan, position: int) -> tuple[int, list[_Alias]] | None:
        """The longest usable alias starting at ``position`` (walking the token trie), a
        place name after its type word ("huyện Lộc Ninh") included."""
        units = self._units_of_listed(scan, position)
        if units is not None:
            return units
        found: dict[int, list[_Alias]] = {}
        for length, aliases in self._walk(scan, position):
            found.setdefault(length, []).extend(aliases)
        for type_word, kinds, skip in self._type_words_at(scan, position):
            for length, aliases in self._walk(scan, position + skip):
                typed = [
                    _Alias(a.entry, a.exact, type_word=type_word, listed=not skip)
                    for a in aliases
                    if not a.contextual and a.entry.kind in kinds
                ]
                if typed and not skip:  # a listed name keeps only the list's kind
                    found[length] = typed
                elif typed:
                    found.setdefault(skip + length, []).extend(typed)
        for length, aliases in sorted(found.items(), reverse=True):
            usable = _usable(scan, position, length, aliases)
            if usable:
                return length, usable
        return None

    def _units_of_listed(self, scan: _Scan, position: int) -> tuple[int, list[_Alias]] | None:
        """ "các Tiểu khu Quân sự 3 tỉnh Svay Rieng, Prey Veng và Tbong Khmum": a unit's
        head before a list of provinces names the unit of each province."""
        tokens = scan.tokens
        if position == 0:
            return None
        skip = 1 if tokens[position].word == "tinh" else 0
        previous = tokens[position - 1].word
        start = tokens[position].start
        gap = scan.text[tokens[position - 1].end : start].strip()
        if skip and not (previous in _MARKER_WORDS or previous.isdigit()):
            return None
        if not skip and not (gap in (",", ":") or previous == "va"):
            return None
        pattern = _MARKER_BEFORE if skip else _UNIT_LIST
        head = pattern.search(scan.text, max(0, start - _LIST_REACH), start)
        if head is None or head.end() != start:
            return None
        marker = bisect.bisect_left([t.start for t in tokens], head.start("marker"))
        stems = [tuple(t.word for t in tokens[marker - back : marker]) for back in range(1, 6)]
        for stem in reversed(stems[:marker]):
            for count in range(min(4, len(tokens) - position - skip), 0, -1):
                words = tuple(t.word for t in tokens[position + skip : position + skip + count])
                units = self._province_units(stem, (words,))
                if units and not _name_goes_on(scan, position + skip + count):
                    return skip + count, units
        return self._units_of_loose_province(scan, position + skip, stems[:marker], skip)

    def _province_units(
        self, stem: tuple[str, ...], provinces: Iterable[tuple[str, ...]]
    ) -> list[_Alias]:
        """The registered units named ``stem`` + "tỉnh" + one of ``provinces``."""
        return [
            a
            for words in provinces
            for a in self._lookup((*stem, "tinh", *words))
            if not a.contextual and not a.entry.is_place
        ]

    def _units_of_loose_province(
        self, scan: _Scan, position: int, stems: list[tuple[str, ...]], skip: int
    ) -> tuple[int, list[_Alias]] | None:
        """ "các Tiểu khu Quân sự 3 tỉnh Svay Rieng, Prey Veng, Thoung Khmum": a listed
        province in another romanisation names the unit of that province too."""
        words = _capitalised_run(scan, position)
        if not words or _name_goes_on(scan, position + len(words)):
            return None
        found = self._loose_entries(words, _PROVINCE) or self._sound_entries(
            words, _PROVINCE, scan.context
        )
        if len(found) != 1:
            return None
        names = [alias_key(name) for name in found[0].names]
        for stem in reversed(stems):
            units = self._province_units(stem, names)
            if len(_unique(a.entry for a in units)) == 1:
                return skip + len(words), units[:1]
        return None

    def _walk(self, scan: _Scan, position: int) -> Iterator[tuple[int, list[_Alias]]]:
        """(length, aliases) of every indexed name starting at ``position``."""
        node: dict[str, object] | None = self._trie
        for index in range(position, len(scan.tokens)):
            node = node.get(scan.tokens[index].word)  # type: ignore[union-attr,assignment]
            if node is None:
                return
            if _ALIASES in node:
                yield index - position + 1, node[_ALIASES]  # type: ignore[misc]

    def _type_words_at(
        self, scan: _Scan, position: int
    ) -> Iterator[tuple[str, frozenset[str], int]]:
        """Type words written at ``position``: (type word, its kinds, its token count); a
        name listed after a plural type word ("các tỉnh Kratie, Kampong Thom và Svay Rieng",
        "6 tỉnh: Kampot, Kep, ...") has that type word with a count of 0."""
        for key, type_word, kinds in self._types.get(scan.tokens[position].word, ()):
            end = position + len(key)
            if end < len(scan.tokens) and all(
                scan.tokens[position + i].word == word for i, word in enumerate(key)
            ):
                yield type_word, kinds, len(key)
        listed = _listed_type_word(scan, position)
        if listed is not None:
            yield listed, TYPE_WORDS[listed], 0

    def _other_provinces(self, scan: _Scan, position: int, matches: list[GazetteerMatch]) -> int:
        """ "Bộ đội Biên phòng tỉnh Gia Lai, tỉnh Kon Tum": a provincial unit's name followed
        by other provinces names the same unit of each of them."""
        unit = matches[-1].entry
        if unit is None or unit.is_place:
            return position
        key = alias_key(matches[-1].text)
        if "tinh" not in key:
            return position
        head = key[: len(key) - key[::-1].index("tinh")]
        while position + 2 < len(scan.tokens):
            gap = scan.text[scan.tokens[position - 1].end : scan.tokens[position].start].strip()
            skip = 1 if scan.tokens[position].word == "va" and not gap else 0
            if gap not in (",", "") or scan.tokens[position + skip].word != "tinh":
                break
            found = self._province_unit(scan, position + skip + 1, head, unit.kind)
            if found is None:
                break
            count, entry = found
            last = position + skip + count
            start, end = scan.tokens[position + skip].start, scan.tokens[last].end
            matches.append(GazetteerMatch(start, end, scan.text[start:end], entry, (entry,)))
            position = last + 1
        return position

    def _province_unit(
        self, scan: _Scan, position: int, head: tuple[str, ...], kind: str
    ) -> tuple[int, GazetteerEntry] | None:
        """(tokens after "tỉnh" up to the name's end, unit) of the unit named ``head`` +
        the province written at ``position``."""
        for count in range(min(4, len(scan.tokens) - position), 0, -1):
            words = tuple(t.word for t in scan.tokens[position : position + count])
            entries = _unique(a.entry for a in self._lookup((*head, *words)) if not a.contextual)
            fitting = [e for e in entries if e.kind == kind and e.valid_on(scan.context.on)]
            fitting = fitting or [e for e in entries if e.kind == kind]
            if len(fitting) == 1:
                return count, fitting[0]
        return None

    def _coordinated(
        self, scan: _Scan, position: int, aliases: list[_Alias], matches: list[GazetteerMatch]
    ) -> int:
        """Expand "Quân khu 2, 4, 5" and "Đội K70, K71": numbered names in a list."""
        stem = _numbered_stem(aliases)
        while stem is not None and position < len(scan.tokens):
            step = _list_item(scan, position)
            if step is None:
                break
            extra = self._lookup((*stem, scan.tokens[position + step - 1].word))
            if not extra:
                break
            matches.append(_resolve(scan, position + step - 1, 1, extra))
            position += step
        return position


@dataclass(frozen=True)
class _Scan:
    text: str
    folded: str
    tokens: list[_Token]
    context: MatchContext
    border: frozenset[str] = frozenset()
    lowered: str = ""


_ALIASES = "\x00"


def _build_trie(index: dict[tuple[str, ...], list[_Alias]]) -> dict[str, object]:
    """Nested dicts by token; the aliases of a complete key sit under ``_ALIASES``."""
    trie: dict[str, object] = {}
    for key, aliases in index.items():
        node = trie
        for word in key:
            node = node.setdefault(word, {})  # type: ignore[assignment]
        node[_ALIASES] = aliases
    return trie


_RUN_GAPS = frozenset({"", " ", "-", "'", "’", "‘"})
_RUN_WORDS = 4
_LOOSE_KINDS = frozenset({"province", "district", "commune"})
_PROVINCE = frozenset({"province"})


def _capitalised_run(scan: _Scan, position: int) -> list[str]:
    """Folded words of the capitalised name starting at ``position`` (at most four words;
    the syllables of a hyphenated word count as one: "Rát-ta-na-ki-ri")."""
    words: list[str] = []
    tokens = scan.tokens
    spaced = 0
    for index in range(position, min(position + 2 * _RUN_WORDS, len(tokens))):
        token = tokens[index]
        gap = scan.text[tokens[index - 1].end : token.start] if index > position else ""
        if gap not in _RUN_GAPS:
            break
        spaced += gap == " "
        if spaced >= _RUN_WORDS:
            break
        if token.word.isdigit():
            break
        if not is_capitalized(scan.text[token.start : token.end]) and (
            index == position or scan.text[token.start - 1] not in "'’‘-"
        ):
            break
        words.append(token.word)
    return [] if "".join(words) in _COUNTRY_NAMES else words


#: Capitalised words after a type word that are no Cambodian place ("6 tỉnh Campuchia").
_COUNTRY_NAMES = frozenset({"campuchia", "vietnam", "lao", "thailan", "trungquoc", "cambodia"})


def skeleton(name: str) -> str:
    """The consonant skeleton of a Cambodian name: romanisations differ in vowels, spacing,
    doubled letters and a few consonants ("Svayrieng"/"Svay Rieng", "Snoul"/"Snuol",
    "Mundulkiri"/"Mondulkiri", "Kông Pông Rồ"/"Kampong Rou", "Phnumdal"/"Phnum Den")."""
    word = re.sub(r"[^a-z]", "", fold(name))
    for old, new in _SKELETON_STEPS:
        word = re.sub(old, new, word)
    return word


_SKELETON_STEPS = (
    (r"ph", "p"),
    (r"th", "t"),
    (r"kh", "k"),
    (r"ng", "n"),
    (r"[cq]", "k"),
    (r"[xz]", "s"),
    (r"[lm]", "n"),
    (r"[aeiouyhw]", ""),
    (r"(.)\1+", r"\1"),
)


def onset_key(name: str) -> str:
    """The onsets of a Cambodian name's syllables: Vietnamese transliterations keep each
    syllable's first consonants and drop or change its vowel and final consonant ("Ô Ya
    Đao"/"Ou Ya Dav", "Đun Mia"/"Andoung Meas", "Senmonorom"/"Saen Meaknourum")."""
    return "".join(_word_onsets(word) for word in _WORD.findall(fold(name)))


_WORD = re.compile(r"[a-z]+")
_UNIT = re.compile(r"chh|ngh|ch|kh|ph|th|nh|ng|gh|sh|[^aeiou]")
_ONSET_LETTERS = {
    **dict.fromkeys(("chh", "ch", "j"), "c"),
    **dict.fromkeys(("c", "k", "q", "g", "gh", "kh"), "k"),
    **dict.fromkeys(("p", "b", "ph", "f"), "p"),
    **dict.fromkeys(("t", "d", "th"), "t"),
    **dict.fromkeys(("s", "x", "z", "sh"), "s"),
    **dict.fromkeys(("n", "nh", "ng", "ngh"), "n"),
    **dict.fromkeys(("v", "w"), "v"),
}


def _word_onsets(word: str) -> str:
    """One word's syllable onsets: the consonants before its first vowel, then the last
    consonant of each cluster between vowels ("kampong" → k, p); a final cluster is a coda.
    "y" and "w" are consonants only before a vowel ("Ya"), vowels otherwise ("Svay")."""
    marked = re.sub(r"[yw](?![aeiou])", "a", word)
    parts = re.split(r"([aeiou]+)", marked)
    onsets = [_units(parts[0])]
    for cluster in parts[2:-1:2]:
        units = _units(cluster)
        onsets.append(units[-1:] if len(units) > 1 else units)
    if len(parts) == 1:  # no vowel: "Th'may" splits into "th" and "may"
        onsets = [_units(parts[0])]
    return "".join(_ONSET_LETTERS.get(unit, unit) for group in onsets for unit in group)


def _units(cluster: str) -> list[str]:
    return _UNIT.findall(cluster)


#: Prefixes a Vietnamese text often leaves out ("Shihanuok" for Preah Sihanouk).
_DROPPED_PREFIX = re.compile(r"^preah\s+")

SoundKey = tuple[frozenset[str], ...]
#: Sound classes of an onset letter; a Vietnamese "d" (not "đ") is also a "y" ("Ô Da Đao"
#: for Ou Ya Dav).
_SOUND_OF = {**{unit: (cls,) for unit, cls in _ONSET_LETTERS.items()}, "d": ("t", "y")}


def sound_key(name: str) -> SoundKey:
    """The sound of a Cambodian name: one set of consonant classes per syllable onset,
    vowels and final consonants left out (Vietnamese drops or changes them). Words are
    split on spaces and hyphens ("Rát-ta-na-ki-ri", "Công-pông Chàm") or run together
    ("Betchanđa"); a consonant cluster between two vowels holds the first syllable's
    final and the next one's onset, so it keeps both ("Pechreada": p, ch|r, d). Letters
    that romanisations use for one Khmer sound share a class (:data:`_ONSET_LETTERS`:
    d/đ/t/th, p/b/ph, k/c/kh/g, x/s/sh, n/nh/ng; a Vietnamese d is also y)."""
    heard: list[frozenset[str]] = []
    for word in _WORD.findall(fold(name.replace("đ", "t").replace("Đ", "T"))):
        marked = re.sub(r"[yw](?![aeiou])", "a", word)
        parts = re.split(r"([aeiou]+)", marked)
        clusters = [parts[0]] if len(parts) == 1 else [parts[0], *parts[2:-1:2]]
        for cluster in clusters:
            units = _units(cluster)
            if units:
                heard.append(frozenset(c for u in units for c in _SOUND_OF.get(u, (u,))))
    return tuple(heard)


def sounds_alike(heard: SoundKey, registered: SoundKey) -> bool:
    """Same number of syllable onsets, each sharing a consonant class ("Thoung Khmum" and
    "Tboung Khmum": t ~ t|b, k|m ~ k|m; "Betchanđa" and "Pechreada": p, t|c ~ c|r, n|d ~ d)."""
    return len(heard) == len(registered) and all(
        a & b for a, b in zip(heard, registered, strict=True)
    )


def consonants(name: str) -> str:
    """Every consonant of a name by its sound class, finals included ("Thoung Khmum" →
    t n k m m): what ranks the names :func:`sounds_alike` finds."""
    units = (_units(part) for part in re.split(r"[aeiouyw]+", re.sub(r"[^a-z]", "", fold(name))))
    return "".join(_ONSET_LETTERS.get(unit, unit) for group in units for unit in group)


def _edit_distance(first: str, second: str) -> int:
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


SoundEntry = tuple[SoundKey, GazetteerEntry, str]


def _sound_index(
    entries: Iterable[GazetteerEntry],
) -> dict[tuple[int, str], tuple[SoundEntry, ...]]:
    """Cambodian provinces, districts and communes by (onsets, a class of the first onset)
    of each name, also without a prefix the press drops; with the name's consonants."""
    index: dict[tuple[int, str], list[SoundEntry]] = {}
    for entry in entries:
        if entry.country != "KH" or entry.kind not in _LOOSE_KINDS:
            continue
        names = {fold(name) for name in entry.names}
        names |= {_DROPPED_PREFIX.sub("", name) for name in names}
        for name in names:
            key = sound_key(name)
            for first in key[0] if len(key) >= 2 else ():
                index.setdefault((len(key), first), []).append((key, entry, consonants(name)))
    return {key: tuple(found) for key, found in index.items()}


def _loose_index(
    entries: Iterable[GazetteerEntry], key_of: Callable[[str], str]
) -> dict[str, tuple[GazetteerEntry, ...]]:
    """Cambodian provinces, districts and communes by a loose key of each name."""
    index: dict[str, list[GazetteerEntry]] = {}
    for entry in entries:
        if entry.country != "KH" or entry.kind not in _LOOSE_KINDS:
            continue
        for key in {key_of(name) for name in entry.names}:
            if len(key) >= 2:
                index.setdefault(key, []).append(entry)
    return {key: tuple(found) for key, found in index.items()}


_LIST_ITEM = rf"[{UPPER}][\w’'‘-]*(?:[ -][{UPPER}][\w’'‘-]*){{0,4}}"
_LISTED = re.compile(
    r"(?:^|\s)(?i:các|những|hai|ba|bốn|năm|sáu|bảy|tám|chín|\d+)\s+"
    r"(?P<type>tỉnh|huyện|xã|thị xã|phum|ấp|quận|thành phố)\s*:?\s+"
    rf"(?:{_LIST_ITEM}(?:\s*,\s*|\s+và\s+))*$"
)
_LIST_REACH = 200
_MARKER_WORDS = frozenset({"cac", "nhung", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin"})
_TYPE_NEAR = re.compile(r"\b(?:tinh|huyen|xa|phum|ap|quan|pho)\b")
_MARKER_BEFORE = re.compile(r"(?P<marker>(?i:các|những|hai|ba|bốn|năm|sáu|\d+))\s+$")
_UNIT_LIST = re.compile(
    r"(?P<marker>(?i:các|những|hai|ba|bốn|năm|sáu|\d+))\s+"
    rf"(?P<first>tỉnh\s*:?\s*(?:{_LIST_ITEM}(?:\s*,\s*|\s+và\s+))*)$"
)


def _without_list_heads(text: str, matches: list[GazetteerMatch]) -> list[GazetteerMatch]:
    """Drop a unit's bare head matched before the units it lists ("Bộ đội Biên phòng các
    tỉnh A, B": the provinces' units, not the national command)."""
    kept = []
    for index, match in enumerate(matches):
        following = matches[index + 1] if index + 1 < len(matches) else None
        is_head = (
            following is not None
            and not match.is_place
            and not following.is_place
            and _MARKER_AFTER.fullmatch(text, match.end, following.start)
        )
        if not is_head:
            kept.append(match)
    return kept


_MARKER_AFTER = re.compile(r"\s+(?i:các|những|hai|ba|bốn|năm|sáu|\d+)\s+(?:tỉnh\s*:?\s*)?")


def _listed_type_word(scan: _Scan, position: int) -> str | None:
    """The plural type word a list item at ``position`` follows, if any."""
    if position == 0:
        return None
    tokens = scan.tokens
    gap = scan.text[tokens[position - 1].end : tokens[position].start]
    if not (gap.strip() in (",", ":") or tokens[position - 1].word == "va"):
        return None
    start = tokens[position].start
    if _TYPE_NEAR.search(scan.folded, max(0, start - _LIST_REACH), start) is None:
        return None
    found = _LISTED.search(scan.text, max(0, start - _LIST_REACH), start)
    return found.group("type") if found and found.end() == start else None


#: What may stand between a place and the larger place it lies in ("xã A, huyện B").
_CHAIN_GAP = re.compile(r"\s*(?:[,(–-]|\bthuộc\b)?\s*")


def _settle_chains(
    scan: _Scan,
    matches: list[GazetteerMatch],
    loose: dict[int, bool],
    sound_within: Callable[[_Scan, GazetteerMatch, set[str]], GazetteerEntry | None],
) -> list[GazetteerMatch]:
    """ "xã Thmei, huyện Chantrea, tỉnh Svay Rieng": the larger places written right after
    a place choose between its namesakes, right to left. A loosely spelled name is kept
    only when the places after it or the article's provinces contain it; one found by its
    sound only (``loose[index]``) needs the article's provinces and a Cambodian setting
    (a country cue, or Cambodian places listed with it). A loosely spelled name whose
    larger places written after it hold none of its namesakes is the one of theirs that
    sounds like it, else nothing (the border side does not overrule the address)."""
    settled = list(matches)
    for index in range(len(settled) - 1, -1, -1):
        match = settled[index]
        if not match.is_place:
            continue
        nearest, outer = _chain_parents(scan.text, settled, index)
        inside = [c for c in match.candidates if outer.intersection(c.provinces)]
        direct = [c for c in inside if nearest.intersection(c.provinces)]
        if len(direct) == 1:  # "xã Phú Hữu, huyện An Phú": the commune of that district's era
            inside = direct
        inside = [c for c in inside if c.valid_on(scan.context.on)] or inside
        if len(inside) == 1 and match.entry != inside[0]:
            settled[index] = GazetteerMatch(
                match.start, match.end, match.text, inside[0], match.candidates
            )
        elif index in loose and not inside and (larger := _larger_parents(settled, index, outer)):
            found = sound_within(scan, match, larger)
            settled[index] = GazetteerMatch(
                match.start, match.end, match.text, found, (found,) if found else ()
            )
        elif index in loose and not (
            inside
            or (_lone_province(match) and not (loose[index] and _third_country(scan, match)))
            or (
                _in_context(settled[index], scan.context)
                and (not loose[index] or _cambodian_setting(scan, settled, index))
            )
        ):
            across = _across_the_border(scan, match)
            settled[index] = GazetteerMatch(
                match.start, match.end, match.text, across, (across,) if across else ()
            )
    for index in range(len(settled) - 1):
        _parent_era(scan.text, settled, index)
    return [m for m in settled if m.candidates]


_KIND_RANK = {"village": 0, "commune": 1, "district": 2, "province": 3}
_TYPE_PREFIX = re.compile(
    r"^(?:"
    + "|".join(sorted((re.escape(fold(w)) for w in TYPE_WORDS), key=len, reverse=True))
    + r")\b\W*"
)


def _larger_parents(matches: list[GazetteerMatch], index: int, outer: set[str]) -> set[str]:
    """Ids of the places chained after the match that are larger than it (a province
    after a district), not its siblings in a list ("huyện A, B, C")."""
    rank = max((_KIND_RANK.get(c.kind, -1) for c in matches[index].candidates), default=-1)
    larger = set()
    for follower in matches[index + 1 : index + 4]:
        for entry in (follower.entry,) if follower.entry else follower.candidates:
            if entry.id in outer and _KIND_RANK.get(entry.kind, -1) > rank:
                larger.add(entry.id)
    return larger


def _third_country(scan: _Scan, match: GazetteerMatch) -> bool:
    """ "tỉnh Át-tạ-pư (Lào)", "tỉnh Xê Kông của Lào": a name said to be in Laos or
    Thailand is none of Cambodia's, however it sounds."""
    return bool(_THIRD_COUNTRY.match(scan.folded, match.end))


_THIRD_COUNTRY = re.compile(
    r"\W{0,3}(?:thuoc |cua |o |tai )?(?:nuoc |vuong quoc )?(?:cong hoa [a-z ]{0,30})?"
    r"(?:lao|thai lan)\b"
)


def _listed_after(
    scan: _Scan, position: int, previous: GazetteerMatch | None
) -> list[tuple[str, frozenset[str], int]]:
    """("tỉnh", provinces, 0) when a Cambodian province ends right before ``position``
    with a list's comma or "và" in between."""
    entry = previous.entry if previous else None
    if previous is None or entry is None or entry.kind != "province" or entry.country != "KH":
        return []
    gap = scan.text[previous.end : scan.tokens[position].start]
    return [("tỉnh", _PROVINCE, 0)] if _ITEM_GAP.fullmatch(gap) else []


_ITEM_GAP = re.compile(r"\s*,\s*|\s+và\s+")


def _cambodian_setting(scan: _Scan, matches: list[GazetteerMatch], index: int) -> bool:
    """Whether a place is written as Cambodian: "thuộc Campuchia" or another cue in its
    sentence, or a Cambodian place right before or after it in a list or an address."""
    match = matches[index]
    if country_cue(scan.folded, match.start, match.end) == "KH":
        return True
    for other in (matches[index - 1] if index else None, _at(matches, index + 1)):
        if other is None or not other.is_place or other.entry is None:
            continue
        first, second = (other, match) if other.start < match.start else (match, other)
        gap = scan.text[first.end : second.start]
        if other.entry.country == "KH" and _LIST_GAP.fullmatch(gap):
            return True
    return False


_LIST_GAP = re.compile(r"\s*(?:[,;(–-]|\bvà\b|\bthuộc\b)?\s*(?:(?i:tỉnh|huyện|xã|srok)\s+)?")


def _at(matches: list[GazetteerMatch], index: int) -> GazetteerMatch | None:
    return matches[index] if index < len(matches) else None


def _parent_era(text: str, settled: list[GazetteerMatch], index: int) -> None:
    """ "huyện An Phú, tỉnh An Giang": a province of two eras written right after a place
    is the one that place lies in directly (the province before the 2025 merger, as a
    district names it), whatever the article's date."""
    child, parent = settled[index], settled[index + 1]
    if not (child.entry and child.is_place and parent.is_place and len(parent.candidates) > 1):
        return
    if not _CHAIN_GAP.fullmatch(text[child.end : parent.start]):
        return
    names = {fold(c.name) for c in parent.candidates}
    ranks = {province: i for i, province in enumerate(child.entry.provinces)}
    inside = [c for c in parent.candidates if c.id in ranks]
    if len(names) != 1 or not inside:
        return
    nearest = min(inside, key=lambda c: ranks[c.id])
    if nearest != parent.entry:
        settled[index + 1] = GazetteerMatch(
            parent.start, parent.end, parent.text, nearest, parent.candidates
        )


def _across_the_border(scan: _Scan, match: GazetteerMatch) -> GazetteerEntry | None:
    """A loosely spelled district or commune in a sentence about Cambodia ("các huyện
    Keosama và ... của nước bạn Campuchia") that only one place of a border province
    matches; else nothing."""
    if country_cue(scan.folded, match.start, match.end) != "KH":
        return None
    pool = _near_border(match.candidates, scan.border)
    return pool[0] if scan.border and len(pool) == 1 else None


def _lone_province(match: GazetteerMatch) -> bool:
    """A loosely spelled province ("tỉnh Prét Vi Hia", "2 tỉnh Prâyveng và Pô Sát") that
    can only be one province needs no larger place to confirm it."""
    if match.entry is None or match.entry.kind != "province" or len(match.candidates) > 1:
        return False
    words = match.text.split()
    while words and match_form(words[0]) in _TYPE_FIRST_WORDS:
        words = words[1:]
    name = re.sub(r"[^a-z]", "", fold(" ".join(words)))
    return len(words) >= 2 or len(name) >= 5  # not a lone syllable ("tỉnh Cam")


_TYPE_FIRST_WORDS = frozenset({"tỉnh", "thành", "phố", "thủ", "đô", "tp", "tp."})


def _chain_parents(
    text: str, matches: list[GazetteerMatch], index: int
) -> tuple[set[str], set[str]]:
    """Ids of the place written right after the match, and of all the places chained
    after it ("xã A, huyện B, tỉnh C")."""
    ids: set[str] = set()
    nearest: set[str] = set()
    end = matches[index].end
    for follower in matches[index + 1 : index + 4]:
        if not follower.is_place or not _CHAIN_GAP.fullmatch(text[end : follower.start]):
            break
        ids.update(e.id for e in ((follower.entry,) if follower.entry else follower.candidates))
        nearest = nearest or set(ids)
        end = follower.end
    return nearest, ids


def _in_context(match: GazetteerMatch, context: MatchContext) -> bool:
    return match.entry is not None and _context_weight(match.entry, context) > 0


def _type_word_keys() -> dict[str, list[tuple[tuple[str, ...], str, frozenset[str]]]]:
    """Type words by their first token: (token key, type word, place kinds)."""
    keys: dict[str, list[tuple[tuple[str, ...], str, frozenset[str]]]] = {}
    for type_word, kinds in TYPE_WORDS.items():
        key = alias_key(type_word)
        keys.setdefault(key[0], []).append((key, type_word, kinds))
    return keys


def _entry_from_row(row: dict[str, Any]) -> GazetteerEntry:
    names = row["names"]
    return GazetteerEntry(
        id=str(row["id"]),
        names=tuple([names] if isinstance(names, str) else names),
        kind=row["kind"],
        country=row["country"],
        provinces=tuple(row.get("provinces") or ()),
        valid_from=_iso_date(row.get("valid_from")),
        valid_to=_iso_date(row.get("valid_to")),
        generic_names=tuple(row.get("generic_names") or ()),
    )


def _iso_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@lru_cache(maxsize=64)
def tokenize(text: str) -> list[_Token]:
    """Folded word tokens with abbreviations expanded; offsets point into ``text``.

    Cached: the same article text is scanned twice (without and with its context)."""
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(fold(text)):
        word, start, end = match.group(0), match.start(), match.end()
        qk = _QK.match(word)
        expansion = ("quan", "khu", qk.group(1)) if qk else ABBREVIATIONS.get(word, (word,))
        tokens.extend(_Token(part, start, end) for part in expansion)
    return tokens


@lru_cache(maxsize=8192)
def alias_key(name: str) -> tuple[str, ...]:
    """The token key of a name, as :func:`tokenize` would produce it."""
    return tuple(token.word for token in tokenize(name))


def _usable(scan: _Scan, position: int, length: int, aliases: list[_Alias]) -> list[_Alias]:
    """Aliases allowed here: place names capitalised, type words spelled with their accents
    ("bạn Voi" is not "bản Voi"), communes and villages only after their type word, generic
    aliases not followed by a proper name, units not inside a battalion's name."""
    start = scan.tokens[position].start
    last = scan.tokens[position + length - 1]
    following = _next_word(scan.text, last.end)
    usable = []
    for alias in aliases:
        entry = alias.entry
        if entry.is_place and not _place_form_ok(scan, position, length, alias):
            continue
        if alias.contextual and is_capitalized(following):
            continue  # "Bộ Tư lệnh Quân khu 2": a number the register does not know
        if not entry.is_place and not _names_someone(scan, position, length):
            continue  # "cán bộ, chiến sĩ bộ đội biên phòng": the service, not the command
        if not entry.is_place and _BATTALION_BEFORE.search(scan.lowered, 0, start):
            continue  # "Tiểu đoàn Bộ đội Biên phòng 1": a battalion's name, not the command
        usable.append(alias)
    return usable


_BATTALION_BEFORE = re.compile(r"(?:(?:tiểu|trung|lữ|sư) đoàn|(?:đại|trung) đội)\s+$")


def _names_someone(scan: _Scan, position: int, length: int) -> bool:
    """Whether a unit's name is written as a name: a capitalised word or a code in it."""
    tokens = scan.tokens[position : position + length]
    return any(is_capitalized(scan.text[t.start : t.end]) or t.word[-1:].isdigit() for t in tokens)


def _place_form_ok(scan: _Scan, position: int, length: int, alias: _Alias) -> bool:
    tokens = scan.tokens
    name_from = position
    before = scan.lowered[max(0, tokens[position].start - 48) : tokens[position].start]
    head = _ORG_HEAD.search(before)
    # "tại Đồn Biên phòng Cửa khẩu quốc tế X": the gate of the post is where it happened
    at_gate = head and alias.entry.kind == "border_gate" and _AT.search(before, 0, head.start())
    # "Bộ Chỉ huy Quân sự tỉnh Khánh Hòa" (a command the register lacks): the province is
    # matched, and the activity decides whether it is a place of its own
    command = head and alias.type_word is not None and _COMMAND_HEAD.search(before)
    if head and (alias.type_word is None or head.group("strong")) and not (at_gate or command):
        return False
    if alias.type_word is not None and _ORG_CHAIN.search(
        scan.text[max(0, tokens[position].start - 120) : tokens[position].start]
    ):
        return False
    if alias.type_word is None:
        if alias.entry.kind in _PREFIXED_ONLY or _inside_longer_name(scan, position, length):
            return False
        if _AFTER_TYPE_WORD.search(before) or _other_tones(scan, position, length, alias):
            return False
    elif not alias.listed:
        name_from = position + len(alias_key(alias.type_word))
        written = scan.text[tokens[position].start : tokens[name_from - 1].end]
        if match_form(written).rstrip(".") != alias.type_word:
            return False
    name = scan.text[tokens[name_from].start : tokens[position + length - 1].end]
    typed_part = alias.type_word is not None and alias.entry.kind in _NAME_GOES_ON_KINDS
    if typed_part and _name_goes_on(scan, position + length):
        return False  # "xã Bà Đen" is not the commune Bà
    return _capitalised(name)


_NAME_GOES_ON_KINDS = frozenset({"district", "commune", "village"})


def _name_goes_on(scan: _Scan, after: int) -> bool:
    """Whether a capitalised word continues the name right after ``after - 1``."""
    if after >= len(scan.tokens):
        return False
    token = scan.tokens[after]
    gap = scan.text[scan.tokens[after - 1].end : token.start]
    word = scan.text[token.start : token.end]
    return gap == " " and is_capitalized(word) and not word.isdigit()


_AT = re.compile(r"\b(?:tại|ở)\s*$")
_COMMAND_HEAD = re.compile(r"(?:bộ chỉ huy quân sự|bộ chqs|tỉnh đội)\s*$")
#: A type word right before a bare name: "ấp Vĩnh Hòa" names a hamlet even when the
#: gazetteer only knows a district "Vĩnh Hòa" (the typed alias would have matched).
_AFTER_TYPE_WORD = re.compile(
    r"(?:^|[^\w])(?:"
    + "|".join(sorted((re.escape(w) for w in TYPE_WORDS), key=len, reverse=True))
    + r")\.?\s*$"
)
#: The head of an organisation's name: the place written after it is part of the name
#: ("Đồn Biên phòng Phú Mỹ", "Trường Tiểu học Bến Cầu"), not where the activity
#: happened. After a ``strong`` head even a typed place is the name's ("Hội Liên hiệp Phụ
#: nữ huyện X"); a police force's province ("Ty Công an tỉnh Mondulkiri") is still the
#: counterpart's place.
_STRONG_HEADS = (
    r"đồn biên phòng(?: cửa khẩu(?: quốc tế)?| ckqt)?|đồn bp|"
    r"đồn công an(?: bảo vệ biên giới| cửa khẩu| hành chính)?|đồn cảnh sát(?: biên giới)?|"
    r"bộ đội biên phòng|bđbp|bộ chỉ huy quân sự|"
    r"bộ chqs|ban chỉ huy quân sự|ban chqs|tỉnh đội|huyện đội|hội liên hiệp phụ nữ|"
    r"hội nông dân|hội cựu chiến binh|đoàn thanh niên|bệnh viện(?: quân y| đa khoa)?|"
    r"trung tâm y tế|tiểu đoàn|trung đoàn|lữ đoàn"
)
_ORG_HEAD = re.compile(
    rf"(?:^|[^\w])(?:(?P<strong>{_STRONG_HEADS})|công an|"
    r"trường (?:tiểu học|thcs|thpt|trung học cơ sở|trung học phổ thông|mầm non|mẫu giáo|"
    r"phổ thông|dân tộc nội trú|ptdtnt|th|tiểu học và thcs))\s*$"
)

_CAP_WORD = rf"[{UPPER}0-9][\w’'‘-]*"
_TYPED_PLACE = (
    r"(?i:tỉnh|huyện|xã|thị xã|thị trấn|thành phố|phường|quận|ấp|thôn|phum|khum|srok|tp|h|tx|tt)"
    rf"\.?\s*{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,3}}"
)
#: "Hội Liên hiệp Phụ nữ huyện Giang Thành, tỉnh Kiên Giang": the places that continue a
#: place written right after an organisation's head are part of its name too.
_ORG_CHAIN = re.compile(
    rf"(?:^|[^\w])(?i:{_STRONG_HEADS})\s+{_TYPED_PLACE}(?:,\s*{_TYPED_PLACE}){{0,2}},\s*$"
)

#: Capitalised words that may stand right before a bare place name (sentence starts).
_LEAD_WORDS = frozenset(
    {
        "tại",
        "ở",
        "về",
        "và",
        "với",
        "từ",
        "đến",
        "sang",
        "của",
        "thuộc",
        "trên",
        "giữa",
        "cùng",
        "qua",
        "ngày",
        "sáng",
        "chiều",
        "tối",
        "trong",
        "theo",
        "phía",
        "bên",
        "tỉnh",
        "huyện",
        "xã",
    }
)


def _inside_longer_name(scan: _Scan, position: int, length: int) -> bool:
    """A bare name glued to another capitalised word is part of a longer proper name
    ("Phan Văn Giang" is a person, not the district Văn Giang; "ấp Vĩnh Hòa" is not Vinh)."""
    tokens = scan.tokens
    if position > 0:
        before = tokens[position - 1]
        gap = scan.text[before.end : tokens[position].start]
        word = scan.text[before.start : before.end]
        if gap == " " and is_capitalized(word) and word.lower() not in _LEAD_WORDS:
            return True
    last = position + length
    if last < len(tokens):
        after = tokens[last]
        gap = scan.text[tokens[last - 1].end : after.start]
        word = scan.text[after.start : after.end]
        if gap == " " and is_capitalized(word) and not word.isdigit():
            return True
    return False


def _other_tones(scan: _Scan, position: int, length: int, alias: _Alias) -> bool:
    """A bare Vietnamese district or commune name written with other tones is another word
    ("Chủ tịch" is not the district Chũ); provinces keep their variant spellings ("Đăk Lăk")
    and a text without diacritics is compared by letters only."""
    entry = alias.entry
    if entry.country != HOME_COUNTRY or entry.kind == "province":
        return False
    surface = scan.text[scan.tokens[position].start : scan.tokens[position + length - 1].end]
    if fold(surface) != fold(alias.exact) or fold(surface) == surface.lower():
        return False  # an abbreviation, another spelling or no diacritics: nothing to compare
    return match_form(surface) != match_form(alias.exact)


def _capitalised(surface: str) -> bool:
    """Every word capitalised; a hyphen may join a lower-case syllable ("Cam-pốt")."""
    words = [word for word in surface.split() if word]
    return all(is_capitalized(word) for word in words)


def _next_word(text: str, offset: int) -> str:
    if text[offset : offset + 1] == ",":
        return ""
    match = re.match(r"\s*(\w+)", text[offset : offset + 40])
    return match.group(1) if match else ""


def _numbered_stem(aliases: list[_Alias]) -> tuple[str, ...] | None:
    key = alias_key(aliases[0].exact)
    if key and re.fullmatch(r"[a-z]?\d+", key[-1]):
        return key[:-1]
    return None


def _list_item(scan: _Scan, position: int) -> int | None:
    """Tokens to step over for the next item of a ", N" / " và N" list, if any."""
    tokens = scan.tokens
    gap = scan.text[tokens[position - 1].end : tokens[position].start].strip()
    item = tokens[position]
    if gap == "," and re.fullmatch(r"[a-z]?\d+", item.word):
        return 1
    if gap == "" and item.word == "va" and position + 1 < len(tokens):
        following = tokens[position + 1]
        if re.fullmatch(r"[a-z]?\d+", following.word) and not _followed_by_noun(
            scan.text, following.end
        ):
            return 2
    return None


def _followed_by_noun(text: str, offset: int) -> bool:
    """ "và 11 tỉnh": a number followed by a noun is a count, not a list item."""
    return bool(re.match(r"\s+[^\W\d]", text[offset : offset + 3]))


def _resolve(scan: _Scan, position: int, length: int, aliases: list[_Alias]) -> GazetteerMatch:
    start = scan.tokens[position].start
    end = scan.tokens[position + length - 1].end
    surface = scan.text[start:end]
    candidates = _unique(alias.entry for alias in aliases)
    if _other_side(scan, end, candidates):
        return GazetteerMatch(start, end, surface, None, ())
    pool = _by_country(scan, start, end, candidates)
    pool = [entry for entry in pool if entry.valid_on(scan.context.on)] or pool
    if all(alias.contextual for alias in aliases):
        chosen = _single(_by_context(pool, scan.context, required=True))
    else:
        chosen = _single(pool) or _single(_by_context(pool, scan.context))
        chosen = chosen or _single(_by_accents(surface, aliases, pool))
        chosen = chosen or _bare_province(aliases, pool)
        chosen = chosen or _single(_near_border(_by_context(pool, scan.context), scan.border))
    return GazetteerMatch(start, end, surface, chosen, tuple(candidates))


def _other_side(scan: _Scan, end: int, candidates: Sequence[GazetteerEntry]) -> bool:
    """ "Bộ Quốc phòng Campuchia", "Bộ Quốc phòng Vương quốc Campuchia": a unit named with
    the other country than every unit of that name in the register is none of them."""
    if not candidates or any(entry.is_place for entry in candidates):
        return False
    cue = _STRONG_CUE.match(scan.folded[end : end + 40])
    if cue is None:
        return False
    country = "KH" if "campuchia" in cue.group(1) else HOME_COUNTRY
    return all(entry.country != country for entry in candidates)


def _near_border(pool: Sequence[GazetteerEntry], border: frozenset[str]) -> list[GazetteerEntry]:
    """Namesakes narrowed to the provinces with a border gate ("xã Thmei" of Svay Rieng,
    not of Preah Vihear): the articles are about the border."""
    if not border or not all(entry.is_place for entry in pool):
        return list(pool)
    return [e for e in pool if e.id in border or any(p in border for p in e.provinces)]


def _bare_province(aliases: list[_Alias], pool: Sequence[GazetteerEntry]) -> GazetteerEntry | None:
    """A bare name shared by a province and places inside it ("Kon Tum" the province and
    its town) is the province: the press names towns with their type word."""
    if any(alias.type_word for alias in aliases):
        return None
    provinces = [entry for entry in pool if entry.kind == "province"]
    return provinces[0] if len(provinces) == 1 else None


def _single(pool: Sequence[GazetteerEntry]) -> GazetteerEntry | None:
    return pool[0] if len(pool) == 1 else None


def _unique(entries: Iterable[GazetteerEntry]) -> list[GazetteerEntry]:
    seen: dict[str, GazetteerEntry] = {}
    for entry in entries:
        seen.setdefault(entry.id, entry)
    return list(seen.values())


def _by_country(
    scan: _Scan, start: int, end: int, pool: Sequence[GazetteerEntry]
) -> list[GazetteerEntry]:
    if len({entry.country for entry in pool}) < 2:
        return list(pool)
    country = country_cue(scan.folded, start, end) or HOME_COUNTRY
    narrowed = [entry for entry in pool if entry.country == country]
    return narrowed or list(pool)


def country_cue(folded: str, start: int, end: int) -> str | None:
    """The country a mention belongs to, from words around it in its sentence of the
    folded text: "thuộc (Vương quốc) Campuchia" after it wins, else the nearest cue.
    "Việt Nam - Campuchia" pairs are masked out beforehand: they name both sides."""
    after = folded[end : _sentence_bound(folded, end)]
    strong = _STRONG_CUE.match(after) or _OWNED_BY.search(after[:120])
    if strong:
        return "KH" if "campuchia" in strong.group(1) else "VN"
    sentence_start = max(folded.rfind(". ", 0, start), folded.rfind("\n", 0, start), 0)
    return _nearest_cue(folded[sentence_start:start][-80:], after[:80])


def _sentence_bound(folded: str, offset: int) -> int:
    stops = [i for i in (folded.find(". ", offset), folded.find("\n", offset)) if i >= 0]
    return min(stops, default=len(folded))


def _nearest_cue(before: str, after: str) -> str | None:
    best: tuple[int, str] | None = None
    for country, pattern in _COUNTRY_CUES:
        for match in pattern.finditer(before):
            candidate = (len(before) - match.end(), country)
            best = min(best, candidate) if best else candidate
        following = pattern.search(after)
        if following:
            candidate = (following.start(), country)
            best = min(best, candidate) if best else candidate
    return best[1] if best else None


def _by_context(
    pool: Sequence[GazetteerEntry], context: MatchContext, *, required: bool = False
) -> list[GazetteerEntry]:
    weights = {entry.id: _context_weight(entry, context) for entry in pool}
    best = max(weights.values(), default=0.0)
    if best <= 0:
        return [] if required else list(pool)
    return [entry for entry in pool if weights[entry.id] == best]


def _context_weight(entry: GazetteerEntry, context: MatchContext) -> float:
    own = (entry.id, *entry.provinces)
    return sum(context.provinces.get(province, 0.0) for province in own)


def _by_accents(
    surface: str, aliases: list[_Alias], pool: Sequence[GazetteerEntry]
) -> list[GazetteerEntry]:
    lowered = surface.lower()
    exact = {alias.entry.id for alias in aliases if lowered.endswith(alias.exact)}
    return [entry for entry in pool if entry.id in exact] or list(pool)
