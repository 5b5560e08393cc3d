"""Attach dates, places, units and quantities to the mentions of one clause.

A clause takes its own dates, places and units; when it has none it borrows them from the
first clause of its sentence (the subject), and dates also from a sentence-initial date
earlier in the paragraph ("Trong năm 2021, ..."). Quantities go to the nearest trigger in
the clause whose kind accepts their unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import replace

from huunghi.newsimport.extraction.analysis import Analysis, Mention
from huunghi.newsimport.extraction.dates import DateMention, DateSpan, is_document_term
from huunghi.newsimport.extraction.figures import accepts
from huunghi.newsimport.extraction.gazetteer import HOME_COUNTRY
from huunghi.newsimport.extraction.kinds import Kind
from huunghi.newsimport.extraction.model import DateRef, EntityRef
from huunghi.newsimport.extraction.quantities import Quantity
from huunghi.newsimport.extraction.textutil import Span, match_form

_FOLLOWING_PENALTY = 4

_LOCATIVE = re.compile(r"(?:tại|ở|trên|thuộc|giữa|dọc|địa bàn|khu vực|đến|sang)\s+$")

#: "tổ chức hội nghị tổng kết ... và ký kết biên bản ... với Chi khu Quân sự huyện X": the
#: partner named after "với"/"giữa" is the partner of every activity of the clause.
_PARTNER = re.compile(r"\b(?:với|giữa)\b[^,.;:()]*$")

_PLACE_LINK = re.compile(r"^\s*(?:,|\(|và|-)\s*$")

_TIME_PREPOSITION = re.compile(r"(?:trong|vào|từ|đến|hồi|suốt|cả|qua|sang|tới|của)$")


def attach_context(
    analysis: Analysis, mention: Mention, subject: Span, frame_date: DateRef | None
) -> None:
    if mention.reference:
        phrase = _frame_phrase(analysis.text, mention.clause, mention.trigger)
        mention.places, mention.units = analysis.places(phrase), analysis.units(phrase)
        mention.date = _nearest_date(analysis, phrase, mention.trigger)
        return
    clause = mention.clause
    mention.places = analysis.places(clause) or _borrowed_places(analysis, subject, clause)
    mention.places = _after_earlier_part(analysis, clause, mention)
    mention.units = analysis.units(clause) or _borrowed_units(analysis, subject, clause)
    mention.units = with_owners(analysis, actor_units(analysis, mention.units))
    mention.places = [p for p in mention.places if not _occasion(analysis, p)]
    mention.date = _nearest_date(analysis, clause, mention.trigger)
    if mention.cumulative:
        return
    if mention.date is None and subject != clause:
        mention.date = _nearest_date(analysis, subject, mention.trigger)
    mention.date = mention.date or frame_date


#: "Sau khi kết thúc phần lễ ở tỉnh A, chiều hôm đó, ... được tổ chức tiếp tại tỉnh B": the
#: opening names where an earlier part took place.
_EARLIER_PART = re.compile(r"\b(?:sau khi|trước khi)(?: kết thúc)?[^,.;]{0,80},")
_OPENING_REACH = 30  # "(VTC News) - Sau khi ..."


def _after_earlier_part(analysis: Analysis, clause: Span, mention: Mention) -> list[EntityRef]:
    """The mention's places without those named in a clause-opening "Sau khi ..." phrase
    that does not hold the trigger."""
    opening = _EARLIER_PART.search(analysis.lowered, clause.start, clause.end)
    if opening is None or opening.start() - clause.start > _OPENING_REACH:
        return mention.places
    if opening.start() <= mention.trigger.start < opening.end():
        return mention.places
    return [p for p in mention.places if not opening.start() <= p.span.start < opening.end()]


def settle_places(analysis: Analysis, mention: Mention) -> None:
    """Keep the places the text names for the activity itself (where it happened).

    A place written inside the name of a force, unit or association ("Cảnh sát biên giới
    tỉnh Kampot", "Tiểu khu Quân sự Preah Vihear (Campuchia)", "Hội LHPN tỉnh X"), in a
    person's title or as a donor's home says who, not where: it is no place of the activity,
    even when the activity names no other. A local government's place ("UBND tỉnh X",
    "lãnh đạo tỉnh X", "đoàn đại biểu tỉnh X") is one on a meeting, visit, agreement or
    twinning between governments, where that government is a party. A remains search
    happens abroad: the Vietnamese province its team or cemetery belongs to is no place of
    the search unless the search also names places across the border (a joint search of
    both sides)."""
    own = [kept for p in mention.places if (kept := _kept_place(analysis, mention, p))]
    own = [p for p in own if not _purpose_place(analysis, mention, p)] or own
    mention.places = own
    if mention.kind != Kind.REMAINS_SEARCH or mention.cumulative:
        return
    if not any(p.country == "KH" for p in mention.places):
        mention.places = [p for p in mention.places if p.country != "VN"]


def _kept_place(analysis: Analysis, mention: Mention, place: EntityRef) -> EntityRef | None:
    """The place where the sentence writes it as a place of the activity: where no
    organisation's name holds it, or a government's does and that government is a party
    ("Tiểu khu Quân sự tỉnh Mondulkiri, nhà Đội K51 tại Mondulkiri": the second)."""
    for written in _occurrences(analysis, mention.sentence, place):
        owner = _owner(analysis, written)
        if owner is None or (owner == _GOVERNMENT and mention.kind in _BETWEEN_GOVERNMENTS):
            return written
    return None


def _occurrences(analysis: Analysis, sentence: Span, place: EntityRef) -> list[EntityRef]:
    """The place as attached, then wherever else its sentence names the same entry."""
    if place.entry_id is None or not sentence.contains(place.span.start):
        return [place]
    others = [
        replace(place, span=Span(m.start, m.end, m.text))
        for m in analysis.matches
        if sentence.start <= m.start < sentence.end
        and m.entry is not None
        and m.entry.id == place.entry_id
        and m.start != place.span.start
    ]
    return [place, *others]


#: Activities a local government may host or be a party of (its place is then theirs);
#: on a gift it is the donor, whose home is no place of the gift.
_BETWEEN_GOVERNMENTS = frozenset(
    {
        Kind.FESTIVAL,
        Kind.REMAINS_HANDOVER,
        Kind.DELEGATION_IN,
        Kind.DELEGATION_OUT,
        Kind.NEW_YEAR_VISIT,
        Kind.BRIEFING_MEETING,
        Kind.AGREEMENT,
        Kind.TWINNING_CLUSTER,
        Kind.TWINNING_POST,
        Kind.TWINNING_REVIEW,
    }
)
_GOVERNMENT = "government"
_FORCE = "force"


#: The head of an organisation's name, as the press writes it before the organisation's
#: province or district ("Ủy ban nhân dân tỉnh X", "Hội Hữu nghị ... tỉnh X"); ``gov`` heads
#: name a local government (or its delegation or leaders), the others a force, unit,
#: association, institution or an official of one.
_OWNER_HEAD = re.compile(
    r"(?:(?P<gov>(?<!tiểu )(?<!trung )(?<!lữ )(?<!sư )đoàn(?! thanh niên)"
    r"(?: công tác| đại biểu)?(?: của)?|ủy ban nhân dân|ubnd|"
    r"ủy ban mặt trận tổ quốc(?: việt nam)?|ubmttq(?:vn)?|mặt trận tổ quốc|tỉnh ủy|huyện ủy|"
    r"thành ủy|hội đồng nhân dân|hđnd|sở|lãnh đạo|(?:ủy )?ban hành chính|"
    r"(?:phó )?(?:tỉnh trưởng|huyện trưởng|thị trưởng))|"
    r"ty công an|công an|cảnh sát(?: bảo vệ)?(?: biên giới)?|hội|liên hiệp|ban|"
    r"nghĩa trang|trường|bệnh viện|trung tâm|lực lượng vũ trang|lực lượng bảo vệ biên giới|"
    r"đài|báo|tổng hội|văn phòng|đội k\d+|bộ chỉ huy quân sự|bộ chqs|tỉnh đội|huyện đội|"
    r"tiểu khu quân sự|chi khu quân sự|đồn|bộ đội biên phòng|bđbp|hiến binh|quân khu|"
    r"bộ tư lệnh|tiểu đoàn|trung đoàn|lữ đoàn|sư đoàn|đại đội|trung đội|"
    r"(?:phó )?(?:giám đốc|chỉ huy trưởng|chính ủy)"
    r")(?P<gap>(?: [^\s,.;:()]+| \W?\(\W?[^\W\d_]{2,6}\)){0,8}?)\s*$"
)
_VENUE_BEFORE = re.compile(r"\b(?:tại|ở)\s+(?:[^\s,.;:]+\s+){0,3}$")
#: "Trường THCS ... (Campuchia)", "UBND xã X, huyện Y": a place given with its country or
#: continued as an address is written as a place, not only as part of an institution's or
#: a government's name (a force's name keeps its province however it is written).
_COUNTRY_AFTER = re.compile(r"\s*[(,–-]?\s*(?:vương quốc |nước )?(?:campuchia|việt nam)")
#: Words that end an organisation's name: a verb or a preposition starts the clause's
#: own phrase ("Hội nghị ... tổ chức tại tỉnh X" names where, not whose).
_NOT_IN_NAME = re.compile(
    r"\b(?:tại|ở|trên|cho|với|đến|sang|giữa|thuộc|tổ chức|trao|tặng|diễn ra|đã|về|"
    r"của|và các|lãnh đạo|nhân dân|người dân|dự|thăm|chúc|phối hợp|cùng|chính quyền)\b"
)
#: "Đồn Công an bảo vệ biên giới X, tỉnh Prey Veng, Vương quốc Campuchia", "Chi khu Quân sự
#: huyện Rumduol và huyện Svay Teap, tỉnh Svay Rieng": a force's name goes on through the
#: places that say where the force is.
_NAME_LINK = re.compile(r"(?:[,;]|\s+và)\s*$")


#: "hội đàm ... để kiểm tra công tác chuẩn bị khai trương cửa khẩu X": what an activity
#: is for is named after "để"; it happened where the rest of the clause says.
_PURPOSE = re.compile(r"\bđể\b|\bnhằm\b")


def _purpose_place(analysis: Analysis, mention: Mention, place: EntityRef) -> bool:
    if place.span.start < mention.trigger.end or place.span.start > mention.clause.end:
        return False
    return bool(_PURPOSE.search(analysis.lowered, mention.trigger.end, place.span.start))


def _owner(analysis: Analysis, place: EntityRef) -> str | None:
    """Whose name the place is written in: a local government's (``_GOVERNMENT``), a
    force's, unit's, association's or institution's (``_FORCE``), or nobody's."""
    start = place.span.start
    before = analysis.lowered[max(0, start - 90) : start]
    head = _name_head(analysis, before, start)
    if head is None:
        outer = _listed_after_name(analysis, before, start)
        if outer is None or outer.group("gov") or _institution(before, outer):
            return None
        return _FORCE
    if _VENUE_BEFORE.search(before, 0, head.start()):
        return None  # "tại lễ trao quà UBND xã X": the organisation's seat is the venue
    if head.group("gov"):
        owned_as = _GOVERNMENT
    elif _institution(before, head):
        owned_as = _INSTITUTION
    else:
        return _FORCE
    if _COUNTRY_AFTER.match(analysis.lowered, place.span.end):
        return None
    if _ADDRESS_GOES_ON.match(analysis.lowered, place.span.end):
        return None  # "Trường THCS xã A, huyện B, tỉnh C": an address, written as places
    return _FORCE if owned_as == _INSTITUTION else owned_as


def _listed_after_name(analysis: Analysis, before: str, end: int) -> re.Match[str] | None:
    """The head of the organisation whose name a list or an address goes on from ("Ban
    CHQS huyện Bến Lức, Đức Hòa, Cần Đước"; "Đồn Công an ... X, tỉnh Prey Veng")."""
    text = before
    for _ in range(_LIST_REACH):
        link = _NAME_LINK.search(text)
        if link is None:
            return None
        text = text[: link.start()]
        head = _name_head(analysis, text, end - len(before) + len(text))
        if head is not None:
            return head
        item = max(text.rfind(","), text.rfind(";"), text.rfind(" và "))
        cut = item + (1 if text[item : item + 1] in ",;" else 4)
        if item < 0 or not _LIST_ITEM.fullmatch(text, cut):
            return None  # not a list of names: "Đội K71 quy tập tại các tỉnh A, B"
        text = text[:cut]
    return None


_LIST_REACH = 4
#: One item of a list of names ("huyện Đức Hòa", "Tbong Khmum"): a few words, no verb.
_LIST_ITEM = re.compile(r"(?:\s*(?!(?:tại|ở|của|cho|với|đã|và|thuộc)\b)[^\s,.;:()]+){1,5}\s*")


def _name_head(analysis: Analysis, before: str, end: int) -> re.Match[str] | None:
    """The nearest organisation head whose name runs up to the end of ``before`` (which
    ends at offset ``end`` of the text)."""
    found = None
    for word in _OWNER_START.finditer(before):
        head = _OWNER_HEAD.match(before, word.start())
        if head is None or _NOT_IN_NAME.search(head.group("gap")):
            continue
        first = analysis.text[end - len(before) + head.start()]
        if first.isupper() or before[head.start() :].startswith(_LOWER_CASE_HEADS):
            found = head
    return found


#: Institutions whose place stays when written as an address or with its country.
_INSTITUTIONS = ("trường", "bệnh viện", "trung tâm", "nghĩa trang", "văn phòng")
_INSTITUTION = "institution"


def _institution(before: str, head: re.Match[str]) -> bool:
    return before[head.start() :].startswith(_INSTITUTIONS)


def _owned_place(analysis: Analysis, place: EntityRef) -> bool:
    return _owner(analysis, place) is not None


_ADDRESS_GOES_ON = re.compile(r"\s*,\s*(?:huyện|thị xã|thành phố|tỉnh|quận|tp)\b")
_OWNER_START = re.compile(r"(?<![\w])(?=\w)")
_LOWER_CASE_HEADS = (
    "ubnd",
    "hđnd",
    "công an",
    "đoàn",
    "phó",
    "lãnh đạo",
    "lực lượng",
    "tỉnh trưởng",
    "huyện trưởng",
    "thị trưởng",
    "giám đốc",
    "chỉ huy trưởng",
    "chính ủy",
)


#: National commands and ministries: written right after a registered unit ("Quân khu 4,
#: Quân đội Hoàng gia Campuchia") they say whose that unit is.
_NATIONAL = frozenset({"ministry", "command"})
#: Units that answer for no province may still be local (a team, a post): not qualifiers.
_LOCAL = frozenset({"search_team", "border_post", "station", "border_police", "school", "clinic"})
_QUALIFIER_GAP = re.compile(r"(?:\s*[,(–-]\s*|\s+)(?:thuộc\s+)?$|\s*\(?thuộc\s+$")


def actor_units(analysis: Analysis, units: list[EntityRef]) -> list[EntityRef]:
    """The units that can have done something: not a national command qualifying the
    unit written before it, not an organisation an occasion is named after."""
    return [u for u in units if not _qualifier(analysis, u) and not _occasion(analysis, u)]


#: "nhân kỷ niệm 67 năm Ngày truyền thống Quân đội Hoàng gia Campuchia": an organisation
#: or place an occasion is named after did not do the activity.
_OCCASION = re.compile(
    r"\b(?:kỷ niệm|ngày truyền thống|ngày thành lập|năm thành lập|ngày giải phóng)\b"
    r"[^,.;:()]{0,60}$"
)


def _occasion(analysis: Analysis, ref: EntityRef) -> bool:
    start = ref.span.start
    return bool(_OCCASION.search(analysis.lowered, max(0, start - 80), start))


def _qualifier(analysis: Analysis, unit: EntityRef) -> bool:
    """Whether a national unit only says whose the registered unit written right before it
    is ("Quân khu 4, Quân đội Hoàng gia Campuchia"). After an organisation the register
    lacks ("Lữ đoàn 90, Quân đội Hoàng gia Campuchia", "Trung tâm huấn luyện Bộ Tư lệnh
    Hiến binh") it is that organisation's owner, on whose record the activity goes."""
    if unit.kind not in _NATIONAL and (unit.within or unit.kind in _LOCAL):
        return False
    previous = [m for m in analysis.matches if m.end <= unit.span.start and not m.is_place]
    if previous and _QUALIFIER_GAP.fullmatch(analysis.text[previous[-1].end : unit.span.start]):
        owner = previous[-1].entry
        if owner is None:
            return True
        if owner.kind == unit.kind:
            return False  # "Quân khu 1, Quân khu 4": a list
        # "Quân khu 7, Bộ đội Biên phòng": the border guard command owns no military region
        border_guard = unit.kind == "command" and unit.country == HOME_COUNTRY
        if owner.kind == "military_region" and border_guard:
            return False
        return owner.kind not in _NATIONAL and owner.country == unit.country
    return False


#: A remains team's or a border post's provincial command (label conventions rule 12).
_OWNER_KIND = {"search_team": "provincial_command", "border_post": "provincial_border_guard"}


def with_owners(analysis: Analysis, units: list[EntityRef]) -> list[EntityRef]:
    """The units and, after a remains team or a border post, the provincial command it
    belongs to when the article names that command anywhere ("Đội K73, Bộ CHQS tỉnh Long
    An", "Đội K53 Tỉnh đội Kon Tum", "Bộ Chỉ huy Quân sự tỉnh đã chỉ đạo ... Đội K52"):
    the record is the command's too. Not when two commands could own it."""
    members = [u for u in units if u.kind in _OWNER_KIND and u.entry_id]
    if not members:
        return units
    have = {u.entry_id for u in units}
    named = analysis.units(Span(0, len(analysis.text), analysis.text))
    added = []
    for member in members:
        kind, homes = _OWNER_KIND[member.kind], set(member.within)
        owners = [u for u in named if u.kind == kind and homes.intersection(u.within)]
        if len({u.entry_id for u in owners}) == 1 and owners[0].entry_id not in have:
            added.append(owners[0])
            have.add(owners[0].entry_id)
    return [*units, *added]


def _frame_phrase(text: str, clause: Span, trigger: Span) -> Span:
    """The phrase that names a frame: from the clause start to the next comma."""
    comma = text.find(",", trigger.end, clause.end)
    end = clause.end if comma < 0 else comma
    return Span(clause.start, end, text[clause.start : end])


def split_places(analysis: Analysis, mentions: list[Mention]) -> None:
    """With several activities in a clause, a place after the first trigger that is not
    introduced as a location ("tại", "trên", "giữa"...) belongs to the activity before it:
    "chúc Tết lãnh đạo tỉnh Kratie và tặng quà cho người dân huyện Snuol"."""
    actors = [m for m in mentions if not m.reference]
    starts = sorted({m.trigger.start for m in actors})
    if len(starts) < 2:
        return
    first_end = min((m.trigger for m in actors), key=lambda t: t.start).end
    shared = _shared_places(analysis, actors[0].places, first_end)
    described = [m.trigger.start for m in actors if _describes_object(analysis, m)]
    ends = {m.trigger.start: m.trigger.end for m in actors}
    for mention in actors:
        later = [s for s in starts if s > mention.trigger.start and not _joined(analysis, ends, s)]
        end = later[0] if later else len(analysis.text)
        own_end = min(
            [s for s in described if s > mention.trigger.start], default=len(analysis.text)
        )
        mention.places = [
            place
            for place in mention.places
            if (place.span.start in shared and place.span.start < own_end)
            or mention.trigger.start <= place.span.start < end
        ]
    for index, mention in enumerate(actors):
        if mention.trigger.start in described and index:
            _split_described_units(actors[:index], mention)
        elif index:
            _agent_units(analysis, actors[:index], mention)


#: "lễ tiếp nhận hài cốt ... do Đội K71 và Đội K73 tìm kiếm, quy tập": the units after
#: "do" right before a later verb are that activity's doers.
_AGENT = re.compile(r"\bdo\s+[^,.;:()]*$")


def _agent_units(analysis: Analysis, before: list[Mention], mention: Mention) -> None:
    start = mention.trigger.start
    agent = _AGENT.search(analysis.lowered, max(0, start - 70), start)
    if agent is None or agent.start() < max(m.trigger.end for m in before):
        return
    named = [u for u in mention.units if agent.start() < u.span.start < start]
    if named:
        mention.units = named


#: "sang thăm, chúc Tết lãnh đạo tỉnh Kratie": verbs written one after the other share
#: what follows them.
_VERB_LINK = re.compile(r"[\s,]*(?:(?:thăm|làm việc|động viên|hỏi)[\s,]*)*(?:và\s*)?")


def _joined(analysis: Analysis, ends: dict[int, int], start: int) -> bool:
    """Whether the trigger at ``start`` follows another one with nothing in between."""
    return any(
        end <= start and _VERB_LINK.fullmatch(analysis.lowered, end, start) for end in ends.values()
    )


def _split_described_units(before: list[Mention], described: Mention) -> None:
    """The unit named between the last activity and a described task ("thăm ... Đội K73
    đang thực hiện nhiệm vụ tìm kiếm") did the task; the visit was not theirs."""
    start = max(m.trigger.end for m in before)
    named = [u for u in described.units if start <= u.span.start < described.trigger.start]
    if not named:
        return
    described.units = named
    keys = {u.entry_id or u.name for u in named}
    for mention in before:
        mention.units = [u for u in mention.units if (u.entry_id or u.name) not in keys]


#: "đã đến thăm cán bộ, chiến sĩ Đội K73 đang thực hiện nhiệm vụ tìm kiếm ... trên địa
#: bàn tỉnh X": the task of the unit visited is described with its own places.
_DESCRIBED_TASK = re.compile(r"\bđang (?:thực hiện|làm)(?: nhiệm vụ)?\s*$")


def _describes_object(analysis: Analysis, mention: Mention) -> bool:
    start = mention.trigger.start
    return bool(_DESCRIBED_TASK.search(analysis.lowered, max(0, start - 40), start))


def _shared_places(analysis: Analysis, places: list[EntityRef], first_trigger: int) -> set[int]:
    """Start offsets of places every activity of the clause shares: those before the end of
    the first trigger (its subject: "đoàn đại biểu tỉnh Long An ... đến thăm, chúc mừng"),
    venues, partners and the places listed with them."""
    shared: set[int] = set()
    previous: EntityRef | None = None
    for place in places:
        before = analysis.lowered[max(0, place.span.start - 15) : place.span.start]
        linked = previous is not None and _PLACE_LINK.match(
            analysis.lowered[previous.span.end : place.span.start]
        )
        partner = _PARTNER.search(analysis.lowered, max(0, place.span.start - 60), place.span.start)
        if (
            place.span.start < first_trigger
            or _LOCATIVE.search(before)
            or partner
            or (linked and previous is not None and previous.span.start in shared)
        ):
            shared.add(place.span.start)
        previous = place
    return shared


#: "lãnh đạo Bộ Quốc phòng 2 nước ... đã tham dự các nội dung: A; B; C": who attended the
#: programme did not run each listed activity; organisers ("tổ chức các hoạt động:") did.
_ATTENDED = re.compile(r"\b(?:tham dự|dự|chứng kiến)\b")


def _borrowed_units(analysis: Analysis, subject: Span, clause: Span) -> list[EntityRef]:
    if subject == clause:
        return []
    if is_list_head(analysis.text, subject) and _ATTENDED.search(
        analysis.lowered[subject.start : subject.end]
    ):
        return []
    return analysis.units(subject)


def _borrowed_places(analysis: Analysis, subject: Span, clause: Span) -> list[EntityRef]:
    """The subject clause's venues ("tại ...", "ở ...", "trên ..."), or all its places when
    none is introduced as one; a place that only describes something ("cột mốc ... xác
    định ranh giới giữa tỉnh X và tỉnh Y") is not where the next clause happened."""
    if subject == clause:
        return []
    places = analysis.places(subject)
    if not _DESCRIBED.search(analysis.lowered[subject.start : subject.end]):
        return places
    return [
        p
        for p in places
        if _VENUE.search(analysis.lowered[max(0, p.span.start - 20) : p.span.start])
    ]


_DESCRIBED = re.compile(r"ranh giới giữa|xác định ranh giới")
_VENUE = re.compile(r"(?:tại|ở|trên|thuộc|địa bàn|khu vực)\s+$")


def _borrowed(
    getter: Callable[[Span], list[EntityRef]], subject: Span, clause: Span
) -> list[EntityRef]:
    return getter(subject) if subject != clause else []


def _nearest_date(analysis: Analysis, clause: Span, trigger: Span) -> DateRef | None:
    """The date nearest the trigger, or a finer date inside it ("28/12/2022 ... năm 2022")."""
    found = [d for d in analysis.dates_in(clause) if not is_attribute(analysis.text, d)]
    if not found:
        return None
    best = min(found, key=lambda d: min(abs(d.start - trigger.end), abs(trigger.start - d.end)))
    finer = [
        d
        for d in found
        if best.span.precision != "days"
        and d.span.days < best.span.days
        and _nested(d.span, best.span)
    ]
    return date_ref(min(finer, key=lambda d: d.span.days) if finer else best)


def _nested(inner: DateSpan, outer: DateSpan) -> bool:
    if None in (inner.start, inner.end, outer.start, outer.end):
        return False
    return outer.start <= inner.start and inner.end <= outer.end  # type: ignore[operator]


_PLAN_BEFORE = re.compile(r"(?:thống nhất|dự kiến|phương hướng|trao đổi kết quả)\b[^.;:]*$")


def is_attribute(text: str, mention: DateMention) -> bool:
    """A bare year after a noun ("kế hoạch phối hợp năm 2025") says what, not when; so does
    the time of what was agreed ("thống nhất kế hoạch phối hợp trong quý II") or of the
    results talked over ("trao đổi kết quả phối hợp ... trong năm 2024")."""
    if is_document_term(text, mention):  # the term of a document signed (dates.py)
        return True
    if _PLAN_BEFORE.search(match_form(text[max(0, mention.start - 120) : mention.start])):
        return True
    if mention.span.precision != "year" or not mention.text.lower().startswith("năm"):
        return False
    before = match_form(text[max(0, mention.start - 12) : mention.start]).rstrip()
    if not before or before.endswith((",", ".", ":", ";", "(")):
        return False
    return not _TIME_PREPOSITION.search(before)


def date_ref(mention: DateMention) -> DateRef:
    span = mention.span
    return DateRef(
        span.start, span.end, span.precision, Span(mention.start, mention.end, mention.text)
    )


def attach_quantities(analysis: Analysis, clause: Span, mentions: list[Mention]) -> None:
    for quantity in analysis.quantities_in(clause):
        fitting = [m for m in mentions if not m.reference and accepts(m.kind, quantity.unit)]
        if fitting:
            nearest = min(fitting, key=lambda m: min(_distance(t, quantity) for t in m.triggers))
            nearest.quantities.append(quantity)


def _distance(trigger: Span, quantity: Quantity) -> float:
    """Characters between a trigger and a quantity; quantities mostly follow their verb
    ("cấp thuốc cho 150 người"), so a trigger after the quantity counts as farther."""
    if trigger.end <= quantity.start:
        return quantity.start - trigger.end
    if quantity.end <= trigger.start:
        return (trigger.start - quantity.end) * _FOLLOWING_PENALTY
    return 0


def is_list_head(text: str, clause: Span) -> bool:
    return text[clause.end : clause.end + 2].startswith(":")


#: "Kết thúc Hội nghị, ... ký kết biên bản", "Tại hội đàm, hai bên đã ký kết ...", "Hai bên
#: ký kết biên bản hội đàm": a document signed at an activity reported just before.
_SIGNED_AT = re.compile(
    r"(?:(?:kết thúc|sau khi kết thúc|tại|trong|sau)\s+(?:buổi\s+|cuộc\s+|đợt\s+)?"
    r"(?P<what>hội đàm|hội nghị|làm việc|giao ban|tuần tra|gặp gỡ|buổi lễ)\b[^,]{0,40},|"
    r"hai bên\b)"
)
_SIGNED_AT_KIND = {"tuần tra": Kind.JOINT_PATROL}
_SIGNED_AT_REACH = 1500
_SIGNING_HOSTS = frozenset(
    {
        Kind.BRIEFING_MEETING,
        Kind.TWINNING_REVIEW,
        Kind.JOINT_PATROL,
        Kind.DELEGATION_IN,
        Kind.DELEGATION_OUT,
    }
)


def share_signed_at(analysis: Analysis, found: list[Mention], earlier: list[Mention]) -> None:
    """A document signed at an activity reported just before ("Kết thúc Hội nghị, ... ký
    kết biên bản") has that activity's places and, when it names none, its units
    (convention 6: the agreement's date, places and units are its activity's)."""
    for mention in found:
        if mention.kind != Kind.AGREEMENT or mention.places or mention.reference:
            continue
        sentence = mention.sentence
        cue = _SIGNED_AT.match(analysis.lowered, sentence.start, sentence.end)
        if cue is None:
            continue
        what = cue.group("what") or ""
        kinds = {_SIGNED_AT_KIND[what]} if what in _SIGNED_AT_KIND else _SIGNING_HOSTS
        host = _reported_before(earlier, sentence.start, kinds, mention.date)
        if host is None:
            continue
        mention.places = list(host.places)  # its own by convention 6, not inherited
        if not mention.units:
            mention.units = list(host.units)


def _reported_before(
    mentions: list[Mention], offset: int, kinds: Collection[str], day: DateRef | None
) -> Mention | None:
    """The activity of one of ``kinds`` reported last before ``offset`` (nearby), on the
    same day when both are dated: the last with places, else the last with units."""
    hosts = [
        mention
        for mention in reversed(mentions)
        if offset - mention.sentence.start <= _SIGNED_AT_REACH
        and mention.kind in kinds
        and not mention.reference
        and _same_day(day, mention.date)
    ]
    return next((m for m in hosts if m.places), None) or next((m for m in hosts if m.units), None)


def _same_day(day: DateRef | None, other: DateRef | None) -> bool:
    """Whether two dates may be one day ("ký kết ... trong năm 2025" says what was signed
    for, not when)."""
    if day is None or other is None or day.precision not in ("day", "days"):
        return True
    return (day.start, day.end) == (other.start, other.end)
