"""Which quantities an activity can carry, what they measure, and records versus figures.

A quantity is a *figure* (a unit's reported total or stock) when its clause says so
("đã kết nghĩa được", "hiện nay", "đến nay", "lũy kế", "giai đoạn 2017-2022", "hằng năm"...),
or when the activity is dated no finer than a quarter and is not part of a dated event, or
is undated in an article that dates nothing to the day (a review). Otherwise the activity
is a *record* that carries the quantity: an undated activity in a news report ("vừa trao
2 suất học bổng") is a record whose date the clerk fills in, not a figure per number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from huunghi.newsimport.extraction.kinds import Kind
from huunghi.newsimport.extraction.quantities import Quantity
from huunghi.newsimport.extraction.textutil import match_form

_MONEY = frozenset({"VND", "USD", "KHR"})
_PEOPLE = frozenset({"person"})

#: Units each kind accepts; a quantity attaches to the nearest trigger that accepts it.
ACCEPTS: dict[str, frozenset[str]] = {
    Kind.FESTIVAL: _PEOPLE | {"delegation"},
    Kind.MARKER_SALUTE: _PEOPLE | {"marker"},
    Kind.JOINT_PATROL: _PEOPLE | {"km", "time", "marker", "session"},
    Kind.TREE_PLANTING: _PEOPLE | {"tree"},
    Kind.FACILITY_INAUGURATION: _MONEY | {"house", "school", "m"},
    Kind.MEDICAL_OUTREACH: _MONEY | _PEOPLE | {"dose", "time"},
    Kind.SCHOLARSHIP: _MONEY | {"scholarship", "pupil", "student", "gift"},
    Kind.LIVELIHOOD_GIFT: _MONEY | {"head", "household", "tree", "tonne"},
    Kind.AID: _MONEY | {"item", "vehicle", "tonne", "dose", "kg"},
    Kind.AGREEMENT: frozenset(),
    Kind.DELEGATION_OUT: _PEOPLE | {"delegation", "time"},
    Kind.DELEGATION_IN: _PEOPLE | {"delegation", "time"},
    Kind.BRIEFING_MEETING: _PEOPLE | {"session", "time", "year"},
    Kind.CRIME_PREVENTION: _PEOPLE | {"case", "suspect", "kg", "tonne"},
    Kind.NEW_YEAR_VISIT: _MONEY | {"gift", "delegation"},
    Kind.EDUCATION_SESSION: _PEOPLE | {"session", "time", "pupil"},
    Kind.TWINNING_POST: frozenset({"post_pair", "pair"}),
    Kind.TWINNING_CLUSTER: frozenset({"cluster_pair", "pair"}),
    Kind.TWINNING_REVIEW: frozenset({"year"}),
    Kind.REMAINS_SEARCH: frozenset({"remains", "person"}),
    Kind.REMAINS_HANDOVER: frozenset({"remains"}),
    Kind.SCHOOL_VISIT: _MONEY | {"gift", "pupil", "scholarship"},
    Kind.COMMUNITY_SUPPORT: _MONEY
    | _PEOPLE
    | {"gift", "house", "household", "tonne", "kg", "item", "pupil"},
    Kind.GOVERNMENT_FUNDS: _MONEY | {"province"},
}

#: What a quantity measures, by (kind, unit). Pupils get a country suffix.
MEASURES: dict[tuple[str, str], str] = {
    (Kind.TWINNING_POST, "post_pair"): "twinning_pairs_post",
    (Kind.TWINNING_POST, "pair"): "twinning_pairs_post",
    (Kind.TWINNING_CLUSTER, "cluster_pair"): "twinning_pairs_cluster",
    (Kind.TWINNING_CLUSTER, "pair"): "twinning_pairs_cluster",
    (Kind.SCHOLARSHIP, "pupil"): "pupils_supported",
    (Kind.SCHOLARSHIP, "student"): "students_supported",
    (Kind.SCHOLARSHIP, "scholarship"): "scholarships_awarded",
    (Kind.SCHOLARSHIP, "VND"): "scholarship_value_vnd",
    (Kind.SCHOLARSHIP, "gift"): "gifts_given",
    (Kind.MEDICAL_OUTREACH, "person"): "people_examined",
    (Kind.MEDICAL_OUTREACH, "VND"): "medical_value_vnd",
    (Kind.AID, "VND"): "aid_value_vnd",
    (Kind.COMMUNITY_SUPPORT, "VND"): "community_support_vnd",
    (Kind.COMMUNITY_SUPPORT, "gift"): "gifts_given",
    (Kind.COMMUNITY_SUPPORT, "house"): "houses_built",
    (Kind.COMMUNITY_SUPPORT, "household"): "households_supported",
    (Kind.GOVERNMENT_FUNDS, "VND"): "government_funds_vnd",
    (Kind.GOVERNMENT_FUNDS, "province"): "provinces_funded",
    (Kind.LIVELIHOOD_GIFT, "head"): "livestock_given",
    (Kind.LIVELIHOOD_GIFT, "household"): "households_supported",
    (Kind.LIVELIHOOD_GIFT, "VND"): "livelihood_value_vnd",
    (Kind.REMAINS_SEARCH, "remains"): "remains_recovered",
    (Kind.REMAINS_SEARCH, "person"): "search_personnel",
    (Kind.REMAINS_HANDOVER, "remains"): "remains_repatriated",
    (Kind.TREE_PLANTING, "tree"): "trees_planted",
    (Kind.JOINT_PATROL, "km"): "patrol_km",
    (Kind.JOINT_PATROL, "time"): "patrols",
    (Kind.JOINT_PATROL, "session"): "patrols",
    (Kind.JOINT_PATROL, "person"): "patrol_personnel",
    (Kind.DELEGATION_OUT, "delegation"): "delegations_out",
    (Kind.DELEGATION_IN, "delegation"): "delegations_in",
    (Kind.BRIEFING_MEETING, "session"): "meetings_held",
    (Kind.BRIEFING_MEETING, "time"): "meetings_held",
    (Kind.BRIEFING_MEETING, "year"): "review_period_years",
    (Kind.CRIME_PREVENTION, "case"): "cases_handled",
    (Kind.CRIME_PREVENTION, "suspect"): "suspects_arrested",
    (Kind.CRIME_PREVENTION, "tonne"): "contraband_seized_tonnes",
    (Kind.CRIME_PREVENTION, "kg"): "contraband_seized_kg",
    (Kind.AID, "item"): "items_donated",
    (Kind.AID, "vehicle"): "vehicles_donated",
    (Kind.AID, "USD"): "aid_value_usd",
    (Kind.EDUCATION_SESSION, "session"): "sessions_held",
    (Kind.EDUCATION_SESSION, "time"): "sessions_held",
    (Kind.EDUCATION_SESSION, "person"): "people_reached",
    (Kind.EDUCATION_SESSION, "pupil"): "pupils_reached",
    (Kind.FACILITY_INAUGURATION, "VND"): "facility_value_vnd",
    (Kind.NEW_YEAR_VISIT, "gift"): "gifts_given",
    (Kind.NEW_YEAR_VISIT, "VND"): "gift_value_vnd",
    (Kind.FESTIVAL, "person"): "participants",
    (Kind.SCHOOL_VISIT, "gift"): "gifts_given",
    (Kind.TWINNING_REVIEW, "year"): "review_period_years",
}

#: Units that can be a reported total; counts of provinces, markers or years cannot.
FIGURE_UNITS = frozenset(
    {"VND", "USD", "KHR", "person", "pupil", "student", "post_pair", "cluster_pair", "pair"}
    | {"scholarship", "gift", "head", "tree", "remains", "household", "house", "delegation"}
    | {"session", "case", "suspect", "tonne", "kg", "km", "dose", "item", "vehicle", "time"}
)
_COARSE = frozenset({"year", "years", "season", "school_year", "year_part", "quarter", "months"})
_CUMULATIVE = re.compile(
    r"hiện nay|hiện đang|đến nay|tới nay|lũy kế|tính đến|tính từ|nâng tổng số|"
    r"từ năm \d{4}|những năm qua|nhiều năm qua|các năm qua|trong \d+ năm|qua \d+ năm|"
    r"giai đoạn (?:\d{4}|từ)|hằng năm|hàng năm|mỗi năm|bình quân|tổng cộng|kết nghĩa được"
)


def accepts(kind: str, unit: str) -> bool:
    """Whether an activity of ``kind`` can carry a quantity in ``unit``."""
    return unit in ACCEPTS.get(kind, frozenset())


def measure_of(kind: str, unit: str, country: str | None, clause_text: str) -> str:
    """The measure code of a quantity carried by an activity of ``kind``."""
    if kind == Kind.AID and unit == "VND" and "vật chất" in match_form(clause_text):
        return "material_support_vnd"
    code = MEASURES.get((kind, unit), f"{kind}_{unit.lower()}")
    if code == "pupils_supported" and country:
        return f"{code}_{country.lower()}"
    return code


#: "Cả đợt, hai đội quy tập được tổng cộng 120 hài cốt": the total of one round of work.
_THIS_ROUND = re.compile(r"\b(?:cả|trong|của|suốt) (?:đợt|chuyến|mùa khô)(?: (?:này|công tác))?\b")
_ROUND_TOTAL = frozenset({"tổng cộng"})


def is_cumulative(clause_text: str) -> bool:
    """Whether a clause reports an accumulated total ("đã kết nghĩa được", "hiện nay"); the
    total of the round of work the clause names ("cả đợt ... tổng cộng") is not one."""
    lowered = match_form(clause_text)
    cues = {m.group(0) for m in _CUMULATIVE.finditer(lowered)}
    if cues and cues <= _ROUND_TOTAL and _THIS_ROUND.search(lowered):
        return False
    return bool(cues)


def is_figure(
    quantity: Quantity,
    clause_text: str,
    precision: str | None,
    has_parent: bool,
    *,
    summary: bool = True,
) -> bool:
    """Whether a quantity is a reported figure rather than part of a dated record.

    Rates ("500.000 đồng/em/tháng") are never figures themselves. An undated quantity is a
    figure only in a ``summary`` (an article that dates activities, but none to the day:
    a year's review); in a news report it belongs to an activity whose date the clerk
    completes.
    """
    if quantity.unit not in FIGURE_UNITS or quantity.per:
        return False
    if is_cumulative(clause_text):
        return True
    if has_parent:
        return False
    return precision in _COARSE or (precision is None and summary)


_PARTS = re.compile(r"^\s*(?:trong đó|bao gồm|gồm)\b")
_PATROL_CONTEXT = re.compile(r"tuần tra|đoạn biên giới|tuyến biên giới|đường biên")
_PATROL_MEMBERS = re.compile(r"cán bộ|chiến sĩ|chiến sỹ")
_BUILDING_COST = re.compile(r"kinh phí|tổng vốn|trị giá|giá trị|(?:hỗ trợ|đầu tư)[^.;]{0,40}xây")
_GIFTS = frozenset(
    {Kind.COMMUNITY_SUPPORT, Kind.AID, Kind.LIVELIHOOD_GIFT, Kind.SCHOLARSHIP, Kind.NEW_YEAR_VISIT}
)
_MEDICINE_VALUE = re.compile(r"thuốc\b.*(?:trị giá|giá trị)|(?:trị giá|giá trị)\s+(?:số\s+)?thuốc")
_GIVEN = re.compile(r"được trao|đã trao|được tặng|trao tặng|được hỗ trợ|đã hỗ trợ|được bàn giao")


def leftovers(kind: str, quantities: list[Quantity], text: str) -> list[Quantity]:
    """Quantities written where no activity is named that belong to the activity just
    reported: a patrol's length and size ("Hai bên tuần tra, kiểm soát đoạn biên giới dài
    hơn 15,8 km", "lực lượng gồm 10 cán bộ, chiến sĩ"), a building's cost ("được xây dựng
    … với tổng kinh phí gần 65.000 USD"), the value of the medicine given at a medical
    outreach ("Số thuốc cấp phát trị giá khoảng 40 triệu đồng": the outreach's value, not an
    aid of its own), gifts handed over ("30 phần quà … đã được trao tặng"), what each item
    held ("Mỗi suất quà gồm 10 kg gạo và 300.000 đồng"), the people a festival gathered, a
    delegation's members and the wanted persons among citizens received (:func:`_people_of`).
    Anything else stays unattached.
    """
    lowered = match_form(text)
    if kind in (Kind.REMAINS_SEARCH, Kind.REMAINS_HANDOVER) and _PARTS.search(lowered):
        # "...; trong đó tại tỉnh Tbong Khmum 11 bộ, tỉnh Kampong Cham 7 bộ": the breakdown
        return [q for q in quantities if q.unit == "remains"]
    if kind == Kind.JOINT_PATROL and _PATROL_CONTEXT.search(lowered):
        return [q for q in quantities if not q.per and _patrol_measure(q)]
    if kind == Kind.FACILITY_INAUGURATION and _BUILDING_COST.search(lowered):
        return [q for q in quantities if not q.per and q.unit in _MONEY]
    if kind == Kind.MEDICAL_OUTREACH and _MEDICINE_VALUE.search(lowered):
        return [q for q in quantities if not q.per and q.unit in _MONEY]
    if kind in _GIFTS and _GIVEN.search(lowered):
        return [q for q in quantities if accepts(kind, q.unit) and q.unit not in _PEOPLE]
    people = _people_of(kind, lowered)
    if people:
        return [q for q in quantities if q.unit == people and not q.per]
    # "Mỗi phần quà trị giá 800.000 đồng", "Mỗi suất quà gồm 10 kg gạo và ...": a price or
    # a content per item describes what was just given
    return [q for q in quantities if q.per and accepts(kind, q.unit)]


#: "Tham dự hoạt động này có ... cùng gần 400 đại biểu thanh niên hai nước": who attended.
_ATTENDED = re.compile(r"^\s*(?:tham dự|tham gia)\b")
#: "Đoàn công tác của Tiểu khu gồm 35 sĩ quan và chiến sĩ": the delegation's size.
_PARTY = re.compile(r"^\s*đoàn\b[^.;,]{0,80}?\bgồm\b")
#: "trong số những công dân ... nhận về lần này, 2 người đang bị truy nã":
#: the wanted persons among the citizens received.
_WANTED_AMONG = re.compile(r"\btrong số\b[^.;]{0,150}?\btruy (?:nã|tìm)\b")
_DELEGATION_KINDS = frozenset({Kind.DELEGATION_IN, Kind.DELEGATION_OUT})


def _people_of(kind: str, lowered: str) -> str | None:
    """The unit of the people a sentence naming no activity counts for the activity just
    reported: those attending a festival, a delegation's members, the wanted persons among
    the citizens received (label conventions rule 5)."""
    if kind == Kind.FESTIVAL and _ATTENDED.search(lowered):
        return "person"
    if kind in _DELEGATION_KINDS and _PARTY.search(lowered):
        return "person"
    if kind == Kind.CRIME_PREVENTION and _WANTED_AMONG.search(lowered):
        return "suspect"
    return None


def _patrol_measure(quantity: Quantity) -> bool:
    if quantity.unit == "km":
        return True
    return quantity.unit == "person" and bool(_PATROL_MEMBERS.search(match_form(quantity.text)))


def one_count_of_remains(quantities: list[Quantity]) -> list[Quantity]:
    """A record's single count of remains (a record holds one value per measure): of a total
    and its parts ("180 hài cốt; trong đó, Đội K70 16, Đội K71 140 ..."), the total; of a
    total that also counts finds in Laos or in Vietnam, its Cambodian part ("14 hài cốt (9 ở
    Campuchia, 5 ở Lào)" → 9); of totals told in different sentences (the day's find and
    the campaign's count so far), one found in Cambodia before the others, then the
    largest. Counts listed in one sentence without their total ("Đội K71 cất bốc được 140
    hài cốt; Đội K73 ... 24 hài cốt") stay as listed."""
    remains = [q for q in quantities if q.unit == "remains" and not q.per]
    if len({q.value for q in remains}) <= 1:
        return quantities
    values = {q.value for q in remains}
    totals = [q for q in remains if q.part_of is None or q.part_of not in values]
    chosen = [_cambodian_part(total, remains) for total in totals]
    if len({q.sentence for q in chosen}) > 1:
        found_here = [q for q in chosen if q.where == "KH"]
        chosen = found_here or [q for q in chosen if q.where != "other"] or chosen
        chosen = [max(chosen, key=lambda q: q.value)]
    return [q for q in quantities if q not in remains or q in chosen]


def _cambodian_part(total: Quantity, remains: list[Quantity]) -> Quantity:
    parts = [q for q in remains if q.part_of == total.value]
    here = [q for q in parts if q.where == "KH"]
    elsewhere = any(q.where == "other" for q in parts)
    if len(here) == 1 and (elsewhere or all(q.where == "KH" for q in parts)):
        return here[0]  # "50 hài cốt. Trong đó, 45 hài cốt ở Campuchia, 5 ở Lào"
    return total


_PRICE_REACH = 80


class _HasQuantities(Protocol):
    kind: str
    quantities: list[Quantity]


def follow_counts(mentions: Sequence[_HasQuantities]) -> None:
    """An amount of money belongs with the count it prices: in "trao 15 suất học bổng cho
    học sinh người gốc Việt, mỗi suất 2 triệu đồng, tổng trị giá 30 triệu đồng" both amounts
    go to the scholarship that counts the 15 awards, not to the nearer trigger after it."""
    owner = {id(q): m for m in mentions for q in m.quantities}
    ordered = sorted((q for m in mentions for q in m.quantities), key=lambda q: q.start)
    count: Quantity | None = None
    reach = 0  # where the count or the last amount that followed it ends
    for quantity in ordered:
        if quantity.unit not in _MONEY:
            count, reach = quantity, quantity.end
            continue
        if count is None or quantity.start - reach > _PRICE_REACH:
            continue
        source, target = owner[id(quantity)], owner[id(count)]
        if source is not target and accepts(target.kind, quantity.unit):
            source.quantities.remove(quantity)
            target.quantities.append(quantity)
            owner[id(quantity)] = target
        if owner[id(quantity)] is target:
            reach = quantity.end
