"""Quantity constructions of published articles: per-item amounts, breakdowns, subsets, and
quantities written where no activity is named."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from huunghi.newsimport.extraction import Kind
from huunghi.newsimport.extraction.figures import follow_counts, leftovers
from huunghi.newsimport.extraction.quantities import Quantity, find_quantities


def _found(text: str) -> list[tuple[str, str, str | None]]:
    return [(format(q.value, "f"), q.unit, q.per) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "trao 200 phần quà, mỗi phần quà gồm gạo, dầu ăn và tiền mặt trị giá 500.000 đồng",
            [("200", "gift", None), ("500000", "VND", "phần quà")],
        ),
        (
            "8 chiếc xe đạp (02 triệu đồng/chiếc) và 40 góc học tập (mỗi góc trị giá 500 "
            "nghìn đồng)",
            [
                ("8", "item", None),
                ("2000000", "VND", "chiếc"),
                ("40", "item", None),
                ("500000", "VND", "góc"),
            ],
        ),
        (
            "15 suất học bổng, mỗi suất 2 triệu đồng, tổng trị giá 30 triệu đồng",
            [("15", "scholarship", None), ("2000000", "VND", "suất"), ("30000000", "VND", None)],
        ),
    ],
)
def test_per_item_amounts(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    """An amount after "mỗi <item> … trị giá" or "/<item>" is per item; a total after it
    is not."""
    assert _found(text) == expected


def test_breakdown_of_recipients_is_left_out() -> None:
    """ "30 suất học bổng (trong đó có 18 em nội biên, 12 em ngoại biên)": the pupils are
    the recipients of the 30 awards, not a count of their own."""
    text = "trao tặng 30 suất học bổng cho các em (trong đó có 18 em nội biên, 12 em ngoại biên)"
    assert _found(text) == [("30", "scholarship", None)]


def test_breakdown_in_the_totals_unit_is_kept() -> None:
    """ "12 hài cốt (trong đó 8 hài cốt ở Campuchia, 4 hài cốt ở Lào)": the parts by
    country are facts of their own."""
    text = "quy tập được 12 hài cốt liệt sỹ (trong đó 8 hài cốt ở Campuchia, và 4 hài cốt ở Lào)"
    assert [value for value, _, _ in _found(text)] == ["12", "8", "4"]


def test_identified_subset_is_no_count() -> None:
    """ "trong đó có 10 hài cốt xác định chính danh" names a subset already counted."""
    text = "quy tập được 180 hài cốt, trong đó có 10 hài cốt xác định chính danh"
    assert _found(text) == [("180", "remains", None)]


def test_fallen_soldiers_are_remains() -> None:
    """ "quy tập được 7 liệt sỹ" counts remains; a cemetery's name does not."""
    assert _found("quy tập được 7 liệt sỹ") == [("7", "remains", None)]
    assert _found("an táng tại Nghĩa trang liệt sĩ huyện Ngọc Hồi") == []


@pytest.mark.parametrize(
    ("kind", "text", "units"),
    [
        (Kind.JOINT_PATROL, "Hai bên tuần tra, kiểm soát đoạn biên giới dài hơn 15,8 km", ["km"]),
        (Kind.JOINT_PATROL, "Lực lượng tuần tra gồm 16 cán bộ, chiến sĩ hai bên", ["person"]),
        (Kind.JOINT_PATROL, "Hơn 300 người dân dự buổi tuần tra", []),
        (Kind.MEDICAL_OUTREACH, "Số thuốc cấp phát trị giá khoảng 40 triệu đồng", ["VND"]),
        (Kind.MEDICAL_OUTREACH, "Nhân dịp này, 300 người dân đến dự", []),
        (Kind.FACILITY_INAUGURATION, "được xây dựng với tổng kinh phí gần 65.000 USD", ["USD"]),
        (Kind.NEW_YEAR_VISIT, "Nhân dịp này, đoàn trao tặng đơn vị bạn 30 phần quà", ["gift"]),
        (Kind.BRIEFING_MEETING, "Hai bên đã tuần tra 15 km", []),
    ],
)
def test_leftovers(kind: str, text: str, units: list[str]) -> None:
    """Only a patrol's length and size, a building's cost, an outreach's medicine value and
    handed-over gifts go to the activity just reported from a sentence naming none."""
    assert [q.unit for q in leftovers(kind, find_quantities(text), text)] == units


@dataclass
class _Mention:
    kind: str
    quantities: list[Quantity] = field(default_factory=list)


def test_money_follows_the_count_it_prices() -> None:
    """The per-item amount and the total after "15 suất học bổng" belong to the
    scholarship even when a community-support trigger stands nearer."""
    text = (
        "trao 15 suất học bổng cho học sinh người gốc Việt tại tỉnh Kandal (Campuchia), "
        "mỗi suất 2 triệu đồng, tổng trị giá 30 triệu đồng"
    )
    count, each, total = find_quantities(text)
    scholarship = _Mention(Kind.SCHOLARSHIP, [count])
    community = _Mention(Kind.COMMUNITY_SUPPORT, [each, total])
    follow_counts([scholarship, community])
    assert [q.value for q in scholarship.quantities] == [15, 2_000_000, 30_000_000]
    assert community.quantities == []


def test_money_stays_when_the_count_cannot_carry_it() -> None:
    """A count whose activity takes no money (a patrol's officers) keeps no amount."""
    text = "tuần tra với 12 cán bộ, chiến sĩ; tặng quà trị giá 5 triệu đồng"
    people, money = find_quantities(text)
    patrol = _Mention(Kind.JOINT_PATROL, [people])
    gifts = _Mention(Kind.COMMUNITY_SUPPORT, [money])
    follow_counts([patrol, gifts])
    assert gifts.quantities == [money]
    assert money.value == Decimal(5_000_000)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("trao học bổng Nâng bước em tới trường cho học sinh nghèo, gồm 12 suất", "scholarship"),
        ("tặng quà Tết cho hộ nghèo, 30 suất", "gift"),
    ],
)
def test_bare_portions_count_what_was_named_before(text: str, unit: str) -> None:
    """ "12 suất, mỗi suất 3 triệu đồng": a bare "suất" counts the scholarships or gifts
    named before it, and nothing when neither is named."""
    assert [q.unit for q in find_quantities(text)] == [unit]
    assert find_quantities("mỗi người ăn 3 suất cơm") == []
