"""The review report as a Word document in the Decree 30/2020/NĐ-CP layout.

A4, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt
(13 pt for the header block); the header is a borderless two-column table.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from huunghi.reports.review.content import MOTTO, NATIONAL_NAME, ReviewContent, Row

FONT = "Times New Roman"
CENTER, LEFT, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)


def _page(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(3)


def _para(
    container: Any,
    text: str = "",
    *,
    align: Any = LEFT,
    bold: bool = False,
    italic: bool = False,
    size: float = 14,
    before: float = 0,
    after: float = 3,
) -> Any:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    return paragraph


def _rule(cell: Any, width_mm: float) -> None:
    """The short horizontal line under the issuing unit and under the motto."""
    paragraph = _para(cell, align=CENTER, after=6)
    run = paragraph.add_run("\u2014" * max(4, int(width_mm / 4)))
    run.font.size = Pt(7)


def _no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _header(document: Any, data: ReviewContent) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    left.paragraphs[0].text = ""
    if data.superior:
        _para(left, data.superior, align=CENTER, size=13, after=0)
    _para(left, data.unit_name, align=CENTER, bold=True, size=13, after=0)
    _rule(left, 25)
    _para(left, data.number_line, align=CENTER, size=13)
    right.paragraphs[0].text = ""
    _para(right, NATIONAL_NAME, align=CENTER, bold=True, size=13, after=0)
    _para(right, MOTTO, align=CENTER, bold=True, size=14, after=0)
    _rule(right, 45)
    _para(right, data.date_line, align=CENTER, italic=True, size=14)
    for cell in (left, right):
        first = cell.paragraphs[0]
        first._element.getparent().remove(first._element)


def _title(document: Any, data: ReviewContent) -> None:
    _para(document, "BÁO CÁO", align=CENTER, bold=True, before=18, after=0)
    _para(document, data.subtitle, align=CENTER, bold=True, after=0)
    _para(document, data.period_line, align=CENTER, italic=True, after=12)


def _table(document: Any, rows: list[Row], value_header: str) -> None:
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    headers = [_("No."), _("Indicator"), _("Unit of measure"), value_header]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].text = ""
        _para(cell, text, align=CENTER, bold=True, size=13, after=0)
        cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    for row in rows:
        cells = table.add_row().cells
        for cell, text, align in zip(
            cells,
            [str(row.number), row.label, row.unit, row.text],
            [CENTER, LEFT, CENTER, RIGHT],
            strict=True,
        ):
            cell.paragraphs[0].text = text
            cell.paragraphs[0].alignment = align
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(13)
    for cell, width in zip(table.columns, (12, 90, 30, 33), strict=True):
        for c in cell.cells:
            c.width = Mm(width)


def _body(document: Any, data: ReviewContent) -> None:
    _para(document, _("I. RESULTS"), bold=True, before=6)
    scope = _("approved records only") if data.approved_only else _("all records")
    _para(document, _("1. Totals of the period (%(scope)s)") % {"scope": scope}, bold=True)
    _table(document, data.flows, _("Result"))
    if data.stocks:
        _para(
            document,
            _("2. Standing figures on %(day)s") % {"day": data.stock_date.strftime("%d/%m/%Y")},
            bold=True,
            before=6,
        )
        _table(document, data.stocks, _("Number"))
    _para(document, _("3. Activities by kind"), bold=True, before=6)
    document.add_picture(io.BytesIO(data.chart_png), width=Mm(160))
    document.paragraphs[-1].alignment = CENTER
    _para(document, _("II. NOTABLE ACTIVITIES"), bold=True, before=6)
    if not data.notable:
        _para(document, _("No notable activity was recorded in the period."), italic=True)
    for index, item in enumerate(data.notable, start=1):
        where = f", {item.place}" if item.place else ""
        text = f"{index}. {item.day:%d/%m/%Y} – {item.title} ({item.kind}; {item.unit}{where})."
        _para(document, text, align=JUSTIFY)


def _signature(document: Any) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12, after=0)
    _para(left, "- Như trên;", size=11, after=0)
    _para(left, "- Lưu: VT.", size=11, after=0)
    right.paragraphs[0].text = ""
    _para(right, "THỦ TRƯỞNG ĐƠN VỊ", align=CENTER, bold=True, after=0)
    _para(right, "(Ký, ghi rõ họ tên, đóng dấu)", align=CENTER, italic=True, size=13)


def write(data: ReviewContent) -> bytes:
    document = Document()
    _page(document)
    _header(document, data)
    _title(document, data)
    _body(document, data)
    _para(document, before=12)
    _signature(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
