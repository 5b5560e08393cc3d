"""Vietnamese numbers, quantities, dates and page metadata lines."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from huunghi.newsimport.extraction import find_dates, find_quantities, parse_amount
from huunghi.newsimport.extraction.metadata import author_of, parse_stamp, section_of, site_of
from huunghi.newsimport.extraction.textutil import fold, match_form, split_sentences

GMT7 = timezone(timedelta(hours=7))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2.000", 2000),
        ("1.137", 1137),
        ("1,5 tỷ", 1_500_000_000),
        ("7 tỷ", 7_000_000_000),
        ("500 triệu", 500_000_000),
        ("2 tỷ 300 triệu", 2_300_000_000),
        ("20 nghìn", 20_000),
        ("3 ngàn", 3_000),
        ("hai", 2),
        ("2,75", Decimal("2.75")),
    ],
)
def test_parse_amount(text: str, value: int | Decimal) -> None:
    """Dots group thousands, commas mark decimals, scale words multiply."""
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("khám cho khoảng 2.000 người dân", 2000, "person", "about"),
        ("tổng giá trị hơn 7 tỷ đồng", 7_000_000_000, "VND", "at_least"),
        ("hỗ trợ 500 triệu đồng", 500_000_000, "VND", "exact"),
        ("tổng trị giá 262 triệu đồng", 262_000_000, "VND", "exact"),
        ("kết nghĩa được 32 cặp đồn, trạm Biên phòng", 32, "post_pair", "exact"),
        ("và 45 cặp cụm dân cư", 45, "cluster_pair", "exact"),
        ("ký thêm ba cặp cụm dân cư", 3, "cluster_pair", "exact"),
        ("tuần tra đoạn biên giới dài 24 km", 24, "km", "exact"),
        ("trao 1,5 tỷ đồng", 1_500_000_000, "VND", "exact"),
        ("gần 400 lượt người", 400, "person", "about"),
        ("trên 150 suất quà", 150, "gift", "at_least"),
        ("20 con bò giống", 20, "head", "exact"),
        ("164 hài cốt liệt sĩ", 164, "remains", "exact"),
        ("khoảng 50.000 USD", 50_000, "USD", "about"),
        ("thu giữ hơn 2 tấn đường", 2, "tonne", "at_least"),
    ],
)
def test_find_quantities(text: str, value: int, unit: str, qualifier: str) -> None:
    """Value, unit and qualifier of common quantity forms, with their spans."""
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier)
    assert text[quantity.start : quantity.end] == quantity.text


def test_pupils_keep_their_country() -> None:
    """ "631 cháu học sinh Việt Nam và 84 cháu nước bạn Campuchia" gives two countries."""
    found = find_quantities("giúp đỡ 631 cháu học sinh Việt Nam và 84 cháu nước bạn Campuchia")
    assert [(q.value, q.unit, q.country) for q in found] == [
        (631, "pupil", "VN"),
        (84, "pupil", "KH"),
    ]


def test_rates_and_ranges() -> None:
    """A rate keeps its denominator; a range keeps both ends."""
    (rate,) = find_quantities("mức hỗ trợ 500.000 đồng/em/tháng")
    assert (rate.value, rate.per) == (500_000, "em/tháng")
    (span,) = find_quantities("cho từ 300 đến 350 học sinh")
    assert (span.value, span.value_max, span.qualifier) == (300, 350, "at_least")


@pytest.mark.parametrize(
    "text",
    ["Quân khu 2, 4, 5", "cột mốc 229/12", "2 đồng chí lãnh đạo", "Đội K70", "năm 2022"],
)
def test_not_quantities(text: str) -> None:
    """Names, marker numbers, "đồng chí" and years are not quantities."""
    assert find_quantities(text) == []


TODAY = date(2023, 1, 10)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("vào trung tuần tháng 5 năm 2022", date(2022, 5, 11), date(2022, 5, 20), "dekad"),
        ("thượng tuần tháng 9/2021", date(2021, 9, 1), date(2021, 9, 10), "dekad"),
        ("hạ tuần tháng 2/2024", date(2024, 2, 21), date(2024, 2, 29), "dekad"),
        ("đầu tháng 6", date(2022, 6, 1), date(2022, 6, 10), "month_part"),
        ("cuối tháng 9/2021", date(2021, 9, 21), date(2021, 9, 30), "month_part"),
        ("tháng 5/2022", date(2022, 5, 1), date(2022, 5, 31), "month"),
        ("tháng 8 năm 2023", date(2023, 8, 1), date(2023, 8, 31), "month"),
        ("năm 2021", date(2021, 1, 1), date(2021, 12, 31), "year"),
        ("ngày 15/10", date(2022, 10, 15), date(2022, 10, 15), "day"),
        ("ngày 5/1", date(2023, 1, 5), date(2023, 1, 5), "day"),
        ("Sáng 12/3/2024", date(2024, 3, 12), date(2024, 3, 12), "day"),
        ("ngày 5 tháng 4 năm 2024", date(2024, 4, 5), date(2024, 4, 5), "day"),
        ("từ ngày 13-16/3/2023", date(2023, 3, 13), date(2023, 3, 16), "days"),
        ("từ ngày 2/4 đến ngày 6/4/2024", date(2024, 4, 2), date(2024, 4, 6), "days"),
        ("quý II/2023", date(2023, 4, 1), date(2023, 6, 30), "quarter"),
        ("đầu năm 2024", date(2024, 1, 1), date(2024, 3, 31), "year_part"),
        ("6 tháng đầu năm 2020", date(2020, 1, 1), date(2020, 6, 30), "months"),
        ("6 tháng cuối năm 2019", date(2019, 7, 1), date(2019, 12, 31), "months"),
        ("giai đoạn 2017-2022", date(2017, 1, 1), date(2022, 12, 31), "years"),
        ("từ năm 2018 đến nay", date(2018, 1, 1), TODAY, "years"),
        ("mùa khô 2023-2024", date(2023, 11, 1), date(2024, 5, 31), "season"),
        ("năm học 2023-2024", date(2023, 9, 1), date(2024, 5, 31), "school_year"),
        ("hôm qua", date(2023, 1, 9), date(2023, 1, 9), "day"),
        ("từ đầu năm đến nay", date(2023, 1, 1), TODAY, "year_part"),
    ],
)
def test_find_dates(text: str, start: date, end: date, precision: str) -> None:
    """Every date form resolves to a period, missing years from the article date."""
    (found,) = find_dates(text, TODAY)
    assert (found.span.start, found.span.end, found.span.precision) == (start, end, precision)
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize("text", ["cột mốc 229/12", "Quyết định số 12/2022", "Tết Ất Tỵ 2025"])
def test_not_dates(text: str) -> None:
    """Marker numbers, decision numbers and bare years are not dates."""
    assert find_dates(text, TODAY) == []


@pytest.mark.parametrize(
    ("line", "moment"),
    [
        ("09:14 | 16/07/2022 GMT+7", datetime(2022, 7, 16, 9, 14, tzinfo=GMT7)),
        ("Thứ bảy, 03/09/2022, 10:57 (GMT+7)", datetime(2022, 9, 3, 10, 57, tzinfo=GMT7)),
        ("11:44 15/10/2025", datetime(2025, 10, 15, 11, 44, tzinfo=GMT7)),
        ("Cập nhật: 08:30 ngày 07/04/2023", datetime(2023, 4, 7, 8, 30, tzinfo=GMT7)),
        ("Thứ Năm, 14/3/2024 - 15:20", datetime(2024, 3, 14, 15, 20, tzinfo=GMT7)),
        ("2022-11-23T06:00:00+07:00", datetime(2022, 11, 23, 6, 0, tzinfo=GMT7)),
    ],
)
def test_parse_stamp(line: str, moment: datetime) -> None:
    """Publication stamps in the forms news sites use."""
    stamp = parse_stamp(line)
    assert stamp is not None and stamp.value == moment and stamp.has_time


def test_stamp_inside_a_headline_is_not_a_stamp() -> None:
    """A headline that contains a date is not the publication stamp."""
    assert parse_stamp("Tin quốc tế ngày 15/3: Giá dầu vượt ngưỡng 100 USD/thùng") is None


def test_metadata_lines() -> None:
    """Masthead, breadcrumb and byline lines."""
    assert site_of("Quân khu 7 Online") == "Quân khu 7 Online"
    assert site_of("Trang chủ Hữu nghị Bốn phương kết bạn") is None
    assert section_of("Quốc phòng - An ninh > Đối ngoại Quốc phòng") == (
        "Quốc phòng - An ninh > Đối ngoại Quốc phòng"
    )
    assert author_of("Hải An") == "Hải An"
    assert author_of("QUANG HUY") == "Quang Huy"
    assert author_of("Bài và ảnh: Minh Đức") == "Minh Đức"
    assert author_of("Trụ cột quan trọng") is None
    assert author_of("Tin bài liên quan") is None


def test_offset_preserving_forms() -> None:
    """Folding and tone normalisation keep one character per character."""
    text = "Đắk Lắk hoà bình, thuỷ lợi, quý II, giai đoạn"
    assert fold(text) == "dak lak hoa binh, thuy loi, quy ii, giai doan"
    assert match_form(text) == "đắk lắk hòa bình, thủy lợi, quý ii, giai đoạn"
    assert len(fold(text)) == len(match_form(text)) == len(text)


def test_sentences_do_not_split_at_abbreviations_or_numbers() -> None:
    """ "TP. Hồ Chí Minh" and "1.137 km" stay inside their sentence."""
    text = "Đoàn đến TP. Hồ Chí Minh dự hội nghị. Đường biên dài 1.137 km. Hết."
    assert [s.text for s in split_sentences(text, 0, len(text))] == [
        "Đoàn đến TP. Hồ Chí Minh dự hội nghị.",
        "Đường biên dài 1.137 km.",
        "Hết.",
    ]


@pytest.mark.parametrize(
    "text",
    ["quy tập được từ tháng 9/2010 đến nay", "từ năm 2001 đến nay", "từ ngày 3/2/2019 đến nay"],
)
def test_open_period_without_the_articles_day_is_no_date(text: str) -> None:
    """A period that ends on the article's day ("... đến nay") in a text whose day is only
    guessed has an unknown end: neither it nor its start alone is a date."""
    assert find_dates(text, date(2010, 12, 31), relative=False) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("cùng lúc ký kết kế hoạch liên kết giai đoạn 2025 - 2027.", True),
        ("hai bên ký kết hợp tác phòng, chống tội phạm trong 6 tháng đầu năm 2020", True),
        ("Từ khi ký kết kết nghĩa năm 2018 đến nay, hai đồn đã tuần tra 50 lần.", False),
        ("Hai bên đăng ký tham gia giai đoạn 2020-2022", False),
        ("Hai bên ký kết vào năm 2019", False),
    ],
)
def test_the_term_of_a_signed_document_is_no_date(text: str, term: bool) -> None:
    """A period after a document named as signed is its term; the time since a signing,
    a registration ("đăng ký") and a signing year after "vào" are not."""
    from huunghi.newsimport.extraction.dates import is_document_term

    (found,) = find_dates(text, date(2024, 12, 31))
    assert is_document_term(text, found) is term
