"""Recognise the metadata lines of a news page: timestamp, site name, section, byline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from huunghi.newsimport.extraction.textutil import LOWER, UPPER

VN_TZ = timezone(timedelta(hours=7), "GMT+7")

_DMY = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d/])")
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?"
)
#: "ngày 18 tháng 3 năm 2024", "Thứ Hai, 18 tháng 3 năm 2024", "18 tháng 3, 2024"
_WORDY = re.compile(
    r"(?:ngày\s+|^|,\s*)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)\s*(\d{4})", re.IGNORECASE
)
_TIME = re.compile(r"(?<![\d/:])(\d{1,2})\s*[:hg]\s*(\d{2})(?![\d/])", re.IGNORECASE)
_TZ = re.compile(r"(?:GMT|UTC)\s*([+-])\s*(\d{1,2})", re.IGNORECASE)
_STAMP_WORDS = re.compile(
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|\bcn\b|cập\s+nhật|ngày\s+đăng|"
    r"đăng\s+(?:lúc|ngày)|\blúc\b|\bngày\b|\btháng\b|\bnăm\b|\bgiờ\b|\bsáng\b|\bchiều\b|"
    r"gmt\s*[+-]\s*\d+|utc\s*[+-]\s*\d+|\bam\b|\bpm\b|published|updated",
    re.IGNORECASE,
)
_MAX_STAMP_LEFTOVER = 12


@dataclass(frozen=True)
class Stamp:
    """A publication timestamp read from a page line."""

    value: datetime
    has_time: bool


def parse_stamp(line: str) -> Stamp | None:
    """The timestamp in ``line`` if the line is essentially a date/time stamp."""
    found = _find_date(line)
    if found is None:
        return None
    day, rest, iso_time = found
    clock = iso_time or _find_time(rest)
    if _leftover_letters(rest) > _MAX_STAMP_LEFTOVER and not _byline_rest(rest):
        return None
    tz = _find_tz(line)
    moment = datetime.combine(day, clock or time(0, 0), tzinfo=tz)
    return Stamp(moment, has_time=clock is not None)


def _find_date(line: str) -> tuple[date, str, time | None] | None:
    for pattern in (_ISO, _WORDY, _DMY):
        match = pattern.search(line)
        if not match:
            continue
        day = _date_from(match, iso=pattern is _ISO)
        if day is None:
            continue
        rest = line[: match.start()] + " " + line[match.end() :]
        iso_time = _iso_time(match) if pattern is _ISO else None
        return day, rest, iso_time
    return None


def _date_from(match: re.Match[str], *, iso: bool) -> date | None:
    first, second, third = (int(match.group(i)) for i in (1, 2, 3))
    try:
        return date(first, second, third) if iso else date(third, second, first)
    except ValueError:
        return None


def _iso_time(match: re.Match[str]) -> time | None:
    if match.group(4) is None:
        return None
    return time(int(match.group(4)), int(match.group(5)))


_AFTERNOON = re.compile(r"\bpm\b|\bchiều\b|\btối\b", re.IGNORECASE)


def _find_time(text: str) -> time | None:
    """The clock time of a stamp; "08:30 PM" and "8:30 chiều" are 20:30."""
    for match in _TIME.finditer(text):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 12 and _AFTERNOON.search(text, match.end(), match.end() + 8):
            hour += 12
        if hour < 24 and minute < 60:
            return time(hour, minute)
    return None


def _find_tz(line: str) -> timezone:
    match = _TZ.search(line)
    if match:
        hours = int(match.group(2)) * (-1 if match.group(1) == "-" else 1)
        return timezone(timedelta(hours=hours))
    iso = _ISO.search(line)
    if iso and iso.group(7):
        return _tz_from_iso(iso.group(7))
    return VN_TZ


def _tz_from_iso(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


#: "Công Minh - Hồng Giang - 09:03, 22/12/2023": the authors' names beside the stamp.
_NAME_RUN = re.compile(rf"[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{1,3}}")
_BYLINE_SEPARATORS = re.compile(r"[\s\-–|,]*")
_MAX_BYLINE_NAMES = 3


def _byline_rest(rest: str) -> bool:
    """Whether what a line holds beside its date and time is only authors' names."""
    rest = _TIME.sub(" ", _STAMP_WORDS.sub(" ", rest))
    names = _NAME_RUN.findall(rest)
    return 0 < len(names) <= _MAX_BYLINE_NAMES and bool(
        _BYLINE_SEPARATORS.fullmatch(_NAME_RUN.sub(" ", rest))
    )


def _leftover_letters(rest: str) -> int:
    rest = _STAMP_WORDS.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    return sum(1 for c in rest if c.isalpha())


def parse_iso_datetime(value: str) -> Stamp | None:
    """A timestamp from an ISO 8601 string such as an HTML ``article:published_time``."""
    match = _ISO.search(value)
    if not match:
        return None
    day = _date_from(match, iso=True)
    if day is None:
        return None
    clock = _iso_time(match)
    tz = _tz_from_iso(match.group(7)) if match.group(7) else VN_TZ
    return Stamp(datetime.combine(day, clock or time(0, 0), tzinfo=tz), clock is not None)


_SITE_WORDS = re.compile(
    r"\bonline\b|\bbáo\b|tạp chí|cổng thông tin|thông tấn|truyền hình|điện tử|\.vn\b|"
    r"\.com\b|\bnews\b|\bvov\b|\bvtv\b|\bttxvn\b|\bportal\b|trang tin",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"©\s*(?:\d{4}\s*)?(?:bản quyền thuộc về\s+)?(.+?)(?:\s+giữ bản quyền.*|\.\s*$|$)",
    re.IGNORECASE,
)


def site_of(line: str) -> str | None:
    """The site name if ``line`` is a masthead such as "Quân khu 7 Online"."""
    if len(line) > 60 or line.lower().startswith("trang chủ") or ">" in line:
        return None
    return line if _SITE_WORDS.search(line) else None


def site_from_copyright(line: str) -> str | None:
    """The site name in a footer line such as "© Báo Quân khu 7 điện tử giữ bản quyền"."""
    match = _COPYRIGHT.search(line)
    if not match:
        return None
    name = match.group(1).strip(" .,")
    return name if 3 <= len(name) <= 60 else None


_BREADCRUMB = re.compile(r"\s*(?:>|»|›)\s*")
_HOME = re.compile(r"^(?:trang chủ|home)\s*(?:>|»|›)?\s*", re.IGNORECASE)


def section_of(line: str) -> str | None:
    """The section path of a breadcrumb line, e.g. "Quốc phòng - An ninh > Đối ngoại"."""
    if len(line) > 120 or line.endswith(".") or "|" in line:
        return None
    has_home = bool(_HOME.match(line))
    if not has_home and not re.search(r"\s(?:>|»|›)\s", line):
        return None
    parts = [part for part in _BREADCRUMB.split(_HOME.sub("", line)) if part]
    return " > ".join(parts) or None


_NAME_WORD = re.compile(rf"^[{UPPER}][{LOWER}]*\.?$|^[{UPPER}]{{2,}}$")
_BYLINE_PREFIX = re.compile(
    r"^(?:bài\s*(?:và|,|&)\s*ảnh|bài|ảnh|tin\s*(?:và|,|&)\s*ảnh|tin|theo|tác giả|"
    r"phóng viên|nhóm phóng viên|ghi chép)\s*:?\s*",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    [
        "bình",
        "luận",
        "nguồn",
        "chia",
        "sẻ",
        "tin",
        "bài",
        "liên",
        "quan",
        "đọc",
        "nhiều",
        "xem",
        "thêm",
        "in",
        "bài",
        "quay",
        "lại",
        "trang",
        "chủ",
        "phiên",
        "bản",
        "di",
        "động",
    ]
)


def author_of(line: str) -> str | None:
    """The name in a byline such as "Hải An", "QUANG HUY" or "Bài và ảnh: Minh Đức"."""
    text = _BYLINE_PREFIX.sub("", line.strip()).strip(" .-–()")
    text = re.sub(r"\s*\((?:TTXVN|[A-Z]{2,}[^)]*)\)$", "", text)
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 40:
        return None
    if not all(_NAME_WORD.match(word) or word in ("-", "và") for word in words):
        return None
    if text.lower() in _NOT_NAMES or all(w.lower() in _NOT_NAMES for w in words):
        return None
    return text.title() if text.isupper() else text


_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_DMY_TIME = re.compile(
    r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})\s*(?:-|–|,|\|)?\s*(\d{1,2})[:h](\d{2})(?!\d)"
)


def opening_stamp(lines: list[str]) -> Stamp | None:
    """A publication date inside the article's first lines when the page gave none: a
    saved page's "date 2025-11-14" prefix (a month alone stands for its first day) or a
    title line ending in "06/11/2025 18:58"."""
    for line in lines:
        prefix = _DATE_PREFIX.match(line)
        if prefix:
            year, month, day = (int(prefix.group(i) or 1) for i in (1, 2, 3))
            return _stamp_of(year, month, day, None)
        inline = _DMY_TIME.search(line)
        if inline:
            day, month, year, hour, minute = (int(inline.group(i)) for i in range(1, 6))
            return _stamp_of(year, month, day, (hour, minute))
    return None


def _stamp_of(year: int, month: int, day: int, clock: tuple[int, int] | None) -> Stamp | None:
    try:
        moment = datetime.combine(date(year, month, day), time(*clock) if clock else time(0, 0))
    except ValueError:
        return None
    return Stamp(moment.replace(tzinfo=VN_TZ), has_time=clock is not None)
