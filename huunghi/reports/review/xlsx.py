"""The review report as an Excel workbook: results, subordinate units, notable activities
and the sources of reported figures.

The results table starts at row :data:`TABLE_ROW` with a header row: No., indicator,
unit of measure, value (a number, empty when not recorded), qualifier, value of the
comparison period, where the value comes from, the unit's reported figure and its
difference from the records.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.drawing.image import Image as SheetImage
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from huunghi.reports.review.content import ReviewContent
from huunghi.reports.review.numbers import Line
from huunghi.reports.review.stable import stable_zip

LATIN, KHMER = "Times New Roman", "Noto Serif Khmer"
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
TABLE_ROW = 10


def _font(
    data: ReviewContent, *, bold: bool = False, italic: bool = False, khmer: bool | None = None
) -> Font:
    name = KHMER if (khmer if khmer is not None else data.language == "km") else LATIN
    return Font(name=name, bold=bold, italic=italic, size=13)


def _header(sheet: Worksheet, data: ReviewContent) -> None:
    khmer_top = data.is_cambodian
    if data.is_cambodian:
        sheet.cell(1, 3, data.national_name).font = _font(data, bold=True, khmer=True)
        sheet.cell(2, 3, data.motto).font = _font(data, bold=True, khmer=True)
        rows = [(3, data.superior, False), (4, data.unit_name, True), (5, data.number_line, False)]
        sheet.cell(5, 3, data.date_line).font = _font(data, italic=True, khmer=True)
    else:
        sheet.cell(1, 3, data.national_name).font = _font(data, bold=True, khmer=False)
        sheet.cell(2, 3, data.motto).font = _font(data, bold=True, khmer=False)
        rows = [(1, data.superior, False), (2, data.unit_name, True), (3, data.number_line, False)]
        sheet.cell(3, 3, data.date_line).font = _font(data, italic=True, khmer=False)
    for row, text, bold in rows:
        sheet.cell(row, 1, text).font = _font(data, bold=bold, khmer=khmer_top)
    sheet.cell(6, 1, data.title).font = _font(data, bold=True)
    sheet.cell(7, 1, data.subtitle).font = _font(data, bold=True)
    sheet.cell(8, 1, data.period_line).font = _font(data, italic=True)


def _headers(data: ReviewContent) -> list[str]:
    said = data.words
    return [
        said["no"],
        said["indicator"],
        said["measure"],
        said["current"],
        said["qualifier"],
        said["previous"],
        said["source"],
        said["figure_col"],
        said["difference_col"],
    ]


def _values(data: ReviewContent, index: int, line: Line) -> list[object]:
    said, current = data.words, line.current
    return [
        index,
        line.label,
        line.unit_label,
        current.value,
        said.get(current.qualifier, "") if current.qualifier != "exact" else "",
        line.previous.value,
        said.get(current.source, current.source),
        current.figure,
        current.difference,
    ]


def _rows(sheet: Worksheet, data: ReviewContent, start: int, lines: list[Line]) -> int:
    for column, text in enumerate(_headers(data), start=1):
        cell = sheet.cell(start, column, text)
        cell.font, cell.alignment = _font(data, bold=True), CENTER
    for offset, line in enumerate(lines, start=1):
        for column, value in enumerate(_values(data, offset, line), start=1):
            sheet.cell(start + offset, column, value).font = _font(data)
        for column in (4, 6, 8, 9):
            sheet.cell(start + offset, column).number_format = "#,##0.##"
    return start + len(lines) + 2


def _totals(workbook: Workbook, data: ReviewContent) -> None:
    sheet = workbook.active
    sheet.title = data.words["sheet_totals"][:31]
    for column, width in zip("ABCDEFGHI", (6, 55, 16, 16, 12, 16, 22, 16, 14), strict=True):
        sheet.column_dimensions[column].width = width
    _header(sheet, data)
    sheet.cell(TABLE_ROW - 1, 1, data.scope_line).font = _font(data, bold=True)
    row = _rows(sheet, data, TABLE_ROW, data.flows)
    sheet.cell(row - 1, 2, data.previous_line).font = _font(data, italic=True)
    if data.stocks:
        sheet.cell(row, 1, data.stock_line).font = _font(data, bold=True)
        row = _rows(sheet, data, row + 1, data.stocks)
    chart = SheetImage(io.BytesIO(data.chart_png))
    chart.width, chart.height = 640, int(640 * chart.height / max(chart.width, 1))
    sheet.add_image(chart, f"B{row}")


def _table(workbook: Workbook, data: ReviewContent, title: str, head: list, rows: list) -> None:
    sheet = workbook.create_sheet(title[:31])
    for column, (text, width) in enumerate(head, start=1):
        sheet.cell(1, column, text).font = _font(data, bold=True)
        sheet.column_dimensions["ABCDEFGHI"[column - 1]].width = width
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(index, column, value).font = _font(data)


def write(data: ReviewContent) -> bytes:
    said = data.words
    workbook = Workbook()
    _totals(workbook, data)
    children = [
        (name, line.label, number.value)
        for line in [*data.flows, *data.stocks]
        for name, number in line.children
        if number.value
    ]
    _table(
        workbook,
        data,
        said["sheet_children"],
        [(said["subordinate"], 45), (said["indicator"], 55), (said["value"], 16)],
        sorted(children, key=lambda row: row[0]),
    )
    _table(
        workbook,
        data,
        said["sheet_notable"],
        [
            (said["date"], 12),
            (said["activity"], 60),
            (said["kind"], 30),
            (said["subordinate"], 40),
            (said["place"], 30),
        ],
        [(data.short(n.day), n.title, n.kind, n.unit, n.place) for n in data.notable],
    )
    _table(
        workbook,
        data,
        said["sheet_sources"],
        [(said["no"], 6), (said["source"], 120)],
        [(data.digits(i), note) for i, note in enumerate(data.footnotes, start=1)],
    )
    workbook.properties.creator = workbook.properties.lastModifiedBy = data.author
    workbook.properties.created = data.created_at.replace(tzinfo=None)
    workbook.properties.modified = data.created_at.replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return stable_zip(buffer.getvalue(), when=data.created_at, author=data.author)
