"""The gazetteer: accent-insensitive, longest match, dated, context and country aware."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from huunghi.newsimport.extraction import GazetteerEntry, InMemoryGazetteer, MatchContext

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def gazetteer() -> InMemoryGazetteer:
    """The test gazetteer shipped with the corpus."""
    return InMemoryGazetteer.from_json(CORPUS / "gazetteer.json")


def _ids(gazetteer: InMemoryGazetteer, text: str, context: MatchContext | None = None) -> list:
    return [m.entry.id if m.entry else None for m in gazetteer.find(text, context)]


def test_place_hierarchy_with_type_words(gazetteer: InMemoryGazetteer) -> None:
    """Type words pick the level; each mention's span is the text it covers."""
    text = "Ấp Vườn Bưởi, xã Lộc Thiện, huyện Lộc Ninh, tỉnh Bình Phước và phum Cốc Tho Mo"
    matches = gazetteer.find(text, MatchContext(on=date(2022, 5, 15)))
    assert [m.entry.id for m in matches if m.entry] == [
        "vn-v-vuon-buoi",
        "vn-c-loc-ninh-loc-thien",
        "vn-d-binh-phuoc-loc-ninh",
        "vn-p-binh-phuoc",
        "kh-v-coc-tho-mo",
    ]
    assert all(text[m.start : m.end] == m.text for m in matches)


def test_accent_insensitive_but_type_words_exact(gazetteer: InMemoryGazetteer) -> None:
    """ "huyen Loc Ninh" matches; "bạn Voi" is not the hamlet "bản Voi"."""
    assert _ids(gazetteer, "tai huyen Loc Ninh") == ["vn-d-binh-phuoc-loc-ninh"]
    assert _ids(gazetteer, "cho các đơn vị bạn với tổng trị giá") == []


def test_bare_names_need_capitals(gazetteer: InMemoryGazetteer) -> None:
    """ "tỉnh biên giới" is not the town of Tịnh Biên; "Tịnh Biên" alone is ambiguous."""
    assert _ids(gazetteer, "Là tỉnh biên giới") == []
    (match,) = gazetteer.find("qua Tịnh Biên")
    assert match.ambiguous
    assert {c.id for c in match.candidates} == {"gate-tinh-bien", "vn-d-an-giang-tinh-bien"}


def test_longest_match_wins(gazetteer: InMemoryGazetteer) -> None:
    """A border post named after a gate is the post, not the gate."""
    assert _ids(gazetteer, "Đồn Biên phòng Xa Mát") == ["u-vn-post-xa-mat"]
    assert _ids(gazetteer, "cửa khẩu quốc tế Xa Mát") == ["gate-xa-mat"]


def test_dates_choose_between_old_and_new_provinces(gazetteer: InMemoryGazetteer) -> None:
    """ "tỉnh Tây Ninh" before and after the 1 July 2025 merger are different units."""
    assert _ids(gazetteer, "tỉnh Tây Ninh", MatchContext(on=date(2024, 1, 1))) == ["vn-p-tay-ninh"]
    after = MatchContext(on=date(2025, 10, 1))
    assert _ids(gazetteer, "tỉnh Tây Ninh", after) == ["vn-p-tay-ninh-2025"]
    assert _ids(gazetteer, "tỉnh Long An", after) == ["vn-p-long-an"]
    (undated,) = gazetteer.find("tỉnh Tây Ninh")
    assert undated.ambiguous


def test_generic_names_resolve_through_province_context(gazetteer: InMemoryGazetteer) -> None:
    """ "Bộ CHQS tỉnh" is the provincial command of the province the article is about."""
    tay_ninh = MatchContext(on=date(2022, 9, 3), provinces={"vn-p-tay-ninh": 3.0})
    assert _ids(gazetteer, "Bộ CHQS tỉnh tham mưu", tay_ninh) == ["u-vn-chqs-tay-ninh"]
    assert _ids(gazetteer, "Bộ Tư lệnh Quân khu và", tay_ninh) == ["u-vn-qk7"]
    (unknown,) = gazetteer.find("Bộ CHQS tỉnh tham mưu")
    assert unknown.entry is None and len(unknown.candidates) > 1


def test_generic_name_followed_by_an_unknown_province(gazetteer: InMemoryGazetteer) -> None:
    """ "Bộ CHQS tỉnh Bình Dương" is not resolved to the context province."""
    context = MatchContext(provinces={"vn-p-tay-ninh": 3.0})
    assert "u-vn-chqs-tay-ninh" not in _ids(gazetteer, "Bộ CHQS tỉnh Bình Dương", context)


def test_lists_and_country_cues(gazetteer: InMemoryGazetteer) -> None:
    """ "Đội K70, K71" and "Quân khu 2, 4, 5 ... thuộc Vương quốc Campuchia"."""
    assert _ids(gazetteer, "hai Đội K70, K71 hoàn thành") == ["u-vn-team-k70", "u-vn-team-k71"]
    text = (
        "trao kinh phí hỗ trợ của Chính phủ Việt Nam cho các Quân khu 2, 4, 5 và 11 tỉnh, "
        "thành phố thuộc Vương quốc Campuchia"
    )
    assert _ids(gazetteer, text) == ["u-kh-qk2", "u-kh-qk4", "u-kh-qk5"]
    assert _ids(gazetteer, "Quân khu 2 của Việt Nam") == ["u-vn-qk2"]


def test_bilateral_labels_are_not_country_cues(gazetteer: InMemoryGazetteer) -> None:
    """In "Việt Nam - Campuchia ... cấp Bộ Quốc phòng" the ministry defaults to Vietnam's."""
    text = "ngày hội Giao lưu hữu nghị Quốc phòng biên giới Việt Nam - Campuchia cấp Bộ Quốc phòng"
    assert _ids(gazetteer, text) == ["u-vn-mod"]
    assert _ids(gazetteer, "Bộ Quốc phòng Campuchia") == ["u-kh-mod"]


def test_abbreviations_expand(gazetteer: InMemoryGazetteer) -> None:
    """BĐBP, CHQS, LLVT and UBND match their spelled-out names and vice versa."""
    assert _ids(gazetteer, "Bộ Chỉ huy BĐBP tỉnh Kiên Giang") == ["u-vn-bdbp-kien-giang"]
    assert _ids(gazetteer, "Bộ Chỉ huy Quân sự tỉnh Long An") == ["u-vn-chqs-long-an"]
    assert _ids(gazetteer, "LLVT tỉnh An Giang") == ["u-vn-chqs-an-giang"]


def test_rows_api_for_a_database_backed_gazetteer() -> None:
    """The lead builds the gazetteer from rows; ``get`` returns entries by id."""
    gazetteer = InMemoryGazetteer.from_rows(
        [
            {"id": "p1", "names": ["Tây Ninh"], "kind": "province", "country": "VN"},
            {
                "id": "u1",
                "names": "Đồn Biên phòng Mộc Bài",
                "kind": "border_post",
                "country": "VN",
                "provinces": ["p1"],
                "valid_from": "2000-01-01",
            },
        ]
    )
    entry = gazetteer.get("u1")
    assert isinstance(entry, GazetteerEntry) and entry.provinces == ("p1",)
    assert entry.valid_on(date(2020, 1, 1)) and not entry.valid_on(date(1999, 1, 1))
    assert [m.entry.id for m in gazetteer.find("Đồn Biên phòng Mộc Bài, tỉnh Tây Ninh")] == [
        "u1",
        "p1",
    ]
