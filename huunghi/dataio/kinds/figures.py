"""Reported figures: a unit's total for an indicator over a period, with its source.

A row is the same figure as an existing one when indicator, unit and period (or
"as of" date) are the same; it is then changed (or left alone when nothing
differs) through :mod:`huunghi.figures.services`, otherwise a new draft is created.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huunghi.core.models import Qualifier
from huunghi.dataio.columns import Column, ColumnType
from huunghi.dataio.kinds.base import (
    Action,
    Context,
    DataKind,
    Row,
    lookup_place,
    lookup_unit,
    row_error_from,
    same,
    unit_column,
)
from huunghi.figures import selectors, services
from huunghi.figures.forms import FigureFilterForm
from huunghi.figures.models import ReportedFigure, SourceKind
from huunghi.figures.periods import PeriodKind, parse_period, period_text
from huunghi.records.models import Status
from huunghi.reports.indicators import indicator_choices

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader

FIELDS = ("value", "qualifier", *services.RECITED_FIELDS)


class FigureData(DataKind):
    code = "figures"
    label = gettext_lazy("Reported figures")
    field_columns = {
        "unit": "unit",
        "indicator": "indicator",
        "value": "value",
        "qualifier": "qualifier",
        "period": "period",
        "period_start": "period",
        "period_end": "period",
        "as_of": "as_of",
        "place": "place",
        "note": "note",
        "source_kind": "source_kind",
        "source_title": "source_title",
        "source_site": "source_site",
        "source_section": "source_section",
        "source_author": "source_author",
        "source_date": "source_date",
        "source_url": "source_url",
    }

    def columns(self) -> list[Column]:
        return [
            unit_column("unit", gettext_lazy("Reporting unit")),
            Column(
                "indicator",
                gettext_lazy("Indicator"),
                ColumnType.CHOICE,
                required=True,
                choices=tuple(indicator_choices()),
                width=36,
            ),
            Column("value", gettext_lazy("Value"), ColumnType.DECIMAL, required=True),
            Column(
                "qualifier",
                gettext_lazy("How exact"),
                ColumnType.CHOICE,
                choices=tuple(Qualifier.choices),
            ),
            Column(
                "period",
                gettext_lazy("Period"),
                help=gettext_lazy(
                    "For totals over time: a day (11/05/2022), a month (05/2022), a quarter "
                    "(Q2/2022), a year (2021) or a range (11/05/2022 - 20/05/2022)."
                ),
            ),
            Column(
                "as_of",
                gettext_lazy("As of"),
                ColumnType.DATE,
                help=gettext_lazy(
                    "For counts on a date (e.g. pupils currently sponsored) instead of a period."
                ),
            ),
            Column("place", gettext_lazy("Place"), ColumnType.PLACE, width=24),
            Column("note", gettext_lazy("Note"), ColumnType.LONGTEXT, max_length=5000),
            Column(
                "source_kind",
                gettext_lazy("Source kind"),
                ColumnType.CHOICE,
                choices=tuple(SourceKind.choices),
            ),
            Column("source_title", gettext_lazy("Source title"), required=True, width=36),
            Column("source_site", gettext_lazy("Published by / site"), max_length=200),
            Column("source_section", gettext_lazy("Section"), max_length=200),
            Column("source_author", gettext_lazy("Author"), max_length=120),
            Column("source_date", gettext_lazy("Source date"), ColumnType.DATE),
            Column("source_url", gettext_lazy("Source address"), max_length=500),
            Column(
                "status",
                gettext_lazy("Status"),
                ColumnType.CHOICE,
                choices=tuple(Status.choices),
                help=gettext_lazy(
                    "Written by exports; ignored on import (new figures are drafts)."
                ),
            ),
        ]

    def example(self) -> dict[str, Any]:
        return {
            "unit": "BĐBP tỉnh Tây Ninh",
            "indicator": _("People examined free of charge"),
            "value": 2000,
            "qualifier": Qualifier.ABOUT.label,
            "period": "05/2022",
            "source_kind": SourceKind.NEWS.label,
            "source_title": _("Title of the article"),
            "source_date": "20/05/2022",
        }

    def describe(self, row: Row) -> str:
        parts = [row.get("indicator"), row.get("period") or row.get("as_of"), row.get("value")]
        return " · ".join(str(p) for p in parts if p not in (None, ""))

    # --- import ---------------------------------------------------------------------

    def import_row(self, context: Context, row: Row) -> tuple[Action, Any]:
        units = selectors.units_for_entry(user=context.user)
        unit = lookup_unit(context, row, "unit", "entry", units)
        period = _period(row)
        place = lookup_place(context, row, "place") if row.has("place") else None
        row.check()
        data = self._input(row, period, place)
        existing = self._existing(context, unit, data)
        try:
            if existing is None:
                figure = services.figure_create(unit=unit, data=data, acting_user=context.user)
                return Action.CREATE, figure
            if same(_values(data), _values(existing), (*FIELDS, "place")):
                return Action.UNCHANGED, existing
            kept = replace(data, shared_with=tuple(existing.shared_with.all()))
            figure = services.figure_update(figure=existing, data=kept, acting_user=context.user)
        except ValidationError as exc:
            raise row_error_from(self, exc) from None
        return Action.UPDATE, figure

    def _input(self, row: Row, period: tuple[str, Any, Any], place: Any) -> services.FigureInput:
        kind, start, end = period
        values = {name: row.get(name) for name in FIELDS if row.get(name) not in (None, "")}
        values.setdefault("qualifier", Qualifier.EXACT)
        values.setdefault("source_kind", SourceKind.OTHER)
        return services.FigureInput(
            indicator=row.get("indicator"),
            period_kind=kind,
            period_start=start,
            period_end=end,
            as_of=row.get("as_of"),
            place=place,
            **values,
        )

    def _existing(self, context: Context, unit: Any, data: services.FigureInput) -> Any:
        figures = selectors.figure_list(
            user=context.user, filters=selectors.FigureFilters(indicator=data.indicator, unit=unit)
        )
        return figures.filter(
            unit=unit, period_start=data.period_start, period_end=data.period_end, as_of=data.as_of
        ).first()

    # --- export ---------------------------------------------------------------------

    def export_queryset(self, user: Reader, params: Mapping[str, Any]) -> QuerySet[Any]:
        form = FigureFilterForm(dict(params), units=selectors.units_for_filter(user=user))
        data = form.cleaned_data if form.is_valid() else {}
        filters = selectors.FigureFilters(
            indicator=data.get("indicator") or "",
            unit=data.get("unit"),
            period=data.get("period"),
            status=data.get("status") or "",
            include_superseded=bool(data.get("superseded")),
        )
        return (
            selectors.figure_list(user=user, filters=filters)
            .select_related("unit__country", "place__province")
            .prefetch_related(Prefetch("shared_with"))
        )

    def values_of(self, obj: ReportedFigure) -> dict[str, Any]:
        values = {name: getattr(obj, name) for name in FIELDS}
        values.update(
            unit=obj.unit,
            indicator=obj.indicator,
            place=obj.place,
            as_of=obj.as_of,
            status=obj.status,
            period=period_text(obj.period_kind, obj.period_start, obj.period_end),
        )
        return values


def _period(row: Row) -> tuple[str, Any, Any]:
    """``(kind, start, end)`` of the period cell; ``as_of`` figures have none."""
    text = row.get("period") or ""
    if not text:
        return (PeriodKind.AS_OF if row.get("as_of") else ""), None, None
    if row.get("as_of"):
        row.fail("period", _("Give either a period or an “as of” date, not both."))
        return "", None, None
    try:
        return parse_period(str(text))
    except ValueError as exc:
        row.fail("period", str(exc))
        return "", None, None


def _values(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in (*FIELDS, "place")}
