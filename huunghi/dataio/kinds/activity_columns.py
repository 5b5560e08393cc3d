"""The columns of the activity templates: common fields, quantities and kind details."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from huunghi.core.models import Qualifier
from huunghi.dataio.columns import ROW_KEY, Column, ColumnType
from huunghi.dataio.kinds.base import unit_column
from huunghi.records.kinds import DetailField, FieldType
from huunghi.records.models import ActivityKind, Measure, Status

DETAIL_TYPES = {
    FieldType.TEXT: ColumnType.TEXT,
    FieldType.LONGTEXT: ColumnType.LONGTEXT,
    FieldType.CHOICE: ColumnType.CHOICE,
    FieldType.MULTICHOICE: ColumnType.MULTICHOICE,
    FieldType.LINES: ColumnType.LINES,
    FieldType.MARKERS: ColumnType.TEXT,
    FieldType.DATE: ColumnType.DATE,
    FieldType.INTEGER: ColumnType.INTEGER,
}


def quantity_key(measure: str) -> str:
    return f"q.{measure}"


def qualifier_key(measure: str) -> str:
    return f"q.{measure}.qualifier"


def detail_key(key: str) -> str:
    return f"d.{key}"


def common_head(kinds: tuple[str, ...]) -> list[Column]:
    kind_choices = tuple((k, ActivityKind(k).label) for k in kinds)
    return [
        ROW_KEY,
        Column(
            "kind",
            gettext_lazy("Kind of activity"),
            ColumnType.CHOICE,
            required=True,
            choices=kind_choices,
            width=30,
        ),
        unit_column(
            "unit", gettext_lazy("Reporting unit"), help=gettext_lazy("A unit you report for.")
        ),
        Column("title", gettext_lazy("Title"), required=True, width=40),
        Column("start_date", gettext_lazy("Start date"), ColumnType.DATE, required=True),
        Column("end_date", gettext_lazy("End date"), ColumnType.DATE),
        Column(
            "place",
            gettext_lazy("Place"),
            ColumnType.PLACE,
            width=28,
            help=gettext_lazy(
                "The province, district, commune or village as named on the record's date."
            ),
        ),
        Column("place_text", gettext_lazy("Place details"), width=28),
        Column("counterparts", gettext_lazy("Counterpart units"), ColumnType.UNITS, width=30),
        Column(
            "shared",
            gettext_lazy("Share with counterparts"),
            ColumnType.BOOLEAN,
            help=gettext_lazy("“yes” lets the counterpart units read the record."),
        ),
    ]


def quantity_columns(measures: list[str]) -> list[Column]:
    columns = []
    for measure in measures:
        label = Measure(measure).label
        columns.append(Column(quantity_key(measure), label, ColumnType.DECIMAL))
        columns.append(
            Column(
                qualifier_key(measure),
                format_lazy("{} – {}", label, gettext_lazy("how exact")),
                ColumnType.CHOICE,
                choices=tuple(Qualifier.choices),
            )
        )
    return columns


def detail_column(detail: DetailField) -> Column:
    return Column(
        detail_key(detail.key),
        detail.label,
        DETAIL_TYPES[detail.type],
        choices=detail.choices,
        help=detail.help_text,
        max_length=detail.max_length if detail.type != FieldType.LONGTEXT else 5000,
        width=24,
    )


TAIL = [
    Column(
        "description", gettext_lazy("Description"), ColumnType.LONGTEXT, max_length=20_000, width=40
    ),
    Column("notes", gettext_lazy("Notes"), ColumnType.LONGTEXT, max_length=20_000, width=30),
    Column("source_title", gettext_lazy("Source title"), max_length=300),
    Column("source_url", gettext_lazy("Source address"), max_length=500),
    Column(
        "status",
        gettext_lazy("Status"),
        ColumnType.CHOICE,
        choices=tuple(Status.choices),
        help=gettext_lazy("Written by exports; ignored on import (new records are drafts)."),
    ),
]
