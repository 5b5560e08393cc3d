"""Constructions seen in published articles that the engine used to miss (own-words
examples): page-chrome dates, marker ranges, dry seasons, per-item amounts, names inside
longer proper names, undated reports of one activity, a handover that echoes a search."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from huunghi.newsimport.extraction import InMemoryGazetteer, extract_article, extract_proposals
from huunghi.newsimport.extraction.markers import find_markers, find_seasons
from huunghi.newsimport.extraction.metadata import opening_stamp
from huunghi.newsimport.extraction.quantities import find_quantities

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def gazetteer() -> InMemoryGazetteer:
    """The test gazetteer shipped with the corpus."""
    return InMemoryGazetteer.from_json(CORPUS / "gazetteer.json")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("date 2025-11-14 Đại tướng dự lễ", date(2025, 11, 14)),
        ("date 2019-08 Trong hai ngày", date(2019, 8, 1)),
        ("Quân y hai nước khám bệnh cho người dân 06/11/2025 18:58", date(2025, 11, 6)),
    ],
)
def test_publication_date_in_the_opening_lines(line: str, expected: date) -> None:
    """A saved excerpt's date prefix and a title ending in "dd/mm/yyyy hh:mm" give the date."""
    stamp = opening_stamp([line])
    assert stamp is not None and stamp.value.date() == expected


def test_marker_ranges_and_areas() -> None:
    """ "từ mốc 229/12 đến mốc 230/11", "khu vực cột mốc 301", lists; not km or years."""
    text = (
        "từ mốc 229/12 đến mốc 230/11, khu vực cột mốc 301 và các mốc 241, 242 và 243/2; "
        "dài 15,8 km"
    )
    assert [m.value for m in find_markers(text)] == [
        "229/12",
        "230/11",
        "301",
        "241",
        "242",
        "243/2",
    ]


def test_dry_seasons_by_years_and_by_number() -> None:
    """Season N runs from 2000+N; "giai đoạn 2" (a phase) is not a season."""
    text = "đợt 2, giai đoạn XXV (mùa khô 2025-2026); mùa khô năm 2013 - 2014; giai đoạn 2"
    assert [s.value for s in find_seasons(text)] == ["2025-2026", "2025-2026", "2013-2014"]


def test_amount_after_each_is_per_item() -> None:
    """ "mỗi phần quà trị giá 300.000 đồng" is the value of one gift, not the total."""
    (gifts, each) = find_quantities("trao 40 phần quà, mỗi phần quà trị giá 300.000 đồng")
    assert (gifts.value, gifts.per) == (40, None)
    assert (each.value, each.per) == (Decimal(300000), "phần quà")


def test_person_name_is_not_a_district(gazetteer: InMemoryGazetteer) -> None:
    """A bare place name glued to other capitalised words belongs to a longer name."""
    found = gazetteer.find("Đại tướng Phan Văn Giang dự lễ tại huyện Lộc Ninh")
    assert [m.text for m in found if m.entry] == ["huyện Lộc Ninh"]


def test_undated_article_resolves_day_and_month_with_its_latest_year(
    gazetteer: InMemoryGazetteer,
) -> None:
    """Without a publication date, "30/6" is read in the latest year the text names."""
    text = (
        "Đưa hài cốt liệt sĩ về nước\n\nChiều 30/6, tại cửa khẩu quốc tế Hoa Lư, Đội K72 "
        "tổ chức đưa hài cốt liệt sĩ quân tình nguyện về nước. Lên đường làm nhiệm vụ từ ngày "
        "20/2/2023, đội đã tìm kiếm, cất bốc 83 bộ hài cốt liệt sĩ tại tỉnh Kratie."
    )
    proposals = extract_proposals(extract_article(text), gazetteer)
    (handover,) = [p for p in proposals if p.kind == "remains_handover"]
    assert handover.date is not None and handover.date.start == date(2023, 6, 30)


def test_one_card_for_an_undated_activity_told_twice(gazetteer: InMemoryGazetteer) -> None:
    """A title and a body sentence about the same gift of cows make one card, a record."""
    text = (
        "Trao bò giống cho hộ nghèo tỉnh Kratie\n\nBộ Chỉ huy Quân sự tỉnh Bình Phước vừa trao "
        "15 con bò giống cho 15 hộ nghèo ở huyện Snuol, tỉnh Kratie. Mỗi con bò giống trị giá "
        "15 triệu đồng, do cán bộ, chiến sĩ đóng góp. Việc trao bò giống giúp bà con tỉnh "
        "Kratie phát triển kinh tế, ổn định cuộc sống và thắt chặt tình đoàn kết giữa nhân "
        "dân hai bên biên giới, theo lời lãnh đạo đơn vị cho biết tại buổi lễ."
    )
    proposals = extract_proposals(extract_article(text), gazetteer)
    gifts = [p for p in proposals if p.kind == "livelihood_gift"]
    assert len(gifts) == 1 and gifts[0].record_type == "record"


def test_search_echoed_in_a_handover_is_no_second_card(gazetteer: InMemoryGazetteer) -> None:
    """ "tiếp nhận 62 hài cốt ... do Đội K71 quy tập" is one handover."""
    text = (
        "Đón hài cốt liệt sĩ\nCập nhật: 15/12/2024 10:20\n\nNgày 14/12, tại Cửa khẩu Quốc tế "
        "Xa Mát, Ban Chỉ đạo 515 tỉnh Tây Ninh tổ chức lễ tiếp nhận 62 hài cốt liệt sĩ quân "
        "tình nguyện Việt Nam do Đội K71 quy tập trong đợt 1 mùa khô 2024-2025 tại Campuchia."
    )
    proposals = extract_proposals(extract_article(text), gazetteer)
    assert [p.kind for p in proposals] == ["remains_handover"]
    assert proposals[0].season == "2024-2025"
