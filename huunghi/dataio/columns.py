"""Spreadsheet columns: their translated headers, how a cell is read and written.

Cells are read with django-import-export's widgets (dates, numbers, text), wrapped
so that every refusal is a short message in the user's language naming what to
write instead. Choice cells accept the code or the label in any of the site's
languages, so a file exported in English imports for a Vietnamese user.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.widgets import (
    BooleanWidget,
    CharWidget,
    DateWidget,
    DecimalWidget,
    IntegerWidget,
)

from huunghi.core.boundary import FIRST_DAY, LAST_DAY

Choices = tuple[tuple[str, Promise | str], ...]

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
MAX_NUMBER = Decimal("1e15")
LIST_SPLIT = re.compile(r"\s*[;\n]\s*")
LINE_SPLIT = re.compile(r"\s*\n\s*")
YES_WORDS = {"1", "true", "yes", "x", "có", "co", "đúng", "បាទ", "ចាស", "មាន"}
NO_WORDS = {"0", "false", "no", "không", "khong", "sai", "ទេ", "គ្មាន"}


class ColumnType(StrEnum):
    TEXT = "text"
    LONGTEXT = "longtext"
    DATE = "date"
    DECIMAL = "decimal"
    INTEGER = "integer"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    LINES = "lines"
    BOOLEAN = "boolean"
    UNIT = "unit"
    UNITS = "units"
    PLACE = "place"


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: ``key`` is stable, ``label`` is the translated header."""

    key: str
    label: Promise | str
    type: ColumnType = ColumnType.TEXT
    required: bool = False
    choices: Choices = ()
    help: Promise | str = ""
    max_length: int = 300
    example: Any = ""
    width: int = 18

    @property
    def is_list(self) -> bool:
        return self.type in {ColumnType.MULTICHOICE, ColumnType.UNITS, ColumnType.LINES}

    def header(self) -> str:
        """The header in the active language (a star marks a required column)."""
        return f"{self.label}{' *' if self.required else ''}"


class CellError(ValueError):
    """A cell that cannot be read; ``message`` is shown to the user as it is."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = str(message)


# --- headers ----------------------------------------------------------------------------


def header_keys(text: Any) -> str:
    """How a header cell is compared: case, spaces and the required star ignored."""
    return re.sub(r"\s+", " ", str(text or "")).replace("*", "").strip().casefold()


def header_index(columns: Iterable[Column]) -> dict[str, Column]:
    """Every accepted spelling of every header (each language, and the key) → column."""
    index: dict[str, Column] = {}
    for column in columns:
        index[header_keys(column.key)] = column
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                index.setdefault(header_keys(column.label), column)
    return index


# --- reading cells ----------------------------------------------------------------------


class DayWidget(DateWidget):
    """Dates as Excel stores them or as people type them (31/12/2024, 2024-12-31)."""

    def __init__(self) -> None:
        super().__init__()
        self.formats = DATE_FORMATS

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str):
            value = value.strip()
        return super().clean(value, row, **kwargs)


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = CharWidget().clean(value).replace("\x00", "").strip()
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        return text[1:]  # the quote an export put before formula-like text
    return text


def normalise_number(value: Any) -> Any:
    """A number typed the local way ("1.500.000", "12,5" in Vietnamese) as plain text."""
    if isinstance(value, int | float | Decimal):
        return value
    text = re.sub(r"[\s\u00a0]", "", str(value))
    decimal_sep = get_format("DECIMAL_SEPARATOR")
    thousand_sep = "." if decimal_sep == "," else ","
    if text.count(thousand_sep) and text.count(decimal_sep):
        return text.replace(thousand_sep, "").replace(decimal_sep, ".")
    if text.count(thousand_sep) > 1 or re.fullmatch(rf"-?\d{{1,3}}(\{thousand_sep}\d{{3}})+", text):
        return text.replace(thousand_sep, "")
    return text.replace(decimal_sep, ".")


def _number(column: Column, value: Any) -> Decimal | int:
    widget = IntegerWidget() if column.type == ColumnType.INTEGER else DecimalWidget()
    try:
        number = widget.clean(normalise_number(value))
    except (InvalidOperation, ValueError, TypeError):
        whole = column.type == ColumnType.INTEGER
        raise CellError(_("Enter a whole number.") if whole else _("Enter a number.")) from None
    if isinstance(number, Decimal) and not number.is_finite():
        raise CellError(_("Enter a number."))
    if number < 0:
        raise CellError(_("The number cannot be negative."))
    if number >= MAX_NUMBER:
        raise CellError(_("The number is too large."))
    return number


def _date(value: Any) -> dt.date:
    try:
        day = DayWidget().clean(value)
    except (ValueError, TypeError):
        day = None
    if day is None:
        raise CellError(_("Enter a date such as 31/12/2024."))
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CellError(_("The date must lie between 1900 and 2100."))
    return day


@cache
def _choice_index(choices: Choices, languages: tuple[str, ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for code, label in choices:
        index[header_keys(code)] = code
        for language in languages:
            with translation.override(language):
                index.setdefault(header_keys(label), code)
    return index


def choice_code(column: Column, text: str) -> str:
    """The code of a choice written as its code or its label in any language."""
    languages = tuple(code for code, _name in settings.LANGUAGES)
    code = _choice_index(column.choices, languages).get(header_keys(text))
    if code is None:
        allowed = "; ".join(str(label) for _code, label in column.choices)
        raise CellError(
            _("“%(value)s” is not in the list: %(allowed)s.") % {"value": text, "allowed": allowed}
        )
    return code


def _boolean(text: str) -> bool:
    word = text.casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    cleaned = BooleanWidget().clean(text)
    if cleaned is None:
        raise CellError(_("Write “yes” or “no”."))
    return bool(cleaned)


def parse_cell(column: Column, value: Any) -> Any:
    """The Python value of one cell, or :class:`CellError` with a message to show."""
    if is_empty(value):
        if column.required:
            raise CellError(_("This column must be filled in."))
        return [] if column.is_list else (None if _is_typed(column) else "")
    return _parse_filled(column, value)


def _is_typed(column: Column) -> bool:
    return column.type in {
        ColumnType.DATE,
        ColumnType.DECIMAL,
        ColumnType.INTEGER,
        ColumnType.BOOLEAN,
    }


def _parse_filled(column: Column, value: Any) -> Any:
    match column.type:
        case ColumnType.DATE:
            return _date(value)
        case ColumnType.DECIMAL | ColumnType.INTEGER:
            return _number(column, value)
        case ColumnType.BOOLEAN:
            return _boolean(_text(value))
        case ColumnType.CHOICE:
            return choice_code(column, _text(value))
        case ColumnType.MULTICHOICE:
            return [choice_code(column, part) for part in _parts(value, LIST_SPLIT)]
        case ColumnType.UNITS:
            return _parts(value, LIST_SPLIT)
        case ColumnType.LINES:
            return _parts(value, LINE_SPLIT)
    text = _text(value)
    if len(text) > column.max_length:
        raise CellError(_("Write at most %(count)s characters.") % {"count": column.max_length})
    return text


def _parts(value: Any, pattern: re.Pattern[str]) -> list[str]:
    return [part for part in pattern.split(_text(value)) if part]


# --- writing cells ----------------------------------------------------------------------


CODE_SUFFIX = re.compile(r"^(?P<name>.*?)\s*\[(?P<code>[^\[\]]+)\]$")


def named_code(obj: Any) -> str:
    """A unit or place as exports write it: "Name [CODE]" (read back by the code)."""
    code = getattr(obj, "code", None)
    return f"{obj} [{code}]" if code else str(obj)


def split_code(text: str) -> tuple[str, str]:
    """``("Name", "CODE")`` from "Name [CODE]"; ``(text, "")`` without a code."""
    match = CODE_SUFFIX.match(text.strip())
    return (match["name"], match["code"].strip()) if match else (text.strip(), "")


def choice_label(column: Column, code: Any) -> str:
    labels = {c: str(label) for c, label in column.choices}
    return labels.get(str(code), str(code or ""))


def render_cell(column: Column, value: Any) -> Any:
    """The cell value written for ``value`` (labels in the active language)."""
    if value is None or value == "" or value == []:
        return None
    match column.type:
        case ColumnType.CHOICE:
            return choice_label(column, value)
        case ColumnType.MULTICHOICE:
            return "; ".join(choice_label(column, v) for v in value)
        case ColumnType.UNITS:
            return "; ".join(named_code(v) for v in value)
        case ColumnType.UNIT | ColumnType.PLACE:
            return named_code(value)
        case ColumnType.LINES:
            return "\n".join(str(v) for v in value)
        case ColumnType.BOOLEAN:
            return _("yes") if value else _("no")
        case ColumnType.DECIMAL:
            number = Decimal(value)
            return int(number) if number == number.to_integral_value() else float(number)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


ROW_KEY = Column(
    "row_key",
    gettext_lazy("Row key"),
    help=gettext_lazy(
        "Optional. Your own code for the row; importing the file again updates the record "
        "with the same key instead of adding a new one."
    ),
    max_length=60,
    example="TN-2024-001",
)
