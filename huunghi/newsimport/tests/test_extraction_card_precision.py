"""Card precision on remains reports (own-words examples): a search dated only by its dry
season is an undated record; a running total raised by a search and a team's total since
its founding are reported figures with no date (bench/news_label_conventions.md rule 2),
never part of the search's record."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from huunghi.newsimport.extraction import InMemoryGazetteer, extract_article, extract_proposals
from huunghi.newsimport.extraction.model import Proposal

CORPUS = Path(__file__).parent / "corpus"

_HEAD = "Truy điệu hài cốt liệt sĩ\nCập nhật: 19/5/2025 09:00\n\n"
_HANDOVER = (
    "Ngày 18/5, tại Đắk Lắk, tỉnh tổ chức lễ truy điệu, an táng 12 hài cốt liệt sĩ quân "
    "tình nguyện Việt Nam hy sinh tại Campuchia."
)


@pytest.fixture(scope="module")
def gazetteer() -> InMemoryGazetteer:
    """The test gazetteer shipped with the corpus."""
    return InMemoryGazetteer.from_json(CORPUS / "gazetteer.json")


def _searches(text: str, gazetteer: InMemoryGazetteer) -> list[Proposal]:
    proposals = extract_proposals(extract_article(_HEAD + text), gazetteer)
    return [p for p in proposals if p.kind == "remains_search"]


def test_search_dated_only_by_its_season_is_an_undated_record(
    gazetteer: InMemoryGazetteer,
) -> None:
    """In a news report "Mùa khô 2024-2025, Đội K51 ... quy tập được 12" is a record whose
    days the clerk fills in; the season stays in its own field."""
    text = (
        _HANDOVER + "\n\nMùa khô 2024-2025, Đội K51 đã phối hợp với bạn tìm kiếm và quy "
        "tập được 12 hài cốt liệt sĩ."
    )
    searches = _searches(text, gazetteer)
    assert len(searches) == 1
    assert searches[0].record_type == "record" and searches[0].date is None
    assert searches[0].season == "2024-2025"


def test_total_raised_by_a_search_is_a_figure_of_its_own(gazetteer: InMemoryGazetteer) -> None:
    """ "quy tập được 12 ..., nâng tổng số ... lên 530": the search record keeps its 12, and
    the running total after "nâng tổng" is an undated figure card of its own."""
    text = (
        _HANDOVER + "\n\nMùa khô 2024-2025, Đội K51 đã tìm kiếm, quy tập được 12 hài cốt "
        "liệt sĩ, nâng tổng số hài cốt liệt sĩ được đội quy tập từ năm 2001 đến nay lên "
        "530 hài cốt."
    )
    searches = _searches(text, gazetteer)
    assert [([q.value for q in p.quantities], p.record_type) for p in searches] == [
        ([Decimal(12)], "record"),
        ([Decimal(530)], "figure"),
    ]
    assert searches[1].date is None and searches[1].season is None


def test_total_since_a_team_was_founded_is_an_undated_figure(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "Sau 20 năm kể từ ngày thành lập, Đội K51 đã quy tập được 700 hài cốt" is the team's
    reported total: a figure credited to the team, with no start date written."""
    text = (
        _HANDOVER + "\n\nSau 20 năm kể từ ngày thành lập, Đội K51 đã quy tập được 700 hài "
        "cốt liệt sĩ về nước."
    )
    (total,) = _searches(text, gazetteer)
    assert total.record_type == "figure" and total.date is None
    assert [(q.value, q.unit) for q in total.quantities] == [(Decimal(700), "remains")]
    assert [u.entry_id for u in total.units] == ["u-vn-team-k51"]


def test_programme_named_only_as_a_frame_is_an_empty_festival_card(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "Nằm trong khuôn khổ Chương trình giao lưu hữu nghị biên giới ..., <a meeting>": the
    programme framing a meeting reported as held was held too (label conventions rule 1,
    round 2), but the day and place of the sentence are the meeting's: the festival card
    has none, the meeting keeps them."""
    text = (
        "Nằm trong khuôn khổ Chương trình giao lưu hữu nghị biên giới năm nay, sáng 15/5, "
        "tại tỉnh Tây Ninh, hai bên tổ chức hội đàm về công tác quản lý biên giới."
    )
    proposals = extract_proposals(extract_article(_HEAD + text), gazetteer)
    assert [p.kind for p in proposals] == ["festival", "briefing_meeting"]
    festival, meeting = proposals
    assert festival.date is None and not festival.places and not festival.units
    assert meeting.date is not None and meeting.date.start == date(2025, 5, 15)
    assert [p.name for p in meeting.places] == ["Tây Ninh"]


def test_festival_reported_and_then_named_as_a_frame_stays(
    gazetteer: InMemoryGazetteer,
) -> None:
    """A festival the article reports keeps its card when a later sentence frames another
    activity with it ("Trong khuôn khổ chương trình, ...")."""
    text = (
        "Ngày 15/5, tại tỉnh Tây Ninh diễn ra Chương trình giao lưu hữu nghị biên giới. "
        "Trong khuôn khổ chương trình, hai bên tổ chức hội đàm về công tác biên giới."
    )
    proposals = extract_proposals(extract_article(_HEAD + text), gazetteer)
    assert "festival" in [p.kind for p in proposals]


def test_cattle_in_a_list_of_gifts_are_a_livelihood_gift(gazetteer: InMemoryGazetteer) -> None:
    """ "tặng 30 suất quà cho học sinh và 8 con bò cho nông dân": the gift verb governs both
    items, so the cattle are a livelihood gift of their own, not part of the parcels."""
    text = (
        "Ngày 15/5, tại tỉnh Tây Ninh, đơn vị phối hợp với chính quyền địa phương tặng 30 "
        "suất quà cho học sinh và 8 con bò cho bà con nông dân. Đây là hoạt động thiết thực, "
        "góp phần vun đắp tình hữu nghị giữa nhân dân hai nước."
    )
    proposals = extract_proposals(extract_article(_HEAD + text), gazetteer)
    gifts = [p for p in proposals if p.kind == "livelihood_gift"]
    assert [[(q.value, q.unit) for q in p.quantities] for p in gifts] == [[(Decimal(8), "head")]]


def test_uncounted_activities_summed_up_in_a_review_are_no_cards(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "tổ chức nhiều buổi giao lưu văn nghệ, thể thao" in a review: the uncounted
    exchanges say nothing a card could hold (no day, place or number)."""
    text = (
        "Trong 6 tháng đầu năm nay, hai đơn vị đã tổ chức 9 cuộc họp trao đổi tình hình "
        "biên giới; tổ chức nhiều buổi giao lưu văn nghệ, thể thao cho cán "
        "bộ, chiến sĩ hai bên."
    )
    proposals = extract_proposals(extract_article(_HEAD + text), gazetteer)
    assert "festival" not in [p.kind for p in proposals]


def test_meeting_told_only_by_what_was_done_at_it_is_a_card(
    gazetteer: InMemoryGazetteer,
) -> None:
    """An excerpt without its lead: "Tại buổi làm việc, hai đơn vị đã ..." tells that the
    working session took place, so it is a meeting card; after a visit ("sang thăm và làm
    việc ...") the same sentence is the visit's work session, no second card."""
    text = (
        "Tại buổi làm việc, hai đơn vị đã cùng rà soát diễn biến an ninh dọc đường biên và "
        "thống nhất nội dung phối hợp trong năm tới. Hai bên cũng chia sẻ cách quản lý "
        "đường biên, vì một vùng biên giới ổn định, thân thiện."
    )
    proposals = extract_proposals(extract_article(_HEAD + text), gazetteer)
    assert [p.kind for p in proposals] == ["briefing_meeting"]
    visit = (
        "Ngày 15/5, đoàn công tác Bộ Chỉ huy Quân sự tỉnh Tây Ninh đã sang thăm và làm việc "
        "tại Tiểu khu Quân sự tỉnh Svay Rieng (Campuchia).\n\n" + text
    )
    proposals = extract_proposals(extract_article(_HEAD + visit), gazetteer)
    assert "briefing_meeting" not in [p.kind for p in proposals]


def test_meeting_named_as_a_frame_is_no_part_of_a_count_of_meetings(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "Tại buổi làm việc, hai đơn vị đã ..." and "Trong 6 tháng đầu năm, hai đơn vị đã tổ
    chức 8 cuộc họp": the session held and the period's count of meetings are two cards."""
    text = (
        "Tại buổi làm việc, hai đơn vị đã cùng rà soát diễn biến an ninh dọc đường biên. "
        "Trong 6 tháng đầu năm 2025, hai đơn vị đã tổ chức 8 cuộc họp trao "
        "đổi tình hình, kịp thời giải quyết các vụ việc nhỏ trên biên giới."
    )
    proposals = extract_proposals(extract_article(_HEAD + text), gazetteer)
    meetings = sorted(
        (p.record_type, [int(q.value) for q in p.quantities])
        for p in proposals
        if p.kind == "briefing_meeting"
    )
    assert meetings == [("figure", [8]), ("record", [])]


def test_counts_told_at_a_review_of_a_year_are_that_years_figures(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "Ngày 12/5, ... hội nghị tổng kết công tác phối hợp năm 2024 ..." then "Qua đó, hai
    bên đã tổ chức 24 cuộc tuần tra song phương với 150 lượt cán bộ, chiến sĩ": undated
    counts of sessions reviewed by the meeting are the year's figures, one per total."""
    text = (
        "Ngày 12/5, tại tỉnh Tây Ninh, hai đơn vị tổ chức hội nghị tổng kết công tác phối "
        "hợp năm 2024. Qua đó, hai bên đã tổ chức 24 cuộc tuần tra song phương với 150 lượt "
        "cán bộ, chiến sĩ tham gia, kịp thời giải quyết các vụ việc trên biên giới."
    )
    proposals = extract_proposals(extract_article(_HEAD + text), gazetteer)
    patrols = [p for p in proposals if p.kind == "joint_patrol"]
    assert sorted((p.record_type, int(p.quantities[0].value)) for p in patrols) == [
        ("figure", 24),
        ("figure", 150),
    ]
    assert all(
        p.date and (p.date.start, p.date.end) == (date(2024, 1, 1), date(2024, 12, 31))
        for p in patrols
    )


def test_hosts_after_tiep_doan_decide_the_direction(gazetteer: InMemoryGazetteer) -> None:
    """ "Tiếp đoàn, ngài ..." / "Tiếp đoàn có ..., Phó Tỉnh trưởng": Cambodian hosts, the
    delegation went out; "Tiếp đoàn, Phó Chủ tịch UBND tỉnh ... cảm ơn ngài ...": a
    Vietnamese host thanking the Cambodian guest, the delegation came in."""
    outgoing = (
        "Ngày 15/5, đoàn công tác tỉnh Tây Ninh sang thăm tỉnh Svay Rieng (Campuchia). Tiếp "
        "đoàn có ngài Chea Sok, Phó Tỉnh trưởng tỉnh Svay Rieng cùng lãnh đạo các sở, ngành."
    )
    kinds = {p.kind for p in extract_proposals(extract_article(_HEAD + outgoing), gazetteer)}
    assert "delegation_out" in kinds and "delegation_in" not in kinds
    incoming = (
        "Ngày 15/5, Ủy ban nhân dân tỉnh Tây Ninh đón đoàn đại biểu tỉnh "
        "Svay Rieng (Campuchia) sang thăm và làm việc. Tiếp đoàn, Phó Chủ tịch UBND tỉnh cảm "
        "ơn ngài Chea Sok và đoàn đã dành tình cảm tốt đẹp cho tỉnh."
    )
    kinds = {p.kind for p in extract_proposals(extract_article(_HEAD + incoming), gazetteer)}
    assert "delegation_in" in kinds and "delegation_out" not in kinds


def test_a_visit_after_the_hosts_listed_goes_to_their_side(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "Tiếp đoàn có bà ..., Phó Tỉnh trưởng tỉnh Svay Rieng ... nơi đoàn đến thăm": the
    names listed after the received delegation are its hosts, so the visit told later in
    the sentence went out to them; "tiếp đoàn đại biểu tỉnh Svay Rieng ... đến thăm" names
    the delegation itself, which came in."""
    outgoing = (
        "Ngày 15/5, Hội Liên hiệp Phụ nữ tỉnh Tây Ninh trao 200 phần quà cho phụ nữ nghèo "
        "huyện Chantrea. Tiếp đoàn có bà Chea Sok, Phó Tỉnh trưởng tỉnh Svay Rieng cùng "
        "chính quyền huyện Chantrea, nơi đoàn đến thăm, tặng quà."
    )
    kinds = {p.kind for p in extract_proposals(extract_article(_HEAD + outgoing), gazetteer)}
    assert "delegation_out" in kinds and "delegation_in" not in kinds
    incoming = (
        "Ngày 15/5, Phó Chủ tịch UBND tỉnh Tây Ninh tiếp đoàn đại biểu tỉnh Svay Rieng "
        "(Campuchia) do ngài Chea Sok dẫn đầu, đến thăm, chúc mừng tỉnh. Ngài Chea Sok cảm "
        "ơn tình cảm mà lãnh đạo và nhân dân tỉnh Tây Ninh luôn dành cho tỉnh bạn."
    )
    kinds = {p.kind for p in extract_proposals(extract_article(_HEAD + incoming), gazetteer)}
    assert "delegation_in" in kinds and "delegation_out" not in kinds
