"""Acceptance test on the two source articles kept beside the repository (../shared/seeds).

The articles are read from disk, never copied into the project; the tests skip when the
folder is absent.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from huunghi.newsimport.extraction import (
    Article,
    InMemoryGazetteer,
    Proposal,
    RecordType,
    Relation,
    extract_article,
    extract_proposals,
    find_quantities,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
SEEDS = REPO_ROOT.parent / "shared" / "seeds"
CORPUS = Path(__file__).parent / "corpus"
GMT7 = timezone(timedelta(hours=7))

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


def _seed(marker: str) -> bytes:
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_bytes()
        if marker.encode() in raw:
            return raw
    pytest.skip(f"no seed article containing {marker!r}")


@pytest.fixture(scope="module")
def gazetteer() -> InMemoryGazetteer:
    """The test gazetteer shipped with the corpus."""
    return InMemoryGazetteer.from_json(CORPUS / "gazetteer.json")


@pytest.fixture(scope="module")
def friendship() -> Article:
    """The 2022 article on the first border defence friendship exchange."""
    return extract_article(_seed("Trụ cột quan trọng"))


@pytest.fixture(scope="module")
def tay_ninh() -> Article:
    """The Quân khu 7 Online article on Tây Ninh's defence diplomacy."""
    return extract_article(_seed("Quân khu 7 Online"))


def _figure(proposals: list[Proposal], indicator: str) -> Proposal:
    (found,) = [p for p in proposals if p.indicator == indicator]
    assert found.record_type == RecordType.FIGURE
    return found


def _quantity(proposal: Proposal) -> tuple[Decimal, str, str]:
    quantity = proposal.quantities[0]
    return quantity.value, quantity.unit, quantity.qualifier


def test_friendship_article_metadata(friendship: Article) -> None:
    """Title, date and time, byline; no site name is printed on that page."""
    assert friendship.title == (
        "Hợp tác quốc phòng: Trụ cột quan trọng trong quan hệ Việt Nam - Campuchia"
    )
    assert friendship.published == datetime(2022, 7, 16, 9, 14, tzinfo=GMT7)
    assert friendship.author == "Hải An"
    assert friendship.site is None


@pytest.mark.parametrize(
    "noise",
    [
        "Bát nước dừa",
        "Du học sinh Campuchia",
        "Tin bài liên quan",
        "Đọc nhiều",
        "infographic",
        "Cử tri cả nước",
        "Phiên bản di động",
        "Xin chờ",
        "Oanh Toàn",
        "Hải An",
        "PACCOM",
    ],
)
def test_friendship_article_noise_is_dropped(friendship: Article, noise: str) -> None:
    """Teasers, most-read boxes, infographics, captions and the byline are not text."""
    assert noise not in friendship.text


def test_friendship_article_keeps_its_body(friendship: Article) -> None:
    """All body paragraphs and both intertitles survive, the title is not repeated."""
    assert friendship.paragraphs[0].text.startswith("Năm 2022, lần đầu tiên")
    assert friendship.paragraphs[-1].text.startswith("Thông qua hoạt động đối ngoại")
    headings = [p.text for p in friendship.paragraphs if p.role == "heading"]
    assert headings == ["Hiệu quả thiết thực từ hợp tác quốc phòng", "Trụ cột quan trọng"]
    assert friendship.title and friendship.title not in friendship.text


def test_friendship_festival_and_its_activities(
    friendship: Article, gazetteer: InMemoryGazetteer
) -> None:
    """Mid-May 2022 at Lộc Ninh and Snuol, with the activities held at and before it."""
    proposals = extract_proposals(friendship, gazetteer)
    (festival,) = [p for p in proposals if p.kind == "festival"]
    assert (festival.date.start, festival.date.end) == (date(2022, 5, 11), date(2022, 5, 20))
    assert festival.date.precision == "dekad"
    places = {p.entry_id for p in festival.places}
    assert {"vn-d-binh-phuoc-loc-ninh", "vn-p-binh-phuoc", "kh-d-snuol", "kh-p-kratie"} <= places
    index = proposals.index(festival)
    during = {p.kind for p in proposals if p.parent == index and p.relation == Relation.PART_OF}
    assert during == {
        "marker_salute",
        "joint_patrol",
        "tree_planting",
        "facility_inauguration",
        "school_visit",
        "agreement",
    }
    before = {p.kind for p in proposals if p.parent == index and p.relation == Relation.BEFORE}
    assert before == {"twinning_review", "medical_outreach", "scholarship", "livelihood_gift"}
    (agreement,) = [p for p in proposals if p.kind == "agreement"]
    assert {u.entry_id for u in agreement.units} == {"u-vn-bdbp", "u-kh-gendarmerie"}
    (review,) = [p for p in proposals if p.kind == "twinning_review"]
    assert {"vn-v-vuon-buoi", "kh-v-coc-tho-mo", "kh-p-tbong-khmum"} <= {
        p.entry_id for p in review.places
    }


def test_friendship_figures(friendship: Article, gazetteer: InMemoryGazetteer) -> None:
    """32 post pairs, 45 cluster pairs, 631 + 84 pupils, more than 7 billion VND; about
    2,000 people examined as part of the festival."""
    proposals = extract_proposals(friendship, gazetteer)
    assert _quantity(_figure(proposals, "twinning_pairs_post")) == (32, "post_pair", "exact")
    assert _quantity(_figure(proposals, "twinning_pairs_cluster")) == (45, "cluster_pair", "exact")
    assert _quantity(_figure(proposals, "pupils_supported_vn")) == (631, "pupil", "exact")
    assert _quantity(_figure(proposals, "pupils_supported_kh")) == (84, "pupil", "exact")
    aid = _figure(proposals, "aid_value_vnd")
    assert _quantity(aid) == (7_000_000_000, "VND", "at_least")
    (medical,) = [p for p in proposals if p.kind == "medical_outreach"]
    assert _quantity(medical) == (2000, "person", "about")
    assert medical.quantities[0].measure == "people_examined"


def test_tay_ninh_article_metadata_and_noise(tay_ninh: Article) -> None:
    """Site, section, date and time, byline; the listing and footer are dropped."""
    assert tay_ninh.site == "Quân khu 7 Online"
    assert tay_ninh.section == "Quốc phòng - An ninh > Đối ngoại Quốc phòng"
    assert tay_ninh.published == datetime(2022, 9, 3, 10, 57, tzinfo=GMT7)
    assert tay_ninh.title == "Đẩy mạnh đối ngoại quốc phòng xây dựng biên giới hòa bình ổn định"
    assert tay_ninh.author == "Quang Huy"
    for noise in ("lượt xem", "Bình luận", "Bài viết tương tự", "NATO", "Tòa soạn", "Ảnh: CTV"):
        assert noise not in tay_ninh.text


def test_tay_ninh_activities_and_figures(tay_ninh: Article, gazetteer: InMemoryGazetteer) -> None:
    """500 million VND to the Vietnamese-origin community, 262 million VND material support,
    K70/K71, the Cambodian military regions and the provincial command in context."""
    proposals = extract_proposals(tay_ninh, gazetteer)
    kinds = {p.kind for p in proposals}
    # "luôn ... đẩy mạnh các hoạt động tuyên truyền" with no number is a practice, no card
    # (bench/news_label_conventions.md, rule 1)
    assert "education_session" not in kinds
    assert {
        "delegation_out",
        "delegation_in",
        "remains_search",
        "medical_outreach",
        "briefing_meeting",
        "joint_patrol",
        "crime_prevention",
        "new_year_visit",
        "aid",
        "community_support",
        "government_funds",
    } <= kinds
    community = _figure(proposals, "community_support_vnd")
    assert _quantity(community) == (500_000_000, "VND", "exact")
    material = _figure(proposals, "material_support_vnd")
    assert _quantity(material) == (262_000_000, "VND", "exact")
    teams = {u.entry_id for p in proposals if p.kind == "remains_search" for u in p.units}
    assert {"u-vn-team-k70", "u-vn-team-k71"} <= teams
    (funds,) = [p for p in proposals if p.kind == "government_funds"]
    assert {"u-kh-qk2", "u-kh-qk4", "u-kh-qk5", "u-vn-qk7"} <= {u.entry_id for u in funds.units}
    assert [(q.value, q.unit) for q in funds.quantities] == [(11, "province")]
    yearly_kinds = {"briefing_meeting", "joint_patrol", "crime_prevention", "new_year_visit"}
    yearly = [p for p in proposals if p.date and p.date.start == date(2021, 1, 1)]
    assert yearly_kinds <= {p.kind for p in yearly}
    # The material support of the same year review may also name the people's committee.
    activities = [p for p in yearly if p.kind in yearly_kinds]
    assert all(u.entry_id == "u-vn-chqs-tay-ninh" for p in activities for u in p.units)


def test_tay_ninh_border_length(tay_ninh: Article) -> None:
    """The 240 km border segment is the length of a border, no quantity of an activity
    (bench/news_label_conventions.md, rule 14)."""
    assert (240, "km") not in [(q.value, q.unit) for q in find_quantities(tay_ninh.text)]


def test_spans_point_into_the_clean_text(
    friendship: Article, tay_ninh: Article, gazetteer: InMemoryGazetteer
) -> None:
    """Every highlighted piece is exactly the text at its offsets."""
    for article in (friendship, tay_ninh):
        for proposal in extract_proposals(article, gazetteer):
            for spans in proposal.spans().values():
                for span in spans:
                    assert article.text[span.start : span.end] == span.text
            assert article.text[proposal.sentence.start : proposal.sentence.end] == (
                proposal.sentence.text
            )
