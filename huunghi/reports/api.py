"""API: report totals — indicator × unit subtree × period × breakdown.

Each indicator's ``value`` comes from :func:`huunghi.reports.values.indicator_values`,
the selector every page, report and export calls (records where they exist, the
reported figure where they do not, both with their difference where both exist);
``total`` and ``cells`` are the records alone, from
:func:`huunghi.reports.selectors.indicator_values`, broken down by ``group_by``.
Nothing counts a record or figure the caller could not open.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from huunghi.api.auth import acting_user
from huunghi.api.schemas import Day, UnitRef, read, text
from huunghi.organisations import selectors as organisations
from huunghi.reports import selectors
from huunghi.reports.engine import Dim, Geography, TotalsQuery
from huunghi.reports.indicators import BY_CODE, INDICATORS
from huunghi.reports.periods import Period
from huunghi.reports.values import FigureSource, IndicatorValue, values_for_query

router = Router(tags=["reports"])

MAX_YEARS = 50
MAX_INDICATORS = 20


class IndicatorOut(Schema):
    code: str
    label: str
    unit: str
    nature: str
    source: str


class TotalsIn(Schema):
    indicator: list[text(60, 1)] = Field(  # type: ignore[valid-type]
        default_factory=list,
        max_length=MAX_INDICATORS,
        description="Indicator codes (repeat the parameter); all indicators when empty",
    )
    unit: int | None = Field(None, description="Unit id: totals of its subtree")
    date_from: Day
    date_to: Day
    group_by: list[Dim] = Field(default_factory=list, max_length=2)
    approved_only: bool = Field(
        True,
        description=(
            "Count approved records only (the default, as on the dashboard and in the review "
            "report); false adds drafts, submitted and returned records"
        ),
    )
    geography: Geography = Geography.NOW


class CellOut(Schema):
    key: list[str | int | None]
    value: Decimal
    qualifier: str
    rows: int


class SourceOut(Schema):
    figure_id: int
    unit: str
    value: Decimal
    qualifier: str
    period: str
    site: str
    title: str
    date: dt.date | None
    citation: str


class IndicatorTotalOut(Schema):
    code: str
    label: str
    unit: str
    nature: str
    available: bool
    value: Decimal | None = Field(
        description="The indicator's value; null when nothing is recorded and no figure exists"
    )
    qualifier: str
    origin: str = Field(description="records | figure | both | none")
    recorded: bool = Field(description="Whether records count (a recorded 0 is recorded)")
    records: Decimal | None
    figure: Decimal | None = Field(description="The unit's own reported figure, if any")
    figure_qualifier: str
    difference: Decimal | None = Field(description="figure − value where both exist")
    sources: list[SourceOut]
    total: CellOut = Field(description="Records alone")
    cells: list[CellOut] = Field(description="Records alone, by the breakdown")


class TotalsOut(Schema):
    date_from: dt.date
    date_to: dt.date
    unit: UnitRef | None
    group_by: list[str]
    indicators: list[IndicatorTotalOut]


def _indicator(found: Any) -> dict[str, Any]:
    return {
        "code": found.code,
        "label": str(found.label),
        "unit": str(found.unit),
        "nature": str(found.nature),
        "source": str(found.source),
    }


@router.get("/indicators", response=read(list[IndicatorOut]), summary="Indicators")
def indicator_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every indicator with its label, unit of measure, nature and source."""
    return [_indicator(found) for found in INDICATORS]


def _period(params: TotalsIn) -> Period:
    if params.date_to < params.date_from:
        raise ValidationError({"date_to": [_("The period ends before it starts.")]})
    if params.date_to.year - params.date_from.year > MAX_YEARS:
        raise ValidationError({"date_to": [_("Ask for at most fifty years at once.")]})
    return Period.between(params.date_from, params.date_to)


def _codes(params: TotalsIn) -> list[str] | None:
    unknown = [code for code in params.indicator if code not in BY_CODE]
    if unknown:
        raise ValidationError({"indicator": [_("Choose indicators from the list.")]})
    return list(dict.fromkeys(params.indicator)) or None


def _key_item(value: Any) -> str | int | None:
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _cell(key: tuple[Any, ...], cell: Any) -> dict[str, Any]:
    return {
        "key": [_key_item(v) for v in key],
        "value": cell.value,
        "qualifier": cell.qualifier,
        "rows": cell.rows,
    }


def _source(source: FigureSource) -> dict[str, Any]:
    return {
        "figure_id": source.figure_id,
        "unit": source.unit,
        "value": source.value,
        "qualifier": source.qualifier,
        "period": source.period,
        "site": source.site,
        "title": source.title,
        "date": source.date,
        "citation": source.citation,
    }


def _value(item: Any, value: IndicatorValue) -> dict[str, Any]:
    cells = sorted(item.cells.items(), key=lambda kv: [str(v) for v in kv[0]])
    return {
        **_indicator(item.indicator),
        "available": item.available,
        "value": value.value,
        "qualifier": value.qualifier,
        "origin": str(value.origin),
        "recorded": value.recorded,
        "records": value.records_value,
        "figure": value.figure_value,
        "figure_qualifier": value.figure_qualifier,
        "difference": value.difference,
        "sources": [_source(s) for s in value.sources],
        "total": _cell((), item.total),
        "cells": [_cell(k, c) for k, c in cells],
    }


@router.get("/totals", response=read(TotalsOut), summary="Indicator totals")
def totals(request: HttpRequest, params: Query[TotalsIn]) -> dict[str, Any]:
    """Indicator values over a period for the caller's scope (or one unit's subtree),
    optionally broken down by up to two dimensions."""
    user = acting_user(request)
    unit = organisations.unit_get(user=user, pk=params.unit) if params.unit else None
    query = TotalsQuery(
        period=_period(params),
        unit=unit,
        approved_only=params.approved_only,
        geography=params.geography,
    )
    group_by = list(dict.fromkeys(params.group_by))
    codes = _codes(params)
    records = selectors.indicator_values(user=user, query=query, codes=codes, group_by=group_by)
    values = values_for_query(user=user, query=query, indicators=codes)
    return {
        "date_from": params.date_from,
        "date_to": params.date_to,
        "unit": unit,
        "group_by": [str(d) for d in group_by],
        "indicators": [_value(r, v) for r, v in zip(records, values, strict=True)],
    }
