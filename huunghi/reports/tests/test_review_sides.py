"""Review reports for both sides: a Cambodian unit's report in Khmer under the Kingdom's
heading, a Vietnamese unit's report in the Decree 30 layout, both printed with embedded
fonts and checked as page images."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image

from huunghi.accounts.models import Role
from huunghi.organisations.models import Unit
from huunghi.reports.periods import Period
from huunghi.reports.review import build_review, gather_review
from huunghi.reports.review.words import khmer_date, khmer_numerals

pytestmark = pytest.mark.django_db
ISSUED = dt.date(2026, 2, 5)
KINGDOM, KH_MOTTO = "ព្រះរាជាណាចក្រកម្ពុជា", "ជាតិ សាសនា ព្រះមហាក្សត្រ"
SVAY_RIENG_KM = "កងរាជអាវុធហត្ថខេត្តស្វាយរៀង"
GENDARMERIE_KM = "បញ្ជាការដ្ឋានកងរាជអាវុធហត្ថ"
# pdftotext reads Khmer back glyph by glyph: a glyph shared by two clusters maps to the
# first cluster's text ("…ចក្រកម្ពុជា" reads "…ចក្រក្រម្ពុជា"). The checks of the text
# layer therefore drop white space and look for parts that read back exactly.
KINGDOM_PARTS = ("ព្រះរាជាណាច", "ម្ពុជា")
MOTTO_PARTS = ("ជាតិ", "សាសនា", "ព្រះមហា")


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def khmer_names(story):
    w = story.world
    Unit.objects.filter(pk=w.kh_svay_rieng.pk).update(name_km=SVAY_RIENG_KM)
    Unit.objects.filter(pk=w.kh_gendarmerie.pk).update(name_km=GENDARMERIE_KM)
    w.kh_svay_rieng.refresh_from_db()
    return w


def khmer_review(world, fmt, language="km"):
    return build_review(
        user=world.user(Role.VIEWER, world.kh_svay_rieng),
        unit=world.kh_svay_rieng,
        period=Period.year(2024),
        fmt=fmt,
        review_kind="interim",
        issued_on=ISSUED,
        language=language,
    )


def first_page(pdf: bytes, tmp_path: Path, name: str) -> tuple[Image.Image, str, str]:
    """The first page as a PNG image, the PDF's text layer and its font list."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(source), str(tmp_path / name)],  # noqa: S607
        check=True,
    )
    [page] = list(tmp_path.glob(f"{name}*.png"))
    keep = os.environ.get("HUUNGHI_KEEP_REVIEW_PNG")
    if keep:
        shutil.copy(page, Path(keep) / page.name)
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-l", "1", str(source), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fonts = subprocess.run(  # noqa: S603
        ["pdffonts", str(source)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return Image.open(page).convert("L"), text, fonts


def dark_share(image: Image.Image, box: tuple[float, float, float, float]) -> float:
    """Share of dark pixels in a part of the page (box as fractions of width/height)."""
    width, height = image.size
    part = image.crop(
        (int(box[0] * width), int(box[1] * height), int(box[2] * width), int(box[3] * height))
    )
    histogram = part.histogram()
    return sum(histogram[:128]) / max(1, sum(histogram))


def test_khmer_dates_use_khmer_numerals_and_month_names():
    assert khmer_date(dt.date(2026, 12, 5)) == "ថ្ងៃទី០៥ ខែធ្នូ ឆ្នាំ២០២៦"
    assert khmer_date(dt.date(2024, 1, 31)) == "ថ្ងៃទី៣១ ខែមករា ឆ្នាំ២០២៤"
    assert khmer_numerals("262.000") == "២៦២.០០០"


def test_cambodian_pdf_has_the_kingdom_heading_and_no_vietnamese_state_heading(
    khmer_names, tmp_path
):
    """Page 1 of a Khmer report for the Svay Rieng gendarmerie: the Kingdom's heading
    centred at the top, the unit in Khmer, a Khmer date; fonts embedded; no CỘNG HÒA."""
    image, text, fonts = first_page(khmer_review(khmer_names, "pdf").content, tmp_path, "km")
    lines = [squeeze(line) for line in text.splitlines() if line.strip()]
    assert all(part in lines[0] for part in KINGDOM_PARTS), lines[:3]
    assert all(part in lines[1] for part in MOTTO_PARTS), lines[:3]
    assert GENDARMERIE_KM in squeeze(text)
    assert "ខែកុម្ភៈ" in squeeze(text) and "២០២៦" in squeeze(text), "Khmer date"
    assert "CỘNG HÒA" not in text and "Độc lập" not in text and "VIỆT NAM" not in text
    khmer_fonts = [line for line in fonts.splitlines() if "Noto-Serif-Khmer" in line]
    assert khmer_fonts and all(" yes " in line for line in khmer_fonts), fonts
    top_centre = dark_share(image, (0.35, 0.03, 0.65, 0.09))
    top_right = dark_share(image, (0.8, 0.03, 0.98, 0.09))
    assert top_centre > 0.01, "the heading is printed at the top centre"
    assert top_right < top_centre / 3, "nothing stands at the top right as in Decree 30"
    assert dark_share(image, (0, 0, 1, 1)) > 0.01


def test_cambodian_report_counts_what_is_shared_with_the_unit(khmer_names):
    """The education session shared with Svay Rieng is counted in its report, in Khmer."""
    w = khmer_names
    data = gather_review(
        user=w.user(Role.VIEWER, w.kh_svay_rieng),
        unit=w.kh_svay_rieng,
        period=Period.year(2024),
        issued_on=ISSUED,
        language="km",
    )
    values = {line.code: line.current.value for line in data.lines}
    assert values["activities_education_session"] == 1
    assert data.is_cambodian and data.national_name == KINGDOM
    document = Document(io.BytesIO(khmer_review(w, "docx").content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert KINGDOM in text and "CỘNG HÒA" not in text
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert not any("CỘNG HÒA" in cell for cell in cells)
    assert SVAY_RIENG_KM in cells[0] and "ខែកុម្ភៈ" in cells[1]
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:cs")) == "Noto Serif Khmer"
    assert fonts.get(qn("w:ascii")) == "Times New Roman"


def test_cambodian_xlsx_has_the_kingdom_heading(khmer_names):
    sheet = load_workbook(io.BytesIO(khmer_review(khmer_names, "xlsx").content)).worksheets[0]
    assert (sheet["C1"].value, sheet["C2"].value) == (KINGDOM, KH_MOTTO)
    assert sheet["A4"].value == SVAY_RIENG_KM
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert not any("CỘNG HÒA" in c for c in cells)


def test_cambodian_unit_in_vietnamese_keeps_the_kingdom_heading(khmer_names):
    """Asked from the Vietnamese interface the body is Vietnamese, the heading still Khmer."""
    document = Document(io.BytesIO(khmer_review(khmer_names, "docx", language="vi").content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert KINGDOM in text and "BÁO CÁO" in text and "CỘNG HÒA" not in text


def test_vietnamese_pdf_keeps_decree_30_and_embeds_its_fonts(story, tmp_path):
    w = story.world
    pdf = build_review(
        user=w.user(Role.APPROVER, w.bdbp_tay_ninh),
        unit=w.bdbp_tay_ninh,
        period=Period.year(2024),
        fmt="pdf",
        review_kind="interim",
        issued_on=ISSUED,
        language="vi",
    ).content
    image, text, fonts = first_page(pdf, tmp_path, "vi")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Tây Ninh, ngày 05 tháng 02 năm 2026" in text
    assert KINGDOM not in text
    serif = [line for line in fonts.splitlines() if "Liberation-Serif" in line]
    assert serif and all(" yes " in line for line in serif), fonts
    assert dark_share(image, (0.55, 0.03, 0.95, 0.08)) > 0.005, "national name top right"


def test_cambodian_date_line_names_the_province_in_khmer(khmer_names):
    """ "Done at Svay Rieng province, the 5th of February 2026" in Khmer, Khmer numerals."""
    from huunghi.geography.models import AdminUnit

    w = khmer_names
    AdminUnit.objects.filter(pk=w.svay_rieng.pk).update(name_km="ស្វាយរៀង")
    data = gather_review(
        user=w.user(Role.VIEWER, w.kh_svay_rieng),
        unit=w.kh_svay_rieng,
        period=Period.year(2024),
        issued_on=ISSUED,
        language="km",
    )
    assert data.date_line == "ធ្វើនៅខេត្តស្វាយរៀង ថ្ងៃទី០៥ ខែកុម្ភៈ ឆ្នាំ២០២៦"
    assert (data.superior, data.unit_name) == (GENDARMERIE_KM, SVAY_RIENG_KM)
    assert data.period_line == "(ពីថ្ងៃទី០១/០១/២០២៤ ដល់ថ្ងៃទី៣១/១២/២០២៤)"
