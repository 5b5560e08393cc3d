"""Dates and periods written in Vietnamese news text, resolved against the article's date.

Forms: "ngày 15/10/2022", "sáng 15/3", "ngày 5 tháng 4 năm 2024", "từ ngày 13-16/3",
"từ ngày 2/4 đến ngày 6/4/2024", "trung tuần tháng 5 năm 2022" (11th–20th), "đầu/giữa/cuối
tháng 5", "6 tháng đầu/cuối năm 2024", "tháng 5/2022", "quý II/2023", "đầu/cuối năm 2024",
"năm 2021", "giai đoạn 2017-2022", "từ năm 2018 đến nay", "mùa khô 2023-2024", "hôm nay",
"hôm qua". A missing year is the article's year, or the year before when that would put the
date in the future.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from huunghi.newsimport.extraction.textutil import match_form

_FUTURE_MARGIN = timedelta(days=60)
_YEAR = r"(?:\s*(?:năm|/|-|\.)\s*(\d{4}))?"
_DAY_CUE = r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|rạng sáng|sáng sớm|chủ nhật|thứ \w+)"
_NOT_DATE_BEFORE = re.compile(r"(?:số|mốc|cột mốc|khoản|điều|quyết định|hiệu|lô)\s*$")


@dataclass(frozen=True)
class DateSpan:
    """A date or period: ``start``/``end`` inclusive; ``precision`` says how it was written.

    Precision codes: day, days, dekad, month_part, month, months ("9 tháng năm 2024"),
    quarter, year_part, year, years,
    season (dry season of remains search, Nov–May), school_year (Sep–May), before (only
    ``end`` known).
    """

    start: date | None
    end: date | None
    precision: str

    def overlaps(self, other: DateSpan) -> bool:
        """Whether two spans share at least one day (open ends overlap everything)."""
        if self.start and other.end and self.start > other.end:
            return False
        return not (other.start and self.end and other.start > self.end)

    @property
    def days(self) -> int:
        """Length in days (a large number for open spans)."""
        if self.start is None or self.end is None:
            return 100_000
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class DateMention:
    """A date expression in the clean text."""

    start: int
    end: int
    text: str
    span: DateSpan


_Builder = Callable[[re.Match[str], date | None], DateSpan | None]


def _year(value: str | None, month: int, day: int, today: date | None) -> int | None:
    if value:
        return int(value)
    if today is None:
        return None
    guess = _safe_date(today.year, month, min(day, 28))
    if guess and guess > today + _FUTURE_MARGIN:
        return today.year - 1
    return today.year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(match: re.Match[str], today: date | None) -> DateSpan | None:
    day, month = int(match.group("d")), int(match.group("m"))
    year = _year(match.group("y"), month, day, today)
    moment = _safe_date(year, month, day) if year else None
    return DateSpan(moment, moment, "day") if moment else None


def _day_range(match: re.Match[str], today: date | None) -> DateSpan | None:
    first, last, month = int(match.group("d1")), int(match.group("d2")), int(match.group("m"))
    month1 = int(match.group("m1")) if match.groupdict().get("m1") else month
    year = _year(match.group("y"), month, last, today)
    if year is None:
        return None
    year1 = year - 1 if month1 > month else year
    start, end = _safe_date(year1, month1, first), _safe_date(year, month, last)
    if start is None or end is None or start > end:
        return None
    return DateSpan(start, end, "days")


def _dekad(match: re.Match[str], today: date | None) -> DateSpan | None:
    month = int(match.group("m"))
    year = _year(match.group("y"), month, 15, today)
    if year is None or not 1 <= month <= 12:
        return None
    part = match.group("part")
    first, last = {"thượng": (1, 10), "đầu": (1, 10), "trung": (11, 20), "giữa": (11, 20)}.get(
        part, (21, 31)
    )
    precision = "month_part" if part in ("đầu", "giữa", "cuối") else "dekad"
    end = min(last, calendar.monthrange(year, month)[1])
    return DateSpan(date(year, month, first), date(year, month, end), precision)


def _month(match: re.Match[str], today: date | None) -> DateSpan | None:
    month = int(match.group("m"))
    year = _year(match.group("y"), month, 1, today)
    if year is None or not 1 <= month <= 12:
        return None
    return DateSpan(date(year, month, 1), _month_end(year, month), "month")


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _quarter(match: re.Match[str], today: date | None) -> DateSpan | None:
    number = _ROMAN.get(match.group("q").lower())
    year = int(match.group("y")) if match.group("y") else (today.year if today else None)
    if number is None or year is None:
        return None
    first = 3 * number - 2
    return DateSpan(date(year, first, 1), _month_end(year, first + 2), "quarter")


def _year_part(match: re.Match[str], today: date | None) -> DateSpan | None:
    year = int(match.group("y"))
    first, last = {"đầu": (1, 3), "giữa": (5, 8)}.get(match.group("part"), (10, 12))
    return DateSpan(date(year, first, 1), _month_end(year, last), "year_part")


def _first_months(match: re.Match[str], today: date | None) -> DateSpan | None:
    months, year = int(match.group("n")), int(match.group("y"))
    if not 1 <= months <= 12:
        return None
    return DateSpan(date(year, 1, 1), _month_end(year, months), "months")


def _last_months(match: re.Match[str], today: date | None) -> DateSpan | None:
    """ "6 tháng cuối năm 2019": the last months of the year (not its last quarter)."""
    months, year = int(match.group("n")), int(match.group("y"))
    if not 1 <= months <= 12:
        return None
    return DateSpan(date(year, 13 - months, 1), date(year, 12, 31), "months")


def _whole_year(match: re.Match[str], today: date | None) -> DateSpan | None:
    year = int(match.group("y"))
    return DateSpan(date(year, 1, 1), date(year, 12, 31), "year") if 1900 < year < 2100 else None


def _years(match: re.Match[str], today: date | None) -> DateSpan | None:
    first, last = int(match.group("y1")), int(match.group("y2"))
    if not 1900 < first < last < 2100:
        return None
    return DateSpan(date(first, 1, 1), date(last, 12, 31), "years")


def _since(match: re.Match[str], today: date | None) -> DateSpan | None:
    """ "từ năm 2001 đến nay": to the article's day; without one the end is unknown and the
    period is left blank (not the first year alone)."""
    first = int(match.group("y1"))
    if today is None:
        return None
    return DateSpan(date(first, 1, 1), today, "years") if date(first, 1, 1) <= today else None


def _season(match: re.Match[str], today: date | None) -> DateSpan | None:
    first, last = int(match.group("y1")), int(match.group("y2"))
    if last != first + 1:
        return None
    return DateSpan(date(first, 11, 1), date(last, 5, 31), "season")


def _school_year(match: re.Match[str], today: date | None) -> DateSpan | None:
    first, last = int(match.group("y1")), int(match.group("y2"))
    if last != first + 1:
        return None
    return DateSpan(date(first, 9, 1), date(last, 5, 31), "school_year")


def _year_to_date(match: re.Match[str], today: date | None) -> DateSpan | None:
    if today is None:
        return None
    return DateSpan(date(today.year, 1, 1), today, "year_part")


def _relative(match: re.Match[str], today: date | None) -> DateSpan | None:
    if today is None:
        return None
    shift = -1 if match.group("rel").endswith("qua") else 0
    moment = today + timedelta(days=shift)
    return DateSpan(moment, moment, "day")


def _since_day(match: re.Match[str], today: date | None) -> DateSpan | None:
    start = _day(match, today)
    if today is None or start is None or start.start is None or start.start > today:
        return None
    return DateSpan(start.start, today, "days")


_CAMPAIGN_DAYS = 366


def _since_month(match: re.Match[str], today: date | None) -> DateSpan | None:
    """ "từ tháng 10/2024 (đến nay)": from that month to the article's day; a period of
    months is one campaign ("days"), a longer one a unit's record ("years")."""
    month, year = int(match.group("m")), int(match.group("y"))
    if today is None or not 1 <= month <= 12 or date(year, month, 1) > today:
        return None
    start = date(year, month, 1)
    precision = "days" if (today - start).days <= _CAMPAIGN_DAYS else "years"
    return DateSpan(start, today, precision)


_PATTERNS: list[tuple[re.Pattern[str], _Builder]] = [
    (
        re.compile(
            r"(?:bắt đầu )?từ\s+tháng\s+(?P<m>\d{1,2})\s*(?:/|-|năm)\s*(?P<y>\d{4})"
            r"(?:\s*,?\s*(?:đến|tới|cho đến)\s+nay)?(?!\s*(?:đến|tới)\s+(?!nay))"
        ),
        _since_month,
    ),
    (
        re.compile(
            r"từ\s+(?:ngày\s+)?(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})(?:[/.-](?P<y>\d{4}))?"
            r"\s*,?\s*(?:đến|tới|cho đến)\s+nay"
        ),
        _since_day,
    ),
    (
        re.compile(
            r"(?:hôm|sáng|chiều|tối|trưa) nay\s*(?:\(|,)\s*(?:ngày\s+)?(?P<d>\d{1,2})[/.-]"
            r"(?P<m>\d{1,2})(?:[/.-](?P<y>\d{4}))?\)?(?![\d/])"
        ),
        _day,
    ),
    (
        re.compile(
            r"từ\s+(?:ngày\s+)?(?P<d1>\d{1,2})[/.-](?P<m1>\d{1,2})(?:[/.-]\d{4})?\s*(?:đến|tới|-)\s*"
            r"(?:ngày\s+)?(?P<d2>\d{1,2})[/.-](?P<m>\d{1,2})(?:[/.-](?P<y>\d{4}))?"
        ),
        _day_range,
    ),
    (
        re.compile(
            r"(?:từ\s+)?(?:ngày\s+)?(?P<d1>\d{1,2})\s*(?:-|–|đến|tới|và)\s*(?:ngày\s+)?"
            r"(?P<d2>\d{1,2})[/.-](?P<m>\d{1,2})(?:[/.-](?P<y>\d{4}))?(?![\d/])"
        ),
        _day_range,
    ),
    (
        # "ngày 5, 6/11", "ngày 9, 10 và 11/12": a list of days of one month
        re.compile(
            r"ngày\s+(?P<d1>\d{1,2})(?:\s*,\s*\d{1,2})*\s*(?:,|và|-|–)\s*(?P<d2>\d{1,2})"
            r"[/.-](?P<m>\d{1,2})(?:[/.-](?P<y>\d{4}))?(?![\d/])"
        ),
        _day_range,
    ),
    (
        # "ngày 20 và 21 tháng 11 (năm 2024)"
        re.compile(
            r"ngày\s+(?P<d1>\d{1,2})(?:\s*,\s*\d{1,2})*\s*(?:,|và|-|–|đến)\s*(?:ngày\s+)?"
            r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>\d{4}))?"
        ),
        _day_range,
    ),
    (
        re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>\d{4}))?"),
        _day,
    ),
    (
        re.compile(
            rf"(?:{_DAY_CUE}\s*,?\s*(?:ngày\s+)?)(?P<d>\d{{1,2}})[/.-](?P<m>\d{{1,2}})"
            r"(?:[/.-](?P<y>\d{4}))?(?![\d/])"
        ),
        _day,
    ),
    (
        re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])"),
        _day,
    ),
    (
        re.compile(
            r"(?P<part>thượng|trung|hạ|đầu|giữa|cuối)\s+(?:tuần\s+)?tháng\s+(?P<m>\d{1,2})"
            + _YEAR.replace("(\\d{4})", "(?P<y>\\d{4})")
        ),
        _dekad,
    ),
    (re.compile(r"quý\s+(?P<q>iv|iii|ii|i|[1-4])\b(?:\s*(?:năm|/|-)\s*(?P<y>\d{4}))?"), _quarter),
    (re.compile(r"mùa khô\s+(?:năm\s+)?(?P<y1>\d{4})\s*[-–]\s*(?P<y2>\d{4})"), _season),
    (re.compile(r"năm học\s+(?P<y1>\d{4})\s*[-–]\s*(?P<y2>\d{4})"), _school_year),
    (
        re.compile(
            r"(?<![\d/.-])(?:từ\s+)?(?:năm\s+)?(?P<y1>\d{4})\s*(?:đến nay|tới nay|trở lại đây)"
        ),
        _since,
    ),
    (
        re.compile(
            r"(?:giai đoạn|từ năm|từ|trong|nhiệm kỳ|năm)\s+(?P<y1>\d{4})\s*(?:-|–|đến|tới)\s*"
            r"(?:năm\s+)?(?P<y2>\d{4})"
        ),
        _years,
    ),
    (re.compile(r"(?P<part>đầu|giữa|cuối)\s+năm\s+(?P<y>\d{4})"), _year_part),
    (re.compile(r"(?P<n>\d{1,2})\s+tháng\s+(?:đầu\s+)?năm\s+(?P<y>\d{4})"), _first_months),
    (re.compile(r"(?P<n>\d{1,2})\s+tháng\s+cuối\s+năm\s+(?P<y>\d{4})"), _last_months),
    (re.compile(r"tháng\s+(?P<m>\d{1,2})" + _YEAR.replace("(\\d{4})", "(?P<y>\\d{4})")), _month),
    (re.compile(r"(?:năm|trong năm)\s+(?P<y>\d{4})(?!\s*[-–/]\s*\d)"), _whole_year),
    (
        re.compile(r"\b(?P<rel>hôm nay|sáng nay|chiều nay|tối nay|hôm qua|sáng qua|chiều qua)\b"),
        _relative,
    ),
    (re.compile(r"từ đầu năm(?: \d{4})? (?:đến|tới) nay"), _year_to_date),
]


_RELATIVE_BUILDERS = (_relative, _year_to_date, _since_day, _since_month, _since)


#: "Ngày 21.8, tin từ Bộ Chỉ huy ...", "Ngày 12-12, Bộ đội Biên phòng tỉnh X cho biết vừa
#: ...": the day the news came, not the day of an activity.
_NEWS_OF_THE_DAY = re.compile(
    r"\s*,\s*(?:(?:theo )?(?:tin|nguồn tin|thông tin) (?:từ|của|cho biết)\b"
    r"|[^.,;:]{3,90}?\b(?:cho biết|thông báo)\b)"
)


#: "Quy chế ... do hai bên ký ngày 2/3/2004": when a document named
#: was signed, not when anything reported happened.
_SIGNED_DOCUMENT = re.compile(r"\bđược\b[^.;,]{0,60}\bký(?: kết)?(?: vào)? (?:ngày )?$")


def find_dates(
    text: str, today: date | None, *, relative: bool = True, guessed_year: bool = False
) -> list[DateMention]:
    """Every date expression in ``text``; overlapping matches keep the longest.

    ``relative=False`` (the article's date is only inferred from the years its text names)
    leaves "hôm nay", "hôm qua" and "từ đầu năm đến nay" unresolved, and a period "từ năm
    2001 / tháng 9/2010 / ngày 3/2 đến nay" is no date at all (its start alone is not one).
    A day or month written without a year that falls outside a dry season or school year
    named in the same sentence takes the season's year that puts it inside ("Chiều 4/12 ...
    năm học 2023-2024" is 4/12/2023). "từ ngày 3/11/2018 và kết thúc vào tháng 4/2019" is
    one period.
    ``guessed_year``: ``today`` is only a guess from the years the text names (no
    publication date, no full date), so a date without a year is resolved only when its
    sentence writes a year ("cấp Bộ Tư lệnh năm 2019, ngày 28/8"); "Ngày 20/5" in an
    undated excerpt whose other sentences name "mùa khô 2017-2018" stays blank.
    """
    lowered = match_form(text)
    found: list[DateMention] = []
    guessed: set[int] = set()
    unknown: list[tuple[int, int]] = []  # "từ năm 2001 đến nay" of a text without its day
    for pattern, build in _PATTERNS:
        if build in _OPEN_ENDED and (not relative or today is None):
            unknown += [m.span() for m in pattern.finditer(lowered) if _until_now(build, m)]
            if build is _since:
                continue
        if not relative and build in _RELATIVE_BUILDERS:
            continue
        for match in pattern.finditer(lowered):
            if _NOT_DATE_BEFORE.search(lowered[max(0, match.start() - 15) : match.start()]):
                continue
            if _NEWS_OF_THE_DAY.match(lowered, match.end()):
                continue
            if _SIGNED_DOCUMENT.search(lowered[max(0, match.start() - 80) : match.start()]):
                continue
            reference = today
            if guessed_year and _year_less(match):
                reference = _sentence_reference(lowered, match)
                if reference is None:
                    continue
            span = build(match, reference)
            if span is not None:
                piece = text[match.start() : match.end()]
                found.append(DateMention(match.start(), match.end(), piece, span))
                if "y" in match.groupdict() and match.group("y") is None:
                    guessed.add(match.start())
    found = [m for m in found if all(m.end <= a or m.start >= b for a, b in unknown)]
    kept = _without_overlaps(found)
    kept = [_anchored(m, kept, lowered) if m.start in guessed else m for m in kept]
    return _joined_ranges(kept, text, lowered)


#: "từ năm 2001 / từ tháng 9/2010 / từ ngày 3/2 đến nay": periods that end on the article's
#: day; without that day the end is unknown and the start alone is no date.
_OPEN_ENDED = (_since, _since_month, _since_day)
_UNTIL_NOW = re.compile(r"(?:đến|tới) nay|trở lại đây")


def _until_now(build: _Builder, match: re.Match[str]) -> bool:
    return build is _since or bool(_UNTIL_NOW.search(match.group(0)))


def _year_less(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    return "y" in groups and groups["y"] is None and ("d" in groups or "d2" in groups)


_YEAR_WORD = re.compile(r"(?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d)")


def _sentence_reference(lowered: str, match: re.Match[str]) -> date | None:
    """The day a year-less date of an undated text is read against (the last day of its
    year), from what fixes the year unambiguously:

    * the one year its sentence writes ("cấp Bộ Tư lệnh năm 2019, ngày 28/8" is 2019,
      whatever later year the text names elsewhere); of two consecutive years ("Ngày 13.12,
      tổng kết hợp tác năm 2024 và ký kết kế hoạch năm 2025") a day in the last months is in
      the first, a day in the first months in the second: a year is reviewed and the next
      planned at its turn;
    * else a Tết its sentence, or else the text, names ("Tết Nguyên đán Kỷ Hợi", "Xuân Giáp
      Thìn 2024"): a day from November to December is in the year before that Tết, a day
      from January to April in its year;
    * else the one dry season the text names, for a day inside it ("Ngày 20/5, ... lễ hồi
      hương" in a text about "mùa khô năm 2017-2018" is 2018).

    Other days stay unresolved.
    """
    start = max(lowered.rfind(". ", 0, match.start()), lowered.rfind("\n", 0, match.start()))
    ends = [i for i in (lowered.find(". ", match.end()), lowered.find("\n", match.end())) if i >= 0]
    end = min(ends, default=len(lowered))
    month = int(match.group("m"))
    lunar = _tet_years(lowered, start + 1, end)
    years = {
        int(y.group(0))
        for y in _YEAR_WORD.finditer(lowered, start + 1, end)
        if not match.start() <= y.start() < match.end()
        and not _DOCUMENT_YEAR.search(lowered, max(0, y.start() - 30), y.start())
        and int(y.group(0)) not in lunar
    }
    if years:
        year = _written_year(years, month)
    else:
        year = _tet_year(lunar or _tet_years(lowered, 0, len(lowered)), month)
        year = year or _season_year(lowered, month)
    return date(year, 12, 31) if year else None


def _written_year(years: set[int], month: int) -> int | None:
    if len(years) == 1:
        return next(iter(years))
    first, last = min(years), max(years)
    if len(years) != 2 or last != first + 1 or _TURN_OF_YEAR_GAP[0] < month < _TURN_OF_YEAR_GAP[1]:
        return None
    return first if month >= _TURN_OF_YEAR_GAP[1] else last


_STEMS = {"canh": 0, "tân": 1, "nhâm": 2, "quý": 3, "giáp": 4, "ất": 5, "bính": 6, "đinh": 7}
_STEMS |= {"mậu": 8, "kỷ": 9}
_BRANCHES = {"thân": 0, "dậu": 1, "tuất": 2, "hợi": 3, "tý": 4, "sửu": 5, "dần": 6, "mão": 7}
_BRANCHES |= {"mẹo": 7, "thìn": 8, "tỵ": 9, "tị": 9, "ngọ": 10, "mùi": 11}
_TET = re.compile(
    r"\b(?:tết|xuân)(?: nguyên đán)?\s+(?P<stem>"
    + "|".join(_STEMS)
    + r")\s+(?P<branch>"
    + "|".join(_BRANCHES)
    + r")\b(?:\s+(?:năm\s+)?(?P<y>\d{4}))?"
)
_LUNAR_YEARS = range(1990, 2050)  # one cycle of sixty years: each name is one year
_TET_MONTHS = (4, 11)  # a greeting season runs from November to April


def _tet_years(lowered: str, start: int, end: int) -> set[int]:
    """The years of the Tết festivals named between ``start`` and ``end``."""
    found = set()
    for match in _TET.finditer(lowered, start, end):
        stem, branch = _STEMS[match.group("stem")], _BRANCHES[match.group("branch")]
        years = [y for y in _LUNAR_YEARS if y % 10 == stem and y % 12 == branch]
        written = int(match.group("y")) if match.group("y") else None
        found |= {y for y in years if written is None or y == written}
    return found


def _tet_year(years: set[int], month: int) -> int | None:
    if len(years) != 1 or _TET_MONTHS[0] < month < _TET_MONTHS[1]:
        return None
    year = next(iter(years))
    return year - 1 if month >= _TET_MONTHS[1] else year


_SEASON_NAMED = re.compile(r"mùa khô\s+(?:năm\s+)?(?P<y1>\d{4})\s*[-–]\s*(?P<y2>\d{4})")


def _season_year(lowered: str, month: int) -> int | None:
    seasons = {
        int(m.group("y1"))
        for m in _SEASON_NAMED.finditer(lowered)
        if int(m.group("y2")) == int(m.group("y1")) + 1
    }
    if len(seasons) != 1 or 5 < month < 11:
        return None
    first = next(iter(seasons))
    return first if month >= 11 else first + 1


#: "Quy chế ... ký ngày 20/3/2015": the year of a signed document is not the sentence's.
_DOCUMENT_YEAR = re.compile(
    r"(?:\bký|ban hành|thông qua)(?: kết)?(?: vào)? (?:ngày )?\d{1,2}[/.-]\d{1,2}[/.-]$"
)
#: Months of no year's turn: 4 to 8.
_TURN_OF_YEAR_GAP = (3, 9)


_ANCHORS = frozenset({"season", "school_year"})
_SENTENCE_BREAK = re.compile(r"[.!?;]\s")


def _anchored(mention: DateMention, found: list[DateMention], lowered: str) -> DateMention:
    """A year-less date moved into the season or school year its sentence names."""
    span = mention.span
    if span.start is None or span.end is None:
        return mention
    for period in found:
        if period.span.precision not in _ANCHORS or period.span.start is None:
            continue
        first, last = sorted((period.start, mention.start))
        if _SENTENCE_BREAK.search(lowered, first, max(first, last)):
            continue
        assert period.span.end is not None
        if period.span.start <= span.start and span.end <= period.span.end:
            return mention
        for year in (period.span.start.year, period.span.end.year):
            moved = _with_year(span, year)
            if moved and period.span.start <= moved.start and moved.end <= period.span.end:  # type: ignore[operator]
                return DateMention(mention.start, mention.end, mention.text, moved)
    return mention


def _with_year(span: DateSpan, year: int) -> DateSpan | None:
    assert span.start is not None and span.end is not None
    shift = year - span.end.year
    start = _safe_date(span.start.year + shift, span.start.month, span.start.day)
    end = _safe_date(year, span.end.month, span.end.day)
    return DateSpan(start, end, span.precision) if start and end else None


_RANGE_OPEN = re.compile(r"\btừ\s+(?:ngày\s+)?$")
_RANGE_LINK = re.compile(
    r"\s*,?\s*(?:đến|tới|cho đến|-|–|(?:và )?kết thúc(?: vào)?)\s+(?:hết\s+|cuối\s+)?"
)
_RANGE_ENDS = frozenset({"day", "month", "dekad", "month_part"})


def _joined_ranges(found: list[DateMention], text: str, lowered: str) -> list[DateMention]:
    """ "từ ngày A đến (hết) tháng B": one period from A to the end of B."""
    joined: list[DateMention] = []
    index = 0
    while index < len(found):
        first = found[index]
        second = found[index + 1] if index + 1 < len(found) else None
        span = _range_of(first, second, lowered) if second else None
        if span is not None and second is not None:
            joined.append(
                DateMention(first.start, second.end, text[first.start : second.end], span)
            )
            index += 2
            continue
        joined.append(first)
        index += 1
    return joined


def _range_of(first: DateMention, second: DateMention, lowered: str) -> DateSpan | None:
    opened = first.text.lower().startswith("từ") or _RANGE_OPEN.search(
        lowered[max(0, first.start - 12) : first.start]
    )
    if not opened or first.span.precision != "day" or second.span.precision not in _RANGE_ENDS:
        return None
    link = _RANGE_LINK.fullmatch(lowered, first.end, second.start)
    start, end = first.span.start, second.span.end
    if link is None or start is None or end is None or start >= end:
        return None
    return DateSpan(start, end, "days")


def _without_overlaps(found: list[DateMention]) -> list[DateMention]:
    kept: list[DateMention] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= other.start or mention.start >= other.end for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


#: "ký kết kế hoạch phối hợp giai đoạn 2018 - 2022", "ký kết hợp tác phòng, chống tội
#: phạm ... trong 6 tháng đầu năm 2020": the verb of signing, then the document's name (no
#: other number, no sentence break); "đăng ký", "thư ký", "nhật ký" sign nothing.
_SIGNED_THEN = re.compile(r"(?<!đăng )(?<!thư )(?<!nhật )\bký(?: kết)?\b(?! túc)[^.;:!?\d]{0,100}$")
_AT_SIGNING = re.compile(r"\b(?:vào|hôm|ngày|lúc|hồi)\s*$")
#: Periods a document runs for; a month or a day may be the day of signing itself.
_TERMS = frozenset({"years", "year", "months", "year_part", "quarter"})


def is_document_term(text: str, mention: DateMention) -> bool:
    """Whether a period is the term of a document just named as signed ("ký kết kế hoạch
    phối hợp giai đoạn 2018-2022", "ký kết hợp tác ... trong 6 tháng đầu năm 2020"): it says
    which document, not when it was signed, so it dates no activity (the signing takes the
    day of the meeting it ended)."""
    if mention.span.precision not in _TERMS or _UNTIL_NOW.search(match_form(mention.text)):
        return False  # "(từ khi) ký kết kết nghĩa năm 2018 đến nay": the time since signing
    before = match_form(text[max(0, mention.start - 100) : mention.start])
    return bool(_SIGNED_THEN.search(before)) and not _AT_SIGNING.search(before)
