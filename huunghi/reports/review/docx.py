"""The review report as a Word document.

A4, margins top and bottom 20 mm, left 30 mm, right 15 mm (Decree 30/2020/NĐ-CP).
Vietnamese text in Times New Roman 14 pt (13 pt in the header block); Khmer text in
Noto Serif Khmer (named as the complex-script font, which Word uses for Khmer). A
Vietnamese unit's header is a borderless two-column table (issuing body left,
national name right); a Cambodian unit's report opens with the Kingdom's heading
centred, then the issuing unit in Khmer on the left and the Khmer date on the right.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from huunghi.reports.review.content import ReviewContent
from huunghi.reports.review.stable import stable_zip

FONT = "Times New Roman"
KHMER_FONT = "Noto Serif Khmer"
CENTER, LEFT, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)


def _fonts(element: Any, size: float | None = None) -> None:
    """Name Times New Roman for Latin and Noto Serif Khmer for Khmer (complex script)."""
    properties = element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    fonts.set(qn("w:cs"), KHMER_FONT)
    if size is not None:
        size_cs = properties.find(qn("w:szCs"))
        if size_cs is None:
            size_cs = OxmlElement("w:szCs")
            properties.append(size_cs)
        size_cs.set(qn("w:val"), str(int(size * 2)))


def _page(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    _fonts(style.element, 14)
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
        _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _run(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, size: float = 14):
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    _fonts(run._element, size)
    return run


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


def _drop_first(cell: Any) -> None:
    first = cell.paragraphs[0]
    first._element.getparent().remove(first._element)


def _two_columns(document: Any, widths: tuple[int, int]) -> tuple[Any, Any]:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(widths[0]), Mm(widths[1])
    return left, right


def _issuer(cell: Any, data: ReviewContent) -> None:
    if data.superior:
        _para(cell, data.superior, align=CENTER, size=13, after=0)
    _para(cell, data.unit_name, align=CENTER, bold=True, size=13, after=0)
    _rule(cell, 25)
    _para(cell, data.number_line, align=CENTER, size=13)


def _header_vietnam(document: Any, data: ReviewContent) -> None:
    left, right = _two_columns(document, (70, 95))
    _issuer(left, data)
    _para(right, data.national_name, align=CENTER, bold=True, size=13, after=0)
    _para(right, data.motto, align=CENTER, bold=True, size=14, after=0)
    _rule(right, 45)
    _para(right, data.date_line, align=CENTER, italic=True, size=14)
    _drop_first(left)
    _drop_first(right)


def _header_cambodia(document: Any, data: ReviewContent) -> None:
    _para(document, data.national_name, align=CENTER, bold=True, size=14, after=0)
    _para(document, data.motto, align=CENTER, bold=True, size=13, after=0)
    _para(document, "\u2014" * 10, align=CENTER, size=7, after=6)
    left, right = _two_columns(document, (80, 85))
    _issuer(left, data)
    _para(right, "", after=0)
    _para(right, data.date_line, align=CENTER, italic=True, size=13)
    _drop_first(left)
    _drop_first(right)


def _title(document: Any, data: ReviewContent) -> None:
    if data.is_draft:
        _para(document, data.words["draft"], align=RIGHT, bold=True, size=12, after=0)
    _para(document, data.title, align=CENTER, bold=True, before=18, after=0)
    _para(document, data.subtitle, align=CENTER, bold=True, after=0)
    _para(document, data.period_line, align=CENTER, italic=True, after=12)


def _table(document: Any, headers: list[str], rows: list[list[str]], widths: tuple) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _para(cell, text, align=CENTER, bold=True, size=12, after=0)
        _drop_first(cell)
    aligns = [CENTER, LEFT, CENTER, RIGHT, RIGHT, RIGHT][: len(headers)]
    if len(headers) == 3:
        aligns = [LEFT, LEFT, RIGHT]
    for row in rows:
        cells = table.add_row().cells
        for cell, text, align in zip(cells, row, aligns, strict=True):
            _para(cell, text, align=align, size=12, after=0)
            _drop_first(cell)
    for column, width in zip(table.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = Mm(width)


def _paragraphs(document: Any, paragraphs: list[str]) -> None:
    for text in paragraphs:
        _para(document, text, align=JUSTIFY)


def _results(document: Any, data: ReviewContent) -> None:
    said = data.words
    widths = (10, 55, 22, 28, 28, 22)
    _para(document, said["results"], bold=True, before=6)
    _para(document, data.scope_line, bold=True)
    rows = [data.row_cells(i, line) for i, line in enumerate(data.flows, start=1)]
    _table(document, data.headers, rows, widths)
    _para(document, data.previous_line, italic=True, size=12)
    if data.stocks:
        _para(document, data.stock_line, bold=True, before=6)
        rows = [data.row_cells(i, line) for i, line in enumerate(data.stocks, start=1)]
        _table(document, data.headers, rows, widths)
    _para(document, said["children"], bold=True, before=6)
    if data.child_rows:
        headers = [said["subordinate"], said["indicator"], said["value"]]
        _table(document, headers, [list(r) for r in data.child_rows], (60, 75, 30))
    else:
        _para(document, said["no_children"], italic=True)
    _para(document, said["chart"], bold=True, before=6)
    document.add_picture(io.BytesIO(data.chart_png), width=Mm(160))
    document.paragraphs[-1].alignment = CENTER
    _para(document, said["notable"], bold=True, before=6)
    if not data.notable:
        _para(document, said["no_notable"], italic=True)
    for text in data.notable_lines:
        _para(document, text, align=JUSTIFY)


def _body(document: Any, data: ReviewContent) -> None:
    _para(document, data.words["situation"], bold=True, before=6)
    _paragraphs(document, data.situation)
    _results(document, data)
    for heading, paragraphs in data.sections:
        _para(document, heading, bold=True, before=6)
        _paragraphs(document, paragraphs)
    if data.footnotes:
        _para(document, data.words["footnotes"], bold=True, size=12, before=6)
        for note in data.numbered_footnotes:
            _para(document, note, size=11, after=0)


def _signature(document: Any, data: ReviewContent) -> None:
    left, right = _two_columns(document, (80, 85))
    _para(left, data.words["recipients"], bold=True, italic=True, size=12, after=0)
    for recipient in data.recipients:
        _para(left, f"- {recipient}", size=11, after=0)
    _para(right, data.signer_title.upper(), align=CENTER, bold=True, after=0)
    _para(right, data.words["signature"], align=CENTER, italic=True, size=12, after=48)
    if data.signer_line:
        _para(right, data.signer_line, align=CENTER, bold=True)
    _drop_first(left)
    _drop_first(right)


def write(data: ReviewContent) -> bytes:
    document = Document()
    _page(document)
    if data.is_cambodian:
        _header_cambodia(document, data)
    else:
        _header_vietnam(document, data)
    _title(document, data)
    _body(document, data)
    _para(document, before=12)
    _signature(document, data)
    properties = document.core_properties
    properties.author = properties.last_modified_by = data.author
    properties.title = f"{data.title} {data.subtitle}"
    properties.created = properties.modified = data.created_at.replace(tzinfo=None)
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue(), when=data.created_at, author=data.author)
