"""Other names the press uses for the system's units and Cambodian places.

Newspapers rarely write a unit's registered name: "Bộ CHQS tỉnh" stands for the
provincial military command of the province the article is about, "Đồn Biên phòng Xa
Mát" for "Đồn Biên phòng Cửa khẩu Quốc tế Xa Mát", "K70" for "Đội K70". Cambodian places
appear in Vietnamese transliteration ("Me Mốt" for Memut). These rules derive the extra
names from the registered ones; abbreviations such as "CHQS" or "BĐBP" need no alias
because the extraction engine expands them while matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")
_TEAM_CODE = re.compile(r"\b(K\d{2,3})\b")


@dataclass(frozen=True)
class UnitAliasRule:
    """Names derived from a registered name matching ``pattern`` (``{x}`` is its tail).

    ``generic`` names stand for the unit only where the article's province context
    points to it ("Bộ CHQS tỉnh" in an article about Tây Ninh).
    """

    pattern: re.Pattern[str]
    names: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()


def _rule(pattern: str, names: Iterable[str] = (), generic: Iterable[str] = ()) -> UnitAliasRule:
    return UnitAliasRule(re.compile(pattern, re.IGNORECASE), tuple(names), tuple(generic))


UNIT_RULES: tuple[UnitAliasRule, ...] = (
    _rule(
        r"^Bộ Chỉ huy Quân sự tỉnh (?P<x>.+)$",
        names=("LLVT tỉnh {x}", "Lực lượng vũ trang tỉnh {x}", "Tỉnh đội {x}", "Bộ CHQS {x}"),
        generic=("Bộ Chỉ huy Quân sự tỉnh", "LLVT tỉnh", "Lực lượng vũ trang tỉnh"),
    ),
    _rule(
        r"^(?:Bộ Chỉ huy )?(?:Bộ đội Biên phòng|BĐBP) tỉnh (?P<x>.+)$",
        names=(
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh {x}",
            "Bộ đội Biên phòng tỉnh {x}",
            "Bộ đội Biên phòng {x}",
            "Biên phòng tỉnh {x}",
            "Biên phòng {x}",
        ),
        generic=("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bộ đội Biên phòng tỉnh"),
    ),
    _rule(
        r"^Ban Chỉ đạo 515 tỉnh (?P<x>.+)$",
        names=(
            "Ban Chỉ đạo về tìm kiếm, quy tập và xác định danh tính hài cốt liệt sĩ tỉnh {x}",
            "Ban Chỉ đạo về tìm kiếm, quy tập và xác định danh tính hài cốt liệt sỹ tỉnh {x}",
            "Ban Chỉ đạo tìm kiếm, quy tập hài cốt liệt sĩ tỉnh {x}",
            "Ban Chỉ đạo tìm kiếm, quy tập hài cốt liệt sỹ tỉnh {x}",
        ),
        generic=("Ban Chỉ đạo 515 tỉnh",),
    ),
    _rule(
        r"^Ban Chỉ đạo 515 Quốc gia$",
        names=("Ban Chỉ đạo 515 Trung ương",),
    ),
    _rule(
        r"^Đồn Biên phòng (?:Cửa khẩu )?(?:Quốc tế )?(?P<x>.+)$",
        names=(
            "Đồn Biên phòng {x}",
            "Đồn Biên phòng cửa khẩu {x}",
            "Đồn Biên phòng cửa khẩu quốc tế {x}",
            "Đồn BP {x}",
        ),
    ),
    _rule(
        r"^Quân khu (?P<x>\d+)$",
        names=("Bộ Tư lệnh Quân khu {x}",),
        generic=("Bộ Tư lệnh Quân khu",),
    ),
    _rule(
        r"^Quân khu (?P<x>\d+) \(Campuchia\)$",
        names=(
            "Quân khu {x}",
            "Quân khu {x} Campuchia",
            "Bộ Tư lệnh Quân khu {x} Campuchia",
        ),
    ),
    _rule(
        r"^Bộ Tư lệnh Bộ đội Biên phòng$",
        names=(
            "Bộ Tư lệnh Bộ đội Biên phòng Việt Nam",
            "Bộ đội Biên phòng Việt Nam",
            "Bộ đội Biên phòng",
        ),
    ),
    _rule(r"^Bộ Quốc phòng$", names=("Bộ Quốc phòng Việt Nam",)),
    _rule(
        r"^Bộ Tư lệnh Hiến binh Hoàng gia Campuchia$",
        names=(
            "Bộ Tư lệnh Hiến binh Campuchia",
            "Hiến binh Hoàng gia Campuchia",
            "Bộ Tư lệnh Hiến binh",
        ),
    ),
    _rule(
        r"^Hiến binh tỉnh (?P<x>.+)$",
        names=("Bộ Chỉ huy Hiến binh tỉnh {x}",),
        generic=("Bộ Chỉ huy Hiến binh tỉnh", "Bộ Chỉ huy Hiến binh", "Hiến binh tỉnh"),
    ),
    _rule(
        r"^Tiểu khu Quân sự tỉnh (?P<x>.+)$",
        names=("Tiểu khu Quân sự {x}",),
        generic=("Tiểu khu Quân sự tỉnh", "Tiểu khu Quân sự"),
    ),
    _rule(
        r"^Đồn Cảnh sát biên giới (?P<x>.+)$",
        names=("Đồn Cảnh sát biên giới {x}",),
    ),
    _rule(
        r"^Cảnh sát biên giới tỉnh (?P<x>.+)$",
        generic=("Cảnh sát biên giới tỉnh",),
    ),
    _rule(
        r"^Liên hiệp các tổ chức hữu nghị tỉnh (?P<x>.+)$",
        generic=("Liên hiệp các tổ chức hữu nghị tỉnh",),
    ),
)

#: Vietnamese transliterations of Cambodian place names, by the registered English name.
KH_PLACE_NAMES: dict[str, tuple[str, ...]] = {
    "Banteay Meanchey": ("Bantây Miênchây", "Bantéay Méanchey"),
    "Battambang": ("Bát Tam Bang", "Battambang"),
    "Kampong Cham": ("Công-pông Chàm", "Kông Pông Chàm", "Kompong Cham", "Côngpôngchàm"),
    "Kampong Thom": ("Kông Pông Thơm", "Công-pông Thom", "Kompong Thom"),
    "Kampot": ("Cam-pốt", "Kăm-pốt"),
    "Kandal": ("Kăn-đan", "Kan Đan", "Kandan", "Kan-đan"),
    "Kep": ("Kép",),
    "Koh Kong": ("Cô Kông", "Kốc Kông"),
    "Kratie": ("Kratié", "Kra-chê", "Kratiê", "Kra Chê", "Kra Tié", "Kra-tiê"),
    "Mondul Kiri": (
        "Mondulkiri",
        "Mundulkiri",
        "Mônđônkiri",
        "Môn Đôn Ki Ri",
        "Mun Đun Ki Ri",
        "Muldulkiri",
    ),
    "Otdar Meanchey": ("Oddar Meanchey", "Oddar Meancheay", "Ốt-đô Miên-chây"),
    "Phnom Penh": ("Phnôm Pênh", "Nông Pênh"),
    "Prey Veng": ("Prây Veng", "Pray Veng", "Preyveng", "Prây-veng"),
    "Preah Vihear": ("Prek Vihear", "Prét Vihear", "Preah Vihia", "Pre Vihia"),
    "Pailin": ("Pai Lin",),
    "Ratanak Kiri": ("Ratanakiri", "Rattanakiri", "Răttanakiri", "Rattnakiri", "Rattanakiri"),
    "Siemreap": ("Siem Reap", "Xiêm Riệp"),
    "Sihanoukville": ("Preah Sihanouk", "Preah Sihanoukville", "Xihanúcvin"),
    # the provincial town (a district of the same name): "thành phố Sihanoukville, tỉnh ..."
    "Preah Sihanouk": ("Sihanoukville", "Preah Sihanoukville"),
    "Stung Treng": ("Stung Treng", "Stưng Treng"),
    "Svay Rieng": (
        "Xvay Riêng",
        "Svây Riêng",
        "Svay Riêng",
        "Svayrieng",
        "Svay Riêng",
        "Xoài Riêng",
    ),
    "Takeo": ("Tà Keo", "Ta Keo", "Tàkeo"),
    "Tboung Khmum": (
        "Tbong Khmum",
        "Thbong Khmum",
        "Tbuong Khmum",
        "Tboung Khmum",
        "Tbong Kh'mun",
        "Tpong Khmum",
        "Tbong-Khmum",
        "Tboung-Khmum",
        "Tbông Khmum",
    ),
    "Memut": ("Memot", "Mêmốt", "Me Mốt", "Mi Mốt"),
    "Snuol": ("Xnuôn", "Snuôl"),
    "Ponhea Kraek": ("Pônhia Krek", "Ponhea Krek"),
    "Bavet": ("Ba Vét",),
    "Chantrea": ("Chan Tria", "Chanh T’ria", "Chanh Tria"),
    "Kiri Vung": ("Kiri Vong", "KiRiVong", "Kirivong", "Kiri Vông"),
    "Svay Teab": ("Svay Teap", "Svay Theap", "Svây Tiếp"),
    "Kampong Rou": ("Kông Pông Rồ", "Kampong Ro", "Công Pông Rồ"),
    "Kamchay Mear": ("Kaom Chay Mea", "Kom Chay Mia"),
    "Kaoh Thum": ("Kor Thum", "Koh Thum", "Cô Thum"),
    "Siem Reap": ("Xiêm Riệp", "Xiêm Rệp"),
    "Kampong Trach": ("Công-pông Trạch",),
}


def unit_names(name: str, short_name: str = "", code: str = "") -> tuple[list[str], list[str]]:
    """``(names, generic_names)`` of a unit: its registered names and the derived ones."""
    base = _PARENTHESIS.sub("", name).strip() or name
    names = [name, base, short_name]
    generic: list[str] = []
    for rule in UNIT_RULES:
        match = rule.pattern.match(name.strip())
        if match is None:
            continue
        tail = match.groupdict().get("x") or ""
        names += [template.format(x=tail) for template in rule.names]
        generic += list(rule.generic)
    names += _team_codes(name, code)
    return unique(names), unique(generic)


def _team_codes(name: str, code: str) -> list[str]:
    """ "Đội K70" is also written "K70" and "Đội quy tập K70"."""
    found = _TEAM_CODE.findall(name) or _TEAM_CODE.findall(code.replace("-", " "))
    return [alias for team in found for alias in (team, f"Đội {team}", f"Đội quy tập {team}")]


def kh_place_names(name_vi: str, name_en: str) -> list[str]:
    """Transliterations of a Cambodian place known by ``name_en`` or ``name_vi``."""
    return list(KH_PLACE_NAMES.get(name_en, ())) + list(KH_PLACE_NAMES.get(name_vi, ()))


def unique(names: Iterable[str]) -> list[str]:
    """Non-empty names without repeats, first spelling kept, order kept."""
    seen: dict[str, str] = {}
    for name in names:
        cleaned = " ".join((name or "").split())
        if cleaned and cleaned.casefold() not in seen:
            seen[cleaned.casefold()] = cleaned
    return list(seen.values())
