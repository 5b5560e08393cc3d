"""The review report as an Excel workbook: totals, standing figures, notable activities."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.drawing.image import Image as SheetImage
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from huunghi.reports.review.content import MOTTO, NATIONAL_NAME, ReviewContent, Row

BOLD = Font(name="Times New Roman", bold=True, size=13)
PLAIN = Font(name="Times New Roman", size=13)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _header(sheet: Worksheet, data: ReviewContent) -> int:
    lines = [
        (data.superior, PLAIN, NATIONAL_NAME, BOLD),
        (data.unit_name, BOLD, MOTTO, BOLD),
        (data.number_line, PLAIN, data.date_line, Font(name="Times New Roman", italic=True)),
    ]
    for row, (left, left_font, right, right_font) in enumerate(lines, start=1):
        sheet.cell(row, 1, left).font = left_font
        sheet.cell(row, 3, right).font = right_font
    sheet.cell(5, 1, "BÁO CÁO").font = BOLD
    sheet.cell(6, 1, data.subtitle).font = BOLD
    sheet.cell(7, 1, data.period_line).font = Font(name="Times New Roman", italic=True)
    return 9


def _rows(sheet: Worksheet, start: int, rows: list[Row], value_header: str) -> int:
    headers = [_("No."), _("Indicator"), _("Unit of measure"), value_header, _("Qualifier")]
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(start, column, text)
        cell.font, cell.alignment = BOLD, CENTER
    for offset, row in enumerate(rows, start=1):
        values = [row.number, row.label, row.unit, row.value, row.qualifier]
        for column, value in enumerate(values, start=1):
            sheet.cell(start + offset, column, value).font = PLAIN
        sheet.cell(start + offset, 4).number_format = "#,##0.##"
    return start + len(rows) + 2


def write(data: ReviewContent) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Totals")[:31]
    for column, width in zip("ABCDE", (8, 60, 18, 20, 12), strict=True):
        sheet.column_dimensions[column].width = width
    row = _header(sheet, data)
    row = _rows(sheet, row, data.flows, _("Result"))
    if data.stocks:
        sheet.cell(
            row, 1, _("Standing figures on %(day)s") % {"day": data.stock_date.strftime("%d/%m/%Y")}
        ).font = BOLD
        row = _rows(sheet, row + 1, data.stocks, _("Number"))
    chart = SheetImage(io.BytesIO(data.chart_png))
    chart.width, chart.height = 640, int(640 * chart.height / max(chart.width, 1))
    sheet.add_image(chart, f"B{row}")
    notable = workbook.create_sheet(_("Notable activities")[:31])
    for column, (text, width) in enumerate(
        [(_("Date"), 12), (_("Activity"), 60), (_("Kind"), 30), (_("Unit"), 40), (_("Place"), 30)],
        start=1,
    ):
        notable.cell(1, column, text).font = BOLD
        notable.column_dimensions["ABCDE"[column - 1]].width = width
    for index, item in enumerate(data.notable, start=2):
        for column, value in enumerate([item.day, item.title, item.kind, item.unit, item.place], 1):
            notable.cell(index, column, value).font = PLAIN
        notable.cell(index, 1).number_format = "DD/MM/YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
