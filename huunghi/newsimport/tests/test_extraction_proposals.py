"""extract_proposals on short articles: kinds, records versus figures, merging, spans."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from huunghi.newsimport.extraction import (
    InMemoryGazetteer,
    Proposal,
    RecordType,
    article_to_dict,
    extract_article,
    extract_proposals,
    proposal_to_dict,
)

CORPUS = Path(__file__).parent / "corpus"
HEADER = "Báo Biên giới Online\n10:00 | 20/06/2024 GMT+7\nTin hoạt động biên giới\n\n"
FILLER = " Hoạt động góp phần thắt chặt tình đoàn kết, hữu nghị giữa nhân dân hai bên biên giới."


@pytest.fixture(scope="module")
def gazetteer() -> InMemoryGazetteer:
    """The test gazetteer shipped with the corpus."""
    return InMemoryGazetteer.from_json(CORPUS / "gazetteer.json")


def _proposals(gazetteer: InMemoryGazetteer, *paragraphs: str) -> list[Proposal]:
    article = extract_article(HEADER + "\n\n".join(p + FILLER for p in paragraphs))
    proposals = extract_proposals(article, gazetteer)
    for proposal in proposals:
        for spans in proposal.spans().values():
            assert all(article.text[s.start : s.end] == s.text for s in spans)
    return proposals


def _kinds(proposals: list[Proposal]) -> list[str]:
    return [p.kind for p in proposals]


def test_dated_event_with_money_is_a_record(gazetteer: InMemoryGazetteer) -> None:
    """A handover on a given day is a record carrying its value."""
    (aid,) = _proposals(
        gazetteer,
        "Ngày 12/6/2024, Bộ CHQS tỉnh Tây Ninh trao tặng 3 xe ô tô cho Tiểu khu Quân sự tỉnh "
        "Svay Rieng, tổng trị giá 900 triệu đồng.",
    )
    assert aid.kind == "aid" and aid.record_type == RecordType.RECORD
    assert (aid.date.start, aid.date.end) == (date(2024, 6, 12), date(2024, 6, 12))
    assert [(q.value, q.unit) for q in aid.quantities] == [(3, "vehicle"), (900_000_000, "VND")]
    assert {u.entry_id for u in aid.units} == {"u-vn-chqs-tay-ninh", "u-kh-subregion-svay-rieng"}


def test_totals_are_figures_with_indicators(gazetteer: InMemoryGazetteer) -> None:
    """ "hiện nay đang đỡ đầu" and a yearly total are figures, one per indicator."""
    proposals = _proposals(
        gazetteer,
        "Hiện nay, Bộ Chỉ huy BĐBP tỉnh An Giang đang đỡ đầu 30 học sinh Việt Nam và 8 học "
        "sinh Campuchia theo chương trình Nâng bước em tới trường.",
        "Năm 2023, đơn vị đã khám bệnh, cấp thuốc miễn phí cho hơn 5.000 lượt người.",
    )
    figures = {p.indicator: p for p in proposals if p.record_type == RecordType.FIGURE}
    assert set(figures) == {"pupils_supported_vn", "pupils_supported_kh", "people_examined"}
    assert figures["people_examined"].quantities[0].qualifier == "at_least"
    assert figures["people_examined"].date.precision == "year"


def test_repeated_mentions_merge_and_distinct_events_do_not(gazetteer: InMemoryGazetteer) -> None:
    """A mention with no data of its own joins its activity; two dated patrols stay two."""
    proposals = _proposals(
        gazetteer,
        "Ngày 3/6/2024, Đồn Biên phòng Mộc Bài tổ chức tuần tra chung với lực lượng bạn. "
        "Các chuyến tuần tra song phương giúp nắm chắc tình hình.",
        "Ngày 17/6/2024, Đồn Biên phòng Xa Mát cũng tổ chức tuần tra chung trên đoạn biên giới "
        "dài 10 km.",
    )
    patrols = [p for p in proposals if p.kind == "joint_patrol"]
    assert [p.date.start for p in patrols] == [date(2024, 6, 3), date(2024, 6, 17)]
    assert len(patrols[0].evidence) == 2


def test_reference_shares_the_date_of_its_activity(gazetteer: InMemoryGazetteer) -> None:
    """ "Kết thúc hội đàm, hai bên ký ..." is signed on the day of the talks."""
    proposals = _proposals(
        gazetteer,
        "Ngày 18/6/2024, Bộ Chỉ huy BĐBP tỉnh Kiên Giang và Cảnh sát biên giới tỉnh Kampot "
        "tổ chức hội đàm định kỳ.",
        "Kết thúc hội đàm, hai bên ký biên bản ghi nhớ về phối hợp quản lý biên giới.",
    )
    assert _kinds(proposals) == ["briefing_meeting", "agreement"]
    agreement = proposals[1]
    assert agreement.date.start == date(2024, 6, 18) and agreement.date.inherited


def test_plans_and_purposes_are_not_activities(gazetteer: InMemoryGazetteer) -> None:
    """ "thời gian tới sẽ tuần tra" and "nhằm tuyên truyền" report nothing that happened."""
    proposals = _proposals(
        gazetteer,
        "Thời gian tới, Đồn Biên phòng Mộc Bài sẽ tiếp tục tuần tra chung với lực lượng bạn, "
        "nhằm tuyên truyền, giáo dục người dân hai bên biên giới.",
    )
    assert proposals == []


def test_topic_of_a_session_is_not_a_second_activity(gazetteer: InMemoryGazetteer) -> None:
    """ "tuyên truyền phòng, chống mua bán người" is one information session."""
    proposals = _proposals(
        gazetteer,
        "Ngày 14/6/2024, Đồn Biên phòng Giang Thành tổ chức tuyên truyền phòng, chống mua bán "
        "người cho 120 người dân.",
    )
    assert _kinds(proposals) == ["education_session"]


def test_received_delegation_is_incoming(gazetteer: InMemoryGazetteer) -> None:
    """ "đón đoàn ... sang thăm và làm việc" is an incoming delegation."""
    proposals = _proposals(
        gazetteer,
        "Ngày 6/6/2024, Bộ CHQS tỉnh Long An đón đoàn công tác của Tiểu khu Quân sự tỉnh Svay "
        "Rieng sang thăm và làm việc.",
    )
    assert _kinds(proposals) == ["delegation_in"]


def test_unknown_and_ambiguous_names_are_reported(gazetteer: InMemoryGazetteer) -> None:
    """An unknown commune has no id; a generic unit without context keeps its candidates."""
    (medical,) = _proposals(
        gazetteer,
        "Ngày 9/6/2024, Tiểu khu Quân sự tổ chức khám bệnh cho 200 người dân xã Tân Phú Đông.",
    )
    (unknown,) = medical.places
    assert unknown.entry_id is None and unknown.name == "Tân Phú Đông"
    (unit,) = medical.units
    assert unit.entry_id is None and len(unit.candidates) > 1


def test_festival_children_inherit_date_and_places(gazetteer: InMemoryGazetteer) -> None:
    """Activities "trong khuôn khổ ngày hội" point to the festival and take its date."""
    proposals = _proposals(
        gazetteer,
        "Ngày hội giao lưu hữu nghị quốc phòng biên giới diễn ra ngày 15/6/2024 tại huyện Tân "
        "Biên, tỉnh Tây Ninh.",
        "Trong khuôn khổ ngày hội, hai bên đã trồng 200 cây hữu nghị và chào cột mốc 101.",
    )
    festival, *children = proposals
    assert festival.kind == "festival"
    assert {c.kind for c in children} == {"tree_planting", "marker_salute"}
    for child in children:
        assert child.parent == 0 and child.date.inherited
        assert child.date.start == date(2024, 6, 15)
        assert {p.entry_id for p in child.places} == {p.entry_id for p in festival.places}


def test_article_and_proposals_serialise_to_json(gazetteer: InMemoryGazetteer) -> None:
    """Drafts can be stored as JSON: ISO dates, decimal strings, spans with offsets."""
    article = extract_article((CORPUS / "13_trao_tang_kratie.txt").read_bytes())
    stored = json.loads(json.dumps(article_to_dict(article)))
    assert stored["published"] == "2023-08-04T10:20:00+07:00"
    assert stored["paragraphs"][0]["start"] == 0
    aid = proposal_to_dict(extract_proposals(article, gazetteer)[0])
    payload = json.loads(json.dumps(aid))
    assert payload["kind"] == "aid" and payload["record_type"] == "record"
    assert payload["date"]["start"] == "2023-08-03"
    assert payload["quantities"][1]["value"] == "1200000000"
    assert (
        payload["trigger"]["text"]
        == article.text[payload["trigger"]["start"] : payload["trigger"]["end"]]
    )
