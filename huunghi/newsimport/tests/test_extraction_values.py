"""Values of a card other than places and units, as real articles write them: years of
undated texts, the day news came, counts that are no counts, and one count of remains."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from huunghi.newsimport.extraction.dates import find_dates
from huunghi.newsimport.extraction.figures import one_count_of_remains
from huunghi.newsimport.extraction.markers import find_markers
from huunghi.newsimport.extraction.metadata import parse_stamp
from huunghi.newsimport.extraction.quantities import find_quantities

_GUESS = date(2025, 12, 31)  # an undated text read as of the last year it names


def _days(text: str) -> list[tuple[date | None, date | None]]:
    return [(m.span.start, m.span.end) for m in find_dates(text, _GUESS, guessed_year=True)]


def test_a_year_less_day_takes_the_one_year_of_its_sentence() -> None:
    """ "Ngày 28/8, ... năm 2019" in a text that also names 2025 elsewhere is 2019."""
    found = _days("Ngày 28/8, hội nghị sơ kết mô hình năm 2019 diễn ra tại huyện.")
    assert (date(2019, 8, 28), date(2019, 8, 28)) in found


@pytest.mark.parametrize(
    ("opening", "year"),
    [("Ngày 13.12", 2024), ("Ngày 8.1", 2025)],
)
def test_a_review_and_the_next_plan_at_the_turn_of_the_year(opening: str, year: int) -> None:
    """A sentence naming the reviewed year and the planned one: a December day is in the
    first, a January day in the second."""
    text = f"{opening}, hai bên tổng kết hợp tác năm 2024 và ký kế hoạch năm 2025."
    day, month = (int(x) for x in opening.split()[1].split("."))
    assert (date(year, month, day), date(year, month, day)) in _days(text)


def test_a_mid_year_day_between_two_named_years_stays_blank() -> None:
    """Two years in the sentence and a day in June: no year is sure, no date."""
    assert _days("Ngày 5.6, hai bên tổng kết hợp tác năm 2024 và bàn kế hoạch năm 2025.") == [
        (date(2024, 1, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 12, 31)),
    ]


def test_a_signed_documents_year_does_not_date_the_sentence() -> None:
    """ "Ngày 14/6 ... theo quy chế được ký ngày 20/3/2015": the document's year says
    nothing of the patrol's."""
    text = "Ngày 14/6, hai đồn tuần tra chung theo quy chế được hai bên ký ngày 20/3/2015."
    assert all(start != date(2015, 6, 14) for start, _ in _days(text))


def test_the_day_a_unit_gave_the_news_dates_nothing() -> None:
    """ "Ngày 12-12, Bộ đội Biên phòng tỉnh X cho biết vừa ...": the day of the report."""
    text = "Ngày 12-12, Bộ đội Biên phòng tỉnh Đồng Tháp cho biết vừa tiếp nhận 20 công dân."
    assert find_dates(text, date(2025, 12, 13)) == []


def test_a_wordy_stamp_without_ngay_is_a_publication_line() -> None:
    """ "Thứ Tư, 22 tháng 1 năm 2025" and "22 tháng 1, 2025" are page stamps."""
    for line in ("Thứ Tư, 22 tháng 1 năm 2025", "22 tháng 1, 2025"):
        stamp = parse_stamp(line)
        assert stamp is not None and stamp.value.date() == date(2025, 1, 22), line


def _counts(text: str) -> list[tuple[str, str, str | None]]:
    return [(format(q.value, "f"), q.unit, q.per) for q in find_quantities(text)]


@pytest.mark.parametrize(
    "text",
    [
        "đến thăm, chúc Tết Nguyên đán Ất Tỵ 2025 cán bộ, nhân viên Quân khu",
        "hoàn thành phân giới, cắm mốc trên các tuyến biên giới có chiều dài gần 21km",
        "tỉnh có gần 369 km đường biên với Campuchia",
        "kỷ niệm 58 năm Ngày thiết lập quan hệ ngoại giao",
        "Qua 10 năm thực hiện quy chế, hai bên đã gặp nhau thường xuyên",
    ],
)
def test_numbers_that_are_no_counts(text: str) -> None:
    """A year after the name of a lunar year, a border's length, an anniversary and the
    period of figures are no quantities."""
    assert _counts(text) == []


def test_a_patrols_stretch_is_still_a_length() -> None:
    """ "tuần tra ..., chiều dài gần 7 km": the patrol's own length stays."""
    text = "tuần tra song phương khu vực cột mốc 301, gồm 12 cán bộ, chiến sĩ, chiều dài gần 7 km"
    assert ("7", "km", None) in _counts(text)


def test_the_years_of_a_reviewed_programme_are_counted() -> None:
    """ "Hội nghị sơ kết 03 năm Kế hoạch liên kết": 3 years."""
    assert _counts("họp Hội nghị sơ kết 03 năm Kế hoạch liên kết") == [("3", "year", None)]


def test_identified_remains_are_no_count_of_their_own() -> None:
    """ "cất bốc được 38 bộ hài cốt, trong số đó đã xác định được danh tính 2": only the 38."""
    text = "Đội cất bốc được 38 bộ hài cốt, trong số đó đã xác định được danh tính 2 hài cốt."
    assert _counts(text) == [("38", "remains", None)]


def test_an_amount_for_each_recipient_named_with_a_bracket() -> None:
    """ "mỗi đơn vị ... (phía đối diện ...) được tặng 50kg gạo" is per unit."""
    text = "mỗi đồn biên phòng của bạn (phía đối diện huyện Tuy Đức) được tặng 50kg gạo"
    assert _counts(text) == [("50", "kg", "đồn biên")]


def _one_count(text: str) -> list[int]:
    return [int(q.value) for q in one_count_of_remains(find_quantities(text))]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Các đội quy tập được 180 hài cốt; trong đó, Đội A quy tập 150 hài cốt, "
            "Đội B 30 hài cốt.",
            [180],
        ),
        ("Đội đã quy tập 14 hài cốt (trong đó 9 hài cốt ở Campuchia, 5 hài cốt ở Lào).", [9]),
        (
            "Tổng số hài cốt hai đội quy tập là 241 hài cốt. Riêng Đội B quy tập được 180 hài cốt "
            "(137 hài cốt trên đất Campuchia và 43 hài cốt trong nước).",
            [241],
        ),
        (
            "Ngày 7/1, đội phát hiện thêm 1 hài cốt. Đến nay, đội đã quy tập 9 hài cốt, trong đó "
            "có 6 hài cốt ở Lào và 3 hài cốt ở Campuchia.",
            [3],
        ),
        ("Đội A cất bốc được 140 hài cốt; Đội B cất bốc được 24 hài cốt.", [140, 24]),
        ("Đội quy tập 50 hài cốt. Trong đó, 45 hài cốt ở Campuchia, 5 ở Lào.", [45]),
        (
            "Đội quy tập 20 hài cốt ở Campuchia (trong đó tỉnh A 12 hài cốt, tỉnh B 8 hài cốt).",
            [20],
        ),
    ],
)
def test_one_count_of_remains_per_record(text: str, kept: list[int]) -> None:
    """A total, not its parts; its Cambodian part when it also counts finds in Laos or in
    Vietnam; the campaign's count rather than the day's find; a list without a total as
    listed (bench/news_label_conventions.md, rule 16)."""
    assert _one_count(text) == kept


def test_other_quantities_are_left_alone() -> None:
    """Goods of different kinds in one unit stay as listed."""
    quantities = find_quantities("trao 300 chiếc chăn, 450 thùng mì và 7.000 khẩu trang")
    assert one_count_of_remains(quantities) == quantities
    assert [q.value for q in quantities] == [Decimal(300), Decimal(450), Decimal(7000)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nhân dịp Tết Nguyên đán Kỷ Hợi, chiều 21/1, đoàn trao quà cho bà con.",
            date(2019, 1, 21),
        ),
        (
            "Sáng 24/12, đơn vị trao quà cho lực lượng bạn trước Tết Ất Tỵ năm 2025.",
            date(2024, 12, 24),
        ),
        (
            "Trong mùa khô 2017-2018 đội quy tập 7 hài cốt.\nNgày 20/5, lễ hồi hương diễn ra.",
            date(2018, 5, 20),
        ),
    ],
)
def test_a_tet_or_the_one_season_of_the_text_fixes_the_year(text: str, expected: date) -> None:
    """An undated text: the Tết named ("Kỷ Hợi" is 2019; a December day comes before the
    Tết of its next year) or the one dry season named fixes a year-less day inside it."""
    assert (expected, expected) in _days(text)


def test_a_day_outside_the_tet_or_season_months_stays_blank() -> None:
    """ "Ngày 27/7" in a text naming only "mùa khô 2017-2018": no year is sure."""
    days = _days("Trong mùa khô 2017-2018 đội quy tập 7 hài cốt.\nNgày 27/7, lễ tri ân diễn ra.")
    assert all(start is None or start.month != 7 for start, _ in days)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "trao 30 suất quà, mỗi suất gồm 10 kg gạo và 200.000 đồng tiền mặt",
            [("30", "gift", None), ("10", "kg", "suất"), ("200000", "VND", "suất")],
        ),
        (
            "mỗi hộ được tặng 10 kg gạo, 2 thùng mì và 300.000 đồng",
            [("10", "kg", "hộ"), ("2", "item", "hộ"), ("300000", "VND", "hộ")],
        ),
        (
            "mỗi suất 2 triệu đồng, tổng trị giá 30 triệu đồng",
            [("2000000", "VND", "suất"), ("30000000", "VND", None)],
        ),
    ],
)
def test_what_each_item_holds_is_listed_for_each(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    """Amounts listed after the first amount for each item are for each item too; a total
    after them is not."""
    assert _counts(text) == expected


def test_a_marker_named_with_its_kind_of_border() -> None:
    """ "khu vực cột mốc biên giới 203" names marker 203."""
    assert [m.value for m in find_markers("ở khu vực cột mốc biên giới 203.")] == ["203"]


def test_a_bylines_stamp_is_a_publication_line() -> None:
    """ "Hải Yến - Quốc Bảo - 14:20, 19/11/2024": the authors' names beside a stamp."""
    stamp = parse_stamp("Hải Yến - Quốc Bảo - 14:20, 19/11/2024")
    assert stamp is not None and stamp.value.date() == date(2024, 11, 19)
    assert parse_stamp("Hội nghị tổng kết năm 2023 ngày 18/12/2023") is None


def test_the_stamp_next_to_the_article_wins_over_a_header_clock() -> None:
    """A site's clock above the title and the byline's stamp under it: the byline's."""
    from huunghi.newsimport.extraction import extract_article

    text = (
        "Thứ Hai, ngày 06 tháng 01 năm 2020, 10:15:42\n\nTrẻ em vùng biên đến lớp\n\n"
        "Hải Yến - 14:20, 19/11/2024\n\nĐồn Biên phòng Vĩnh Xương tiếp tục thăm hỏi, động viên "
        "các em học sinh nghèo ở hai bên biên giới đến lớp đều đặn trong năm học mới. Mỗi tháng, "
        "cán bộ của đồn đến từng nhà các em, cùng gia đình tìm cách giúp các em học tốt hơn.\n\n"
        "Nhiều em đã hoàn thành chương trình trung học cơ sở và tiếp tục theo học ở trường huyện, "
        "trở thành niềm tự hào của bà con hai bên biên giới."
    )
    published = extract_article(text).published
    assert published is not None and published.date() == date(2024, 11, 19)


def test_since_a_year_without_the_articles_day_is_no_date() -> None:
    """ "Từ năm 2001 đến nay" in a text without its own day: the end is unknown, and the
    year alone is not the period."""
    assert find_dates("Từ năm 2001 đến nay, đội đã quy tập 900 hài cốt.", None) == []
    assert find_dates("Từ đầu tháng 5-2022 đến nay, nhiều hoạt động diễn ra.", None) != []


def test_counted_goods_in_containers_are_items() -> None:
    """ "100 chai ..., 36 thùng ..., 1.500 quyển tập": counted goods of any container."""
    text = "tặng 100 chai nước rửa tay, 36 thùng mì tôm, 1.500 quyển tập và 3 gói bánh"
    assert [(value, unit) for value, unit, _ in _counts(text)] == [
        ("100", "item"),
        ("36", "item"),
        ("1500", "item"),
        ("3", "item"),
    ]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("ngày 5, 6/11", date(2024, 11, 5), date(2024, 11, 6)),
        ("ngày 9, 10 và 11/12", date(2024, 12, 9), date(2024, 12, 11)),
        ("Trong các ngày 20 và 21 tháng 11", date(2024, 11, 20), date(2024, 11, 21)),
    ],
)
def test_a_list_of_days_of_one_month_is_one_run(text: str, first: date, last: date) -> None:
    """Days listed before their month are one run of days, not the month or the last two."""
    assert [(m.span.start, m.span.end) for m in find_dates(text, date(2024, 12, 20))] == [
        (first, last)
    ]


@pytest.mark.parametrize(
    ("kind", "sentence", "expected"),
    [
        ("festival", "Tham dự ngày hội có lãnh đạo hai huyện cùng gần 300 đại biểu.", "300 person"),
        ("delegation_in", "Đoàn bạn gồm 45 cán bộ, chiến sĩ, đi qua cửa khẩu.", "45 person"),
        (
            "crime_prevention",
            "Trong số người được trao trả có 2 người đang có lệnh truy nã.",
            "2 suspect",
        ),
        ("crime_prevention", "Qua xác minh, có 3 người bị truy nã.", None),
        ("festival", "Đoàn bạn gồm 45 cán bộ, chiến sĩ.", None),
    ],
)
def test_people_of_the_activity_just_reported(
    kind: str, sentence: str, expected: str | None
) -> None:
    """A sentence naming no activity counts the people of the one just reported: a
    festival's attendance, a delegation's members, the wanted persons among the citizens
    received (a wanted count without 'trong số' may be a part of it and stays out)."""
    from huunghi.newsimport.extraction.figures import leftovers

    found = leftovers(kind, find_quantities(sentence), sentence)
    assert [f"{q.value} {q.unit}" for q in found] == ([expected] if expected else [])
