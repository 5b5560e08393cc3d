"""Activity mentions: one per trigger phrase and clause, with the data found around it.

Sentences are read paragraph by paragraph; each clause's triggers become mentions whose
data is attached by :mod:`attach`. A festival named as a frame ("Tại ngày hội, ... như:
...", "Trong khuôn khổ chương trình, ...") becomes the parent of the other activities of
its sentence. "Cùng ngày", "Dịp này" carry the last dated activity's date forward.
"""

from __future__ import annotations

import re
from dataclasses import replace

from huunghi.newsimport.extraction.analysis import Analysis, Mention
from huunghi.newsimport.extraction.article import Article
from huunghi.newsimport.extraction.attach import (
    actor_units,
    attach_context,
    attach_quantities,
    date_ref,
    is_attribute,
    is_list_head,
    settle_places,
    share_signed_at,
    split_places,
)
from huunghi.newsimport.extraction.figures import follow_counts, is_cumulative, leftovers
from huunghi.newsimport.extraction.gazetteer import GazetteerMatch
from huunghi.newsimport.extraction.kinds import (
    TWINNING,
    VISIT,
    Kind,
    Trigger,
    find_triggers,
    is_purpose,
    settle_clause,
)
from huunghi.newsimport.extraction.model import DateRef, Relation
from huunghi.newsimport.extraction.textutil import (
    Span,
    match_form,
    split_clauses,
    split_sentences,
)

_FRAME_CUE = re.compile(
    r"(?:tại|trong khuôn khổ|trước thềm|nhân dịp|bên lề|trong|trước|sau|của|chuẩn bị cho|"
    r"kết thúc|ngoài)\s+"
    r"(?:các\s+|những\s+|chương trình\s+|buổi\s+|cuộc\s+|chuyến\s+|lễ\s+)?$"
)

_POST_NOUNS = re.compile(r"\b(?:đồn|trạm)\b")

_CLUSTER_NOUNS = re.compile(r"cụm dân cư|khu dân cư|\b(?:ấp|phum|thôn|bản|sóc|làng|xã)\b")

_FRAME_START = 80

_FRAME_NOUN = re.compile(
    r"^(?:trong khuôn khổ|bên lề|tại|trong) (?:chương trình|hoạt động|buổi giao lưu|"
    r"sự kiện|buổi lễ|lễ hội)\b"
)

_OCCASION = re.compile(
    r"(?:cũng )?(?:trong |nhân |vào )?(?:cùng ngày|cùng thời gian|cùng dịp|cùng buổi|dịp này|"
    r"ngay sau đó|cùng lúc)\b"
)

_OCCASION_REACH = 40


def find_mentions(analysis: Analysis, article: Article) -> list[Mention]:
    """Every activity mention in the article, paragraph by paragraph."""
    mentions: list[Mention] = []
    last_date: DateRef | None = None
    last_festival: int | None = None
    last: Mention | None = None
    previous: list[Mention] = []
    for paragraph in article.paragraphs:
        if paragraph.role == "heading":
            continue
        frame_date: DateRef | None = None
        for sentence in split_sentences(analysis.text, paragraph.start, paragraph.end):
            occasion = _same_occasion(analysis, sentence, last_date)
            found = _sentence_mentions(analysis, sentence, occasion or frame_date)
            share_signed_at(analysis, found, mentions)
            _link_children(analysis.text, found, len(mentions))
            if _FRAME_NOUN.match(analysis.lowered[sentence.start : sentence.end]):
                _link_to(found, last_festival, Relation.PART_OF)
            newest = _last_festival(found, len(mentions))
            last_festival = last_festival if newest is None else newest
            if not found and last is not None:  # "Hai bên tuần tra, … dài 15 km"
                text = analysis.text[sentence.start : sentence.end]
                last.quantities += leftovers(last.kind, analysis.quantities_in(sentence), text)
                _add_organisers(analysis, sentence, last, previous)
            last = found[-1] if found else last
            previous = found or previous
            mentions.extend(found)
            frame_date = _sentence_frame(analysis, sentence) or frame_date
            last_date = next((m.date for m in reversed(found) if _own_date(m)), last_date)
    return mentions


#: "Chương trình do Cục A chủ trì, phối hợp với Quân khu B, Bộ đội Biên phòng ...": a
#: sentence that names who ran the activity just reported, without naming an activity.
_ORGANISERS = re.compile(
    r"^(?:hoạt động|chương trình|buổi lễ|buổi khám|đợt khám|lễ trao|đợt tuần tra)"
    r"(?: này| trên)?,? (?:do|được)\b[^.;]{0,80}?\b(?:chủ trì|tổ chức|phối hợp|thực hiện)\b"
)


def _add_organisers(
    analysis: Analysis, sentence: Span, last: Mention, previous: list[Mention]
) -> None:
    """Units of a sentence that names who ran the activity just reported ("Hoạt động do
    X chủ trì") or whose delegation it was ("Đoàn Việt Nam do ... dẫn đầu")."""
    lowered = analysis.lowered[sentence.start : sentence.end]
    units = actor_units(analysis, analysis.units(sentence))
    targets = [last]
    if not _ORGANISERS.match(lowered):
        led = _LED_BY.match(lowered)
        targets = [m for m in previous if m.kind in _DELEGATIONS]
        if led is None or not targets:
            return
        side = {"việt nam": "VN", "campuchia": "KH"}.get(led.group("side") or "")
        units = [u for u in units if side is None or u.country == side]
    for target in targets:
        known = {u.entry_id or u.name for u in target.units}
        target.units += [u for u in units if (u.entry_id or u.name) not in known]


#: "Đoàn Việt Nam do Đại tướng ..., Bộ trưởng Bộ Quốc phòng dẫn đầu.": the sentence after
#: a delegation's activity says whose delegation it was (the leader's unit, of its side).
_LED_BY = re.compile(
    r"^đoàn(?: đại biểu| công tác)?(?: (?:của )?(?P<side>việt nam|campuchia))?\b[^.;]{0,40}?"
    r"\bdo\b[^.;]{0,200}?\b(?:dẫn đầu|làm trưởng đoàn)"
)
_DELEGATIONS = frozenset({Kind.DELEGATION_OUT, Kind.DELEGATION_IN, Kind.NEW_YEAR_VISIT})


def _same_occasion(analysis: Analysis, sentence: Span, last_date: DateRef | None) -> DateRef | None:
    """ "Cùng ngày, ...", "Dịp này, ...": the sentence happened with the last dated activity."""
    if last_date is None:
        return None
    opening = analysis.lowered[sentence.start : sentence.start + _OCCASION_REACH]
    return replace(last_date, inherited=True) if _OCCASION.match(opening) else None


def _own_date(mention: Mention) -> bool:
    """Whether a mention has its own day ("Cùng ngày", "Dịp này" point back to an event; a
    review's period, "Trong 9 tháng năm 2022", is no occasion)."""
    return (
        mention.date is not None
        and not mention.date.inherited
        and not mention.reference
        and mention.date.precision in ("day", "days")
    )


def _sentence_frame(analysis: Analysis, sentence: Span) -> DateRef | None:
    """A date that opens a sentence ("Trong năm 2021, ...") frames the rest of the paragraph."""
    for mention in analysis.dates_in(sentence):
        if mention.start < sentence.start + _FRAME_START and not is_attribute(
            analysis.text, mention
        ):
            return date_ref(mention)
    return None


def _sentence_mentions(
    analysis: Analysis, sentence: Span, frame_date: DateRef | None
) -> list[Mention]:
    text = analysis.text
    clauses = split_clauses(text, sentence)
    subject = clauses[0]
    found: list[Mention] = []
    bare: list[Span] = []
    listing: list[Mention] = []
    for clause in clauses:
        clause_mentions = _clause_mentions(analysis, sentence, clause)
        if not clause_mentions and listing:
            _add_listed(analysis, clause, listing)
            continue
        listing = clause_mentions if _lists_members(analysis, clause) else []
        for mention in clause_mentions:
            attach_context(analysis, mention, subject, frame_date)
            mention.cumulative = mention.cumulative and not _campaign_so_far(mention.date)
        split_places(analysis, clause_mentions)
        for mention in clause_mentions:
            settle_places(analysis, mention)
        attach_quantities(analysis, clause, clause_mentions)
        found.extend(clause_mentions)
        if not clause_mentions and not _only_plans(analysis, clause):
            bare.append(clause)
    if _RESTATED.search(analysis.lowered, sentence.start, sentence.end):
        for mention in found:
            _restated(mention)
    owners = [m for m in found if not m.reference]
    for clause in bare:  # "…tuần tra song phương, kiểm soát đoạn biên giới dài 15 km"
        if owners:
            owner = owners[0]
            owner.quantities += leftovers(owner.kind, analysis.quantities_in(clause), clause.text)
    follow_counts(found)
    return found


#: "Tính từ tháng 3 tới nay, đây là lần thứ 5 đơn vị ... nhận lại công dân ...": the
#: activity just reported, counted among those of its kind.
_RESTATED = re.compile(r"\b(?:đây|đó) là (?:lần|đợt) thứ (?:\d+|[^\W\d_]+)\b")


def _restated(mention: Mention) -> None:
    """A sentence that counts the activity just reported ("đây là lần thứ 2 ...") names no
    new activity and no running total: the period it counts over is not the activity's."""
    mention.reference = True
    mention.cumulative = False
    mention.date = None


def _only_plans(analysis: Analysis, clause: Span) -> bool:
    """ "...; tặng 30 suất học bổng, mỗi suất 1 triệu đồng" after "... sẽ ...": a clause
    naming an activity only as a plan holds that plan's numbers, none of the owner's."""
    triggers = find_triggers(analysis.text, clause.start, clause.end, lowered_text=analysis.lowered)
    return any(is_purpose(analysis.text, clause.start, trigger) for trigger in triggers)


#: "đã sang thăm, chúc Tết lực lượng vũ trang 3 tỉnh gồm: Ratanakiri, Stung Treng, ...":
#: the members listed after the colon are whom the clause's activities were for.
_MEMBERS_HEAD = re.compile(r"\b(?:gồm|bao gồm|gồm có)\s*$")


def _lists_members(analysis: Analysis, clause: Span) -> bool:
    return is_list_head(analysis.text, clause) and bool(
        _MEMBERS_HEAD.search(analysis.lowered, clause.start, clause.end)
    )


#: "thăm, chúc tết lực lượng vũ trang hai tỉnh bạn gồm: A, B": the places listed
#: are the forces' provinces, not where the activity happened (label convention 10(c)).
_FORCES_LISTED = re.compile(
    r"\b(?:lực lượng vũ trang|lực lượng bảo vệ biên giới|bộ đội biên phòng|công an|"
    r"cảnh sát|tiểu khu quân sự|hiến binh|(?:các )?đơn vị(?: bạn)?)\b[^,.;:()]{0,50}"
    r"\b(?:gồm|bao gồm|gồm có)\s*$"
)


def _add_listed(analysis: Analysis, clause: Span, listing: list[Mention]) -> None:
    """The places and units of a clause listing the members named before it."""
    head = listing[0].clause
    forces = _FORCES_LISTED.search(analysis.lowered, head.start, head.end)
    places = [] if forces else analysis.places(clause)
    units = actor_units(analysis, analysis.units(clause))
    for mention in listing:
        if mention.reference:
            continue
        for target, extra in ((mention.places, places), (mention.units, units)):
            known = {ref.entry_id or ref.name for ref in target}
            target += [ref for ref in extra if (ref.entry_id or ref.name) not in known]


#: "Lên đường từ ngày 20/2/2023, đến nay, Đội K.. đã cất bốc 83 hài cốt": a count since a
#: day of the last months is what one campaign did so far, not a unit's running total.
_CAMPAIGN_DAYS = 366


def _campaign_so_far(date: DateRef | None) -> bool:
    if date is None or date.precision != "days" or date.start is None or date.end is None:
        return False
    return (date.end - date.start).days <= _CAMPAIGN_DAYS


def _clause_mentions(analysis: Analysis, sentence: Span, clause: Span) -> list[Mention]:
    text = analysis.text
    chosen: dict[str, Mention] = {}
    triggers = find_triggers(text, clause.start, clause.end, lowered_text=analysis.lowered)
    for trigger in settle_clause(text, clause.start, clause.end, triggers):
        if is_purpose(text, clause.start, trigger):
            continue
        if trigger.kind in (Kind.DELEGATION_OUT, Kind.DELEGATION_IN):
            trigger = replace(trigger, kind=_delegation_kind(analysis, clause, trigger))
        if trigger.kind == VISIT:
            visit = _visit_kind(analysis, sentence, trigger)
            if visit is None:
                continue
            trigger = replace(trigger, kind=visit)
        for kind in _kinds_of(analysis, clause, trigger):
            span = Span(trigger.start, trigger.end, trigger.text)
            mention = Mention(kind, span, sentence, clause)
            mention.reference = _is_reference(text, sentence, clause, trigger)
            if kind == Kind.FESTIVAL:
                mention.frame = mention.reference or is_list_head(text, clause)
            mention.cumulative = is_cumulative(clause.text) or _cumulative_opening(
                analysis, sentence
            )
            previous = chosen.get(kind)
            if previous is None or (previous.reference and not mention.reference):
                mention.triggers = [*(previous.triggers if previous else []), span]
                chosen[kind] = mention
            else:
                previous.triggers.append(span)
    return sorted(chosen.values(), key=lambda m: m.trigger.start)


#: "Đến nay, ... đã tổ chức cho 23 đồn kết nghĩa ...; ... được 38 cặp cụm dân cư": a
#: sentence that opens on a running total makes every clause of it one.
_CUMULATIVE_OPENING = re.compile(r"^(?:tính )?(?:đến|tới) nay\s*,")


def _cumulative_opening(analysis: Analysis, sentence: Span) -> bool:
    return bool(_CUMULATIVE_OPENING.match(analysis.lowered[sentence.start : sentence.end]))


def _delegation_kind(analysis: Analysis, clause: Span, trigger: Trigger) -> str:
    """Outgoing unless the delegation named between "đoàn" and "sang" is Cambodian
    ("đoàn đại biểu tỉnh Svay Rieng ... sang thăm"); a delegation "của" a Vietnamese
    province or unit that goes "sang" ("đoàn công tác của tỉnh Đồng Tháp đã sang dự ...")
    is outgoing."""
    if trigger.kind == Kind.DELEGATION_IN:
        return _incoming_or_out(analysis, trigger)
    start = analysis.lowered.find("đoàn", clause.start, trigger.end)
    if start < 0 or start >= trigger.start:
        return trigger.kind
    origin = {_country(m) for m in analysis.matches if start <= m.start and m.end <= trigger.start}
    return Kind.DELEGATION_IN if origin == {"KH"} else trigger.kind


def _incoming_or_out(analysis: Analysis, trigger: Trigger) -> str:
    written = analysis.lowered[trigger.start : trigger.end]
    if not (written.startswith("đoàn") and written.endswith("sang")):
        return trigger.kind
    origin = {
        _country(m) for m in analysis.matches if trigger.start <= m.start and m.end <= trigger.end
    }
    return Kind.DELEGATION_OUT if origin == {"VN"} else trigger.kind


_CAMBODIA = re.compile(r"campuchia|nước bạn|đơn vị bạn")
#: "Tiếp đoàn có ...", "Tiếp đón đoàn gồm ...": who received the delegation follows.
_RECEIVED_HEAD = re.compile(r"\b(?:tiếp|đón)\s+$")
_HOSTS_LISTED = re.compile(r"(?: [^\s,.;:]+){0,4}? (?:có|gồm)\b")


def _host_list(analysis: Analysis, sentence: Span, start: int) -> bool:
    """Whether the "đoàn" at ``start`` is a received delegation followed by its hosts."""
    return (
        start >= 0
        and _RECEIVED_HEAD.search(analysis.lowered, sentence.start, start) is not None
        and _HOSTS_LISTED.match(analysis.lowered, start + len("đoàn")) is not None
    )


def _visit_kind(analysis: Analysis, sentence: Span, trigger: Trigger) -> str | None:
    """ "Đoàn công tác của tỉnh ... đã đến thăm, chào xã giao lãnh đạo tỉnh Stung Treng":
    a delegation from Cambodia comes in; one that visits Cambodians goes out; a visit
    between Vietnamese units is no cross-border delegation (``None``)."""
    start = analysis.lowered.rfind("đoàn", sentence.start, trigger.start)
    head = start if start >= 0 else sentence.start
    origin = {_country(m) for m in analysis.matches if head <= m.start and m.end <= trigger.start}
    if _host_list(analysis, sentence, start):
        # "Tiếp đoàn có bà ..., Phó Tỉnh trưởng tỉnh X, ... đến thăm": the names listed
        # after a received delegation are its hosts, and the visit goes to their side
        if origin == {"KH"}:
            return Kind.DELEGATION_OUT
        if origin == {"VN"}:
            return Kind.DELEGATION_IN
    if "KH" in origin and "VN" not in origin:
        return Kind.DELEGATION_IN
    host = {
        _country(m) for m in analysis.matches if trigger.end <= m.start and m.end <= sentence.end
    }
    after = analysis.lowered[trigger.end : sentence.end]
    if "KH" in host or _CAMBODIA.search(after):
        return Kind.DELEGATION_OUT
    return None


def _country(match: GazetteerMatch) -> str | None:
    pool = (match.entry,) if match.entry else match.candidates
    countries = {entry.country for entry in pool}
    return countries.pop() if len(countries) == 1 else None


def _kinds_of(analysis: Analysis, clause: Span, trigger: Trigger) -> list[str]:
    """The kind of a trigger; "kết nghĩa" becomes post and/or cluster twinning."""
    if trigger.kind != TWINNING:
        return [trigger.kind]
    units = {q.unit for q in analysis.quantities_in(clause)}
    kinds: list[str] = []
    if "post_pair" in units:
        kinds.append(Kind.TWINNING_POST)
    if "cluster_pair" in units:
        kinds.append(Kind.TWINNING_CLUSTER)
    if kinds:
        return kinds
    after = match_form(analysis.text[trigger.end : min(clause.end, trigger.end + 45)])
    after = after.split("kết nghĩa")[0]
    if _POST_NOUNS.search(after):
        kinds.append(Kind.TWINNING_POST)
    if _CLUSTER_NOUNS.search(after):
        kinds.append(Kind.TWINNING_CLUSTER)
    return kinds


def _is_reference(text: str, sentence: Span, clause: Span, trigger: Trigger) -> bool:
    """ "Tại ngày hội, ...", "Kết thúc hội đàm, ...", "Tiếp đoàn, ...": the activity is named
    as the frame of what follows, usually referring back to one already reported."""
    before = match_form(text[max(clause.start, trigger.start - 30) : trigger.start])
    opens_sentence = (
        clause.start == sentence.start and not text[clause.start : trigger.start].strip()
    )
    opener = opens_sentence and text[trigger.end : trigger.end + 1] == ","
    return opener or bool(_FRAME_CUE.search(before))


def _link_children(text: str, found: list[Mention], offset: int) -> None:
    """Activities in a sentence that frames a festival are that festival's children."""
    frames = [m for m in found if m.frame]
    if not frames:
        return
    frame = frames[0]
    parent = offset + found.index(frame)
    relation = _relation(text, frame)
    for mention in found:
        if mention.kind != Kind.FESTIVAL:
            mention.parent, mention.relation = parent, relation


def _link_to(found: list[Mention], parent: int | None, relation: Relation) -> None:
    """ "Trong khuôn khổ chương trình, ...": children of the festival reported just before."""
    if parent is None:
        return
    for mention in found:
        if mention.kind != Kind.FESTIVAL and mention.parent is None:
            mention.parent, mention.relation = parent, relation


def _last_festival(found: list[Mention], offset: int) -> int | None:
    festivals = [i for i, m in enumerate(found) if m.kind == Kind.FESTIVAL and not m.reference]
    return offset + festivals[-1] if festivals else None


def _relation(text: str, frame: Mention) -> Relation:
    before = match_form(text[frame.clause.start : frame.trigger.start])
    if re.search(r"\btrước\b", before):
        return Relation.BEFORE
    if re.search(r"\bsau\b", before):
        return Relation.AFTER
    return Relation.PART_OF
