"""The fixed words of a review report in each language, and how numbers and dates are written.

A report is a document of a fixed format, so its headings, table headers and date
lines are the format's own words (like the national name and motto), kept here per
language rather than in the interface catalogues: an issued report renders from its
snapshot with the same words years later. Indicator names and unit names come from
the data and the catalogues at the time the report is gathered, and are stored in
the snapshot too.

Vietnam (Decree 30/2020/NĐ-CP): national name and motto top right, dates
"ngày 05 tháng 02 năm 2026" (leading zero for days below 10 and months below 3).
Cambodia: "ព្រះរាជាណាចក្រកម្ពុជា" over "ជាតិ សាសនា ព្រះមហាក្សត្រ" centred at the top,
dates "ថ្ងៃទី០៥ ខែធ្នូ ឆ្នាំ២០២៦" in Khmer numerals and month names.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

VN_NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
VN_MOTTO = "Độc lập - Tự do - Hạnh phúc"
KH_NATIONAL_NAME = "ព្រះរាជាណាចក្រកម្ពុជា"
KH_MOTTO = "ជាតិ សាសនា ព្រះមហាក្សត្រ"
KH_NUMBER = "លេខ៖"

KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
KHMER_MONTHS = (
    "មករា",
    "កុម្ភៈ",
    "មីនា",
    "មេសា",
    "ឧសភា",
    "មិថុនា",
    "កក្កដា",
    "សីហា",
    "កញ្ញា",
    "តុលា",
    "វិច្ឆិកា",
    "ធ្នូ",
)
SEPARATORS = {"vi": (".", ","), "km": (".", ","), "en": (",", ".")}
"""(thousands, decimal) per language (CLDR: Vietnamese and Khmer group with a dot)."""

WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "BÁO CÁO",
        "interim": "Sơ kết công tác đối ngoại quốc phòng",
        "final": "Tổng kết công tác đối ngoại quốc phòng",
        "periodic": "Kết quả công tác đối ngoại quốc phòng",
        "period": "(Từ ngày {start} đến ngày {end})",
        "number": "Số:",
        "situation": "I. TÌNH HÌNH",
        "results": "II. KẾT QUẢ THỰC HIỆN CÁC CHƯƠNG TRÌNH",
        "flows": "1. Kết quả trong kỳ ({scope})",
        "stocks": "2. Số liệu hiện có đến ngày {day}",
        "children": "3. Kết quả theo đơn vị trực thuộc",
        "chart": "4. Hoạt động theo loại",
        "notable": "5. Các hoạt động nổi bật",
        "shortcomings": "III. HẠN CHẾ, NGUYÊN NHÂN",
        "lessons": "IV. BÀI HỌC KINH NGHIỆM",
        "next_steps": "V. PHƯƠNG HƯỚNG, NHIỆM VỤ VÀ KIẾN NGHỊ, ĐỀ XUẤT",
        "approved": "chỉ số liệu đã phê duyệt",
        "all": "tất cả số liệu",
        "no": "TT",
        "indicator": "Chỉ tiêu",
        "measure": "Đơn vị tính",
        "current": "Kỳ này",
        "previous": "Cùng kỳ",
        "change": "So với cùng kỳ",
        "subordinate": "Đơn vị",
        "value": "Kết quả",
        "source": "Nguồn",
        "not_recorded": "chưa ghi nhận",
        "about": "khoảng",
        "at_least": "ít nhất",
        "records": "hồ sơ",
        "figure": "số liệu báo cáo",
        "both": "hồ sơ và số liệu báo cáo",
        "none": "—",
        "footnotes": "Nguồn số liệu báo cáo:",
        "figure_note": "số liệu báo cáo {figure}",
        "difference_note": "chênh lệch so với hồ sơ {difference}",
        "no_children": "Đơn vị không có đơn vị trực thuộc có số liệu trong kỳ.",
        "no_notable": "Trong kỳ không có hoạt động nổi bật được ghi nhận.",
        "empty_text": "(Đơn vị bổ sung trước khi ban hành.)",
        "recipients": "Nơi nhận:",
        "default_recipients": "Như trên;\nLưu: VT.",
        "signer_title": "THỦ TRƯỞNG ĐƠN VỊ",
        "signature": "(Ký, ghi rõ họ tên, đóng dấu)",
        "chart_title": "Hoạt động theo loại",
        "previous_period": "Cùng kỳ: {start} – {end}",
        "sheet_totals": "Kết quả",
        "sheet_children": "Đơn vị trực thuộc",
        "sheet_notable": "Hoạt động nổi bật",
        "sheet_sources": "Nguồn số liệu",
        "qualifier": "Mức chính xác",
        "figure_col": "Số liệu báo cáo",
        "difference_col": "Chênh lệch",
        "date": "Ngày",
        "activity": "Hoạt động",
        "kind": "Loại",
        "place": "Địa điểm",
        "draft": "DỰ THẢO",
    },
    "km": {
        "title": "របាយការណ៍",
        "interim": "បូកសរុបបណ្ដោះអាសន្នការងារទំនាក់ទំនងការបរទេសផ្នែកការពារជាតិ",
        "final": "បូកសរុបការងារទំនាក់ទំនងការបរទេសផ្នែកការពារជាតិ",
        "periodic": "លទ្ធផលការងារទំនាក់ទំនងការបរទេសផ្នែកការពារជាតិ",
        "period": "(ពីថ្ងៃទី{start} ដល់ថ្ងៃទី{end})",
        "number": "លេខ៖",
        "situation": "I. ស្ថានភាព",
        "results": "II. លទ្ធផលអនុវត្តកម្មវិធី",
        "flows": "១. លទ្ធផលក្នុងកំឡុងពេល ({scope})",
        "stocks": "២. តួលេខដែលមានរហូតដល់ថ្ងៃទី{day}",
        "children": "៣. លទ្ធផលតាមអង្គភាពចំណុះ",
        "chart": "៤. សកម្មភាពតាមប្រភេទ",
        "notable": "៥. សកម្មភាពលេចធ្លោ",
        "shortcomings": "III. ចំណុចខ្វះខាត និងមូលហេតុ",
        "lessons": "IV. មេរៀនបទពិសោធន៍",
        "next_steps": "V. ទិសដៅ ភារកិច្ច និងសំណូមពរ",
        "approved": "តែទិន្នន័យដែលបានអនុម័ត",
        "all": "ទិន្នន័យទាំងអស់",
        "no": "ល.រ",
        "indicator": "សូចនាករ",
        "measure": "ឯកតា",
        "current": "កំឡុងពេលនេះ",
        "previous": "រយៈពេលដូចគ្នាឆ្នាំមុន",
        "change": "ប្រៀបធៀប",
        "subordinate": "អង្គភាព",
        "value": "លទ្ធផល",
        "source": "ប្រភព",
        "not_recorded": "មិនទាន់កត់ត្រា",
        "about": "ប្រហែល",
        "at_least": "យ៉ាងតិច",
        "records": "កំណត់ត្រា",
        "figure": "តួលេខរាយការណ៍",
        "both": "កំណត់ត្រា និងតួលេខរាយការណ៍",
        "none": "—",
        "footnotes": "ប្រភពតួលេខរាយការណ៍៖",
        "figure_note": "តួលេខរាយការណ៍ {figure}",
        "difference_note": "ខុសពីកំណត់ត្រា {difference}",
        "no_children": "គ្មានអង្គភាពចំណុះដែលមានទិន្នន័យក្នុងកំឡុងពេលនេះ។",
        "no_notable": "គ្មានសកម្មភាពលេចធ្លោត្រូវបានកត់ត្រាក្នុងកំឡុងពេលនេះ។",
        "empty_text": "(អង្គភាពបំពេញមុនពេលចេញ។)",
        "recipients": "កន្លែងទទួល៖",
        "default_recipients": "ដូចខាងលើ\nឯកសារ-កាលប្បវត្តិ",
        "signer_title": "ប្រធានអង្គភាព",
        "signature": "(ហត្ថលេខា និងត្រា)",
        "chart_title": "សកម្មភាពតាមប្រភេទ",
        "previous_period": "រយៈពេលប្រៀបធៀប៖ {start} – {end}",
        "sheet_totals": "លទ្ធផល",
        "sheet_children": "អង្គភាពចំណុះ",
        "sheet_notable": "សកម្មភាពលេចធ្លោ",
        "sheet_sources": "ប្រភព",
        "qualifier": "កម្រិតភាពត្រឹមត្រូវ",
        "figure_col": "តួលេខរាយការណ៍",
        "difference_col": "ភាពខុសគ្នា",
        "date": "កាលបរិច្ឆេទ",
        "activity": "សកម្មភាព",
        "kind": "ប្រភេទ",
        "place": "ទីកន្លែង",
        "draft": "សេចក្ដីព្រាង",
    },
    "en": {
        "title": "REPORT",
        "interim": "Interim review of defence cooperation",
        "final": "Final review of defence cooperation",
        "periodic": "Results of defence cooperation",
        "period": "(From {start} to {end})",
        "number": "No.:",
        "situation": "I. SITUATION",
        "results": "II. RESULTS BY PROGRAMME",
        "flows": "1. Results of the period ({scope})",
        "stocks": "2. Standing figures on {day}",
        "children": "3. Results by direct subordinate unit",
        "chart": "4. Activities by kind",
        "notable": "5. Notable activities",
        "shortcomings": "III. SHORTCOMINGS AND CAUSES",
        "lessons": "IV. LESSONS",
        "next_steps": "V. NEXT STEPS AND PROPOSALS",
        "approved": "approved records only",
        "all": "all records",
        "no": "No.",
        "indicator": "Indicator",
        "measure": "Unit of measure",
        "current": "This period",
        "previous": "Same period, previous year",
        "change": "Change",
        "subordinate": "Unit",
        "value": "Result",
        "source": "Source",
        "not_recorded": "not recorded",
        "about": "about",
        "at_least": "at least",
        "records": "records",
        "figure": "reported figure",
        "both": "records and reported figure",
        "none": "—",
        "footnotes": "Sources of reported figures:",
        "figure_note": "reported figure {figure}",
        "difference_note": "difference from records {difference}",
        "no_children": "No subordinate unit has figures for the period.",
        "no_notable": "No notable activity was recorded in the period.",
        "empty_text": "(To be written by the unit before issue.)",
        "recipients": "Recipients:",
        "default_recipients": "As above;\nArchive.",
        "signer_title": "HEAD OF UNIT",
        "signature": "(Signature, full name, seal)",
        "chart_title": "Activities by kind",
        "previous_period": "Compared with: {start} – {end}",
        "sheet_totals": "Results",
        "sheet_children": "Subordinate units",
        "sheet_notable": "Notable activities",
        "sheet_sources": "Sources",
        "qualifier": "Qualifier",
        "figure_col": "Reported figure",
        "difference_col": "Difference",
        "date": "Date",
        "activity": "Activity",
        "kind": "Kind",
        "place": "Place",
        "draft": "DRAFT",
    },
}


def words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["vi"])


def khmer_numerals(text: str) -> str:
    return text.translate(KHMER_DIGITS)


def vietnamese_date(day: dt.date) -> str:
    """``ngày 05 tháng 02 năm 2026`` (Decree 30: leading zero for days < 10, months < 3)."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day_text} tháng {month_text} năm {day.year}"


def khmer_date(day: dt.date) -> str:
    """``ថ្ងៃទី០៥ ខែធ្នូ ឆ្នាំ២០២៦``: Khmer numerals and month names."""
    return khmer_numerals(f"ថ្ងៃទី{day.day:02d} ខែ{KHMER_MONTHS[day.month - 1]} ឆ្នាំ{day.year}")


def short_date(day: dt.date, language: str) -> str:
    """``05/02/2026`` (in Khmer numerals for Khmer)."""
    text = f"{day:%d/%m/%Y}"
    return khmer_numerals(text) if language == "km" else text


def group_digits(value: Decimal, language: str) -> str:
    """``262.000.000`` (vi), ``២៦២.០០០.០០០`` (km), ``262,000,000`` (en)."""
    thousands, decimal = SEPARATORS.get(language, SEPARATORS["vi"])
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{int(value):,}"
    text = text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
    return khmer_numerals(text) if language == "km" else text


def amount_text(value: Decimal | None, qualifier: str, language: str) -> str:
    """A value with its qualifier ("khoảng 2.000"), or "not recorded"."""
    said = words(language)
    if value is None:
        return said["not_recorded"]
    number = group_digits(value, language)
    prefix = said.get(qualifier, "") if qualifier in {"about", "at_least"} else ""
    return f"{prefix} {number}" if prefix else number


def signed_text(value: Decimal, language: str) -> str:
    """``+12`` / ``−3`` / ``0`` with grouped digits."""
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return sign + group_digits(abs(value), language)
