"""extract_article: finding the main article and refusing input it cannot use."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from huunghi.newsimport.extraction import ArticleError, ArticleErrorCode, extract_article

CORPUS = Path(__file__).parent / "corpus"
GMT7 = timezone(timedelta(hours=7))

ARTICLE = """Báo Biên giới Online
Thứ Hai, 06/05/2024, 09:30 (GMT+7)
Hai đồn biên phòng tuần tra chung trên tuyến biên giới

Sáng 5/5, Đồn Biên phòng Hoa Lư phối hợp với lực lượng bảo vệ biên giới tỉnh Kratie tổ chức
tuần tra chung trên đoạn biên giới dài 12 km, kiểm tra hệ thống mốc giới và nắm tình hình
người dân qua lại.
Sau chuyến tuần tra, hai bên trao đổi tình hình an ninh, trật tự khu vực giáp biên và thống
nhất các biện pháp phối hợp trong thời gian tới, bảo đảm đường biên luôn hòa bình, ổn định.
Văn Nam
Tin liên quan
Bình luận
"""


def test_plain_text_article_has_metadata_and_offsets() -> None:
    """A pasted page gives title, timestamp, site, byline and paragraphs with offsets."""
    text = ARTICLE.replace("Kratie tổ chức\n", "Kratie tổ chức ").replace(
        "tình hình\n", "tình hình "
    )
    text = text.replace("và thống\n", "và thống ")
    article = extract_article(text)
    assert article.title == "Hai đồn biên phòng tuần tra chung trên tuyến biên giới"
    assert article.published == datetime(2024, 5, 6, 9, 30, tzinfo=GMT7)
    assert article.published_has_time
    assert article.site == "Báo Biên giới Online"
    assert article.author == "Văn Nam"
    assert len(article.paragraphs) == 2
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start : paragraph.end] == paragraph.text
    assert "Bình luận" not in article.text


def test_bytes_in_utf8_utf16_and_windows_1258_decode_alike() -> None:
    """Uploads in the common encodings give the same clean text."""
    source = (CORPUS / "02_trong_cay_loc_thanh.txt").read_text(encoding="utf-8")
    expected = extract_article(source).text
    assert extract_article(source.encode("utf-8")).text == expected
    assert extract_article(source.encode("utf-16")).text == expected
    assert extract_article(_windows_1258(source)).text == expected


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks combining."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_decomposed_unicode_is_normalised() -> None:
    """Text pasted from macOS (NFD) is normalised to NFC."""
    source = (CORPUS / "02_trong_cay_loc_thanh.txt").read_text(encoding="utf-8")
    article = extract_article(unicodedata.normalize("NFD", source))
    assert article.text == unicodedata.normalize("NFC", article.text)
    assert "Lộc Thạnh" in article.text


def test_html_page_uses_declared_metadata() -> None:
    """A saved page's meta tags give the time; menus, asides and footers are dropped."""
    article = extract_article((CORPUS / "03_kham_benh_svay_rieng.html").read_bytes())
    assert article.source_format == "html"
    assert article.title == "Khám bệnh, cấp thuốc miễn phí cho người dân Svay Rieng"
    assert article.published == datetime(2023, 3, 17, 10, 5, tzinfo=GMT7)
    assert article.site == "Báo Long An Online"
    assert article.author == "Hoàng Lâm"
    assert "Trang chủ" not in article.text
    assert "Cơ quan chủ quản" not in article.text


@pytest.mark.parametrize("raw", ["", "   \n\t ", b"", b"\n\n"])
def test_empty_input(raw: str | bytes) -> None:
    """Empty input is refused with the "empty" code."""
    with pytest.raises(ArticleError) as caught:
        extract_article(raw)
    assert caught.value.code == ArticleErrorCode.EMPTY


def test_input_over_the_size_limit() -> None:
    """A 50 MB upload is refused before any parsing; the limit is a parameter."""
    with pytest.raises(ArticleError) as caught:
        extract_article(b"a" * (50 * 1024 * 1024))
    assert caught.value.code == ArticleErrorCode.TOO_LARGE
    assert "50.0 MB" in str(caught.value)
    with pytest.raises(ArticleError):
        extract_article(ARTICLE, max_bytes=100)


def test_english_text_is_not_vietnamese() -> None:
    """A foreign-language article is refused."""
    english = (
        "The border guards of the two countries held a joint patrol along the border on "
        "Monday, checking the markers and meeting residents of the villages nearby. " * 5
    )
    with pytest.raises(ArticleError) as caught:
        extract_article(english)
    assert caught.value.code == ArticleErrorCode.NOT_VIETNAMESE


def test_an_official_report_of_titles_and_names_is_vietnamese() -> None:
    """A report made mostly of ranks, offices and names has few function words; its dense
    Vietnamese letters still mark it as Vietnamese (it used to be refused)."""
    report = (
        "Sáng 12/3, tại Thành phố Cần Thơ diễn ra Hội nghị thường niên lần thứ IV giữa "
        "Bộ Chỉ huy Quân sự tỉnh Hậu Giang và Tiểu khu Quân sự tỉnh Takeo.\n\n"
        "Đại tá Trần Quốc Hưng, Chỉ huy trưởng, trưởng đoàn Việt Nam.\n\n"
        "Thiếu tướng Sok Phalla, Chỉ huy trưởng Tiểu khu, trưởng đoàn Campuchia.\n\n"
        "Đồng chí Lê Thị Mai, Phó Chủ tịch Ủy ban Mặt trận Tổ quốc tỉnh; Thượng tá Huỳnh "
        "Văn Đức, Chính ủy Bộ Chỉ huy; Trung tá Nguyễn Minh Tâm, Phó Tham mưu trưởng."
    )
    article = extract_article(report)
    assert "Hội nghị thường niên" in article.text


def test_khmer_text_is_not_vietnamese() -> None:
    """Khmer script is refused, not mistaken for accented Latin."""
    khmer = "កងកម្លាំងការពារព្រំដែនទាំងពីរបានល្បាតរួមគ្នានៅតាមព្រំដែន។ " * 20
    with pytest.raises(ArticleError) as caught:
        extract_article(khmer)
    assert caught.value.code == ArticleErrorCode.NOT_VIETNAMESE


def test_vietnamese_without_diacritics_gets_its_own_message() -> None:
    """Unaccented Vietnamese is recognised and the clerk is told to paste the original."""
    bare = (
        "Sang 5/5, Don Bien phong Hoa Lu phoi hop voi luc luong bao ve bien gioi cua ban "
        "to chuc tuan tra chung tren doan bien gioi dai 12 km, kiem tra cac cot moc va nam "
        "tinh hinh nguoi dan qua lai khu vuc bien gioi hai nuoc. " * 4
    )
    with pytest.raises(ArticleError) as caught:
        extract_article(bare)
    assert caught.value.code == ArticleErrorCode.NO_DIACRITICS


def test_menu_only_page_has_no_article() -> None:
    """A page of menus and headlines only gives "no_article"."""
    menu = "\n".join(
        ["Trang chủ", "Thời sự", "Quốc phòng", "Kinh tế", "Đọc nhiều"]
        + ["Tây Ninh đón hơn một triệu lượt khách dịp lễ vừa qua"] * 2
    )
    with pytest.raises(ArticleError) as caught:
        extract_article(menu)
    assert caught.value.code == ArticleErrorCode.NO_ARTICLE


@pytest.mark.parametrize(
    "raw",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary",
        b"PK\x03\x04\x14\x00\x06\x00 word document",
        b"\x89PNG\r\n\x1a\n\x00\x00",
    ],
)
def test_binary_files_are_unsupported(raw: bytes) -> None:
    """PDF, Office and image uploads are refused with a clear message."""
    with pytest.raises(ArticleError) as caught:
        extract_article(raw)
    assert caught.value.code == ArticleErrorCode.UNSUPPORTED_FORMAT


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><div><p>Sáng 5/5, Đồn Biên phòng Hoa Lư phối hợp với lực lượng bạn tổ "
        "chức tuần tra chung trên đoạn biên giới dài 12 km, kiểm tra hệ thống mốc giới, nắm "
        "tình hình người dân qua lại khu vực biên giới hai nước.<p>Sau chuyến tuần tra, hai "
        "bên trao đổi tình hình an ninh, trật tự và thống nhất biện pháp phối hợp.<div",
        "<html><head><title>x</title></head><body>" + "<div>" * 3000 + "<p>Không có nội dung",
        "<<<>>><html></ht<body <p =>>\x00\x01 </script><script>",
        "<html><body>" + "<p>\ufffd\ufffd" * 50 + "</body></html>",
    ],
)
def test_broken_html_never_crashes(markup: str) -> None:
    """Malformed markup gives an article or an ArticleError, never another exception."""
    try:
        article = extract_article(markup, content_type_hint="text/html")
    except ArticleError as error:
        assert error.code in set(ArticleErrorCode)
    else:
        assert "tuần tra chung" in article.text


def test_undecodable_bytes() -> None:
    """Bytes in no known encoding are refused or recovered, never a UnicodeError."""
    junk = bytes(range(128, 256)) * 40
    with pytest.raises(ArticleError) as caught:
        extract_article(junk)
    assert caught.value.code in {ArticleErrorCode.UNDECODABLE, ArticleErrorCode.NOT_VIETNAMESE}


def test_error_message_is_a_template_with_params() -> None:
    """Messages are English msgids with named placeholders for translation."""
    with pytest.raises(ArticleError) as caught:
        extract_article("x" * 200, max_bytes=100)
    error = caught.value
    assert "%(limit_mb)" in error.message
    assert error.params["limit_mb"] == pytest.approx(100 / 1_048_576)
