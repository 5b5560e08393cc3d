"""Merge mentions of the same activity into one proposal.

A mention with no data of its own (no date, place, unit or quantity) joins the first
activity of its kind ("các hoạt động kết nghĩa ... được đẩy mạnh" joins "đã kết nghĩa
được 32 cặp đồn"). Otherwise two mentions merge only when their dates overlap, or when the
kind is usually reported once per article (a festival); and never when something tells
them apart: dates that do not overlap, places that share nothing (not even an enclosing
province), different values in the same unit, or different parents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from huunghi.newsimport.extraction.analysis import Mention
from huunghi.newsimport.extraction.kinds import Kind
from huunghi.newsimport.extraction.model import DateRef, EntityRef, Evidence, Relation
from huunghi.newsimport.extraction.quantities import Quantity
from huunghi.newsimport.extraction.textutil import Span, match_form


@dataclass
class Group:
    """Mentions merged so far, with the union of their data."""

    kind: str
    members: list[int]
    date: DateRef | None
    places: list[EntityRef]
    units: list[EntityRef]
    quantities: list[Quantity]
    parent: int | None
    relation: Relation | None
    evidence: list[Evidence] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)
    echoes: list[Span] = field(default_factory=list)
    cumulative: bool = False
    ordinals: set[str] = field(default_factory=set)
    #: how many members only name the activity as a frame ("tại buổi tặng quà")
    named: int = 0
    #: a programme named only as the frame of what the article reports ("trong khuôn khổ
    #: Giao lưu ... lần 2, ..."): held, with nothing of its own stated
    programme: bool = False


def merge(mentions: list[Mention]) -> list[Group]:
    """Group mentions into activities, in order of first mention.

    A bare reference ("Tiếp đoàn, ...") that matches no activity of its kind is dropped,
    unless other activities hang on it as their parent.
    """
    groups: list[Group] = []
    for index, mention in enumerate(mentions):
        target = next((g for g in groups if _compatible(g, mention)), None)
        if target is None:
            groups.append(_new_group(index, mention))
        else:
            _absorb(target, index, mention)
    parents = {m.parent for m in mentions if m.parent is not None}
    visits = any(g.kind in _VISITS for g in groups)
    for group in groups:
        if _programme_frame(group, mentions):
            _only_named(group)
    kept = [
        g
        for g in groups
        if g.programme or not _orphan_reference(g, mentions, parents, visits=visits)
    ]
    framed = any(not g.programme for g in kept)
    return [g for g in kept if framed or not g.programme]


_VISITS = frozenset({Kind.DELEGATION_OUT, Kind.DELEGATION_IN})

#: "(Nằm) trong khuôn khổ (Chương trình) Giao lưu ... lần 2, <activity>": the programme is
#: the frame the article's activity belongs to.
_PROGRAMME_CUE = re.compile(r"trong khuôn khổ (?:của )?(?:chương trình |hoạt động )?$")


def _programme_frame(group: Group, mentions: list[Mention]) -> bool:
    """Whether a festival is only ever named as the programme framing another activity."""
    if group.kind != Kind.FESTIVAL:
        return False
    members = [mentions[i] for i in group.members]
    return all(
        _PROGRAMME_CUE.search(match_form(m.clause.text[: max(0, m.trigger.start - m.clause.start)]))
        for m in members
    )


def _only_named(group: Group) -> None:
    """A programme framing an activity reported as held was held too (label conventions
    rule 1, round 2), but the day, places, units and numbers of the framing clause are the
    framed activity's: the programme's card keeps none of them; its children keep theirs."""
    group.programme = True
    group.date = None
    group.places = []
    group.units = []
    group.quantities = []


#: "Trong khuôn khổ chuyến công tác tại Vương quốc Campuchia, ... thăm, chúc tết ...": a trip
#: named as the frame of what follows still took place.
_TRIPS = frozenset({Kind.DELEGATION_OUT, Kind.DELEGATION_IN})


#: "Tại buổi làm việc, hai đơn vị cùng nhìn lại ...": what was done at a meeting
#: named as the frame tells that the meeting took place (an excerpt may lack the lead).
_MEETING_HELD = re.compile(
    r"^(?:tại|trong) (?:buổi|cuộc) (?:làm việc|hội đàm|gặp mặt|gặp gỡ|họp)\s*,\s*(?:hai|các) "
    r"(?:bên|đơn vị|đoàn|lực lượng)\b"
)


def _orphan_reference(
    group: Group, mentions: list[Mention], parents: set[int], *, visits: bool = False
) -> bool:
    members = [mentions[i] for i in group.members]
    if group.kind in _TRIPS and any("chuyến" in m.trigger.text.lower() for m in members):
        return False
    # a visit's work session ("sang thăm và làm việc ... Tại buổi làm việc, ...") is the visit
    if (
        group.kind == Kind.BRIEFING_MEETING
        and not visits
        and any(_MEETING_HELD.match(match_form(m.sentence.text)) for m in members)
    ):
        return False
    if not all(m.reference and _data_less(m) for m in members):
        return False
    return not parents & set(group.members)


def _new_group(index: int, mention: Mention) -> Group:
    return Group(
        kind=mention.kind,
        members=[index],
        date=mention.date,
        places=list(mention.places),
        units=list(mention.units),
        quantities=list(mention.quantities),
        parent=mention.parent,
        relation=mention.relation,
        evidence=[Evidence(mention.trigger, mention.sentence)],
        clauses=[mention.clause.text],
        cumulative=mention.cumulative,
        ordinals=_ordinals(mention),
        named=int(mention.reference),
    )


#: "chuyến tuần tra chung lần thứ 75" and "... lần thứ 74": numbered rounds are apart.
_ORDINAL = re.compile(r"\blần thứ (\d+|[ivxlc]+)\b")
_ORDINAL_REACH = 60


def _ordinals(mention: Mention) -> set[str]:
    start = mention.trigger.start - mention.clause.start
    after = match_form(mention.clause.text[start : start + _ORDINAL_REACH])
    found = _ORDINAL.search(after)
    return {found.group(1)} if found else set()


_SINGLETONS = frozenset({Kind.FESTIVAL, Kind.TWINNING_REVIEW})
_SAME_TIME_DAYS = 31


def _compatible(group: Group, mention: Mention) -> bool:
    if group.kind != mention.kind:
        return False
    ordinals = _ordinals(mention)
    if group.ordinals and ordinals and not group.ordinals & ordinals:
        return False
    if mention.reference and _data_less(mention) and _counts_sessions(group.quantities):
        return False
    if _data_less(mention):
        return group.parent is None or mention.parent in (None, group.parent)
    if told_as_earlier(mention.sentence.text) and mention.date is not None:
        # "Trước đó, chiều 19.8, ... tiếp nhận 11 công dân" after a lead counting the same 11
        # is the lead's event told in full; with no number in common it is another one
        return shares_value(group.quantities, mention.quantities)
    if group.parent != mention.parent or group.cumulative != mention.cumulative:
        return False
    if group.named == len(group.members) and _counts_sessions(mention.quantities):
        return False
    if _ANAPHOR.match(match_form(mention.sentence.text)) and mention.date is None:
        return not _values_conflict(group.quantities, mention.quantities)
    if group.date and mention.date and not _dates_overlap(group.date, mention.date):
        return False
    if group.places and mention.places and not _places_overlap(group.places, mention.places):
        return False
    if _values_conflict(group.quantities, mention.quantities):
        return False
    same_time = bool(group.date and mention.date and _similar(group.date, mention.date))
    if same_time or group.kind in _SINGLETONS or _group_data_less(group):
        return True
    if _HABITUAL.search(match_form(mention.clause.text)):
        return False
    if _reported_day(group.date) and mention.date is None:
        return True
    return (group.date is None or mention.date is None) and _share_something(group, mention)


#: "Tại buổi làm việc, ..." and "Trong 9 tháng ..., hai đơn vị đã tổ chức 14 cuộc họp":
#: one meeting named as a frame and a count of meetings are different cards.
_SESSION_UNITS = frozenset({"session", "time"})


def _counts_sessions(quantities: list[Quantity]) -> bool:
    return any(q.unit in _SESSION_UNITS and not q.per for q in quantities)


def _reported_day(date_ref: DateRef | None) -> bool:
    """ "Sáng 28/2, ... khánh thành bệnh xá" then "cắt băng khánh thành công trình ... tổng
    kinh phí 65.000 USD": an undated mention of a kind already reported on a given day, that
    nothing tells apart (no other place, no other number), is more of that day's activity."""
    return date_ref is not None and not date_ref.inherited and date_ref.precision in ("day", "days")


#: "Tại đây, đơn vị đã trao 2 suất học bổng cho học sinh ... xã X, tỉnh Y": a sentence that
#: opens by pointing back at the event just reported adds to it; the places it names are
#: the recipients' addresses, not another event's venue.
_ANAPHOR = re.compile(
    r"(?:tại|trong) (?:đây|buổi lễ|lễ trao|buổi trao|buổi gặp mặt|chương trình này|"
    r"buổi lễ này|lễ này|dịp này)\s*,"
)


#: A clause about what a unit does regularly is not a report of the dated event.
_HABITUAL = re.compile(
    r"duy trì|thường xuyên|định kỳ|mỗi (?:tháng|quý|năm)|hằng (?:tháng|quý|năm)|"
    r"hàng (?:tháng|quý|năm)"
)


def _share_something(group: Group, mention: Mention) -> bool:
    """An undated report of an activity joins one that names the same place, unit or
    number (a title and its body, a summary sentence and its details)."""
    if _place_ids(group.places) & _place_ids(mention.places):
        return True
    if {u.entry_id for u in group.units if u.entry_id} & {
        u.entry_id for u in mention.units if u.entry_id
    }:
        return True
    found = {(q.value, q.unit) for q in group.quantities}
    if any((q.value, q.unit) in found for q in mention.quantities):
        return True
    # "Mỗi con bò giống trị giá 15 triệu đồng": a per-item price describes the gift before.
    return bool(mention.quantities) and all(q.per for q in mention.quantities)


def _similar(first: DateRef, second: DateRef) -> bool:
    """Overlapping dates of about the same precision: a day inside a year is not enough."""
    if first.precision == second.precision:
        return True
    return max(_length(first), _length(second)) <= _SAME_TIME_DAYS


#: "Trước đó, vào ngày 3/2, tại ..., ... đã trao tặng 150 suất quà": an earlier event of
#: the same kind, told after the one the article reports.
_EARLIER = re.compile(r"^(?:cũng )?trước đó\s*,")


def told_as_earlier(sentence: str) -> bool:
    """Whether a sentence opens on an event before the one just told ("Trước đó, ...")."""
    return bool(_EARLIER.match(match_form(sentence)))


def shares_value(first: list[Quantity], second: list[Quantity]) -> bool:
    """Whether two activities state one number in the same unit."""
    return bool({(q.value, q.unit) for q in first} & {(q.value, q.unit) for q in second})


def _data_less(mention: Mention) -> bool:
    return not (mention.date or mention.places or mention.units or mention.quantities)


def _group_data_less(group: Group) -> bool:
    return not (group.date or group.places or group.units or group.quantities)


def _dates_overlap(first: DateRef, second: DateRef) -> bool:
    if first.start and second.end and first.start > second.end:
        return False
    return not (second.start and first.end and second.start > first.end)


def _place_ids(places: list[EntityRef]) -> set[str]:
    return {place.entry_id for place in places if place.entry_id}


def places_overlap(first: list[EntityRef], second: list[EntityRef]) -> bool:
    """Whether two activities' places can be one activity's (shared, or one inside the
    other's province); true when either names none."""
    return _places_overlap(first, second)


def _places_overlap(first: list[EntityRef], second: list[EntityRef]) -> bool:
    own_first, own_second = _place_ids(first), _place_ids(second)
    if not own_first or not own_second:
        return True
    # "Hội LHPN tỉnh Tây Ninh ... buổi tặng quà" and "tặng 450 phần quà ... xã Rung, huyện
    # Memot": a place on one side of the border and one on the other tell no two
    # activities apart (a cross-border activity names both); only places of one country do
    if not _countries(first) & _countries(second):
        return True
    wide_first = own_first | {i for place in first for i in place.within}
    wide_second = own_second | {i for place in second for i in place.within}
    return bool(own_first & wide_second or own_second & wide_first)


def _values_conflict(first: list[Quantity], second: list[Quantity]) -> bool:
    """Different values in one unit; a per-item amount ("mỗi phần trị giá 350.000 đồng")
    and a total ("Tổng số tiền ... 160 triệu đồng"), or amounts per different items ("mỗi
    con", "mỗi suất"), are different measures."""
    for one in first:
        for other in second:
            if one.unit == other.unit and one.per == other.per and one.value != other.value:
                return True
    return False


def _countries(places: list[EntityRef]) -> set[str]:
    return {place.country for place in places if place.entry_id and place.country}


def _absorb(group: Group, index: int, mention: Mention) -> None:
    group.members.append(index)
    group.named += int(mention.reference)
    group.ordinals |= _ordinals(mention)
    group.date = _finer(group.date, mention.date)
    group.places = _union(group.places, mention.places)
    group.units = _union(group.units, mention.units)
    seen = {(q.value, q.unit) for q in group.quantities}  # a repeated sentence adds nothing
    group.quantities += [q for q in mention.quantities if (q.value, q.unit) not in seen]
    if group.parent is None:
        group.parent, group.relation = mention.parent, mention.relation
    group.evidence.append(Evidence(mention.trigger, mention.sentence))
    group.clauses.append(mention.clause.text)
    if mention.reference or _data_less(mention):
        group.echoes.append(mention.sentence)


def finer_date(first: DateRef | None, second: DateRef | None) -> DateRef | None:
    """The date of an activity told with two dates (see :func:`_finer`)."""
    return _finer(first, second)


def _finer(first: DateRef | None, second: DateRef | None) -> DateRef | None:
    """The finer of two dates of one activity; but a written run of days ("Từ ngày 2-12-2024
    đến 20-2-2025, một đội tìm kiếm quy tập được 8 ...") that holds a day told of on the
    way ("ngày 18-2, ... thêm 1 ...") is the activity's period."""
    if first is None or second is None:
        return first or second
    for run, day in ((first, second), (second, first)):
        if _run_of_days(run) and _holds(run, day) and not day.inherited:
            return run
    return second if _length(second) < _length(first) else first


def _run_of_days(date_ref: DateRef) -> bool:
    return date_ref.precision == "days" and not date_ref.inherited and _length(date_ref) > 0


#: "kết thúc nhiệm vụ" the day after "từ ngày 6-11 đến 10-12": the run still dates it.
_RUN_CLOSE_DAYS = 7


def _holds(outer: DateRef, inner: DateRef) -> bool:
    if outer.start is None or outer.end is None or inner.start is None or inner.end is None:
        return False
    closing = outer.end + timedelta(days=_RUN_CLOSE_DAYS)
    return outer.start <= inner.start and inner.end <= closing


def _length(date_ref: DateRef) -> int:
    if date_ref.start is None or date_ref.end is None:
        return 100_000
    return (date_ref.end - date_ref.start).days


def _union(first: list[EntityRef], second: list[EntityRef]) -> list[EntityRef]:
    keys = {_key(ref) for ref in first}
    merged = list(first)
    for ref in second:
        if _key(ref) not in keys:
            keys.add(_key(ref))
            merged.append(ref)
    return merged


def _key(ref: EntityRef) -> str:
    return ref.entry_id or ref.name.lower()
