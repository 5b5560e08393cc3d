"""Classify the lines of a saved news page: body text, headings, captions and chrome."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from huunghi.newsimport.extraction.metadata import parse_stamp, section_of
from huunghi.newsimport.extraction.textutil import fold, match_form

_CHROME = re.compile(
    r"^(?:a{1,3}|a\s*a|[-+]?\s*a\s*[-+]?|"
    r"[\d.,]+\s*(?:lượt xem|lượt đọc|views?|bình luận|lượt thích|chia sẻ)|"
    r"infographic\b.*|\[\s*(?:video|infographic|ảnh|photo|podcast|emagazine|e-magazine)\s*\].*|"
    r"(?:xem|chia sẻ|in bài|in|gửi bài|lưu|đăng nhập|đăng ký|tìm kiếm|quay lại|lên đầu trang|"
    r"theo dõi chúng tôi|theo dõi|tải ứng dụng|phiên bản di động|xin chờ trong giây lát|"
    r"xem tiếp|đọc tiếp|trở lại|facebook|zalo|twitter|email|bản in)\b.{0,40}|"
    r"(?:cơ quan chủ quản|giấy phép|tổng biên tập|phó tổng biên tập|tòa soạn|trụ sở|"
    r"địa chỉ|điện thoại|email|hotline|fax|liên hệ quảng cáo|bản quyền|©|copyright)\b.*|"
    r"(?:từ khóa|tags?|chủ đề)\s*:.*|nguồn\s*:?|source\s*:?)$"
)
_STOP_INLINE = frozenset(
    [
        "tin liên quan",
        "tin bài liên quan",
        "bài liên quan",
        "xem thêm",
        "đọc thêm",
        "bài viết liên quan",
    ]
)
_STOP_TERMINAL = frozenset(
    [
        "các tin bài khác",
        "các tin khác",
        "tin khác",
        "các bài khác",
        "tin cùng chuyên mục",
        "cùng chuyên mục",
        "tin cùng chủ đề",
        "chuyên mục khác",
        "đọc nhiều",
        "đọc nhiều nhất",
        "xem nhiều",
        "xem nhiều nhất",
        "tin xem nhiều",
        "tin đọc nhiều",
        "tin mới",
        "tin mới nhất",
        "tin mới cập nhật",
        "bài viết tương tự",
        "bài viết khác",
        "có thể bạn quan tâm",
        "bạn có thể quan tâm",
        "dư luận quan tâm",
        "tin nổi bật",
        "tin tiêu điểm",
        "bình luận",
        "ý kiến bạn đọc",
        "ý kiến của bạn",
        "gửi bình luận",
        "viết bình luận",
        "bình luận của bạn",
        "bạn đọc bình luận",
        "tin đã đưa",
        "tin ảnh",
        "video",
        "multimedia",
    ]
)
_CAPTION = re.compile(
    r"\((?:ảnh|nguồn ảnh|ảnh minh họa)\s*:[^)]*\)\.?$|"
    r"(?:^|\.\s|\s)(?:ảnh|nguồn ảnh)\s*:\s*[^.]{1,40}$|"
    r"^(?:ảnh|ảnh minh họa)\s*:|^ảnh minh họa"
)
_LEAD_PREFIX = re.compile(
    r"^(?:\([^()]{2,30}\)|ttxvn|vov\.vn|qđnd|vtv\.vn|bnews)\s*[-–—]\s*", re.IGNORECASE
)
_KEY_JUNK = re.compile(r"[^0-9a-z]+")
_SENTENCE_END = re.compile(r"[.!?…;:\"”)]$|\.\s")
_MIN_BODY_WORDS = 12


@dataclass
class Line:
    """One non-blank line with the features the page parser needs."""

    index: int
    text: str
    key: str
    words: int
    chrome: bool
    stop: str | None
    stamp: bool
    section: bool
    doubled: bool
    caption: bool
    bodyish: bool
    repeats: int = 1
    adjacent_repeat: bool = False
    teaser: bool = False

    @property
    def noise(self) -> bool:
        """Never article text: chrome, teaser titles, repeated and doubled lines."""
        return (
            self.chrome
            or self.stop is not None
            or self.stamp
            or self.doubled
            or self.repeats > 1
            or self.teaser
        )

    @property
    def body(self) -> bool:
        """A paragraph of article text."""
        return self.bodyish and not self.noise and not self.caption

    @property
    def heading_like(self) -> bool:
        """A short line that can be an intertitle."""
        return (
            not self.noise
            and not self.caption
            and 2 <= self.words <= 20
            and len(self.text) <= 150
            and not self.text.endswith((".", ",", ":"))
        )


def classify(texts: list[str]) -> list[Line]:
    """Features of every non-blank line, including repeats across the page."""
    lines = [_line(i, text) for i, text in enumerate(texts) if text]
    counts = Counter(line.key for line in lines if line.key)
    for position, line in enumerate(lines):
        line.repeats = counts[line.key] if line.key else 1
        line.adjacent_repeat = _same_as_neighbour(lines, position)
    for position, line in enumerate(lines):
        line.teaser = line.bodyish and _follows_listing_title(lines, position)
    return lines


def _line(index: int, text: str) -> Line:
    lowered = match_form(text)
    bare = lowered.strip(" :.-–|")
    words = len(text.split())
    return Line(
        index=index,
        text=text,
        key=_KEY_JUNK.sub(" ", fold(text)).strip(),
        words=words,
        chrome=bool(_CHROME.match(bare)),
        stop=_stop_kind(bare),
        stamp=words <= 14 and parse_stamp(text) is not None,
        section=section_of(text) is not None,
        doubled=_is_doubled(text),
        caption=bool(_CAPTION.search(lowered)),
        bodyish=words >= _MIN_BODY_WORDS
        and (bool(_SENTENCE_END.search(text)) or text.count(",") >= 2),
    )


def _stop_kind(bare: str) -> str | None:
    if bare in _STOP_INLINE:
        return "inline"
    if bare in _STOP_TERMINAL:
        return "terminal"
    return None


def _is_doubled(text: str) -> bool:
    words = text.split()
    half = len(words) // 2
    return len(words) >= 4 and len(words) % 2 == 0 and words[:half] == words[half:]


def _same_as_neighbour(lines: list[Line], position: int) -> bool:
    key = lines[position].key
    before = position > 0 and lines[position - 1].key == key
    after = position + 1 < len(lines) and lines[position + 1].key == key
    return bool(key) and (before or after)


def _follows_listing_title(lines: list[Line], position: int) -> bool:
    """A description under a listed headline ("X", "X", [timestamp], description)."""
    if position == 0:
        return False
    previous = lines[position - 1]
    if previous.adjacent_repeat:
        # a photo's caption written twice (alt text and caption) is a sentence, no headline
        return not _SENTENCE_END.search(previous.text) or previous.words < _MIN_BODY_WORDS
    if previous.stamp and position >= 2:
        before = lines[position - 2]
        return before.adjacent_repeat or before.doubled
    return False


def strip_lead_prefix(text: str) -> str:
    """The lead paragraph without its agency tag, e.g. "(QK7 Online) - "."""
    return _LEAD_PREFIX.sub("", text, count=1)
