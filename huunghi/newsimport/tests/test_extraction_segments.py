"""Dates, kinds and one card per activity on constructions seen in published articles
(every text here is written for the test, in the articles' manner)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from huunghi.newsimport.extraction import (
    InMemoryGazetteer,
    Proposal,
    extract_article,
    extract_proposals,
)
from huunghi.newsimport.extraction.dates import find_dates

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def gazetteer() -> InMemoryGazetteer:
    """The test gazetteer shipped with the corpus."""
    return InMemoryGazetteer.from_json(CORPUS / "gazetteer.json")


def _proposals(text: str, gazetteer: InMemoryGazetteer) -> list[Proposal]:
    return extract_proposals(extract_article(text), gazetteer)


def _dates(proposals: list[Proposal]) -> dict[str, tuple[date | None, date | None] | None]:
    return {p.kind: (p.date.start, p.date.end) if p.date is not None else None for p in proposals}


def test_activities_listed_after_a_dated_list_head_take_its_date(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "Trong 2 ngày 5 - 6.3, ... các nội dung: A; B; C": every listed activity has 5–6/3."""
    text = (
        "Ngày 7/3/2024 - 08:15\n"
        "Trong 2 ngày 5 - 6.3, lãnh đạo hai tỉnh cùng nhiều đại biểu của hai nước đã dự các "
        "nội dung: hội đàm giữa hai đoàn; lễ chào cột mốc và chứng kiến tuần tra chung trên "
        "biên giới; trồng cây hữu nghị tại cửa khẩu; khánh thành nhà văn hóa ở khu dân cư "
        "biên giới của tỉnh Tây Ninh."
    )
    dates = _dates(_proposals(text, gazetteer))
    span = (date(2024, 3, 5), date(2024, 3, 6))
    for kind in ("briefing_meeting", "marker_salute", "tree_planting", "facility_inauguration"):
        assert dates[kind] == span, kind


def test_year_less_day_falls_inside_the_school_year_of_its_sentence() -> None:
    """With the article's year guessed as 2024, "Chiều 3/12 … năm học 2023-2024" is 2023."""
    found = find_dates("Chiều 3/12, đơn vị trao học bổng năm học 2023-2024.", date(2024, 12, 31))
    assert (found[0].span.start, found[0].span.precision) == (date(2023, 12, 3), "day")


def test_from_a_day_until_the_end_of_a_month_is_one_period() -> None:
    """ "bắt đầu từ ngày 8-11-2016 và kết thúc vào tháng 5-2017" is 8/11/2016–31/5/2017."""
    (found,) = find_dates("bắt đầu từ ngày 8-11-2016 và kết thúc vào tháng 5-2017.", None)
    assert (found.span.start, found.span.end) == (date(2016, 11, 8), date(2017, 5, 31))


def test_dry_season_with_the_word_year() -> None:
    """ "Mùa khô năm 2017-2018" is a dry season, not the two calendar years."""
    (found,) = find_dates("Mùa khô năm 2017-2018, đội đã quy tập 7 hài cốt.", None)
    assert found.span.precision == "season"


def test_undated_article_takes_its_own_day_from_today_in_brackets(
    gazetteer: InMemoryGazetteer,
) -> None:
    """No publication date, but "Hôm nay (29/6)" and a year elsewhere: the handover is
    29/6 of that year and "từ ngày 18/2/2023, đến nay" runs until that day."""
    text = (
        "Hôm nay (29/6), tại cửa khẩu quốc tế Hoa Lư, Đội K72 tổ chức lễ tiếp nhận hài cốt "
        "liệt sĩ quân tình nguyện Việt Nam hy sinh tại Campuchia để đưa về nước an táng.\n"
        "Lên đường làm nhiệm vụ từ ngày 18/2/2023, đến nay, Đội K72 đã tìm kiếm, cất bốc "
        "được 60 hài cốt liệt sĩ tại hai tỉnh của nước bạn."
    )
    dates = _dates(_proposals(text, gazetteer))
    assert dates["remains_handover"] == (date(2023, 6, 29), date(2023, 6, 29))
    assert dates["remains_search"] == (date(2023, 2, 18), date(2023, 6, 29))


def test_relative_day_is_not_guessed_from_a_year_in_the_text() -> None:
    """ "Hôm nay" needs a publication date; a year merely named in the text is not one."""
    assert find_dates("Hôm nay, đoàn đến thăm trường.", date(2024, 12, 31), relative=False) == []


def _kinds(text: str, gazetteer: InMemoryGazetteer) -> list[str]:
    return [p.kind for p in _proposals(text, gazetteer)]


_STAMP = "Thứ Sáu, 14/02/2025 - 09:30\n"


def test_planting_a_garden_of_trees_is_tree_planting(gazetteer: InMemoryGazetteer) -> None:
    """ "trồng vườn cây hữu nghị" reports a tree planting."""
    text = _STAMP + (
        "Ngày 13/2, cán bộ, chiến sĩ hai đồn biên phòng đã cùng chính quyền hai bên biên giới "
        "trồng vườn cây hữu nghị tại khu vực cửa khẩu, góp phần tăng cường tình đoàn kết."
    )
    assert _kinds(text, gazetteer) == ["tree_planting"]


def test_new_year_gifts_are_not_a_new_year_visit(gazetteer: InMemoryGazetteer) -> None:
    """ "trao quà chúc Tết cho kiều bào" is a gift to the community, not a unit's visit."""
    text = _STAMP + (
        "Ngày 12/2, đoàn công tác của tỉnh đã trao quà chúc Tết cho 300 hộ kiều bào nghèo tại "
        "điểm tạm cư của thành phố bên kia biên giới, mỗi phần quà trị giá 500.000 đồng."
    )
    assert "new_year_visit" not in _kinds(text, gazetteer)
    assert "community_support" in _kinds(text, gazetteer)


def test_welcome_of_the_vietnamese_delegation_abroad_is_outgoing(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "lễ đón đoàn đại biểu Việt Nam tại cửa khẩu ..." (on the Cambodian side): the
    Vietnamese delegation went out."""
    text = _STAMP + (
        "Sáng 13/2, hoạt động chuyển sang tỉnh bạn, bắt đầu bằng lễ đón đoàn đại "
        "biểu Việt Nam tại cửa khẩu phía bạn, với nghi thức trang trọng và "
        "thân tình của hai bên."
    )
    assert "delegation_out" in _kinds(text, gazetteer)
    assert "delegation_in" not in _kinds(text, gazetteer)


def test_cambodian_delegation_that_came_to_visit_is_incoming(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "Đoàn ... tỉnh X (Campuchia) do ... làm trưởng đoàn đã đến thăm, chúc Tết" is a
    delegation received, besides the New Year visit."""
    text = _STAMP + (
        "Ngày 11/2, Đoàn đại biểu lực lượng vũ trang tỉnh bạn (Campuchia) do Thiếu tướng "
        "Sam Bo, Chỉ huy trưởng lực lượng hiến binh của tỉnh làm trưởng đoàn đã đến thăm, "
        "chúc Tết cán bộ, chiến sĩ một đồn biên phòng của Việt Nam."
    )
    kinds = _kinds(text, gazetteer)
    assert "delegation_in" in kinds and "new_year_visit" in kinds


def test_search_named_in_an_organisation_is_not_a_search(gazetteer: InMemoryGazetteer) -> None:
    """ "Ban Chỉ đạo về tìm kiếm, quy tập hài cốt ... họp giao ban": a meeting, no search."""
    text = _STAMP + (
        "Ngày 13/2, Ban Chỉ đạo về tìm kiếm, quy tập hài cốt liệt sĩ của tỉnh tổ chức hội "
        "nghị giao ban quý I, đánh giá kết quả công tác và triển khai nhiệm vụ thời gian tới."
    )
    assert _kinds(text, gazetteer) == ["briefing_meeting"]


def test_welcome_ceremony_without_remains_is_no_handover(gazetteer: InMemoryGazetteer) -> None:
    """ "Lễ đón được tổ chức trang trọng" after a delegation arrives is no remains handover."""
    text = _STAMP + (
        "Sáng 13/2, lãnh đạo tỉnh bạn tiếp đoàn đại biểu Việt Nam tại trụ sở tỉnh. Lễ đón "
        "được tổ chức trang trọng với sự tham dự của nhiều cán bộ, chiến sĩ hai nước."
    )
    assert "remains_handover" not in _kinds(text, gazetteer)


def test_funds_of_a_scholarship_programme_are_not_government_funds(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "trao kinh phí hỗ trợ từ chương trình Nâng bước em tới trường": a scholarship."""
    text = _STAMP + (
        "Ngày 13/2, đồn biên phòng cùng hội phụ nữ huyện trao kinh phí hỗ trợ từ chương "
        "trình Nâng bước em tới trường cho 6 em học sinh nghèo ở các xã biên giới."
    )
    kinds = _kinds(text, gazetteer)
    assert "government_funds" not in kinds and "scholarship" in kinds


def test_an_event_years_before_the_article_is_history(gazetteer: InMemoryGazetteer) -> None:
    """ "Cột mốc ... khánh thành ngày 18/1/2008" in a report of 2018 is background."""
    text = "Thứ Hai, 05/11/2018 - 09:30\n" + (
        "Công trình cột mốc ba biên hoàn thành và khánh thành ngày 20/3/2009. Ngày 4/11, "
        "bộ đội biên phòng của ba nước cùng trồng 35 cây hữu nghị quanh cột mốc, "
        "gửi gắm tình đoàn kết."
    )
    assert _kinds(text, gazetteer) == ["tree_planting"]


def test_count_since_a_recent_day_is_one_campaign_record(gazetteer: InMemoryGazetteer) -> None:
    """ "từ ngày 1-11-2024 đến nay ... cất bốc được 11 hài cốt (trong đó có 7 ..., 4 ...)":
    one search record for the period, not a figure per number."""
    text = "Thứ Năm, 20/02/2025, 15:44\n" + (
        "Ngày 20-2, tin từ Bộ Chỉ huy Quân sự tỉnh cho biết từ ngày 1-11-2024 đến nay, đội "
        "K53 tìm kiếm và cất bốc được 11 hài cốt "
        "liệt sĩ (trong đó có 7 hài cốt tại Campuchia, 4 hài cốt tại Lào)."
    )
    (search,) = _proposals(text, gazetteer)
    assert (search.kind, search.record_type) == ("remains_search", "record")
    assert search.date is not None
    assert (search.date.start, search.date.end) == (date(2024, 11, 1), date(2025, 2, 20))


def test_talk_after_a_patrol_gets_the_patrol_date(gazetteer: InMemoryGazetteer) -> None:
    """ "Kết thúc tuần tra, hai đơn vị hội đàm ..." and "Sau tuần tra, hai bên ký biên bản":
    the follow-up activities took place on the patrol's day."""
    text = _STAMP + (
        "Ngày 12/2, Đồn Biên phòng Xa Mát phối hợp với đồn cảnh sát biên giới của nước bạn "
        "tuần tra song phương đoạn biên giới dài khoảng 7 km.\n\n"
        "Kết thúc tuần tra, hai đơn vị tổ chức hội đàm, trao đổi tình hình an ninh trật tự "
        "và thống nhất kế hoạch tuần tra tháng 3.\n\n"
        "Sau tuần tra, hai bên ký biên bản ghi nhớ kết quả tuần tra."
    )
    dates = _dates(_proposals(text, gazetteer))
    day = (date(2025, 2, 12), date(2025, 2, 12))
    assert dates["joint_patrol"] == day
    assert dates["briefing_meeting"] == day
    assert dates["agreement"] == day


def test_both_sides_talking_after_a_visit_is_the_same_day(gazetteer: InMemoryGazetteer) -> None:
    """ "Hai bên hội đàm ..." in the paragraph after a received delegation: that day."""
    text = _STAMP + (
        "Ngày 13/2, Bộ Chỉ huy Bộ đội Biên phòng tỉnh tiếp đoàn công tác của lực lượng hiến "
        "binh tỉnh bạn (Campuchia) sang thăm và làm việc tại tỉnh.\n\n"
        "Hai bên hội đàm, trao đổi kết quả phối hợp bảo vệ biên giới trong thời gian qua."
    )
    dates = _dates(_proposals(text, gazetteer))
    assert dates["briefing_meeting"] == (date(2025, 2, 13), date(2025, 2, 13))


def test_topic_of_a_talk_or_a_lesson_is_not_a_crime_operation(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "Nội dung tập trung vào ... phòng ngừa mua bán người", "trao đổi kết quả phối hợp
    phòng, chống tội phạm": topics, not crime-prevention activities."""
    text = _STAMP + (
        "Ngày 13/2, đồn biên phòng tổ chức tuyên truyền pháp luật cho khoảng 150 người dân. "
        "Nội dung tập trung vào quy định qua lại biên giới, bảo vệ cột mốc và phòng ngừa mua "
        "bán người.\n\nHai bên hội đàm, trao đổi kết quả phối hợp phòng, chống tội phạm."
    )
    assert "crime_prevention" not in _kinds(text, gazetteer)


def test_gifts_belong_to_the_new_year_visit_unless_given_to_people(
    gazetteer: InMemoryGazetteer,
) -> None:
    """Gifts to the unit visited are the visit's; gifts to households are community support;
    a scholarship for pupils of Vietnamese origin is a scholarship only."""
    to_unit = _STAMP + (
        "Ngày 12/2, đồn biên phòng đến thăm, chúc Tết Chôl Chnăm Thmây đồn cảnh sát biên giới "
        "của tỉnh bạn và tặng 8 suất quà, trị giá 1 triệu đồng/suất. Chỉ huy hai đơn vị "
        "cảm ơn sự giúp đỡ lẫn nhau trong thời gian qua."
    )
    assert _kinds(to_unit, gazetteer) == ["new_year_visit"]
    to_people = _STAMP + (
        "Ngày 12/2, đoàn đến chúc Tết lãnh đạo tỉnh bạn và tặng 100 suất quà cho người dân "
        "nghèo của huyện biên giới. Lãnh đạo tỉnh bạn cảm ơn tình cảm của cán bộ, chiến sĩ "
        "Bộ đội Biên phòng Việt Nam."
    )
    assert "community_support" in _kinds(to_people, gazetteer)
    pupils = _STAMP + (
        "Ngày 12/2, hội hữu nghị tỉnh trao 12 suất học bổng cho học sinh người gốc Việt tại "
        "tỉnh bạn, mỗi suất 2 triệu đồng. Các em hứa sẽ cố gắng học tập thật tốt để đền đáp "
        "sự quan tâm của các cô chú."
    )
    assert _kinds(pupils, gazetteer) == ["scholarship"]


def test_rice_given_by_the_tonne_and_remains_received_by_number(
    gazetteer: InMemoryGazetteer,
) -> None:
    """ "tặng 3 tấn gạo" is community support; "tiếp nhận 46 hài cốt" is the handover."""
    rice = _STAMP + (
        "Ngày 12/2, đồn biên phòng tặng 2 tấn gạo cho 100 hộ dân nghèo của xã bạn. Bà con "
        "bày tỏ xúc động trước tình cảm của cán bộ, chiến sĩ trong mùa hạn hán kéo dài."
    )
    assert _kinds(rice, gazetteer) == ["community_support"]
    remains = _STAMP + (
        "Chiều 12/2, tại cửa khẩu, Ban Chỉ đạo 515 của tỉnh tiếp nhận 30 hài cốt liệt sĩ quân "
        "tình nguyện do Đội K70 tìm kiếm, quy tập trong mùa khô 2024-2025."
    )
    assert _kinds(remains, gazetteer) == ["remains_handover"]


def test_a_total_and_its_breakdown_are_one_search(gazetteer: InMemoryGazetteer) -> None:
    """A round of work counted "tổng cộng" ("cả đợt ... tổng cộng 120", the total of that
    round, not a running total), broken down by team, and the teams that started it "từ
    tháng 10/2024" (a campaign of months, not a unit's history): one search card with
    the total (its parts are not labelled beside it: bench/news_label_conventions.md,
    rule 16), both teams and the campaign's period."""
    text = _STAMP + (
        "Ngày 12/2, tại nghĩa trang liệt sĩ của tỉnh, lãnh đạo tỉnh tổ chức lễ an táng hài "
        "cốt liệt sĩ quân tình nguyện Việt Nam hy sinh tại Campuchia.\n\n"
        "Số hài cốt này do Đội K91 và Đội K92 tìm kiếm, cất bốc trong đợt công tác bắt đầu "
        "từ tháng 10/2024. Cả đợt, hai đội quy tập được tổng cộng 120 hài cốt; Đội K92 quy "
        "tập 90 hài cốt (70 hài cốt ở Campuchia, 20 hài cốt trong nước)."
    )
    searches = [p for p in _proposals(text, gazetteer) if p.kind == "remains_search"]
    assert len(searches) == 1
    search = searches[0]
    assert [int(q.value) for q in search.quantities] == [120]
    assert {u.entry_id for u in search.units} == {"u-vn-team-k91", "u-vn-team-k92"}
    assert search.date is not None
    assert (search.date.start, search.date.end) == (date(2024, 10, 1), date(2025, 2, 14))


def test_event_on_the_eve_of_a_festival_is_not_the_festival(gazetteer: InMemoryGazetteer) -> None:
    """ "diễn ra trước thềm giao lưu hữu nghị ..." names a later festival: one medical
    outreach card, no festival card."""
    text = _STAMP + (
        "Ngày 13/2, tại xã biên giới, quân y hai nước phối hợp khám bệnh, cấp thuốc miễn phí "
        "cho bà con. Buổi khám diễn ra trước thềm giao lưu hữu nghị quốc phòng "
        "biên giới hai nước lần thứ ba. Trong chương trình, gần 500 người dân được khám bệnh."
    )
    assert _kinds(text, gazetteer) == ["medical_outreach"]
