"""Activity kinds and the Vietnamese phrases that report them.

Patterns run on :func:`~huunghi.newsimport.extraction.textutil.match_form` text (lower case,
one tone style). Overlapping triggers keep the longest, so "tìm kiếm, cất bốc và hồi hương
hài cốt" is one search rather than a search and a handover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from huunghi.newsimport.extraction.textutil import match_form


class Kind(StrEnum):
    """Activity kinds a proposal can have."""

    FESTIVAL = "festival"
    MARKER_SALUTE = "marker_salute"
    JOINT_PATROL = "joint_patrol"
    TREE_PLANTING = "tree_planting"
    FACILITY_INAUGURATION = "facility_inauguration"
    MEDICAL_OUTREACH = "medical_outreach"
    SCHOLARSHIP = "scholarship"
    LIVELIHOOD_GIFT = "livelihood_gift"
    AID = "aid"
    AGREEMENT = "agreement"
    DELEGATION_OUT = "delegation_out"
    DELEGATION_IN = "delegation_in"
    BRIEFING_MEETING = "briefing_meeting"
    CRIME_PREVENTION = "crime_prevention"
    NEW_YEAR_VISIT = "new_year_visit"
    EDUCATION_SESSION = "education_session"
    TWINNING_POST = "twinning_post"
    TWINNING_CLUSTER = "twinning_cluster"
    TWINNING_REVIEW = "twinning_review"
    REMAINS_SEARCH = "remains_search"
    REMAINS_HANDOVER = "remains_handover"
    SCHOOL_VISIT = "school_visit"
    COMMUNITY_SUPPORT = "community_support"
    GOVERNMENT_FUNDS = "government_funds"


#: "twinning" is resolved to post or cluster twinning from what is twinned.
TWINNING = "twinning"
#: "visit" ("... dẫn đầu đã đến thăm, chào xã giao ...") is resolved to an outgoing or an
#: incoming delegation from whose delegation it is and whom it visits.
VISIT = "visit"

#: Any character inside a sentence part: no semicolon, no full stop except in "20.000".
_GAP = r"(?:[^.;]|\.(?=\d))"

#: Phrases (regular expressions, lower case) that report each kind; ``{gap}`` is _GAP.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    Kind.FESTIVAL: (
        r"ngày hội(?! đại đoàn kết)",
        r"giao lưu hữu nghị quốc phòng",
        r"giao lưu hữu nghị biên giới",
        r"giao lưu s[ĩỹ] quan trẻ",
        r"giao lưu (?:văn hóa, )?văn nghệ",
        r"giao lưu (?:văn hóa|thể thao)(?:, văn nghệ)?",
        r"hội thao",
        r"hội trại hữu nghị",
    ),
    Kind.MARKER_SALUTE: (
        r"chào cột mốc",
        r"tô s[oơ]n cột mốc",
        r"chào cờ tại cột mốc",
        r"lễ chào cờ (?:bên|tại) cột mốc",
        r"lễ thượng cờ",
    ),
    Kind.JOINT_PATROL: (
        r"tuần tra (?:chung|song phương|song song|liên hợp)",
        r"(?:phối hợp|cùng) tuần tra",
        r"chuyến tuần tra",
    ),
    Kind.TREE_PLANTING: (
        r"trồng (?:vườn )?cây(?: hữu nghị| xanh)?",
        r"trồng (?:được )?(?:hơn |khoảng |gần |trên )?(?:[\d.]+|hàng trăm|hàng nghìn) cây",
    ),
    Kind.FACILITY_INAUGURATION: (
        r"khánh thành",
        r"bàn giao (?:công trình|nhà|trạm|trường|điểm trường)",
        r"đưa vào sử dụng",
        r"gắn biển công trình",
    ),
    Kind.MEDICAL_OUTREACH: (
        r"khám(?:,| và)? chữa bệnh",
        r"khám bệnh",
        r"(?:cấp phát|cấp|phát) thuốc",
        r"(?:khám|tư vấn) sức khỏe",
        r"khám(?:,| và) (?:điều trị|tư vấn|cấp thuốc|phát thuốc)",
        r"khám (?:miễn phí )?cho",
        r"được (?:thăm )?khám",
    ),
    Kind.SCHOLARSHIP: (
        r"học bổng",
        r"nâng bước em tới trường",
        r"đỡ đầu(?: học sinh| các cháu)?",
        r"nhận nuôi",
        r"con nuôi (?:đồn|của đồn)",
        r"tiếp sức (?:em|đến trường)",
    ),
    Kind.LIVELIHOOD_GIFT: (
        # a gift of breeding animals or seedlings is given: a verb of giving before them
        # (the bare noun also names the herd grown from an earlier gift, a feature's topic)
        r"(?:trao tặng|tặng|trao|hỗ trợ|cấp|cấp phát|bàn giao|nhận)(?: (?!\d)[^\s,.;:]+){0,3}? "
        r"(?:bò|heo|lợn|dê|trâu|con|cây) giống",
        r"bò sinh sản",
        # no other count in between: "tặng 50 suất quà ... và 10 con bò" is two gifts
        r"(?:trao tặng|tặng|trao)(?:[^.;\d]){0,60}?\d+ con (?:bò|trâu|heo|lợn|dê)\b",
        r"\bvà \d+ con (?:bò|trâu|heo|lợn|dê)\b",
        r"(?:mô hình|hỗ trợ|phát triển) sinh kế",
    ),
    Kind.AID: (
        r"hỗ trợ (?:vật tư|vật chất|kinh phí)",
        r"vật tư y tế",
        r"trang thiết bị",
        r"viện trợ",
        r"hàng cứu trợ",
        # not across the community the goods went to ("tặng kiều bào ... 3.000 khẩu trang")
        r"(?:trao tặng|tặng)(?:(?!kiều bào|người gốc việt|bà con|hộ |người dân|nhân dân){gap})"
        r"{0,100}?(?:khẩu trang|đồ bảo hộ|vật tư|máy thở|thuốc men)",
        r"trao tặng{gap}{0,40}?(?:\d+ )?(?:xe|máy|ô tô|ca nô|trang thiết bị)\b",
        r"tặng (?:xe|máy phát|ca nô)",
        r"hỗ trợ (?:khẩu trang|vắc xin|vaccine|thuốc men|xăng dầu)",
        r"(?:trao|trao tặng|tặng|hỗ trợ) vật chất",
        # "tặng Hội Chữ thập đỏ Campuchia 50.000 USD", "hỗ trợ cho Tiểu khu Quân sự tỉnh X
        # 5.000 USD": money or goods to an organisation or a counterpart force
        r"(?:trao tặng|tặng|ủng hộ|hỗ trợ) (?:cho )?(?:các )?(?:hội chữ thập đỏ|bệnh viện|"
        r"trạm y tế|quỹ|tiểu khu|chi khu|lữ đoàn|tiểu đoàn|trung đoàn|sư đoàn|ty công an|"
        r"hiến binh|quân khu)\b(?={gap}{0,60}?[\d.,]+ (?:usd|đồng|triệu|tỷ|tấn))",
        r"(?:trao tặng|tặng|hỗ trợ|trao){gap}{0,40}?[\d.,]+ (?:tấn|bao|kg|khối|m3) "
        r"(?:xi măng|sắt|thép|tôn|gạch|cát|vật liệu)",
    ),
    Kind.AGREEMENT: (
        # "ký và trao đổi các văn kiện hợp tác", "ký 3 biên bản": the verb and what is signed
        r"\bký (?:kết )?(?:và trao đổi )?(?:các |\d+ )?(?:thỏa thuận|biên bản|bản ghi nhớ|quy chế|"
        r"kế hoạch|văn kiện|văn bản|hiệp định)",
        r"ký kết",
        r"thỏa thuận hợp tác",
        r"(?:biên )?bản ghi nhớ",
    ),
    Kind.DELEGATION_OUT: (
        r"đón (?:tiếp )?(?:các )?đoàn (?:đại biểu |công tác )?(?:cấp cao )?(?:của )?việt nam",
        r"đoàn (?:(?!từ |của |bạn ){gap}){0,40}?sang"
        r"(?= (?:nước bạn|campuchia|thăm|làm việc|chúc|dự|công tác|giao lưu|tham gia|tham dự))",
        r"sang thăm(?:,| và) làm việc",
        r"(?:dẫn đầu|làm trưởng đoàn) (?:đã )?sang"
        r"(?= (?:nước bạn|campuchia|thăm|làm việc|chúc|dự|công tác|giao lưu))",
        r"sang (?:nước bạn|campuchia)(?= (?:thăm|làm việc))",
        r"chuyến (?:công tác|thăm)(?: \S+){0,3}? (?:tại|sang|đến) (?:[^.;,]{0,30}, )?"
        r"(?:vương quốc )?campuchia",
    ),
    Kind.DELEGATION_IN: (
        r"đón (?:tiếp )?{gap}{0,30}?đoàn",
        # "Lễ đón Quân đội Hoàng gia Campuchia tại Cửa khẩu ...": a Cambodian force received
        r"đón (?:tiếp )?(?:(?!hài cốt|liệt s|bộ đội tình nguyện|quân tình nguyện){gap}){0,40}?"
        r"(?:campuchia|hoàng gia)",
        r"tiếp (?:đón )?(?:các |\d+ )?đoàn",
        r"tiếp xã giao",
        r"đoàn {gap}{0,60}?(?:từ|của) {gap}{0,40}?sang",
        # "đón chào đoàn đại biểu quân đội nước bạn Campuchia sang ..."
        r"đoàn (?:(?!việt nam){gap}){0,70}?(?:campuchia|hoàng gia)\)?,? (?:đã )?sang",
        r"\(campuchia\){gap}{0,120}?(?:sang|đến) (?:thăm|làm việc|chúc)",
        # "đoàn cán bộ Tỉnh đội X, Vương quốc Campuchia do ... làm trưởng đoàn, đã đến thăm",
        # "đã tiếp Phó Thủ tướng ... Campuchia ... nhân dịp sang thăm": a Cambodian party
        # named before its visit comes in
        r"\bđoàn (?:(?!việt nam){gap}){0,80}?(?:campuchia|hoàng gia)(?:(?!việt nam){gap}){0,80}?"
        r"(?:dẫn đầu|làm trưởng đoàn),? (?:đã )?(?:đến|tới|sang) (?:thăm|làm việc|chúc)",
        r"\btiếp (?!tục|nhận|giáp|theo|cận|xúc|tế|sức|thu|đón)(?:(?!việt nam){gap}){0,80}?"
        r"(?:campuchia|hoàng gia){gap}{0,60}?(?:sang|đến) (?:thăm|làm việc|dự|chúc)",
        r"đoàn {gap}{0,60}?(?:sang|đến) (?:thăm và )?làm việc tại "
        r"(?:việt nam|tỉnh|đơn vị|đồn|bộ)",
    ),
    Kind.BRIEFING_MEETING: (
        r"(?:hội nghị )?giao ban",
        r"(?:tổ chức|buổi|cuộc|hội nghị|duy trì|thường xuyên) trao đổi (?:tình hình|thông tin)",
        r"hội đàm",
        r"hội nghị bàn tròn",
        r"hội nghị (?:phối hợp|hợp tác)",
        r"(?:tại )?buổi làm việc",
        r"thông tin (?:cho nhau )?(?:về )?tình hình (?:an ninh|biên giới|trật tự|tội phạm|dịch)",
        r"họp (?:định kỳ|song phương)",
        r"(?:\d+|các|tổ chức|buổi) cuộc họp",
        r"hội nghị (?:sơ kết|tổng kết) (?:công tác )?(?:phối hợp|hợp tác)",
        r"hội nghị (?:sơ kết|tổng kết|rút kinh nghiệm)",
        r"hội nghị (?:quốc tế|song phương|cấp cao)",
        r"kỳ họp (?:lần thứ|thường niên)",
        r"hội nghị lần thứ",
        r"(?:buổi |cuộc )?gặp (?:gỡ|mặt),? (?:và )?trao đổi (?:thông tin|tình hình)",
    ),
    Kind.CRIME_PREVENTION: (
        r"phòng,? chống (?:các loại )?tội phạm",
        r"đấu tranh (?:phòng,? chống )?(?:với )?(?:các loại )?tội phạm",
        r"truy bắt",
        r"bắt giữ",
        r"buôn lậu",
        r"mua bán người",
        r"ma túy",
        r"(?:xuất nhập cảnh|vượt biên) trái phép",
        # citizens handed back across the border (illegal crossing, work without permit)
        r"(?:tiếp nhận|trao trả|nhận bàn giao) (?:\d+ )?công dân",
    ),
    Kind.NEW_YEAR_VISIT: (
        r"(?<!quà )chúc tết",
        r"(?<!lời )chúc mừng (?:năm mới|tết)",  # "gửi lời chúc mừng năm mới": a speech's wish
        r"tết (?:cổ truyền )?chôl chnăm thmây",
        r"chol chnam thmay",
    ),
    Kind.EDUCATION_SESSION: (
        r"tuyên truyền",
        r"phổ biến(?:,| và)? giáo dục pháp luật",
        r"phổ biến pháp luật",
        r"giáo dục truyền thống",
        r"nói chuyện chuyên đề",
    ),
    TWINNING: (r"kết nghĩa",),
    VISIT: (
        r"(?:dẫn đầu|làm trưởng đoàn),? (?:đã )?(?:đến|tới) (?:thăm|làm việc|chào xã giao)",
        # "đoàn đại biểu của hai tỉnh A và B đến thăm, chúc mừng ... tại tỉnh
        # Svay Rieng": whose delegation and whom it visits decide the direction
        r"(?<!tiếp )(?<!đón )\bđoàn (?:(?!tiếp |đón ){gap}){0,80}?(?:đã )?(?:đến|tới)"
        r"(?= (?:thăm|làm việc|chào|chúc))",
        # "Đoàn công tác của tỉnh Tây Ninh do ... làm trưởng Đoàn tham dự Hội nghị ... tại Thủ
        # đô Phnom Penh"
        r"(?<!tiếp )(?<!đón )\bđoàn (?:(?!tiếp |đón ){gap}){0,80}?(?:đã )?(?:sang |đến )?"
        r"tham dự(?= )",
        r"chào xã giao",
    ),
    Kind.TWINNING_REVIEW: (r"(?:sơ|tổng) kết{gap}{0,80}?kết nghĩa",),
    Kind.REMAINS_SEARCH: (
        r"tìm kiếm,? (?:cất bốc|quy tập)(?:,? (?:và )?hồi hương)?",
        r"(?:cất bốc|quy tập|tìm kiếm) hài cốt",
        r"khai quật",
        r"tìm kiếm (?:được |thêm )+(?:[\d.]+ |một |hai |ba )?(?:bộ )?hài cốt",
        r"phát hiện (?:thêm )?(?:[\d.]+ |một |hai |ba )?(?:bộ )?hài cốt",
        r"cất bốc",
        r"quy tập",
    ),
    Kind.REMAINS_HANDOVER: (
        r"(?:bàn giao|hồi hương|tiếp nhận|an táng) (?:các |[\d.]+ )?(?:bộ )?hài cốt",
        r"lễ (?:tiếp nhận|truy điệu|đón|cải táng|an táng|tiễn đưa)",
        r"đón (?:nhận )?(?:[\d.]+ )?(?:bộ )?hài cốt",
        r"đưa (?:các )?(?:[\d.]+ )?(?:bộ )?hài cốt",
        r"cải táng",
        r"hồi hương",
    ),
    # a visit to pupils' schools (a university or a military academy toured is no school visit)
    Kind.SCHOOL_VISIT: (
        r"thăm (?:và tặng quà )?(?:các )?(?:trường|điểm trường)"
        r"(?! (?:đại học|cao đẳng|dạy nghề|trung cấp|s[ĩỹ] quan|quân sự|chính trị))",
    ),
    Kind.COMMUNITY_SUPPORT: (
        r"người gốc việt",
        r"bà con việt kiều",
        r"kiều bào",
        r"nhà (?:đại đoàn kết|tình nghĩa|tình thương)",
        r"(?:trao|tặng|trao tặng|bàn giao) (?:\d+ )?(?:căn |ngôi )?nhà (?=cho)",
        r"(?:hỗ trợ|tặng|trao) (?:[\d.,]+ )?(?:tấn |kg |bao )?gạo",
        r"(?:tặng|trao|trao tặng) (?:(?:trên|hơn|gần|khoảng) )?(?:\d[\d.]* )?"
        r"(?:suất |xuất |phần |món |túi |gói )?quà",
        # the recipient before the goods ("trao tặng cho trường nhiều phần quà"), or the
        # people receiving them ("bà con còn nhận được một phần quà")
        r"(?:tặng|trao|trao tặng) cho (?:[^\s,.;:]+ ){1,4}?(?:nhiều |các |những )?"
        r"(?:suất |phần |món )quà",
        r"\bnhận (?:được )?(?:một |\d+ )?(?:suất|phần|món) quà",
    ),
    Kind.GOVERNMENT_FUNDS: (
        r"kinh phí (?:hỗ trợ )?của chính phủ",
        r"trao kinh phí",
        r"ngân sách (?:của )?chính phủ",
    ),
}
_COMPILED = [
    (kind, re.compile("|".join(p.replace("{gap}", _GAP) for p in patterns)))
    for kind, patterns in _TRIGGERS.items()
]
_PURPOSE = re.compile(
    r"(?:cơ hội để|nhằm(?: mục đích)?|góp phần|\bđể|mục đích|qua đó|thời gian tới|sắp tới|"
    r"\bsẽ\b|dự kiến|kế hoạch|thống nhất|phấn đấu|mục tiêu|chỉ tiêu|đề nghị|đề xuất|"
    r"kiến nghị|mong muốn|hy vọng|về việc)\s[^;.]{0,120}$"
)
#: "mong muốn thời gian tới hai bên sẽ tiếp tục ..., giúp Đội K5x ... tìm kiếm,
#: cất bốc ...": a wish for the time ahead
#: reaches further than a purpose word.
_PLAN_AHEAD = re.compile(r"(?:mong muốn|thời gian tới|sắp tới|\bsẽ tiếp tục)\s[^;.]{0,240}$")
#: A sentence that sets out what comes next ("Hai bên thống nhất phương hướng cho năm sau,
#: gồm: ...; đẩy mạnh tuyên truyền ...", "... sẽ tặng 1 khu bán trú ...; tặng 60 suất học
#: bổng ...") names plans in every clause, also after its list colon.
_PLAN_SENTENCE = re.compile(
    r"(?:phương hướng|thời gian tới|sắp tới|tới đây|\bsẽ\b|kế hoạch (?:phối hợp|hợp tác) năm|"
    r"nhiệm vụ (?:trọng tâm|năm)|\bđề nghị|\bkiến nghị|\byêu cầu)[^.]{0,400}$"
)
#: "nhận Bằng khen do thành tích trong nhiệm vụ tìm kiếm ...":
#: work named as the reason for an award, not reported.
_AWARDED = re.compile(r"(?:thành tích|bằng khen|giấy khen|khen thưởng|biểu dương)[^;.]{0,80}$")


_CARRIED_OUT = re.compile(r"(?:thực hiện|triển khai|theo) (?:\S+ ){0,6}$")
_DONE = re.compile(r"\bđã\b")


@dataclass(frozen=True)
class Trigger:
    """A phrase in the clean text that reports an activity of ``kind``."""

    kind: str
    start: int
    end: int
    text: str


#: "Ban Chỉ đạo về tìm kiếm, quy tập ...", "Đội tìm kiếm và quy tập hài cốt ...": a search
#: named inside an organisation's name is not a report of one.
_NAME_HEAD = re.compile(r"(?:\bđội|\bban chỉ đạo(?: về)?|\bban)\s+(?:công tác\s+)?$")
_NAMED_KINDS = frozenset({Kind.REMAINS_SEARCH})


#: "hai đội quy tập được 120 hài cốt": teams counted are the subject, not a name.
_COUNTED_HEAD = re.compile(r"(?:\b(?:hai|ba|bốn|năm)|\d)\s+đội\s+$")


def _in_name(lowered: str, start: int) -> bool:
    before = lowered[max(0, start - 28) : start]
    return bool(_NAME_HEAD.search(before[-20:])) and not _COUNTED_HEAD.search(before)


def find_triggers(
    text: str, start: int = 0, end: int | None = None, *, lowered_text: str | None = None
) -> list[Trigger]:
    """Activity phrases in ``text[start:end]``; overlaps keep the longest phrase.

    ``lowered_text`` is ``match_form(text)`` when the caller already has it.
    """
    end = len(text) if end is None else end
    lowered = lowered_text[start:end] if lowered_text else match_form(text[start:end])
    found = [
        Trigger(kind, start + m.start(), start + m.end(), text[start + m.start() : start + m.end()])
        for kind, pattern in _COMPILED
        for m in pattern.finditer(lowered)
        if kind not in _NAMED_KINDS or not _in_name(lowered, m.start())
    ]
    kept: list[Trigger] = []
    for trigger in sorted(found, key=lambda t: (-(t.end - t.start), t.start)):
        if all(trigger.end <= other.start or trigger.start >= other.end for other in kept):
            kept.append(trigger)
    return sorted(kept, key=lambda t: t.start)


_INCOMING = re.compile(
    r"\bđón\b|\btiếp (?:đón )?(?:các |\d+ )?đoàn|tiếp xã giao|"
    r"(?:từ|của) (?:[^.;]|\.(?=\d)){0,40}(?:campuchia|nước bạn)(?:[^.;]|\.(?=\d)){0,20}sang"
)
_TOPIC_LEAD = re.compile(
    r"(?:tuyên truyền|phổ biến|giáo dục)(?:[^.;]|\.(?=\d)){0,40}$|"
    r"(?:nội dung|chủ đề|trao đổi kết quả)(?:[^.;]|\.(?=\d)){0,100}$|"
    # "trao đổi 12 tin về tình hình tội phạm ... buôn lậu": what was exchanged
    r"trao đổi(?: \d+)? (?:tin|thông tin)(?:[^.;]|\.(?=\d)){0,100}$|"
    # "tình hình người vượt biên trái phép, buôn lậu ... gia tăng": the situation described
    r"tình hình(?:[^.;]|\.(?=\d)){0,40}$"
)
#: "hội nghị rút kinh nghiệm tuần tra chung lần thứ 20", "tổng kết 10 năm thực hiện quy
#: chế phối hợp tuần tra chung", "bản ghi nhớ ... Quy chế phối hợp tuần tra": an activity
#: named as what a meeting reviews or a document rules is no activity of its own.
_REVIEWS = frozenset({Kind.BRIEFING_MEETING, Kind.TWINNING_REVIEW})
_SUBJECT_OF = re.compile(
    r"(?:hội nghị|rút kinh nghiệm|sơ kết|tổng kết|quy chế|hiệp định|ký kết)(?: (?:công tác|"
    r"thực hiện|về|\d+ năm|phối hợp|hợp tác|hoạt động|lần thứ \w+))*\s*$"
)
#: "căn cứ Biên bản Kỳ họp lần thứ IV", "thực hiện Nghị quyết Hội nghị ...": an
#: activity named inside a document's title is that document, not a report of it (the
#: minutes signed, "ký kết biên bản hội đàm", still echo the talks just held).
_DOCUMENT_OF = re.compile(
    r"(?<!\bký )(?<!\bký kết )(?<!trao đổi )\b(?:biên bản|nghị quyết|kết luận|văn bản)\s*$"
)
#: Who received the gifts ("học bổng cho học sinh người gốc Việt"), and gifts handed over
#: during a New Year visit, are part of that activity, not community support of their own.
_RECIPIENTS = re.compile(r"người gốc việt|bà con việt kiều|kiều bào")
_PEOPLE = re.compile(r"người dân|nhân dân|\bhộ\b|gia đình|bà con|học sinh|người nghèo")
_GIFT_HOSTS = frozenset(
    {Kind.SCHOLARSHIP, Kind.LIVELIHOOD_GIFT, Kind.MEDICAL_OUTREACH, Kind.NEW_YEAR_VISIT}
)


def settle_clause(
    text: str, clause_start: int, clause_end: int, triggers: list[Trigger]
) -> list[Trigger]:
    """Fix what one clause says as a whole: a delegation received ("đón đoàn ... sang thăm")
    is incoming; a crime named as the topic of an information session is not a separate act."""
    lowered = match_form(text[clause_start:clause_end])
    incoming = bool(_INCOMING.search(lowered))
    settled = []
    for trigger in triggers:
        if _quoted(text, trigger.start):
            continue
        received_abroad = "việt nam" in match_form(trigger.text)
        if trigger.kind == Kind.DELEGATION_OUT and incoming and not received_abroad:
            trigger = Trigger(Kind.DELEGATION_IN, trigger.start, trigger.end, trigger.text)
        if trigger.kind == Kind.DELEGATION_IN and (
            _RECEIVED_BY_CAMBODIANS.match(match_form(text[trigger.start : trigger.start + 250]))
            or _CAMBODIAN_HOST.search(match_form(text[max(0, trigger.start - 60) : trigger.start]))
        ):
            trigger = Trigger(Kind.DELEGATION_OUT, trigger.start, trigger.end, trigger.text)
        if trigger.kind == Kind.CRIME_PREVENTION and _TOPIC_LEAD.search(
            match_form(text[clause_start : trigger.start])
        ):
            continue
        if trigger.kind not in _REVIEWS and _SUBJECT_OF.search(
            match_form(text[max(clause_start, trigger.start - 60) : trigger.start])
        ):
            continue
        if _DOCUMENT_OF.search(
            match_form(text[max(clause_start, trigger.start - 30) : trigger.start])
        ):
            continue
        if trigger.kind == Kind.COMMUNITY_SUPPORT and _hosted(text, trigger, triggers):
            continue
        if trigger.kind == Kind.COMMUNITY_SUPPORT and _only_recipients(text, trigger):
            continue
        if trigger.kind == Kind.COMMUNITY_SUPPORT and _ENCOURAGING.match(
            match_form(text[trigger.end : trigger.end + 60])
        ):
            continue
        if trigger.kind == Kind.COMMUNITY_SUPPORT and _TO_FORCES.match(
            match_form(text[trigger.end : trigger.end + 60])
        ):
            trigger = Trigger(Kind.AID, trigger.start, trigger.end, trigger.text)
        settled.append(trigger)
    return settled


#: An authority or an organisation as a recipient: "hỗ trợ tỉnh Mondulkiri", "tặng Hội Chữ
#: thập đỏ ...", "cho Bệnh viện tỉnh" (label conventions rule 4: gifts to a body are aid).
_BODIES = (
    r"tỉnh|ủy ban|ubnd|chính quyền|sở|bệnh viện|trạm y tế|hội chữ thập đỏ|hội hữu nghị|"
    r"hội liên hiệp|quỹ"
)
#: "tặng quà cho Công an tỉnh, Tiểu đoàn ...", "cho các Tiểu khu Quân sự": gifts to a
#: counterpart force are material aid to it, not support to a community.
_TO_FORCES = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:cho|tới|đến|hỗ trợ)\s+(?:các\s+|những\s+)*(?:các\s+)?"
    r"(?:lực lượng|đơn vị|cán bộ|chiến s[ĩỹ]|tiểu khu|công an|hiến binh|bộ đội|đồn|tiểu đoàn|"
    r"quân khu|ty công an|cảnh sát|bộ chỉ huy|chi khu|trung đoàn|lữ đoàn|sư đoàn|"
    r"bộ tư lệnh|" + _BODIES + r")\b"
)
#: "gửi tặng quà động viên tinh thần cán bộ, chiến sĩ Đội K93": gifts cheering a unit's own
#: soldiers before their mission help no community across the border.
_ENCOURAGING = re.compile(
    r"^\s*(?:,\s*)?(?:thăm hỏi,?\s*)?động viên(?: tinh thần)?(?: các)?\s+"
    r"(?:cán bộ|chiến s|lực lượng)"
)
#: A community named alone ("bà con Việt kiều", "người gốc Việt") is who was helped; with
#: no verb of giving or helping just before it, no help is reported.
_RECIPIENT_ONLY = re.compile(r"người gốc việt|bà con việt kiều|kiều bào")
_HELPING = re.compile(
    r"hỗ trợ|giúp đỡ|giúp|tặng|trao|thăm|xây|sửa|trợ giúp|chăm lo|ủng hộ|cứu trợ|khám|"
    r"cấp phát|bàn giao"
)
_HELP_REACH = 60


def _only_recipients(text: str, trigger: Trigger) -> bool:
    if not _RECIPIENT_ONLY.fullmatch(match_form(trigger.text)):
        return False
    before = match_form(text[max(0, trigger.start - _HELP_REACH) : trigger.start])
    return not _HELPING.search(re.split(r"[.;]", before)[-1])


_QUOTE_REACH = 1500
_SPEECH = 80


#: "Tham gia tiếp đoàn có: Phó Đô đốc ..., Chỉ huy trưởng Sở chỉ huy ... Campuchia": the
#: hosts listed are Cambodian, so the delegation received went abroad.
_KH_HOST = r"(?:campuchia|hoàng gia|\bngài\b|tỉnh trưởng|tiểu khu|chi khu|hiến binh|ty công an)"
#: "Tiếp đoàn có bà ..., Phó Tỉnh trưởng ...", "Tiếp đoàn, ngài ... cảm ơn ...": hosts
#: named with a Cambodian title or body ("ngài", "Tỉnh trưởng", "Tiểu khu Quân sự"); after
#: "Tiếp đoàn," the host must open the clause ("Tiếp đoàn, Phó Chủ tịch ... cảm ơn ngài ..."
#: is a Vietnamese host).
_RECEIVED_BY_CAMBODIANS = re.compile(
    r"tiếp (?:đón )?(?:và làm việc với )?đoàn(?:(?: [^\s,.;:]+){0,4}? (?:có|gồm)\s*:?"
    r"(?:(?!việt nam)[^.;]){0,150}?" + _KH_HOST + r"|\s*,\s*(?:ngài\b|(?:lãnh đạo|đại diện|"
    r"thủ trưởng|"
    r"chỉ huy)(?:(?!việt nam)[^.;,]){0,40}?" + _KH_HOST + r"))"
)
#: "... một cơ quan Campuchia chủ trì tiếp đoàn": a Cambodian host.
_CAMBODIAN_HOST = re.compile(r"(?:campuchia|hoàng gia)[^.;]{0,30}(?:chủ trì|tham gia) $")


def _quoted(text: str, offset: int) -> bool:
    """Whether ``offset`` lies inside a quotation (“...”): what a speaker says about the
    partnership ("thông qua việc ký kết ... các văn bản hợp tác") reports no activity."""
    before = text[max(0, offset - _QUOTE_REACH) : offset]
    opening = before.rfind("“")
    if opening < 0 or opening < before.rfind("”"):
        return False
    closing = text.find("”", offset, offset + _QUOTE_REACH)
    opened_at = max(0, offset - _QUOTE_REACH) + opening
    # a speech, not a quoted name ("“Nâng bước em tới trường”"), and no paragraph between
    speech = text[opened_at:closing] if closing > 0 else ""
    # what the speaker tells with a day or a number ("ngày 4/11/2018, ... trồng 27 cây") is
    # still a report
    return len(speech) > _SPEECH and "\n" not in speech and not re.search(r"\d", speech)


def _hosted(text: str, trigger: Trigger, triggers: list[Trigger]) -> bool:
    """A community-support phrase that belongs to another gift activity of the clause: the
    recipients of a scholarship, or gifts to the unit visited for the New Year (gifts to
    its people are community support)."""
    hosts = [t for t in triggers if t.kind in _GIFT_HOSTS]
    if not hosts:
        return False
    if _RECIPIENTS.search(match_form(trigger.text)):
        return any(host.start < trigger.start for host in hosts)
    # "khám bệnh, cấp thuốc miễn phí, tặng quà cho nhân dân ..., trị giá 666 triệu đồng",
    # "thăm hỏi, tặng quà và khám bệnh, cấp thuốc cho ...": an uncounted gift
    # listed with a medical outreach is part of it
    if not re.search(r"\d", trigger.text) and any(
        host.kind == Kind.MEDICAL_OUTREACH for host in hosts
    ):
        return True
    to_people = _PEOPLE.search(match_form(text[trigger.end : trigger.end + 60]))
    return not to_people and any(host.kind == Kind.NEW_YEAR_VISIT for host in hosts)


def is_purpose(text: str, clause_start: int, trigger: Trigger) -> bool:
    """Whether a trigger names a purpose or a plan ("là cơ hội để ... tuyên truyền",
    "thời gian tới sẽ tuần tra"), not an act that happened."""
    earlier = match_form(text[_sentence_start(text, clause_start) : clause_start])
    if earlier and _PLAN_SENTENCE.search(earlier) and not _DONE.search(earlier):
        return True
    head = match_form(text[clause_start : trigger.start])
    if _AWARDED.search(head):
        return True
    if _PLAN_AHEAD.search(head):
        return True
    found = _PURPOSE.search(head)
    if found is None:
        return False
    # "Thực hiện kế hoạch ..., Đội K91 đã tìm kiếm ...": carrying out a plan, what was done.
    return not (_CARRIED_OUT.search(head, 0, found.start()) and _DONE.search(found.group(0)))


_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def _sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding ``offset`` starts (after ". " or a line break)."""
    window = max(0, offset - 400)
    breaks = list(_SENTENCE_BREAK.finditer(text, window, offset))
    return breaks[-1].end() if breaks else window
