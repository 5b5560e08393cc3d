"""Reading uploaded spreadsheets and writing templates and exports.

Uploads are streamed within fixed bounds by :mod:`huunghi.dataio.reading` (CSV as
UTF-8, with or without a byte-order mark; the first sheet of an .xlsx). Templates carry
the translated headers, drop-down lists for every choice column, a note on each header
and an instructions sheet with an example row. Exports have exactly the template's
columns, so an exported file can be corrected and imported again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from huunghi.core.boundary import printable
from huunghi.dataio.columns import Column, ColumnType, choice_label, render_cell
from huunghi.dataio.reading import ReadError, StreamedRows, check_xlsx, csv_rows, xlsx_rows

EXTENSIONS = ("xlsx", "csv")
VALIDATED_ROWS = 5000
FORMATTED_ROWS = 500
FORMULA_STARTS = ("=", "+", "-", "@")
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
REQUIRED_FILL = PatternFill("solid", fgColor="F6E3C7")


class TableError(ValueError):
    """The file cannot be read at all (wrong format, damaged, not UTF-8)."""


@dataclass
class Table:
    """The header row and the data rows of an upload; data row ``i`` is sheet row ``i + 2``.

    ``rows`` is iterated again for each pass and supports ``len`` (see
    :class:`~huunghi.dataio.reading.StreamedRows`); a list works too.
    """

    headers: list[str]
    rows: Any

    @staticmethod
    def sheet_row(index: int) -> int:
        return index + 2


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def read_table(content: bytes, extension: str) -> Table:
    """The rows of an uploaded .xlsx or .csv file (:class:`TableError` if unreadable or
    beyond the limits), streamed: checked against the limits before any row is parsed."""
    if extension not in EXTENSIONS:
        raise TableError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))
    try:
        return _streamed(content, extension)
    except ReadError as exc:
        raise TableError(str(exc)) from None
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise TableError(_("The file could not be read as an Excel (.xlsx) or CSV file.")) from exc


def _streamed(content: bytes, extension: str) -> Table:
    if extension == "xlsx":
        check_xlsx(content)
    rows = xlsx_rows(content) if extension == "xlsx" else csv_rows(content)
    headers = list(next(rows, ()))
    while headers and _blank(headers[-1]):
        headers.pop()
    width = len(headers)
    last = 0
    for index, row in enumerate(rows, 1):
        if not is_blank_row(row[:width]):
            last = index
    streamed = StreamedRows(content=content, extension=extension, width=width, count=last)
    return Table(headers=[str(h or "").strip() for h in headers], rows=streamed)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_blank_row(row: Sequence[Any]) -> bool:
    return all(_blank(v) for v in row)


# --- templates --------------------------------------------------------------------------


def template_workbook(title: str, columns: Sequence[Column], example: dict[str, Any]) -> bytes:
    """An empty sheet with headers and drop-down lists, and an instructions sheet."""
    book = Workbook()
    data = book.active
    data.title = _("Data")[:31]
    _write_headers(data, columns)
    lists = book.create_sheet(_("Lists")[:31])
    _add_validations(data, lists, columns)
    lists.sheet_state = "hidden"
    _write_instructions(book.create_sheet(_("Instructions")[:31], 1), title, columns, example)
    book.active = 0
    return _save(book)


def _write_headers(sheet: Any, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header())
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        note = describe(column)
        if note:
            cell.comment = Comment(note, "Hữu Nghị", width=320, height=160)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        if column.type == ColumnType.DATE:
            for row in range(2, FORMATTED_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"


def _add_validations(sheet: Any, lists: Any, columns: Sequence[Column]) -> None:
    list_column = 0
    for index, column in enumerate(columns, start=1):
        if column.type == ColumnType.BOOLEAN:
            values = [_("yes"), _("no")]
        elif column.type == ColumnType.CHOICE:
            values = [str(label) for _code, label in column.choices]
        else:
            continue
        list_column += 1
        letter = get_column_letter(list_column)
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=list_column, value=value)
        source = f"{quote_sheetname(lists.title)}!${letter}$1:${letter}${len(values)}"
        validation = DataValidation(type="list", formula1=source, allow_blank=True)
        validation.error = _("Choose a value from the list.")
        validation.errorTitle = str(column.label)
        validation.prompt = describe(column)[:255]
        validation.showErrorMessage = True
        target = get_column_letter(index)
        validation.add(f"{target}2:{target}{VALIDATED_ROWS + 1}")
        sheet.add_data_validation(validation)


def describe(column: Column) -> str:
    """What the column expects, for header notes and the instructions sheet."""
    parts = [str(column.help)] if column.help else []
    parts.append(_("Required.") if column.required else _("Optional."))
    hints = {
        ColumnType.DATE: _("A date such as 31/12/2024."),
        ColumnType.DECIMAL: _("A number."),
        ColumnType.INTEGER: _("A whole number."),
        ColumnType.BOOLEAN: _("“yes” or “no”."),
        ColumnType.UNIT: _("The unit's code or name."),
        ColumnType.UNITS: _("Units' codes or names, separated by “;”."),
        ColumnType.PLACE: _(
            "The place's code or name; add the province after a comma if several places "
            "have the name (“Lộc Ninh, Bình Phước”)."
        ),
        ColumnType.LINES: _("One item per line."),
        ColumnType.MULTICHOICE: _("Values from the list, separated by “;”."),
    }
    if column.type in hints:
        parts.append(str(hints[column.type]))
    if column.type in {ColumnType.CHOICE, ColumnType.MULTICHOICE}:
        labels = "; ".join(choice_label(column, code) for code, _label in column.choices)
        parts.append(_("Allowed: %(values)s.") % {"values": labels})
    return " ".join(parts)


def _write_instructions(
    sheet: Any, title: str, columns: Sequence[Column], example: dict[str, Any]
) -> None:
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    notes = [
        _("Fill in the first sheet, one row per record, and keep its header row."),
        _("Columns marked * must be filled in. Choice columns have drop-down lists."),
        _("The whole file is imported or nothing is; errors are listed by row and column."),
        _("Importing the same file again changes nothing."),
    ]
    for offset, note in enumerate(notes, start=2):
        sheet.cell(row=offset, column=1, value=note)
    top = len(notes) + 3
    headings = [_("Column"), _("What to write"), _("Example")]
    for index, heading in enumerate(headings, start=1):
        sheet.cell(row=top, column=index, value=heading).font = Font(bold=True)
    for offset, column in enumerate(columns, start=1):
        sheet.cell(row=top + offset, column=1, value=column.header())
        sheet.cell(row=top + offset, column=2, value=describe(column))
        sheet.cell(row=top + offset, column=3, value=_cell_value(example.get(column.key)))
        sheet.cell(row=top + offset, column=2).alignment = Alignment(wrap_text=True)
    _write_example_row(sheet, top + len(columns) + 2, columns, example)
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 80
    sheet.column_dimensions["C"].width = 30


def _write_example_row(
    sheet: Any, top: int, columns: Sequence[Column], example: dict[str, Any]
) -> None:
    sheet.cell(row=top, column=1, value=_("Example row")).font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=top + 1, column=index, value=column.header()).font = Font(bold=True)
        sheet.cell(row=top + 2, column=index, value=_cell_value(example.get(column.key)))


def _cell_value(value: Any) -> Any:
    return str(value) if value is not None and not isinstance(value, int | float) else value


def _save(book: Workbook) -> bytes:
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


# --- exports ----------------------------------------------------------------------------


def write_xlsx(target: IO[bytes], columns: Sequence[Column], rows: Iterable[dict[str, Any]]) -> int:
    """Stream rows into an .xlsx file with the template's headers; the row count."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Data")[:31])
    sheet.append([column.header() for column in columns])
    count = 0
    for row in rows:
        sheet.append([_excel(sheet, render_cell(c, row.get(c.key))) for c in columns])
        count += 1
    book.save(target)
    return count


def write_csv(target: IO[bytes], columns: Sequence[Column], rows: Iterable[dict[str, Any]]) -> int:
    """Write rows as UTF-8 CSV (with a byte-order mark, for Excel); the row count."""
    stream = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    writer = csv.writer(stream)
    writer.writerow([column.header() for column in columns])
    count = 0
    for row in rows:
        writer.writerow([_csv(render_cell(c, row.get(c.key))) for c in columns])
        count += 1
    stream.flush()
    stream.detach()
    return count


def _excel(sheet: Any, value: Any) -> Any:
    """Dates with a day-first format; numbers with thousands separators (the cell stays a
    number); text starting with "=" kept as text, not a formula; control characters
    (refused on entry, but possibly stored earlier) dropped."""
    if isinstance(value, str):
        value = printable(value)
    if hasattr(value, "strftime"):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "#,##0" if float(value).is_integer() else "#,##0.00"
        return cell
    return value


def _csv(value: Any) -> Any:
    """Dates day-first; text a spreadsheet would run as a formula gets a leading quote
    (removed again on import)."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str):
        value = printable(value)
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value
