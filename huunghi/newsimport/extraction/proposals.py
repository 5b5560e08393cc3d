"""``extract_proposals``: the activities and reported figures an article contains."""

from __future__ import annotations

import contextlib
import re
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta

from huunghi.newsimport.extraction.analysis import analyse
from huunghi.newsimport.extraction.article import Article
from huunghi.newsimport.extraction.dates import DateMention, find_dates
from huunghi.newsimport.extraction.figures import (
    FIGURE_UNITS,
    is_cumulative,
    is_figure,
    measure_of,
    one_count_of_remains,
)
from huunghi.newsimport.extraction.gazetteer import Gazetteer, GazetteerMatch, MatchContext
from huunghi.newsimport.extraction.kinds import Kind
from huunghi.newsimport.extraction.markers import Found, find_markers, find_seasons
from huunghi.newsimport.extraction.mentions import find_mentions
from huunghi.newsimport.extraction.merging import (
    Group,
    finer_date,
    merge,
    shares_value,
    told_as_earlier,
)
from huunghi.newsimport.extraction.merging import places_overlap as _places_overlap
from huunghi.newsimport.extraction.metadata import VN_TZ
from huunghi.newsimport.extraction.model import DateRef, Evidence, Proposal, RecordType, Relation
from huunghi.newsimport.extraction.organisations import UnknownUnit, find_unknown_units
from huunghi.newsimport.extraction.quantities import Quantity
from huunghi.newsimport.extraction.textutil import Span, match_form

_TITLE_WEIGHT = 2.0


def extract_proposals(article: Article, gazetteer: Gazetteer) -> list[Proposal]:
    """One proposal per activity the article reports, in order of first mention.

    Places and units are matched through ``gazetteer``; generic names ("Bộ CHQS tỉnh") are
    resolved with the provinces the article names most. A festival's child activities
    point to it through ``parent`` and inherit its date and places when they have none.
    """
    dated = article.published is not None
    article = with_reference_date(article)
    matches = match_entities(article, gazetteer)
    sure_year = dated or _FULL_DATE_YEAR.search(_without_document_dates(article.text)) is not None
    exact = dated or (sure_year and _TODAY_WITH_DATE.search(article.text) is not None)
    analysis = analyse(article, matches, relative_dates=exact, guessed_year=not sure_year)
    mentions = find_mentions(analysis, article)
    groups = merge(mentions)
    owner = {member: index for index, group in enumerate(groups) for member in group.members}
    proposals = [_proposal(group, owner) for group in groups]
    _inherit(proposals)
    _share_sentence_dates(proposals, groups)
    _follow_up_dates(proposals, article.text)
    _framing_trip_dates(proposals)
    _trip_occasion(proposals)
    _opening_days(proposals, analysis.dates)
    _programmes_undated(proposals, groups)
    proposals, groups = _drop_echoed_searches(proposals, groups)
    proposals, groups = _drop_unfounded(proposals, groups, article.text, article.published_date)
    proposals, groups = _drop_announced(proposals, groups, article.text)
    proposals, groups = _join_undated(proposals, groups)
    _attach_markers(proposals, find_markers(article.text))
    _attach_seasons(proposals, groups, find_seasons(article.text))
    proposals, groups = _merge_seasons(proposals, groups)
    proposals, groups = _fold_running_counts(proposals, groups, article.published_date)
    proposals, groups = _drop_echoed_totals(proposals, groups)
    proposals, groups = _drop_earlier_seasons(proposals, groups)
    _attach_unknown_units(proposals, find_unknown_units(article.text, matches))
    _reviewed_year_counts(proposals, article.text)
    return _classify(proposals, groups, reports_a_day=_writes_a_day(article, sure_year))


#: "Sáng 9.12, ... họp tổng kết hợp tác năm 2023 ...": a review meeting of a
#: year; "Qua đó, hai bên ... tổ chức tuần tra song phương 112 cuộc" counts that year.
_REVIEW_OF_YEAR = re.compile(
    r"(?:tổng kết|sơ kết|đánh giá kết quả)(?: công tác)?(?: (?:hợp tác|phối hợp))*"
    r"(?: [^.;,\d]{0,30}?)? năm (\d{4})\b"
)


def _reviewed_year_counts(proposals: list[Proposal], text: str) -> None:
    """Undated counts of sessions ("112 cuộc", "5 lần") in an article that reports a meeting
    reviewing a year are that year's reported figures (label conventions rules 2 and 3),
    not one record."""
    years = {
        int(found.group(1))
        for p in proposals
        if p.kind == Kind.BRIEFING_MEETING and p.date and p.date.precision in _EVENT_PRECISIONS
        for e in p.evidence
        for found in _REVIEW_OF_YEAR.finditer(match_form(text[e.sentence.start : e.sentence.end]))
    }
    if len(years) != 1:
        return
    (year,) = years
    for proposal in proposals:
        if proposal.parent is not None or _own_date(proposal):
            continue
        # "1 buổi giao lưu" at the meeting is an event of its day, "112 cuộc" a year's count
        if any(q.value > 1 for q in proposal.quantities if q.unit in ("session", "time")):
            proposal.date = DateRef(date(year, 1, 1), date(year, 12, 31), "year", None, True)


def _own_date(proposal: Proposal) -> bool:
    """Whether the activity's date is written in its own sentences (not taken from a
    sentence that opens the paragraph, "Ngày 12/5, ... hội nghị tổng kết ...")."""
    when = proposal.date
    if when is None:
        return False
    if when.inherited or when.span is None:
        return True
    return any(e.sentence.start <= when.span.start < e.sentence.end for e in proposal.evidence)


def _attach_unknown_units(proposals: list[Proposal], unknown: list[UnknownUnit]) -> None:
    """Each activity lists the unregistered organisations its own sentences name."""
    for proposal in proposals:
        sentences = [e.sentence for e in proposal.evidence] or [proposal.sentence]
        proposal.unknown_units = [
            u for u in unknown if any(s.start <= u.span.start < s.end for s in sentences)
        ]


def _merge_seasons(
    proposals: list[Proposal], groups: list[Group]
) -> tuple[list[Proposal], list[Group]]:
    """One card per remains activity and season: a total and its breakdown ("180 hài cốt;
    trong đó Đội K70 16, Đội K71 140") are one search, not three. Accumulated totals
    ("trải qua 23 năm ... 746 hài cốt") stay apart."""
    first: dict[tuple[str, str], int] = {}
    keep: list[int] = []
    for index, (proposal, group) in enumerate(zip(proposals, groups, strict=True)):
        key = (proposal.kind, proposal.season or "")
        target = first.get(key)
        if _season_mergeable(proposal, group, proposals) and target is not None:
            _fold(proposals[target], groups[target], proposal, group)
            continue
        if _season_mergeable(proposal, group, proposals):
            first[key] = len(keep)
        keep.append(index)
    return _keep_only(proposals, groups, keep)


def _join_undated(
    proposals: list[Proposal], groups: list[Group]
) -> tuple[list[Proposal], list[Group]]:
    """One card per activity: an undated activity of a kind already proposed, that nothing
    tells apart from it (no other day, no other number in the same unit, no place apart),
    is more of it even when it shares nothing with it ("trao 5 căn nhà ...; trao 15 phần
    quà ..." at the ceremony just reported). It adds its numbers and evidence; its places
    and units are not taken over (often the donor's, or names of another sentence)."""
    keep: list[int] = []
    for index, (proposal, group) in enumerate(zip(proposals, groups, strict=True)):
        target = next(
            (
                i
                for i in keep
                if _joinable(proposals[i], groups[i], proposal, group)
                and not _is_parent(index, proposals)
            ),
            None,
        )
        if target is None:
            keep.append(index)
            continue
        if _named_only(groups[target]) and not _is_parent(target, proposals):
            # "Đại diện Hội ... phát biểu tại buổi tặng quà." before "Ngày 6/12, ... trao
            # 200 phần quà ... cho các hộ nghèo ở huyện X": the event named only as a frame
            # is the one reported next; the report keeps its own places and units
            _join_into(proposals[index], groups[index], proposals[target], groups[target])
            keep[keep.index(target)] = index
            continue
        kept = proposals[target]
        seen = {(q.value, q.unit) for q in kept.quantities}
        kept.quantities += [q for q in proposal.quantities if (q.value, q.unit) not in seen]
        groups[target].quantities = kept.quantities
        kept.evidence += proposal.evidence
        groups[target].clauses += group.clauses
        kept.date = kept.date or proposal.date
    return _keep_only(proposals, groups, keep)


def _counts_sessions(quantities: list[Quantity]) -> bool:
    return any(q.unit in ("session", "time") and not q.per for q in quantities)


def _named_only(group: Group) -> bool:
    """Whether every mention of an activity only names it as a frame or echo ("tại buổi
    tặng quà"), with no report of its own."""
    return group.named == len(group.members)


def _join_into(kept: Proposal, kept_group: Group, named: Proposal, named_group: Group) -> None:
    seen = {(q.value, q.unit) for q in kept.quantities}
    kept.quantities += [q for q in named.quantities if (q.value, q.unit) not in seen]
    kept_group.quantities = kept.quantities
    kept.evidence = named.evidence + kept.evidence
    kept_group.clauses = named_group.clauses + kept_group.clauses
    kept.date = kept.date or named.date


def _joinable(first: Proposal, first_group: Group, second: Proposal, group: Group) -> bool:
    if first.kind != second.kind or first.parent != second.parent:
        return False
    # one meeting named as a frame ("Tại buổi làm việc, ...") is no part of a count of
    # meetings ("tổ chức 14 cuộc họp")
    if _named_only(first_group) and _counts_sessions(second.quantities):
        return False
    if first.kind in _SEASON_KINDS or first_group.cumulative or group.cumulative:
        return False
    if first.date is not None and second.date is not None:
        return False
    if any(
        told_as_earlier(e.sentence.text) for e in (*first.evidence, *second.evidence)
    ) and not shares_value(first.quantities, second.quantities):
        return False
    if first_group.ordinals and group.ordinals and not first_group.ordinals & group.ordinals:
        return False
    if first.places and second.places and not _places_overlap(first.places, second.places):
        return False
    if any(_HABITUAL.search(match_form(c)) for c in group.clauses):
        return False
    return not any(
        a.unit == b.unit and a.value != b.value for a in first.quantities for b in second.quantities
    )


_ONGOING_DAYS = 31


def _fold_running_counts(
    proposals: list[Proposal], groups: list[Group], today: date | None
) -> tuple[list[Proposal], list[Group]]:
    """ "Đến nay, Đội K5x đã quy tập được 6 hài cốt": an undated running count
    of a team whose campaign the article follows up to its own day is that campaign's
    count, not a figure of its own."""
    if today is None:
        return proposals, groups
    keep: list[int] = []
    for index, (proposal, group) in enumerate(zip(proposals, groups, strict=True)):
        target = next(
            (
                i
                for i in keep
                if _ongoing_campaign(proposals[i], today)
                and proposals[i].kind == proposal.kind
                and _shares_unit(proposals[i], proposal)
            ),
            None,
        )
        running = group.cumulative or any(is_cumulative(c) for c in group.clauses)
        if (
            target is None
            or proposal.kind not in _SEASON_KINDS
            or proposal.date is not None
            or not running
            or _is_parent(index, proposals)
        ):
            keep.append(index)
            continue
        _fold(proposals[target], groups[target], proposal, group)
    return _keep_only(proposals, groups, keep)


def _ongoing_campaign(proposal: Proposal, today: date) -> bool:
    when = proposal.date
    if when is None or when.end is None or when.start is None:
        return False
    return _campaign(when) and abs((today - when.end).days) <= _ONGOING_DAYS


def _shares_unit(first: Proposal, second: Proposal) -> bool:
    return bool(
        {u.entry_id for u in first.units if u.entry_id}
        & {u.entry_id for u in second.units if u.entry_id}
    )


def _keep_only(
    proposals: list[Proposal], groups: list[Group], keep: list[int]
) -> tuple[list[Proposal], list[Group]]:
    """The proposals (and their groups) at the indexes in ``keep``, in order; a kept
    proposal's parent is renumbered, or cleared when the parent was dropped."""
    remap = {old: new for new, old in enumerate(keep)}
    kept = [proposals[i] for i in keep]
    for proposal in kept:
        if proposal.parent is not None:
            proposal.parent = remap.get(proposal.parent)
    return kept, [groups[i] for i in keep]


def _season_mergeable(proposal: Proposal, group: Group, proposals: list[Proposal]) -> bool:
    if proposal.kind not in _SEASON_KINDS:
        return False
    if not proposal.season and any(p.season for p in proposals if p.kind == proposal.kind):
        return False
    if _running_total(group, proposal):
        return False
    return not any(p.parent is not None and proposals[p.parent] is proposal for p in proposals)


def _drop_echoed_totals(
    proposals: list[Proposal], groups: list[Group]
) -> tuple[list[Proposal], list[Group]]:
    """ "Trên địa bàn tỉnh có 492 liệt sỹ đã được quy tập" and later "... nâng tổng số ...
    lên 492": a remains card whose only numbers are a running total raised elsewhere in the
    article restates that total, it is no search of its own."""
    raised = {
        (q.value, q.unit) for group in groups for q in group.quantities if _raised(group, q) is True
    }
    keep = []
    for index, (proposal, group) in enumerate(zip(proposals, groups, strict=True)):
        own = [q for q in proposal.quantities if _raised(group, q) is not True]
        echo = bool(own) and all((q.value, q.unit) in raised for q in own)
        if proposal.kind in _SEASON_KINDS and echo and not _is_parent(index, proposals):
            continue
        keep.append(index)
    return _keep_only(proposals, groups, keep)


def _drop_earlier_seasons(
    proposals: list[Proposal], groups: list[Group]
) -> tuple[list[Proposal], list[Group]]:
    """A report on a team's current season that recalls the season before ("Trong mùa khô
    2015-2016, Đội K53 đã quy tập được 14 hài cốt") gives background: when the latest
    season has an activity dated to the day, only that season's searches are proposed."""
    seasons = [p.season for p in proposals if p.kind in _SEASON_KINDS and p.season]
    if len(set(seasons)) < 2:
        return proposals, groups
    latest = max(seasons)
    current = any(
        p.season == latest and p.date is not None and p.date.precision in _EVENT_PRECISIONS
        for p in proposals
    )
    if not current:  # a review of several seasons keeps each
        return proposals, groups
    keep = [
        index
        for index, proposal in enumerate(proposals)
        if not (
            proposal.kind == Kind.REMAINS_SEARCH
            and proposal.season
            and proposal.season < latest
            and not _is_parent(index, proposals)
        )
    ]
    return _keep_only(proposals, groups, keep)


def _running_total(group: Group, proposal: Proposal) -> bool:
    """Whether an activity reports an accumulated total ("trải qua 23 năm ... 746 hài cốt");
    a count since a day of the last months ("từ ngày 20/2/2023, đến nay") is one campaign."""
    if group.cumulative:
        return True
    return any(is_cumulative(c) for c in group.clauses) and not _campaign(proposal.date)


def _fold(target: Proposal, target_group: Group, other: Proposal, other_group: Group) -> None:
    seen = {(q.value, q.unit) for q in target.quantities}
    target.quantities += [q for q in other.quantities if (q.value, q.unit) not in seen]
    target_group.quantities = target.quantities
    target.units += [u for u in other.units if u.entry_id not in {x.entry_id for x in target.units}]
    target.places += [
        p for p in other.places if p.entry_id not in {x.entry_id for x in target.places}
    ]
    target.evidence += other.evidence
    target_group.clauses += other_group.clauses
    target.date = finer_date(target.date, other.date)


def _shorter(first: DateRef, second: DateRef) -> bool:
    if None in (first.start, first.end):
        return False
    if None in (second.start, second.end):
        return True
    assert first.start and first.end and second.start and second.end
    return (first.end - first.start) < (second.end - second.start)


def _drop_echoed_searches(
    proposals: list[Proposal], groups: list[Group]
) -> tuple[list[Proposal], list[Group]]:
    """A search named only inside a handover's sentences ("tiếp nhận 62 hài cốt do Đội K71
    quy tập") is the handover's history, not a second activity: without figures of its
    own it is not proposed."""
    handover = {
        (e.sentence.start, e.sentence.end)
        for p in proposals
        if p.kind == "remains_handover"
        for e in p.evidence
    }
    keep = []
    for index, proposal in enumerate(proposals):
        sentences = {(e.sentence.start, e.sentence.end) for e in proposal.evidence}
        echoed = proposal.kind == "remains_search" and sentences and sentences <= handover
        if echoed and not proposal.quantities and not _is_parent(index, proposals):
            continue
        keep.append(index)
    return _keep_only(proposals, groups, keep)


#: Kinds whose trigger phrases are also said of something else: at least one sentence of the
#: activity must say what it is about ("Lễ đón" of a delegation is no remains handover;
#: "trao kinh phí" of a scholarship programme is no government funding).
_KIND_EVIDENCE = {
    "remains_handover": re.compile(r"hài cốt|liệt s[ĩỹ]|hồi hương|cải táng|an táng|quy tập"),
    "government_funds": re.compile(r"chính phủ"),
}


def _drop_unfounded(
    proposals: list[Proposal], groups: list[Group], text: str, today: date | None
) -> tuple[list[Proposal], list[Group]]:
    """Precision first: a card without evidence for its kind is not proposed, nor is the
    background of an event years before the article ("Cột mốc được khánh thành ngày
    18/1/2008" in a 2018 report)."""
    keep = []
    news = _WRITTEN_DAY.search(text) is not None
    for index, (proposal, _group) in enumerate(zip(proposals, groups, strict=True)):
        sentences = [match_form(text[e.sentence.start : e.sentence.end]) for e in proposal.evidence]
        evidence = _KIND_EVIDENCE.get(proposal.kind)
        unfounded = evidence is not None and not any(evidence.search(s) for s in sentences)
        if news and _long_running_total(proposal, _group, text):
            # a total over years credited to a unit is its reported figure (label
            # conventions rule 2), not a record of the event reported
            _group.cumulative = True
        background = (
            _history(proposal, today)
            or _vague_plural(proposal, text)
            or _told_as_practice(proposal, text, news=news)
            or _habitual_background(proposal, _group, text)
            or _praised_help(proposal, text)
        )
        if (unfounded or background) and not _is_parent(index, proposals):
            continue
        keep.append(index)
    return _keep_only(proposals, groups, keep)


_HISTORY = timedelta(days=730)

#: "Theo đó, ngày 3/11 tới đây, ... tổ chức chương trình giao lưu ...": a day named as
#: coming, or an event said to be about to take place, is announced, not reported.
_ANNOUNCED = re.compile(
    r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})? (?:tới đây|sắp tới)\b|"
    r"\b(?:sắp|sẽ) (?:diễn ra|được tổ chức|tổ chức)\b"
)


def _drop_announced(
    proposals: list[Proposal], groups: list[Group], text: str
) -> tuple[list[Proposal], list[Group]]:
    """Plans are no cards (label conventions rule 1): an activity every sentence of which
    announces it ("ngày 3/11 tới đây, ... tổ chức ...") goes, and with it the activities
    listed as its programme (its children)."""
    announced = set()
    for index, proposal in enumerate(proposals):
        sentences = [text[e.sentence.start : e.sentence.end] for e in proposal.evidence]
        if sentences and all(
            _ANNOUNCED.search(match_form(s)) and not _DONE_IN.search(match_form(s))
            for s in sentences
        ):
            announced.add(index)
    keep = [
        index
        for index, proposal in enumerate(proposals)
        if index not in announced and proposal.parent not in announced
    ]
    return _keep_only(proposals, groups, keep)


_DONE_IN = re.compile(r"\bđã\b")


#: "Phía bạn luôn hỗ trợ đội ... trong việc tìm kiếm hài cốt ... nhiều năm qua", "tạo điều
#: kiện giúp đỡ ... tuần tra": thanks for help in general, with no
#: day and no number, is no activity report.
_HELPED = re.compile(r"(?:hỗ trợ|giúp đỡ|tạo (?:mọi )?điều kiện)(?:[^.;,]){0,60}$")
_PRAISE = re.compile(
    r"tích cực|\bluôn\b|thời gian qua|những năm qua|nhiều năm qua|các thời kỳ|cảm ơn|biết ơn|"
    r"đánh giá cao"
)


def _praised_help(proposal: Proposal, text: str) -> bool:
    """Whether a numberless activity with no day of its own is only ever named as what a
    partner helped with, in words of praise or thanks ("cảm ơn ... đã tận tình giúp đỡ ...
    trong việc tìm kiếm, cất bốc hài cốt")."""
    if proposal.quantities or not proposal.evidence:
        return False
    when = proposal.date  # a year framing the thanks ("trong năm 2014") is no day of it
    if when is not None and when.precision in _EVENT_PRECISIONS:
        return False
    for evidence in proposal.evidence:
        sentence = match_form(text[evidence.sentence.start : evidence.sentence.end])
        head = match_form(text[evidence.sentence.start : evidence.trigger.start])
        if not (_HELPED.search(head) and _PRAISE.search(sentence)):
            return False
    return True


#: "Được biết, suốt năm 2019, hai đồn vẫn thường xuyên duy trì ... tuần tra chung": what
#: two units did as a rule over a past period, told as background ("Được biết", "Trước
#: đó"), with no number, is no card (an undated practice, "duy trì tuần tra mỗi tháng", and
#: a year's review, "Trong năm 2021, ... duy trì trao đổi tình hình", keep theirs).
_HABITUAL = re.compile(r"thường xuyên|duy trì|định kỳ|hằng (?:tháng|quý|năm)|hàng (?:tháng|quý)")
_BACKGROUND_OPENER = re.compile(r"^(?:cũng )?(?:được biết|trước đó)\s*,")


def _habitual_background(proposal: Proposal, group: Group, text: str) -> bool:
    """Whether every mention of a numberless activity dated by a period (not a day) is a
    practice told as background."""
    if proposal.quantities or not group.clauses or not proposal.evidence:
        return False
    if proposal.date is None or proposal.date.precision in _EVENT_PRECISIONS:
        return False
    opened = all(
        _BACKGROUND_OPENER.match(match_form(text[e.sentence.start : e.sentence.end]))
        for e in proposal.evidence
    )
    return opened and all(_HABITUAL.search(match_form(clause)) for clause in group.clauses)


#: "Những năm qua, tỉnh ... luôn tích cực tổ chức ... tặng học bổng ...", "Hằng năm, ngành
#: Quân y ... khám bệnh ...": a sentence about a span of years tells what is usually done.
_PRACTICE_OPENER = re.compile(
    r"^(?:\([^)]{0,30}\)\s*[-–]\s*)?(?:trong |qua |suốt )?(?:(?:những|nhiều|các|mấy) năm"
    r"(?: qua| gần đây| trở lại đây)?|hằng năm|hàng năm|từ (?:nhiều )?năm \d{4} (?:đến|tới) nay|"
    r"thời gian (?:vừa )?qua)\s*,"
)
#: "làm tốt hơn nữa công tác tuyên truyền ...", "nâng cao chất lượng công tác phối hợp
#: đấu tranh với tội phạm": an activity named as a line of work, not as something held.
_LINE_OF_WORK = re.compile(r"(?<!đoàn )(?<!chuyến )\bcông tác (?:phối hợp )?$")
#: "... đã tăng cường công tác tuần tra song phương ...", "luôn quan tâm ...": a line of
#: work praised or urged, not an event (a practice kept at a stated rhythm, "duy trì tuần
#: tra ... mỗi tháng một lần", keeps its card: README).
_PRACTICE_VERB = re.compile(
    r"(?:tăng cường|đẩy mạnh|nâng cao|chú trọng|quan tâm|\bluôn|thường xuyên)"
    r"(?: (?!đã\b|được\b)[^\s,;.]+){0,6}\s*$"
)


#: "Sáng 19-9, ...", "ngày 03/12": the article reports an event of a given day (a news
#: report; in a review of a year every activity told is its content).
_WRITTEN_DAY = re.compile(
    r"(?:\b[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm)\s+(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\b"
)
_VAGUE_DELEGATIONS = re.compile(r"\bnhiều đoàn\b")


_STOCKS = frozenset({Kind.TWINNING_POST, Kind.TWINNING_CLUSTER})


def _long_running_total(proposal: Proposal, group: Group, text: str) -> bool:
    """ "Trong những năm qua, ... Đội K52 đã tìm kiếm, cất bốc được 640 hài cốt", "Từ năm 2001
    đến nay, đội K73 đã ... hơn 2.000 bộ hài cốt": in a news report, a running total over
    years, told in a sentence that opens on that span, is no record of the event: it is
    the unit's reported figure (label conventions rule 2)."""
    if not proposal.quantities or not proposal.evidence or proposal.parent is not None:
        return False
    if proposal.kind in _STOCKS:  # "Từ năm 2013 đến nay, ... đã có 12 cặp cụm dân cư kết
        return False  # nghĩa": pairs that exist today are a figure of their own
    if not (group.cumulative or any(is_cumulative(c) for c in group.clauses)):
        return False
    return all(
        _PRACTICE_OPENER.match(match_form(text[e.sentence.start : e.sentence.end]))
        for e in proposal.evidence
    )


#: "khám, tư vấn và phát thuốc cho bà con ... là hoạt động thường niên": named as recurring.
_RECURRING = re.compile(
    r"\blà (?:một )?(?:hoạt động|việc làm|chương trình) (?:thường niên|thường xuyên|hằng năm|"
    r"hàng năm)"
)


#: "duy trì việc gặp nhau định kỳ hằng tháng": a practice kept at a stated rhythm
#: is the record of that practice (README), not background.
_RHYTHM = re.compile(r"định kỳ|(?:hằng|hàng|mỗi) (?:tuần|tháng|quý)|\d+ lần ?/ ?(?:tuần|tháng)")
_RHYTHM_REACH = 60


def _told_as_practice(proposal: Proposal, text: str, *, news: bool) -> bool:
    """Whether every mention of an activity with no number and no day of its own is a
    practice: after (or opening on) a verb of keeping it up ("đã tăng cường tuần tra song
    phương", "thường xuyên trao đổi thông tin"); in a news report also in a sentence about a
    span of years or after uncounted delegations ("tổ chức nhiều đoàn ... sang khám chữa
    bệnh"), which a review of years reports as its content. A practice kept at a stated
    rhythm ("gặp nhau định kỳ hằng tháng") is a record (README)."""
    if proposal.quantities or not proposal.evidence or proposal.parent is not None:
        return False
    when = proposal.date
    if when is not None and not when.inherited and when.precision in _EVENT_PRECISIONS:
        return False
    for evidence in proposal.evidence:
        sentence = match_form(text[evidence.sentence.start : evidence.sentence.end])
        head = match_form(
            text[max(evidence.sentence.start, evidence.trigger.start - 60) : evidence.trigger.start]
        )
        after = match_form(text[evidence.trigger.end : evidence.sentence.end])
        if _RHYTHM.search(match_form(evidence.trigger.text) + " " + after[:_RHYTHM_REACH]):
            return False
        kept_up = (
            _PRACTICE_VERB.search(head)
            or _PRACTICE_VERB.match(match_form(evidence.trigger.text))
            or _LINE_OF_WORK.search(head)
        )
        if not (
            kept_up
            or (news and _PRACTICE_OPENER.match(sentence))
            or (news and _RECURRING.search(after))
            or (
                news
                and _VAGUE_DELEGATIONS.search(
                    match_form(text[evidence.sentence.start : evidence.trigger.end])
                )
            )
        ):
            return False
    return True


#: "đã có nhiều buổi giao lưu thể thao, thăm hỏi ...": uncounted activities
#: summed up in a review are no card (nothing says when, where or how many).
_VAGUE_PLURAL = re.compile(r"\bnhiều (?:buổi|cuộc|hoạt động|đợt|lần|chương trình)\b")
_VAGUE_REACH = 80


def _vague_plural(proposal: Proposal, text: str) -> bool:
    """Whether every mention of a numberless activity follows "nhiều buổi / cuộc / ..."
    in its sentence."""
    if proposal.quantities or not proposal.evidence or proposal.parent is not None:
        return False
    return all(_after_vague_plural(text, e) for e in proposal.evidence)


def _after_vague_plural(text: str, evidence: Evidence) -> bool:
    """ "nhiều hoạt động như: chào cột mốc, ..." names the activities: not vague."""
    before = match_form(
        text[
            max(
                evidence.sentence.start, evidence.trigger.start - _VAGUE_REACH
            ) : evidence.trigger.start
        ]
    )
    found = next(reversed(list(_VAGUE_PLURAL.finditer(before))), None)
    return found is not None and not re.search(r"\bnhư\b|:", before[found.end() :])


def _history(proposal: Proposal, today: date | None) -> bool:
    when = proposal.date
    if today is None or when is None or when.end is None or when.inherited:
        return False
    return when.precision in _EVENT_PRECISIONS and when.end < today - _HISTORY


def _is_parent(index: int, proposals: list[Proposal]) -> bool:
    return any(p.parent == index for p in proposals if p is not proposals[index])


_MARKER_KINDS = ("joint_patrol", "marker_salute", "tree_planting")
_SEASON_KINDS = ("remains_search", "remains_handover")


def _attach_markers(proposals: list[Proposal], markers: list[Found]) -> None:
    """A marker goes to the activity reported in its sentence (the nearest trigger before
    it); a marker in no activity's sentence goes to the article's only patrol or salute."""
    for marker in markers:
        owner = _sentence_owner(proposals, marker.start)
        if owner is None:
            fitting = [p for p in proposals if p.kind in _MARKER_KINDS]
            owner = fitting[0] if len(fitting) == 1 else None
        if owner is not None and marker.value not in owner.markers:
            owner.markers.append(marker.value)


def _attach_seasons(proposals: list[Proposal], groups: list[Group], seasons: list[Found]) -> None:
    """Remains activities take the season written in their sentence, else the article's
    first one; an accumulated total ("trải qua 23 năm ... 746 hài cốt") takes none."""
    if not seasons:
        return
    for proposal, group in zip(proposals, groups, strict=True):
        if proposal.kind not in _SEASON_KINDS:
            continue
        sentences = [e.sentence for e in proposal.evidence] or [proposal.sentence]
        own = [f for f in seasons for s in sentences if s.start <= f.start < s.end]
        if not own and _running_total(group, proposal):
            continue
        proposal.season = (own or seasons)[0].value


def _sentence_owner(proposals: list[Proposal], offset: int) -> Proposal | None:
    best: tuple[int, Proposal] | None = None
    for proposal in proposals:
        for evidence in proposal.evidence or [Evidence(proposal.trigger, proposal.sentence)]:
            if not evidence.sentence.start <= offset < evidence.sentence.end:
                continue
            distance = offset - evidence.trigger.start
            rank = distance if distance >= 0 else 10_000 - distance
            if best is None or rank < best[0]:
                best = (rank, proposal)
    return best[1] if best else None


_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d)")
#: A full date ("20/2/2023", "9-11-2016"): the article's year is known from its text.
_FULL_DATE_YEAR = re.compile(r"(?<![\d/.-])\d{1,2}([/.-])\d{1,2}\1(?:19[89]\d|20[0-4]\d)(?!\d)")


#: "Quy chế ... do hai bên ký ngày 2/3/2004": the day a document was
#: signed says nothing of the year the article reports.
_DOCUMENT_DATE = re.compile(
    r"(?:\bký|ký kết|ban hành|thông qua)(?: vào)? (?:ngày )?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
)


def _without_document_dates(text: str) -> str:
    return _DOCUMENT_DATE.sub(" ", text)


def _today() -> date:
    return datetime.now(tz=VN_TZ).date()


#: "Hôm nay (30/6)", "Chiều nay, 22/5": the text gives its own day.
_TODAY_WITH_DATE = re.compile(
    r"(?:[Hh]ôm|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa) nay\s*(?:\(|,)\s*(?:ngày\s+)?"
    r"(\d{1,2})[/.-](\d{1,2})(?![\d/])"
)


def with_reference_date(article: Article) -> Article:
    """An article without a publication date is read as of the last day of the latest year
    its text names ("từ ngày 20/2/2023 … Hôm nay (30/6)" is 2023), so day-and-month dates
    get a year; with no year at all, dates without one stay unresolved. When the text
    names its own day ("Hôm nay (30/6)"), that day of that year is the reference."""
    if article.published is not None:
        return article
    evidence = _without_document_dates(article.text)
    years = [int(y) for y in _YEAR_IN_TEXT.findall(evidence) if int(y) <= _today().year]
    if not years:
        return article
    moment = datetime(max(years), 12, 31, tzinfo=VN_TZ)
    own_day = _TODAY_WITH_DATE.search(article.text)
    if own_day:
        day, month = int(own_day.group(1)), int(own_day.group(2))
        with contextlib.suppress(ValueError):
            moment = datetime(max(years), month, day, tzinfo=VN_TZ)
    return replace(article, published=moment, published_has_time=False)


def match_entities(article: Article, gazetteer: Gazetteer) -> list[GazetteerMatch]:
    """Places and units in the text, resolved in a second pass with the province context
    (as of the article's date; today's places and units when it has none)."""
    on = article.published_date or _today()
    text = _ACRONYM_INSERT.sub(lambda m: " " * len(m.group(0)), article.text)
    first = gazetteer.find(text, MatchContext(on=on))
    title = gazetteer.find(article.title, MatchContext(on=on)) if article.title else []
    provinces = province_context(first, title)
    return gazetteer.find(text, MatchContext(on=on, provinces=provinces))


#: "Bộ Chỉ huy Bộ đội Biên phòng (BĐBP) tỉnh Long An": an acronym in brackets inside a
#: unit's name is blanked (same length, offsets kept) so the whole name matches.
_ACRONYM_INSERT = re.compile(r"\((?:BĐBP|CHQS|BCH|CKQT|QĐND|LLVT|UBND|BĐBP tỉnh)\)")


def province_context(
    matches: list[GazetteerMatch], title_matches: list[GazetteerMatch]
) -> dict[str, float]:
    """Weight of every province id named (directly or through a place or unit)."""
    weights: defaultdict[str, float] = defaultdict(float)
    for weight, pool in ((1.0, matches), (_TITLE_WEIGHT, title_matches)):
        for match in pool:
            if match.entry is None:
                continue
            for province in (match.entry.id, *match.entry.provinces):
                weights[province] += weight
    return dict(weights)


def _proposal(group: Group, owner: dict[int, int]) -> Proposal:
    first = group.evidence[0]
    return Proposal(
        kind=str(group.kind),
        record_type=RecordType.RECORD,
        trigger=first.trigger,
        sentence=first.sentence,
        date=group.date,
        places=group.places,
        units=group.units,
        quantities=_once(group.quantities),
        parent=owner.get(group.parent) if group.parent is not None else None,
        relation=group.relation,
        evidence=group.evidence,
    )


def _once(quantities: list[Quantity]) -> list[Quantity]:
    """A paragraph that repeats the numbers of one before it adds nothing."""
    seen: set[tuple[object, str, str | None]] = set()
    kept = []
    for quantity in quantities:
        key = (quantity.value, quantity.unit, quantity.per)
        if key not in seen:
            seen.add(key)
            kept.append(quantity)
    return kept


def _inherit(proposals: list[Proposal]) -> None:
    """Children without their own date or places take their parent's."""
    for proposal in proposals:
        if proposal.parent is None or proposal.parent == proposals.index(proposal):
            continue
        parent = proposals[proposal.parent]
        if proposal.date is None and parent.date is not None:
            proposal.date = _inherited_date(parent.date, proposal.relation)
        if not proposal.places:
            proposal.places = [replace(place, inherited=True) for place in parent.places]


def _share_sentence_dates(proposals: list[Proposal], groups: list[Group]) -> None:
    """An undated activity in a sentence that refers back to a dated one happened then too
    ("Kết thúc hội đàm, hai bên ký biên bản ghi nhớ")."""
    sources = [
        (set(group.echoes), proposal.date)
        for proposal, group in zip(proposals, groups, strict=True)
        if proposal.date is not None and not proposal.date.inherited and group.echoes
    ]
    for proposal in proposals:
        if proposal.date is not None:
            continue
        sentences = {e.sentence for e in proposal.evidence}
        borrowed = next((d for echoes, d in sources if sentences & echoes), None)
        if borrowed is not None:
            proposal.date = replace(borrowed, inherited=True)


#: "Kết thúc tuần tra, hai bên hội đàm ...", "Sau tuần tra, ...", "Quá trình tuần tra, ...":
#: the sentence continues the activity it names.
_FOLLOW_UP = re.compile(
    r"^(?:kết thúc|sau khi kết thúc|sau khi|sau|ngay sau|quá trình|trong quá trình|tại)\s+"
    r"(?:buổi\s+|cuộc\s+|chuyến\s+|đợt\s+|lễ\s+)?(?P<what>[^,]{2,40}),"
)
#: "Hai bên hội đàm ..." right after a delegation was received: the same visit.
_BOTH_SIDES = re.compile(r"^(?:hai bên|hai đơn vị|hai đoàn|tại buổi (?:tiếp|làm việc))\b")
_FOLLOWED_KIND = {
    "tuần tra": "joint_patrol",
    "hội đàm": "briefing_meeting",
    "giao ban": "briefing_meeting",
    "làm việc": "briefing_meeting",
}
_VISITS = frozenset({"delegation_in", "delegation_out", "new_year_visit"})
_FOLLOW_UP_REACH = 600


def _follow_up_dates(proposals: list[Proposal], text: str) -> None:
    """An undated activity in a sentence that opens by naming an earlier activity ("Kết
    thúc tuần tra, ...") or, right after a visit, by "Hai bên ..." took place that day."""
    for proposal in proposals:
        if not proposal.evidence:
            continue
        sentence = proposal.evidence[0].sentence
        opening = match_form(text[sentence.start : sentence.start + 80])
        follow = _FOLLOW_UP.match(opening)
        coarse = follow and not proposal.quantities and _coarse(proposal.date)
        if proposal.date is not None and not coarse:
            continue
        if follow:
            kind = next((k for w, k in _FOLLOWED_KIND.items() if w in follow.group("what")), None)
            source = _dated_before(proposals, sentence.start, {kind} if kind else None)
        elif _BOTH_SIDES.match(opening) and not proposal.quantities:
            source = _dated_before(proposals, sentence.start, _VISITS)
        else:
            continue
        if source is not None and source.date is not None:
            proposal.date = replace(source.date, inherited=True)


_OPENING_REACH = 30


def _opening_days(proposals: list[Proposal], dates: list[DateMention]) -> None:
    """ "Ngày 10/01, Công an tỉnh ... tổ chức Hội nghị ... 6 tháng cuối năm 2019": the day
    that opens the sentence is when the activity took place; a period later in it says what
    was reviewed or planned. Activities with numbers keep their period (a figure's)."""
    for proposal in proposals:
        when = proposal.date
        if when is None or when.inherited or when.precision in _EVENT_PRECISIONS:
            continue
        if proposal.quantities or not proposal.evidence:
            continue
        sentence = proposal.evidence[0].sentence
        opening = next(
            (
                d
                for d in dates
                if sentence.start <= d.start < sentence.start + _OPENING_REACH
                and d.span.precision == "day"
            ),
            None,
        )
        if opening is not None and opening.end <= proposal.evidence[0].trigger.start:
            span = opening.span
            proposal.date = DateRef(
                span.start, span.end, span.precision, Span(opening.start, opening.end, opening.text)
            )


def _framing_trip_dates(proposals: list[Proposal]) -> None:
    """An undated trip named as the frame of a dated activity in its sentence ("Trong khuôn
    khổ chuyến công tác tại Campuchia, trong hai ngày 6 và 7-4, ... thăm, chúc tết ...")
    took place then."""
    for proposal in proposals:
        if proposal.date is not None or proposal.kind not in _TRIP_KINDS:
            continue
        sentences = {e.sentence for e in proposal.evidence}
        dated = next(
            (
                p
                for p in proposals
                if p is not proposal
                and p.date is not None
                and not p.date.inherited
                and sentences & {e.sentence for e in p.evidence}
            ),
            None,
        )
        if dated is not None and dated.date is not None:
            proposal.date = replace(dated.date, inherited=True)


_TRIP_KINDS = frozenset({"delegation_out", "delegation_in"})


def _trip_occasion(proposals: list[Proposal]) -> None:
    """A trip and what it was made for are one occasion (label conventions rule 7): a trip
    with no places takes those of the greeting told in its own sentence ("Trong khuôn khổ
    chuyến công tác tại Campuchia, ..., thăm, chúc tết Ủy ban Hành chính tỉnh A và tỉnh
    B"); a trip told only after the lead, by its reception ("Tiếp đoàn có ...", "chào mừng
    đoàn ... sang"), with no day or place of its own, took place at the event the lead
    reports ("Ngày 22/10 tại thành phố X, Đoàn công tác ... đã có buổi làm việc với ...",
    "Lễ đón diễn ra tại Cửa khẩu ... (15/8)")."""
    lead = _lead(proposals)
    for proposal in proposals:
        if proposal.kind not in _TRIP_KINDS or proposal.places or not proposal.evidence:
            continue
        sentences = {e.sentence for e in proposal.evidence}
        greeting = next(
            (
                p
                for p in proposals
                if p.kind == Kind.NEW_YEAR_VISIT
                and p.places
                and sentences & {e.sentence for e in p.evidence}
            ),
            None,
        )
        source = greeting or (
            lead if proposal.date is None and _told_after(proposal, lead) else None
        )
        if source is None:
            continue
        # the places the text gives the occasion are the trip's own (rule 7), not a frame's
        proposal.places = list(source.places)
        if proposal.date is None and source.date is not None:
            proposal.date = replace(source.date, inherited=True)


def _programmes_undated(proposals: list[Proposal], groups: list[Group]) -> None:
    """A programme named only as a frame states no day of its own: one borrowed from the
    sentence it frames is the framed activity's."""
    for proposal, group in zip(proposals, groups, strict=True):
        if group.programme:
            proposal.date = None


def _lead(proposals: list[Proposal]) -> Proposal | None:
    """The activity the article opens on, when it names where it took place."""
    told = [p for p in proposals if p.evidence]
    if not told:
        return None
    first = min(told, key=lambda p: p.evidence[0].trigger.start)
    return first if first.places and first.kind not in _TRIP_KINDS else None


def _told_after(proposal: Proposal, lead: Proposal | None) -> bool:
    if lead is None or lead is proposal:
        return False
    opening = lead.evidence[0].sentence.end
    return all(e.sentence.start >= opening for e in proposal.evidence)


def _coarse(date_ref: DateRef | None) -> bool:
    """ "Tại hội nghị, hai bên ký kết biên bản ... trong năm 2025": a year or a month in a
    sentence that opens on the event just reported says what was agreed, not when (a
    number's period, "năm 2018, ... tổ chức 51 lần giao ban", stays)."""
    return (
        date_ref is not None
        and not date_ref.inherited
        and date_ref.precision not in _EVENT_PRECISIONS
    )


def _dated_before(
    proposals: list[Proposal], offset: int, kinds: frozenset[str] | set[str] | None
) -> Proposal | None:
    """The activity with a day date reported last before ``offset`` (nearby)."""
    best: tuple[int, Proposal] | None = None
    for proposal in proposals:
        if proposal.date is None or proposal.date.precision not in _EVENT_PRECISIONS:
            continue
        if kinds is not None and proposal.kind not in kinds:
            continue
        starts = [e.sentence.start for e in proposal.evidence if e.sentence.start < offset]
        near = bool(starts) and offset - max(starts, default=0) <= _FOLLOW_UP_REACH
        if near and (best is None or max(starts) > best[0]):
            best = (max(starts), proposal)
    return best[1] if best else None


def _inherited_date(parent: DateRef, relation: Relation | None) -> DateRef:
    if relation == Relation.BEFORE and parent.start:
        return DateRef(None, parent.start - timedelta(days=1), "before", None, inherited=True)
    return replace(parent, span=None, inherited=True)


def _writes_a_day(article: Article, sure_year: bool) -> bool:
    """Whether an article whose year is guessed writes the day of something ("Ngày 20/5"):
    a news report, not a review, although that day is left without a year."""
    if sure_year or article.published is None:
        return False
    return any(
        d.span.precision in _EVENT_PRECISIONS
        for d in find_dates(article.text, article.published_date, relative=False)
    )


def _classify(
    proposals: list[Proposal], groups: list[Group], *, reports_a_day: bool = False
) -> list[Proposal]:
    """Fill in measures and split reported figures into one proposal per indicator."""
    result: list[Proposal] = []
    index_map: dict[int, int] = {}
    # a review dates nothing to the day; "Từ đầu tháng 5-2022, ..." alone dates an event
    dated = [p.date for p in proposals if p.date is not None]
    summary = (
        any(d.precision not in ("month_part", "season") for d in dated)
        and not reports_a_day
        and not any(d.precision in _EVENT_PRECISIONS for d in dated)
    )
    parents = {p.parent for p in proposals if p.parent is not None}
    for old_index, (proposal, group) in enumerate(zip(proposals, groups, strict=True)):
        index_map[old_index] = len(result)
        if old_index not in parents and _founding_history(group, proposal):
            # "Trải qua 23 năm kể từ ngày thành lập, Đội K51 ... 746 hài cốt": the unit's
            # total since its founding, a figure with no start date (conventions rule 2)
            group.cumulative = True
            proposal.date = None
        result.extend(_split(proposal, group, summary))
    for proposal in result:
        if proposal.parent is not None:
            proposal.parent = index_map[proposal.parent]
    return result


_EVENT_PRECISIONS = frozenset({"day", "days"})


def _split(proposal: Proposal, group: Group, summary: bool) -> list[Proposal]:
    if _season_only(proposal, summary):
        proposal.date = None
    measured = [_measured(proposal, q, _clause_of(group, q)) for q in proposal.quantities]
    counts = [q for q in measured if _raised(group, q) is False]
    totals: list[Proposal] = []
    if counts:
        totals = _raised_totals(proposal, [q for q in measured if _raised(group, q) is True])
        measured = [q for q in measured if _raised(group, q) is not True]
    figures = [q for q in measured if q not in counts and _figure(proposal, group, q, summary)]
    parts = _breakdown(group, figures)
    figures = [q for q in figures if q not in parts]
    others = [q for q in measured if q not in figures]
    if not figures:
        proposal.quantities = one_count_of_remains(measured)
        return [proposal, *totals]
    split = []
    for position, quantity in enumerate(figures):
        extra = others if position == 0 else []
        split.append(
            replace(
                proposal,
                record_type=RecordType.FIGURE,
                indicator=quantity.measure,
                quantities=[quantity, *extra],
            )
        )
    return split + totals


def _raised_totals(proposal: Proposal, raised: list[Quantity]) -> list[Proposal]:
    """ "... đưa về thêm 4 hài cốt, nâng tổng số hài cốt đã tìm được trong tỉnh lên 380": the
    running total raised is a reported figure of its own (label conventions rule
    2), with no start date and credited to no unit of the record."""
    seen: set[tuple[object, str]] = set()
    totals = []
    for quantity in raised:
        if (quantity.value, quantity.unit) in seen:
            continue
        seen.add((quantity.value, quantity.unit))
        totals.append(
            replace(
                proposal,
                record_type=RecordType.FIGURE,
                indicator=quantity.measure,
                quantities=[quantity],
                date=None,
                units=[],
                markers=[],
                season=None,
            )
        )
    return totals


_BREAKDOWN_CUE = re.compile(r"trong đó|bao gồm|\bgồm\b")


def _breakdown(group: Group, figures: list[Quantity]) -> list[Quantity]:
    """The parts of a total ("8 hài cốt, trong đó có 5 hài cốt ở Lào, 3 hài cốt ở
    Campuchia"): they go with the total's figure, not one figure each."""
    parts = []
    ordered = sorted(figures, key=lambda q: q.start)
    for index, quantity in enumerate(ordered):
        total = next(
            (t for t in reversed(ordered[:index]) if t.unit == quantity.unit and t not in parts),
            None,
        )
        if total is None:
            continue
        clause = _clause_of(group, quantity)
        if clause != _clause_of(group, total):
            continue
        between = clause[clause.find(total.text) + len(total.text) : clause.rfind(quantity.text)]
        if _BREAKDOWN_CUE.search(match_form(between)):
            parts.append(quantity)
    return parts


#: "Trải qua 23 năm kể từ ngày thành lập, Đội K.. đã quy tập được 746 hài cốt": a total
#: since the unit was founded is its history, not a figure of any reporting period.
_FOUNDING = re.compile(r"(?:kể )?từ (?:ngày |khi )?(?:được )?thành lập")


def _founding_history(group: Group, proposal: Proposal) -> bool:
    """Whether every number of the activity is a total counted since its unit's founding."""
    return bool(proposal.quantities) and all(
        _FOUNDING.search(_clause_of(group, q).lower()) for q in proposal.quantities
    )


def _season_only(proposal: Proposal, summary: bool) -> bool:
    """Convention (README, "Remains searches in a season"): in a news report, a search
    dated only by its dry season ("Mùa khô 2023-2024, Đội K.. đã quy tập được 27 hài cốt")
    is a record with no date: the season field holds the season, and the days of the
    work are not written, so the clerk fills them in. A year's review (``summary``) keeps
    the season as the date of its figures."""
    return (
        proposal.kind == Kind.REMAINS_SEARCH
        and not summary
        and proposal.date is not None
        and proposal.date.precision == "season"
    )


#: "đã quy tập được 7 hài cốt, nâng tổng số ... lên / là 492": the number before "nâng
#: tổng" is what the activity did (a record's count, although the clause is cumulative);
#: the number after it is the running total it raised, a figure of its own (undated).
_RAISED_TOTAL = re.compile(r"nâng tổng")


def _raised(group: Group, quantity: Quantity) -> bool | None:
    """``False`` for the activity's own count before "nâng tổng", ``True`` for the total
    after it, ``None`` when the clause raises no total."""
    clause = _clause_of(group, quantity).lower()
    found = _RAISED_TOTAL.search(clause)
    if found is None:
        return None
    return clause.find(quantity.text.lower()) > found.start()


def _clause_of(group: Group, quantity: Quantity) -> str:
    return next((c for c in group.clauses if quantity.text in c), "")


def _measured(proposal: Proposal, quantity: Quantity, clause: str) -> Quantity:
    measure = measure_of(proposal.kind, quantity.unit, quantity.country, clause)
    return replace(quantity, measure=measure)


#: "từ ngày 1/11/2015 đến nay ... cất bốc được 14 hài cốt": a count since a given day of the
#: last months is what one campaign did, a record, not a unit's running total.
_CAMPAIGN_DAYS = 366


def _campaign(date_ref: DateRef | None) -> bool:
    if date_ref is None or date_ref.precision != "days" or not date_ref.start or not date_ref.end:
        return False
    return (date_ref.end - date_ref.start).days <= _CAMPAIGN_DAYS


#: "Dịp này, ... hỗ trợ đơn vị bạn 15 tấn xi măng", "Tại buổi làm việc, ...": a clause that
#: opens on the occasion just reported tells of that event, even in a review of months.
_ON_THE_OCCASION = re.compile(
    r"^(?:cũng )?(?:trong |nhân |vào )?(?:cùng ngày|cùng dịp|dịp này|tại đây|"
    r"tại buổi (?:làm việc|lễ|gặp mặt|tiếp)|tại (?:lễ|chương trình) này)\b"
)


def _figure(proposal: Proposal, group: Group, quantity: Quantity, summary: bool) -> bool:
    if _campaign(proposal.date):
        return False
    clause = _clause_of(group, quantity)
    if _ON_THE_OCCASION.match(match_form(clause)) and not is_cumulative(clause):
        return False
    if group.cumulative and quantity.unit in FIGURE_UNITS and not quantity.per:
        return True  # "Đến nay, ...; ... được 38 cặp cụm dân cư": a running total
    precision = proposal.date.precision if proposal.date else None
    has_parent = proposal.parent is not None and not is_cumulative(clause)
    return is_figure(quantity, clause, precision, has_parent, summary=summary)


def proposals_summary(proposals: list[Proposal]) -> list[str]:
    """One line per proposal, for logs and the benchmark."""
    lines = []
    for index, proposal in enumerate(proposals):
        when = f"{proposal.date.start}..{proposal.date.end}" if proposal.date else "-"
        values = ", ".join(f"{q.qualifier} {q.value} {q.unit}" for q in proposal.quantities)
        places = ", ".join(p.entry_id or f"?{p.name}" for p in proposal.places)
        units = ", ".join(u.entry_id or f"?{u.name}" for u in proposal.units)
        lines.append(
            f"{index:2} {proposal.kind}/{proposal.record_type} {proposal.indicator or ''} "
            f"[{when}] places=({places}) units=({units}) q=({values}) parent={proposal.parent}"
        )
    return lines
