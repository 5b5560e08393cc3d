"""Quantities in Vietnamese text: numbers, scale words, units and qualifiers.

"khoảng 2.000 người" → about 2000 person; "hơn 7 tỷ đồng" → at least 7,000,000,000 VND;
"1,5 tỷ đồng" → 1,500,000,000 VND; "2 tỷ 300 triệu đồng" → 2,300,000,000 VND;
"32 cặp đồn, trạm" → 32 post_pair; "ba cặp cụm dân cư" → 3 cluster_pair.
Dots separate thousands and commas mark decimals, as Vietnamese writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from huunghi.newsimport.extraction.textutil import Span, match_form

_SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_WORD_NUMBERS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười hai": 12,
    "mười lăm": 15,
    "hai mươi": 20,
    "một trăm": 100,
}
#: Qualifier words before a number.
_QUALIFIERS = {
    "khoảng": "about",
    "gần": "about",
    "chừng": "about",
    "xấp xỉ": "about",
    "ước tính": "about",
    "ước": "about",
    "trên dưới": "about",
    "hơn": "at_least",
    "trên": "at_least",
    "ít nhất": "at_least",
    "hàng": "at_least",
    "có hơn": "at_least",
    "tới hơn": "at_least",
    "vượt": "at_least",
    "dưới": "at_most",
    "không quá": "at_most",
    "tối đa": "at_most",
}

#: Unit phrases, matched longest first, with the unit code they mean.
UNITS: dict[str, str] = {
    "đồng": "VND",
    "vnđ": "VND",
    "vnd": "VND",
    "đ": "VND",
    "usd": "USD",
    "đô la mỹ": "USD",
    "đô la": "USD",
    "riel": "KHR",
    "cặp đồn, trạm biên phòng": "post_pair",
    "cặp đồn, trạm": "post_pair",
    "cặp đồn biên phòng": "post_pair",
    "cặp đồn": "post_pair",
    "cặp trạm": "post_pair",
    "cặp cụm dân cư": "cluster_pair",
    "cặp ấp, phum": "cluster_pair",
    "cặp thôn, phum": "cluster_pair",
    "cặp xã": "cluster_pair",
    "cặp ấp": "cluster_pair",
    "cặp": "pair",
    "lượt người": "person",
    "công dân": "person",
    "lượt người dân": "person",
    "người dân": "person",
    "người": "person",
    "lượt bệnh nhân": "person",
    "bệnh nhân": "person",
    "lượt cán bộ, chiến sĩ": "person",
    "cán bộ, chiến sĩ": "person",
    "cán bộ": "person",
    "chiến sĩ": "person",
    "đại biểu": "person",
    "vận động viên": "person",
    "y, bác sĩ": "person",
    "bác sĩ": "person",
    "y bác sĩ": "person",
    "y, bác sỹ": "person",
    "bác sỹ": "person",
    "chiến sỹ": "person",
    "cán bộ, chiến sỹ": "person",
    "cán bộ chiến sĩ": "person",
    "cán bộ chiến sỹ": "person",
    "bà con": "person",
    "trẻ em": "person",
    "người già": "person",
    "người cao tuổi": "person",
    "cựu chiến binh": "person",
    "thanh niên": "person",
    "sĩ quan": "person",
    "giáo viên": "person",
    "gia đình": "household",
    "hộ gia đình chính sách": "household",
    "cháu học sinh": "pupil",
    "em học sinh": "pupil",
    "học sinh": "pupil",
    "cháu": "pupil",
    "em": "pupil",
    "sinh viên": "student",
    "suất học bổng": "scholarship",
    "học bổng": "scholarship",
    "phần quà": "gift",
    "suất quà": "gift",
    "xuất quà": "gift",
    "túi quà": "gift",
    "túi an sinh": "gift",
    "xuất học bổng": "scholarship",
    "suất": "portion",
    "phần": "gift",
    "con bò giống": "head",
    "con bò": "head",
    "con bê": "head",
    "con heo giống": "head",
    "con heo": "head",
    "con dê": "head",
    "con giống": "head",
    "con": "head",
    "cây xanh": "tree",
    "cây giống": "tree",
    "cây số": "km",
    "cây cầu": "bridge",
    "cây": "tree",
    "km": "km",
    "ki-lô-mét": "km",
    "kilômét": "km",
    "mét": "m",
    "bộ hài cốt": "remains",
    "hài cốt liệt sĩ": "remains",
    "hài cốt": "remains",
    "hài cốt liệt sỹ": "remains",
    "bộ hài cốt liệt sĩ": "remains",
    "bộ hài cốt liệt sỹ": "remains",
    "liệt sĩ": "remains",
    "liệt sỹ": "remains",
    "đoàn viên thanh niên": "person",
    "đoàn viên": "person",
    "đoàn công tác": "delegation",
    "đoàn": "delegation",
    "hộ dân": "household",
    "hộ gia đình": "household",
    "hộ nghèo": "household",
    "hộ": "household",
    "căn nhà": "house",
    "ngôi nhà": "house",
    "căn": "house",
    "tấn": "tonne",
    "kg": "kg",
    "tỉnh, thành phố": "province",
    "tỉnh, thành": "province",
    "tỉnh": "province",
    "huyện": "district",
    "xã": "commune",
    "đồn, trạm": "post",
    "đồn": "post",
    "cột mốc": "marker",
    "mốc": "marker",
    "buổi": "session",
    "lớp": "session",
    "cuộc": "session",
    "lần": "time",
    "đợt": "time",
    "máy": "item",
    "lượt": "time",
    "chuyến": "time",
    "vụ": "case",
    "đối tượng": "suspect",
    "liều": "dose",
    "khẩu trang": "item",
    "chiếc xe đạp": "item",
    "xe đạp": "item",
    "góc học tập": "item",
    "góc họp tập": "item",
    "bộ quần áo": "item",
    "cuốn vở": "item",
    "quyển vở": "item",
    "cuốn sách": "item",
    "quyển sách": "item",
    "bình lọc nước": "item",
    "chiếc chăn": "item",
    "thùng mì": "item",
    "bao gạo": "item",
    "bộ": "item",
    "chiếc": "item",
    # counted goods of any container (bench/news_label_conventions.md, rule 14)
    "quyển": "item",
    "cuốn": "item",
    "chai": "item",
    "thùng": "item",
    "hộp": "item",
    "gói": "item",
    "bao": "item",
    "xe": "vehicle",
    "trường": "school",
    "%": "percent",
    "phần trăm": "percent",
    "năm": "year",
}
_UNIT_RE = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
_QUALIFIER_RE = "|".join(sorted(_QUALIFIERS, key=len, reverse=True))
_WORDS_RE = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE_RE = "|".join(_SCALES)
_AMOUNT = (
    rf"(?:{_DIGITS}|{_WORDS_RE})(?:\s*(?:{_SCALE_RE}))?(?:\s+(?:{_DIGITS})\s*(?:{_SCALE_RE}))*"
)
_QUANTITY = re.compile(
    rf"(?:(?P<qual>{_QUALIFIER_RE})\s+)?(?:(?:từ)\s+)?(?P<amount>{_AMOUNT})"
    rf"(?:\s*(?:-|–|đến|tới)\s*(?P<upper>{_AMOUNT}))?"
    rf"\s*(?P<unit>{_UNIT_RE})(?![\w])"
)
_NOT_BEFORE = re.compile(
    r"(?:(?<!trong )số|khóa|mốc|quân khu|đội|k|lần thứ|thứ|điều|khoản|ngày|tháng|năm)\s*$"
)
#: "trao 15 phần quà tượng trưng trong số 150 phần quà": the first number is a part of the
#: second, which is the count.
_PART_OF = re.compile(r"^[^.;,\d]{0,30}?\btrong (?:tổng )?số\s+$")
#: "Mỗi hộ gia đình được tặng 10kg gạo", "mỗi đơn vị ... 50kg gạo", "mỗi đồn (phía
#: Campuchia) được tặng 50kg gạo": an amount per recipient.
_EACH_ANY = re.compile(
    r"\bmỗi\s+(?P<item>[^\s,.;()\d]+(?:\s+[^\s,.;()\d]+)?)[^.;()\d]{0,50}?"
    r"(?:\([^()\d]{0,60}\)\s*)?"
    r"(?:được (?:tặng|nhận|hỗ trợ|cấp|trao)|nhận|gồm|có|là|:)[^.;()\d]{0,20}$"
)
#: "tìm kiếm, quy tập được 5 bộ": a bare "bộ" counts remains where remains are spoken of.
_REMAINS_CONTEXT = re.compile(r"hài cốt|liệt s[ĩỹ]|quy tập|cất bốc")
_COUNTRY_AFTER = re.compile(r"^\s*(?:nước bạn\s+)?(việt nam|campuchia|lào)")
_NOT_MONEY = re.compile(r"^\s*(?:chí|bào|thời|hành|ý|loạt|đội|tâm|minh|nghĩa|lòng|hương|bằng)\b")
_PER = re.compile(r"^\s*/\s*(\w+)(?:\s*/\s*(\w+))?|^\s*(?:mỗi|một)\s+(\w+)(?:\s*/\s*(\w+))?")
_EACH_BEFORE = re.compile(
    r"mỗi\s+(?P<item>phần quà|suất quà|suất học bổng|phần|suất|con|em|cháu|hộ|góc|chiếc|căn"
    r"|bao|thùng|bộ|xe)"
    r"(?:(?:\s+[^\s,.;()]+){0,3}?\s*(?:trị giá|giá trị|có giá trị|là|:)?"
    r"|[^.;()\d]{0,60}?(?:trị giá|giá trị|có giá trị))\s*$"
)
_SUBSET = re.compile(r"trong đó(?: có)?\s*$")
#: "xác định được danh tính 1 hài cốt": how many of the remains were identified, a part of
#: the count already given, not a count of its own.
_IDENTIFIED_BEFORE = re.compile(
    r"(?:xác định|có)(?: được)? (?:danh tính|tên tuổi|thông tin)(?: (?:của|cho))?\s*$"
)
#: "chúc Tết Ất Tỵ 2025 cán bộ, nhân viên", "mừng Xuân 2025 cho 50 hộ": a year
#: written after the name of a year (a lunar year, Tết, a spring) is no count.
_YEAR_NUMBER = re.compile(r"^(?:19[4-9]\d|20\d\d)$")
_YEAR_NAME_BEFORE = re.compile(
    r"(?:\b(?:tết|nguyên đán|xuân|chnăm thmây|tý|sửu|dần|mão|mẹo|thìn|tỵ|tị|ngọ|mùi|thân|dậu"
    r"|tuất|hợi))\s*$"
)
#: "tuyến biên giới có chiều dài hơn 14 km", "gần 369 km đường biên": the length of a
#: border, no measure of an activity (a patrol's stretch is "đoạn biên giới dài 15 km").
_BORDER_AFTER = re.compile(r"\s*(?:đường biên|tuyến biên|biên giới)")
_BORDER_BEFORE = re.compile(r"(?:tuyến|đường) biên giới|đường biên")
#: "Hội nghị sơ kết 03 năm Kế hoạch liên kết", "tổng kết 10 năm kết nghĩa": the years
#: a reviewed programme ran, the only count of years kept ("Qua 10 năm thực hiện quy chế,
#: ..." is the period of the figures that follow, "kỷ niệm 55 năm" an anniversary).
_REVIEWED_YEARS = re.compile(r"\b(?:sơ kết|tổng kết)\s+$")
_STRETCH_WORKED = re.compile(r"tuần tra|kiểm soát|đoạn biên giới|hành quân|tuyến đường")
_IDENTIFIED = re.compile(r"^\s*(?:đã |được )?(?:xác định|có danh tính|có thông tin|chưa xác định)")
_BREAKDOWN = re.compile(
    r"\(\s*(?:trong đó|bao gồm|gồm)[^()]*\)|\(\s*\d[^()]*\b(?:ở|tại)\b[^()]*\bvà\b[^()]*\)"
)
#: A bracketed breakdown in the total's own unit is kept for remains ("14 hài cốt (9 hài cốt
#: ở Campuchia, 5 hài cốt ở Lào)"), not for recipients ("20 hộ dân (10 hộ ở Việt Nam và 10
#: hộ ở Campuchia)", "60 em (gồm 30 em Việt Nam và 30 em Campuchia)": the same people).
_KEPT_BREAKDOWN_UNITS = frozenset({"remains"})
_MONEY_CONTEXT = re.compile(r"(?:trị giá|giá trị|kinh phí|số tiền|tổng|tiền)\s*[^\s]*\s*$")


@dataclass(frozen=True)
class Quantity:
    """A number with its unit and qualifier; ``value_max`` for ranges ("300–350 người").

    ``qualifier`` is exact, about, at_least or at_most. ``country`` is set when the text
    says whose they are ("631 cháu học sinh Việt Nam", "84 cháu nước bạn Campuchia");
    ``per`` keeps a rate's denominator ("500.000 đồng/cháu/tháng" → "cháu/tháng").
    ``measure`` is filled in later from the activity (e.g. "people_examined").
    Remains counts also say whether they are a part of a total written before them
    (``part_of``: the total's value) and where the remains were found (``where``: "KH" for
    Cambodia, "other" for Laos or Vietnam, ``None`` when not said or both) and where their
    sentence starts (``sentence``).
    """

    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    qualifier: str
    value_max: Decimal | None = None
    country: str | None = None
    per: str | None = None
    measure: str | None = None
    part_of: Decimal | None = None
    where: str | None = None
    sentence: int | None = None

    @property
    def span(self) -> Span:
        """Where the quantity is written in the clean text."""
        return Span(self.start, self.end, self.text)


def parse_amount(text: str) -> Decimal | None:
    """The value of "2.000", "1,5 tỷ", "7 tỷ 500 triệu", "hai" (``None`` if not a number)."""
    text = text.strip()
    if text in _WORD_NUMBERS:
        return Decimal(_WORD_NUMBERS[text])
    total = Decimal(0)
    pieces = re.findall(rf"({_DIGITS}|{_WORDS_RE})\s*({_SCALE_RE})?", text)
    if not pieces:
        return None
    for number, scale in pieces:
        value = _number(number)
        if value is None:
            return None
        total += value * _SCALES.get(scale, 1)
    return _tidy(total)


def _tidy(value: Decimal) -> Decimal:
    """Whole numbers without exponent or trailing zeros ("1,5 tỷ" → 1500000000)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _number(text: str) -> Decimal | None:
    if text in _WORD_NUMBERS:
        return Decimal(_WORD_NUMBERS[text])
    try:
        return Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity with a unit in ``text``, except the recipients of a total broken down
    in brackets ("48 suất học bổng (trong đó có 32 em nội biên, 16 em ngoại biên)"); a
    breakdown in the total's own unit is kept ("14 hài cốt (trong đó 9 hài cốt ở
    Campuchia, 5 hài cốt ở Lào)")."""
    lowered = match_form(text)
    parts = [m.span() for m in _BREAKDOWN.finditer(lowered)]
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(lowered):
        quantity = _quantity(text, lowered, match)
        if quantity is None:
            continue
        part = next(((s, e) for s, e in parts if s <= quantity.start < e), None)
        if part is not None and not _same_unit_before(found, part[0], quantity.unit):
            continue
        if (
            found
            and found[-1].unit == quantity.unit
            and _PART_OF.match(lowered[found[-1].end : quantity.start])
        ):
            found.pop()
        found.append(quantity)
    return _remains_parts(lowered, _each_listed(lowered, _wanted(lowered, found)))


#: "4 người đang có lệnh truy nã", "10 người có quyết định truy nã, truy tìm": persons
#: sought by the police are suspects (label conventions rule 5).
_SOUGHT = re.compile(r"\s*(?:đang\s+)?(?:có\s+(?:quyết định|lệnh)\s+truy (?:nã|tìm)|bị\s+truy nã)")


def _wanted(lowered: str, found: list[Quantity]) -> list[Quantity]:
    return [
        replace(q, unit="suspect") if q.unit == "person" and _SOUGHT.match(lowered, q.end) else q
        for q in found
    ]


#: "mỗi suất gồm 10 kg gạo và 200.000 đồng tiền mặt": what follows an amount for each item
#: in the same list is for each item too.
_LISTED_AFTER = re.compile(r"[^.;:()\d]{0,25}?(?:,|\svà|\scùng)\s[^.;:()\d]{0,12}")


def _each_listed(lowered: str, found: list[Quantity]) -> list[Quantity]:
    listed = list(found)
    chained = False  # the amount before is one of such a list
    for index in range(1, len(listed)):
        before, quantity = listed[index - 1], listed[index]
        each = chained or _EACH_ANY.search(lowered, max(0, before.start - 150), before.start)
        chained = bool(
            before.per
            and not quantity.per
            and each
            and _LISTED_AFTER.fullmatch(lowered, before.end, quantity.start)
            and "tổng" not in lowered[before.end : quantity.start]
        )
        if chained:
            listed[index] = replace(quantity, per=before.per)
    return listed


#: "…, trong đó Đội K92 13 hài cốt", "(9 hài cốt ở Campuchia, …)", a sentence opening
#: "Trong đó, tại tỉnh A 5 bộ" or "Riêng Đội K93 quy tập 180 hài cốt": parts of a total.
_PART_CUE = re.compile(r"trong đó|\(|\bgồm\b|bao gồm|\briêng\b")
#: "hai đội quy tập được tổng cộng 120 hài cốt; Đội K92 quy tập 90 hài cốt": after a sum,
#: a smaller count of its sentence is a part of it.
_SUM_BEFORE = re.compile(r"\btổng(?: cộng| số)?\b[^.;]*$")
_PART_OPENING = re.compile(r"\s*(?:[|(]\s*)*(?:trong đó|riêng)\b")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_IN_CAMBODIA = re.compile(r"campuchia|\bcpc\b")
_ELSEWHERE = re.compile(r"\blào\b|trong nước|ở tỉnh|tại tỉnh nhà|trong tỉnh|nội địa")
_PLACE_BREAK = re.compile(r"[,;()]|\svà\s")
_PLACE_STOP = re.compile(r"[,;()]")
_FRAME_PLACE = re.compile(r"\s*(?:tại|ở|trên đất)\s+(lào|campuchia)\s*,")


def _remains_parts(lowered: str, found: list[Quantity]) -> list[Quantity]:
    """Remains counts marked with the total they break down and where they were found (see
    :class:`Quantity`); other quantities are returned as they are."""
    marked: dict[int, Quantity] = {}
    previous: Quantity | None = None
    for index, quantity in enumerate(found):
        if quantity.unit != "remains" or quantity.per:
            continue
        total = _total_of(lowered, previous, quantity) if previous else None
        later = next((q for q in found[index + 1 :] if q.unit == "remains"), None)
        where, sentence = _where_found(lowered, previous, quantity, later)
        quantity = replace(quantity, part_of=total, where=where, sentence=sentence)
        marked[index] = quantity
        previous = quantity
    return [marked.get(index, quantity) for index, quantity in enumerate(found)]


def _total_of(lowered: str, previous: Quantity, quantity: Quantity) -> Decimal | None:
    between = lowered[previous.end : quantity.start]
    broken = _SENTENCE_END.search(between)
    if broken:
        sentence = lowered[previous.end + broken.end() : quantity.start]
        opened = _PART_OPENING.match(
            sentence[sentence.rfind("\n") + 1 :] if "\n" in sentence else sentence
        )
        total = previous.part_of or previous.value
        return total if opened is not None and quantity.value < total else None
    summed = _SUM_BEFORE.search(lowered, max(0, previous.start - 40), previous.start)
    if (_PART_CUE.search(between) or summed) and quantity.value < previous.value:
        return previous.value
    return previous.part_of  # "…, Đội K71 140 hài cốt và Đội K73 24 hài cốt": a sibling


def _where_found(
    lowered: str, previous: Quantity | None, quantity: Quantity, later: Quantity | None
) -> tuple[str | None, int]:
    """Where the remains counted were found, and where the count's sentence starts."""
    sentence_start = max(
        (m.end() for m in _SENTENCE_END.finditer(lowered, 0, quantity.start)), default=0
    )
    start = max(sentence_start, previous.end if previous else 0)
    breaks = [m.end() for m in _PLACE_BREAK.finditer(lowered, start, quantity.start)]
    start = max(breaks, default=start)
    end = min(later.start if later else len(lowered), len(lowered))
    stop = _PLACE_STOP.search(lowered, quantity.end, end) or _SENTENCE_END.search(
        lowered, quantity.end, end
    )
    window = lowered[start : stop.start() if stop else end]
    frame = _FRAME_PLACE.match(lowered, sentence_start)
    here, there = bool(_IN_CAMBODIA.search(window)), bool(_ELSEWHERE.search(window))
    if not here and not there and frame:
        return ("KH" if frame.group(1) == "campuchia" else "other"), sentence_start
    if here == there:
        return None, sentence_start
    return ("KH" if here else "other"), sentence_start


def _same_unit_before(found: list[Quantity], start: int, unit: str) -> bool:
    """Whether the total just before a bracketed breakdown is counted in ``unit``."""
    totals = [q for q in found if q.end <= start]
    return bool(totals) and totals[-1].unit == unit and unit in _KEPT_BREAKDOWN_UNITS


def _quantity(text: str, lowered: str, match: re.Match[str]) -> Quantity | None:
    amount_start = match.start("amount")
    before = lowered[max(0, amount_start - 12) : amount_start]
    blocked = _NOT_BEFORE.search(before)
    times_after_marker = (
        blocked is not None
        and blocked.group(0).startswith("mốc")
        and (match.group("unit") in ("lần", "lượt", "đợt"))
    )  # "phát quang cột mốc 5 lần": a count of rounds, no marker number
    if blocked and not match.group("qual") and not times_after_marker:
        return None
    if _SUBSET.search(lowered[max(0, amount_start - 20) : amount_start]) and _IDENTIFIED.match(
        lowered[match.end() : match.end() + 40]
    ):
        return None  # "trong đó có 10 hài cốt xác định được danh tính": a subset, no count
    if _IDENTIFIED_BEFORE.search(lowered[max(0, amount_start - 40) : amount_start]):
        return None
    if _YEAR_NUMBER.match(match.group("amount").strip()) and _YEAR_NAME_BEFORE.search(
        lowered[max(0, amount_start - 20) : amount_start]
    ):
        return None
    if UNITS[match.group("unit")] == "km" and _border_length(lowered, amount_start, match.end()):
        return None
    unit_text = match.group("unit")
    unit: str | None = UNITS[unit_text]
    if unit == "portion":
        sentence = lowered[max(0, match.start() - 150) : match.start()].rsplit(". ", 1)[-1]
        unit = _portion_of(sentence)
    if unit_text == "bộ" and _REMAINS_CONTEXT.search(
        lowered[max(0, match.start() - 150) : match.start()].rsplit(". ", 1)[-1]
    ):
        unit = "remains"
    if unit is None:
        return None
    after = lowered[match.end() : match.end() + 40]
    if not _unit_allowed(unit_text, match.group("amount"), after):
        return None
    if unit_text == "năm" and not _REVIEWED_YEARS.search(
        lowered, max(0, amount_start - 20), amount_start
    ):
        return None
    value = parse_amount(match.group("amount"))
    if value is None or value == 0:
        return None
    upper = parse_amount(match.group("upper")) if match.group("upper") else None
    qualifier = _QUALIFIERS.get(match.group("qual") or "", "exact")
    start = match.start("qual") if match.group("qual") else match.start("amount")
    rate = _PER.match(after)
    head = lowered[max(0, start - 80) : start]
    each = _EACH_BEFORE.search(head) if unit == "VND" else None
    each = each or (None if rate else _EACH_ANY.search(lowered[max(0, start - 150) : start]))
    return Quantity(
        start=start,
        end=match.end(),
        text=text[start : match.end()],
        value=value,
        unit=unit,
        qualifier="at_least" if upper is not None and qualifier == "exact" else qualifier,
        value_max=upper,
        country=_country_after(after),
        per="/".join(g for g in rate.groups() if g) if rate else (each and each.group("item")),
    )


def _border_length(lowered: str, start: int, end: int) -> bool:
    """Whether a length in km is that of a border (after "tuyến biên giới ... dài", before
    "đường biên"), with no patrol or march in its clause."""
    part_start = max(lowered.rfind(sep, 0, start) for sep in (". ", ";", "\n"))
    if _STRETCH_WORKED.search(lowered, part_start + 1, start):
        return False
    clause_start = max(part_start, lowered.rfind(",", 0, start))
    return bool(
        _BORDER_AFTER.match(lowered, end) or _BORDER_BEFORE.search(lowered, clause_start + 1, start)
    )


def _portion_of(before: str) -> str | None:
    """What a bare "suất" counts: "trao học bổng … 12 suất" awards, "quà … 30 suất" gifts
    (the last of the two words before it); nothing when neither is named."""
    award, gift = before.rfind("học bổng"), before.rfind("quà")
    if award < 0 and gift < 0:
        return None
    return "scholarship" if award > gift else "gift"


_ONE_COUNTS = frozenset(
    {"hài cốt", "bộ hài cốt", "hài cốt liệt sĩ", "hài cốt liệt sỹ", "bộ hài cốt liệt sĩ"}
    | {"bộ hài cốt liệt sỹ"}
)


def _unit_allowed(unit_text: str, amount: str, after: str) -> bool:
    """Reject number words that are not counts here ("năm" = year, "em" after a name...)."""
    if amount.strip() == "năm":
        return False
    if amount.strip() == "một":  # "một hài cốt"; "một lần", "một số", "một phần" are no counts
        return unit_text in _ONE_COUNTS
    if unit_text == "đồng" and _NOT_MONEY.match(after):
        return False
    if unit_text in ("em", "cháu", "con", "bộ", "phần", "căn", "cây", "lớp", "cuộc", "xe", "bao"):
        return amount.strip()[0].isdigit() or amount.strip() in _WORD_NUMBERS
    return True


def _country_after(after: str) -> str | None:
    match = _COUNTRY_AFTER.match(after) or re.match(
        r"^\s*(?:[\wà-ỹđ]+\s+){0,2}?(?:nước bạn\s+)?(việt nam|campuchia)", after
    )
    if not match:
        return None
    return {"việt nam": "VN", "campuchia": "KH"}.get(match.group(1))


def money_without_unit(text: str) -> list[Quantity]:
    """ "trị giá hơn 7 tỷ" with no "đồng": amounts with a scale word after a money word."""
    lowered = match_form(text)
    pattern = re.compile(
        rf"(?:(?P<qual>{_QUALIFIER_RE})\s+)?(?P<amount>(?:{_DIGITS})\s*(?:triệu|tỷ|tỉ)"
        rf"(?:\s+(?:{_DIGITS})\s*(?:{_SCALE_RE}))*)(?!\s*(?:{_UNIT_RE}))"
    )
    found = []
    for match in pattern.finditer(lowered):
        if not _MONEY_CONTEXT.search(lowered[max(0, match.start() - 30) : match.start()]):
            continue
        value = parse_amount(match.group("amount"))
        if value:
            start = match.start("qual") if match.group("qual") else match.start("amount")
            qualifier = _QUALIFIERS.get(match.group("qual") or "", "exact")
            piece = text[start : match.end()]
            found.append(Quantity(start, match.end(), piece, value, "VND", qualifier))
    return found
