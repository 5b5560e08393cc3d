"""Scoring the extractor with the application's gazetteer (the one built from the database).

Gazetteer ids (``place:12``, ``unit:7``) depend on database keys, so labelled articles name
entities by *stable keys* instead:

* places: ``VN:province:Tây Ninh``, ``KH:district:Svay Teap@Svay Rieng``,
  ``VN:commune:Long Thuận@Tây Ninh`` (level, Vietnamese name and, below the province,
  the name of the province it lay in), `` [old]`` after a place that no longer exists
  (``VN:province:Long An [old]``, ``VN:district:Lộc Ninh@Bình Phước [old]``);
* units: ``unit:VN-DBP-XAMAT`` (the unit's code);
* border gates: ``gate:Xa Mát`` (the gate's name on its own side).

The project's own corpus labels use the ids of its hand-made test gazetteer; they are
translated to stable keys by resolving each test entry's name through the application's
gazetteer (:func:`test_id_translator`). A label entity that resolves to nothing is left
out of the score (the application cannot know it either).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from huunghi.geography.models import AdminUnit, BorderGatePair
from huunghi.newsimport.extraction import Gazetteer, InMemoryGazetteer, MatchContext
from huunghi.newsimport.gazetteer import GATE, PLACE, UNIT
from huunghi.organisations.models import Unit

STABLE_PREFIXES = ("VN:", "KH:", "unit:", "gate:")
_TYPE_WORDS = {
    "province": "tỉnh",
    "district": "huyện",
    "commune": "xã",
    "village": "ấp",
    "border_gate": "cửa khẩu",
    "city": "thành phố",
}


def stable_key_map() -> dict[str, str]:
    """Every gazetteer id of the database's places, units and gates → its stable key."""
    keys: dict[str, str] = {}
    provinces = dict(
        AdminUnit.objects.filter(level="province").values_list("pk", "name_vi").iterator()
    )
    rows = AdminUnit.objects.values_list(
        "pk", "country__code", "level", "name_vi", "province_id", "valid_to"
    )
    for pk, country, level, name, province, valid_to in rows.iterator(chunk_size=5000):
        key = f"{country}:{level}:{name}"
        if level != "province" and province in provinces:
            key += f"@{provinces[province]}"
        keys[f"{PLACE}:{pk}"] = f"{key} [old]" if valid_to else key
    for pk, code in Unit.objects.values_list("pk", "code"):
        keys[f"{UNIT}:{pk}"] = f"unit:{code}"
    for pk, vn_name, kh_name in BorderGatePair.objects.values_list("pk", "vn_name", "kh_name"):
        keys[f"{GATE}:{pk}:vn"] = f"gate:{vn_name}"
        keys[f"{GATE}:{pk}:kh"] = f"gate:{kh_name}"
    return keys


def entity_translator(keys: dict[str, str]) -> Callable[[str], str | None]:
    """Found entity id → stable key."""
    return keys.get


def test_id_translator(
    gazetteer: Gazetteer, test: InMemoryGazetteer, keys: dict[str, str]
) -> Callable[[str], str | None]:
    """Label entity (stable key, or an id of the corpus's test gazetteer) → stable key."""

    @cache
    def translate(label_id: str) -> str | None:
        if label_id.startswith(STABLE_PREFIXES):
            return label_id
        entry = test.get(label_id)
        if entry is None:
            return None
        return _resolve(gazetteer, test, entry, keys)

    return translate


def _resolve(gazetteer: Gazetteer, test: InMemoryGazetteer, entry, keys) -> str | None:
    on = entry.valid_to or entry.valid_from  # the era the test entry belongs to
    context = dict.fromkeys(_province_keys(gazetteer, test, entry.provinces, on), 1.0)
    for name in entry.names:
        text = f"{_TYPE_WORDS.get(entry.kind, '')} {name}".strip()
        for match in gazetteer.find(text, MatchContext(on=on, provinces=context)):
            if match.end - match.start < len(name):
                continue
            chosen = match.entry or _in_context(match.candidates, context)
            if chosen is not None:
                return keys.get(chosen.id)
    return None


def _in_context(candidates, context: dict[str, float]):
    """The only candidate lying in one of the context's provinces (the newest if both an
    old and a new unit of the same name do)."""
    fitting = [c for c in candidates if set(c.provinces) & set(context) or c.id in context]
    if len({c.kind for c in fitting}) != 1 or not fitting:
        return None
    current = [c for c in fitting if c.valid_to is None]
    older = [c for c in fitting if c.valid_to is not None]
    pool = older or current
    return pool[0] if len(pool) == 1 else None


def _province_keys(gazetteer: Gazetteer, test: InMemoryGazetteer, ids, on) -> list[str]:
    found = []
    for province_id in ids:
        province = test.get(province_id)
        if province is None:
            continue
        era = province.valid_to or province.valid_from or on
        for match in gazetteer.find(f"tỉnh {province.names[0]}", MatchContext(on=era)):
            if match.entry is not None:
                found.append(match.entry.id)
    return found
