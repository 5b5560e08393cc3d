"""Finding the unit or place a cell names, by code or by name.

Places are searched with :func:`huunghi.geography.selectors.place_search`, historic
names included ("Lộc Ninh, Bình Phước" still finds the 2022 district). A name that
fits several places is an error listing them, unless the record's date or a
province written after a comma ("Lộc Ninh, Bình Phước") tells them apart; the code
always identifies one place. Answers are cached for the whole file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from huunghi.dataio.columns import CellError, split_code
from huunghi.geography.selectors import place_search
from huunghi.geography.text import fold, query_keys
from huunghi.records.places import place_label

CANDIDATES = 12
WHOLE_NAME = 1


class UnitIndex:
    """Units a column may name (a queryset from a selector), by code and by name."""

    def __init__(self, units: Iterable[Any]) -> None:
        self.by_code: dict[str, Any] = {}
        self.by_name: dict[str, list[Any]] = defaultdict(list)
        for unit in units:
            self.by_code[unit.code.casefold()] = unit
            for name in self._names(unit):
                if unit not in self.by_name[fold(name)]:
                    self.by_name[fold(name)].append(unit)

    @staticmethod
    def _names(unit: Any) -> list[str]:
        names = [unit.name_vi, unit.name_km, unit.name_en, unit.short_name]
        versions = getattr(unit, "prefetched_versions", None) or ()
        names += [version.name_vi for version in versions]
        return [name for name in names if name]

    def find(self, text: str) -> Any:
        """The one unit with code or name ``text`` (CellError if none or several)."""
        text, code = split_code(text)
        found = self.by_code.get((code or text).casefold())
        if found is not None:
            return found
        matches = self.by_name.get(fold(text), [])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise CellError(
                _("No unit you may use has the code or name “%(name)s”.") % {"name": text}
            )
        listed = "; ".join(f"{unit} ({unit.code})" for unit in matches[:CANDIDATES])
        raise CellError(
            _("“%(name)s” fits several units: %(list)s. Write the unit's code.")
            % {"name": text, "list": listed}
        )


class PlaceMatcher:
    """Places by code or name, with the record's date to tell same-named places apart."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], list[Any]] = {}

    def find(self, text: str, *, country: str = "", on_date: dt.date | None = None) -> Any:
        text, code = split_code(text)
        if code:
            same_code = self._by_code(code, country)
            named = [p for p in same_code if fold(text) in {fold(p.name_vi), fold(p.name_en)}]
            return self._pick(f"{text} [{code}]", named or same_code, None)
        name, _sep, within = text.partition(",")
        candidates = self._candidates(name.strip(), country)
        if within.strip():
            candidates = [p for p in candidates if _lies_in(p, within.strip())]
        return self._pick(text, candidates, on_date)

    def _candidates(self, text: str, country: str) -> list[Any]:
        key = (text.casefold(), country)
        if key not in self._cache:
            found: list[Any] = place_search(text, country=country or None, limit=40)  # ranked
            exact = [p for p in found if p.rank == 0]
            self._cache[key] = exact or [p for p in found if p.rank <= WHOLE_NAME]
        return self._cache[key]

    def _by_code(self, code: str, country: str) -> list[Any]:
        return [p for p in self._candidates(code, country) if p.code.casefold() == code.casefold()]

    @staticmethod
    def _pick(text: str, candidates: list[Any], on_date: dt.date | None) -> Any:
        if len(candidates) > 1 and on_date is not None:
            in_force = [p for p in candidates if p.in_force_on(on_date)]
            candidates = in_force or candidates
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise CellError(_("No place has the code or name “%(name)s”.") % {"name": text})
        listed = "; ".join(f"{place_label(p)} [{p.code}]" for p in candidates[:CANDIDATES])
        raise CellError(
            _(
                "“%(name)s” fits several places: %(list)s. Write the place's code, or add its "
                "province after a comma (“Lộc Ninh, Bình Phước”)."
            )
            % {"name": text, "list": listed}
        )


def _lies_in(place: Any, within: str) -> bool:
    """Whether ``place`` lies in the province or parent named ``within``."""
    keys = set(query_keys(within))
    for outer in (place.province, place.parent):
        if outer is not None and keys & {fold(outer.name_vi), fold(outer.name_en or "")}:
            return True
    return False
