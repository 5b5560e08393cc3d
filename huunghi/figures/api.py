"""API: reported figures (a unit's totals for a period, with their source).

Reads start from :mod:`huunghi.figures.selectors`; writes go through
:mod:`huunghi.figures.services` and the shared approval chain.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status as Reply

from huunghi.accounts.types import Reader
from huunghi.api import lookups
from huunghi.api.auth import acting_user
from huunghi.api.pagination import Paged
from huunghi.api.schemas import Day, InSchema, PlaceRef, UnitRef, read, text, write
from huunghi.core.models import Qualifier
from huunghi.figures import selectors, services
from huunghi.figures.models import ReportedFigure, SourceKind
from huunghi.figures.periods import Period, PeriodKind
from huunghi.figures.permissions import ReportedFigurePolicy
from huunghi.geography import lookups as place_lookups
from huunghi.organisations import selectors as organisations
from huunghi.records.indicators import BY_CODE
from huunghi.records.models import Status

router = Router(tags=["figures"])

IndicatorCode = text(60, 1)


class FigureFilterIn(Schema):
    indicator: text(60) = ""  # type: ignore[valid-type]
    unit: int | None = Field(None, description="Unit id: figures of its subtree")
    status: Status | None = None
    period_start: Day | None = None
    period_end: Day | None = None
    include_superseded: bool = False


class FigureOut(Schema):
    id: int
    indicator: str
    unit: UnitRef
    place: PlaceRef | None
    period_kind: str
    period_start: dt.date | None
    period_end: dt.date | None
    as_of: dt.date | None
    period_label: str
    value: Decimal
    qualifier: str
    note: str
    source_kind: str
    source_title: str
    source_site: str
    source_section: str
    source_author: str
    source_date: dt.date | None
    source_url: str
    status: str
    revision: int
    superseded_by_id: int | None
    is_synthetic: bool
    updated_at: dt.datetime


class FigureIn(InSchema):
    indicator: IndicatorCode  # type: ignore[valid-type]
    unit_id: int
    value: Decimal = Field(..., ge=0, lt=Decimal("1e17"), decimal_places=2)
    qualifier: Qualifier = Qualifier.EXACT
    period_kind: PeriodKind | None = None
    period_start: Day | None = None
    period_end: Day | None = None
    as_of: Day | None = None
    place_id: int | None = None
    note: text(5000) = ""  # type: ignore[valid-type]
    source_kind: SourceKind = SourceKind.OTHER
    source_title: text(300, 1)  # type: ignore[valid-type]
    source_site: text(200) = ""  # type: ignore[valid-type]
    source_section: text(200) = ""  # type: ignore[valid-type]
    source_author: text(120) = ""  # type: ignore[valid-type]
    source_date: Day | None = None
    source_url: text(500) = ""  # type: ignore[valid-type]
    shared_with_ids: list[int] = Field(default_factory=list, max_length=50)
    on_overlap: services.OnOverlap = services.OnOverlap.REFUSE


class ReasonIn(InSchema):
    reason: text(2000, 1)  # type: ignore[valid-type]


def _period(filters: FigureFilterIn) -> Period | None:
    if filters.period_start is None and filters.period_end is None:
        return None
    start = filters.period_start or dt.date(1900, 1, 1)
    return Period(start, max(start, filters.period_end or dt.date(2100, 12, 31)))


@router.get("/", response=read(list[FigureOut]), summary="List reported figures")
@paginate(Paged)
def figure_list(request: HttpRequest, filters: Query[FigureFilterIn]) -> Any:
    """Figures the caller may see; superseded versions only on request."""
    user = acting_user(request)
    unit = organisations.unit_get(user=user, pk=filters.unit) if filters.unit else None
    return selectors.figure_list(
        user=user,
        filters=selectors.FigureFilters(
            indicator=filters.indicator,
            unit=unit,
            period=_period(filters),
            status=filters.status or "",
            include_superseded=filters.include_superseded,
        ),
    )


def _get(request: HttpRequest, pk: int) -> ReportedFigure:
    return selectors.figure_get(user=acting_user(request), pk=pk)


@router.get("/{figure_id}", response=read(FigureOut), summary="One figure")
def figure_detail(request: HttpRequest, figure_id: int) -> ReportedFigure:
    return _get(request, figure_id)


@router.get("/{figure_id}/versions", response=read(list[FigureOut]), summary="All versions")
def figure_versions(request: HttpRequest, figure_id: int) -> list[ReportedFigure]:
    """Every version of the figure that the caller may see, newest first."""
    user = acting_user(request)
    versions = selectors.figure_versions(_get(request, figure_id))
    visible = set(
        ReportedFigurePolicy.visible(user)
        .filter(pk__in=[v.pk for v in versions])
        .values_list("pk", flat=True)
    )
    return [v for v in versions if v.pk in visible]


def _input(user: Reader, payload: FigureIn) -> services.FigureInput:
    if payload.indicator not in BY_CODE:
        raise lookups.field_error("indicator", _("Choose an indicator from the list."))
    directory = organisations.counterpart_unit_choices()
    shared = tuple(
        lookups.one_of("shared_with_ids", directory, pk, _("No such unit."))
        for pk in payload.shared_with_ids
    )
    data = payload.model_dump(exclude={"unit_id", "place_id", "shared_with_ids", "on_overlap"})
    data["period_kind"] = data["period_kind"] or ""
    return services.FigureInput(
        **data, place=place_lookups.place("place_id", payload.place_id), shared_with=shared
    )


def _unit_for_entry(user: Reader, pk: int) -> Any:
    units = selectors.units_for_entry(user=user)
    return lookups.one_of("unit_id", units, pk, _("Choose a unit you report for."))


@router.post("/", response=write(FigureOut, 201), summary="Report a figure")
def figure_create(request: HttpRequest, payload: FigureIn) -> Reply[ReportedFigure]:
    """A new draft figure for a unit the caller reports for."""
    user = acting_user(request)
    if not selectors.units_for_entry(user=user).exists():
        raise PermissionDenied(_("You may not enter figures."))
    figure = services.figure_create(
        unit=_unit_for_entry(user, payload.unit_id),
        data=_input(user, payload),
        acting_user=user,
        on_overlap=payload.on_overlap,
    )
    return Reply(201, _get(request, figure.pk))


@router.put("/{figure_id}", response=write(FigureOut), summary="Change a figure")
def figure_update(request: HttpRequest, figure_id: int, payload: FigureIn) -> ReportedFigure:
    """Replace the figure's fields (the unit stays); an approved figure reopens."""
    user = acting_user(request)
    figure = _get(request, figure_id)
    services.figure_update(
        figure=figure, data=_input(user, payload), acting_user=user, on_overlap=payload.on_overlap
    )
    return _get(request, figure_id)


def _move(request: HttpRequest, pk: int, action: str, reason: str = "") -> ReportedFigure:
    user = acting_user(request)
    figure = _get(request, pk)
    approving = action in {"approve", "return"}
    allowed = ReportedFigurePolicy.can_approve if approving else ReportedFigurePolicy.can_edit
    if not allowed(user, figure):
        raise PermissionDenied(_("You may not do this for this figure."))
    services.figure_transition(figure=figure, action=action, acting_user=user, reason=reason)
    return _get(request, pk)


@router.post("/{figure_id}/submit", response=write(FigureOut), summary="Submit")
def figure_submit(request: HttpRequest, figure_id: int) -> ReportedFigure:
    return _move(request, figure_id, "submit")


@router.post("/{figure_id}/approve", response=write(FigureOut), summary="Approve")
def figure_approve(request: HttpRequest, figure_id: int) -> ReportedFigure:
    return _move(request, figure_id, "approve")


@router.post("/{figure_id}/return", response=write(FigureOut), summary="Return")
def figure_return(request: HttpRequest, figure_id: int, payload: ReasonIn) -> ReportedFigure:
    return _move(request, figure_id, "return", payload.reason)


@router.post("/{figure_id}/reopen", response=write(FigureOut), summary="Reopen")
def figure_reopen(request: HttpRequest, figure_id: int) -> ReportedFigure:
    return _move(request, figure_id, "reopen")
