"""One source of every value: what an indicator is worth for a unit's subtree and a period.

Every surface (dashboard cards and charts, the API totals, the figures comparison
page, the review report and the exports) asks :func:`indicator_values` (or
:func:`indicator_value`) and shows what it returns, so one indicator has one value
wherever it appears.

The rule (the same as :mod:`huunghi.figures.combine`, computed without walking
every unit):

- the *records total* is the sum of the records the reader may see in the subtree
  (activities, twinning pairs, agreements, pupils, payments, remains …, through
  :func:`huunghi.reports.selectors.indicator_values`);
- a reported figure of a unit D stands in for D's subtree when no record exists
  there (and no figure of an ancestor of D already stands in for it);
- the value is the records total plus the figures standing in, never a figure
  added to the records it covers; where the asked unit's own figure exists beside
  records, it is shown with ``difference = figure − value`` and not added.

``origin`` says where the value comes from: ``records``, ``figure``, ``both`` or
``none``. ``value is None`` means *not recorded* (no record, no figure);
``Decimal(0)`` with ``recorded`` true means *0 recorded*.

``side``: a Cambodian counterpart unit keeps few records of its own; its values count
the records shared with it (a counterpart link marked *shared*). By default a unit of
a country other than Vietnam counts shared records, a Vietnamese unit its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from huunghi.core.amounts import Amount, amount_sum, partial_qualifier
from huunghi.core.models import Qualifier
from huunghi.figures.models import ReportedFigure
from huunghi.figures.periods import Period as FigurePeriod
from huunghi.figures.permissions import ReportedFigurePolicy
from huunghi.figures.selectors import (
    COUNTED_STATUSES,
    OPEN_STATUSES,
    FigureAmount,
    figure_amounts_by_unit,
)
from huunghi.organisations.models import Unit
from huunghi.organisations.permissions import UnitPolicy
from huunghi.records.models import ActivityCounterpart
from huunghi.records.permissions import ActivityPolicy
from huunghi.reports.engine import Cell, Geography, TotalsQuery
from huunghi.reports.indicators import BY_CODE, INDICATORS, Indicator
from huunghi.reports.periods import Period
from huunghi.reports.permissions import Reach, reach_for
from huunghi.reports.selectors import indicator_values as engine_values

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader

HOME_COUNTRY = "VN"


class Origin(StrEnum):
    RECORDS = "records"
    FIGURE = "figure"
    BOTH = "both"
    NONE = "none"


class Side(StrEnum):
    OWN = "own"
    SHARED = "shared"


@dataclass(frozen=True)
class FigureSource:
    """A reported figure's citation, for notes and footnotes."""

    figure_id: int
    unit: str
    value: Decimal
    qualifier: str
    period: str
    kind: str
    site: str
    title: str
    date: dt.date | None
    author: str = ""
    section: str = ""
    url: str = ""

    @classmethod
    def of(cls, figure: ReportedFigure) -> FigureSource:
        return cls(
            figure_id=figure.pk,
            unit=str(figure.unit),
            value=figure.value,
            qualifier=figure.qualifier,
            period=figure.period_label,
            kind=figure.source_kind,
            site=figure.source_site,
            title=figure.source_title,
            date=figure.source_date,
            author=figure.source_author,
            section=figure.source_section,
            url=figure.source_url,
        )

    @property
    def citation(self) -> str:
        """``site, “title”, dd/mm/yyyy`` (the parts that exist)."""
        parts = [self.site] if self.site else []
        parts.append("“" + self.title + "”")
        if self.date is not None:
            parts.append(f"{self.date:%d/%m/%Y}")
        return ", ".join(parts)


@dataclass
class IndicatorValue:
    """The value of one indicator, with what it was made of."""

    indicator: Indicator
    value: Decimal | None
    qualifier: str
    origin: Origin
    records: Cell = field(default_factory=Cell)
    figure: FigureAmount | None = None
    stand_ins: list[FigureAmount] = field(default_factory=list)
    difference: Decimal | None = None
    available: bool = True
    figures_skipped: bool = False
    children: list[tuple[Unit, IndicatorValue]] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def recorded(self) -> bool:
        """Whether any record counts (``0 recorded`` is recorded; ``not recorded`` is not)."""
        return self.records.rows > 0

    @property
    def records_value(self) -> Decimal | None:
        return self.records.value if self.recorded else None

    @property
    def figure_value(self) -> Decimal | None:
        return self.figure.value if self.figure is not None else None

    @property
    def figure_qualifier(self) -> str:
        return self.figure.qualifier if self.figure is not None else Qualifier.EXACT

    @property
    def sources(self) -> list[FigureSource]:
        """Citations of every figure behind the value or shown beside it, once each."""
        seen: dict[int, FigureSource] = {}
        amounts = [*self.stand_ins, *([self.figure] if self.figure is not None else [])]
        for amount in amounts:
            for figure in amount.figures:
                seen.setdefault(figure.pk, FigureSource.of(figure))
        return list(seen.values())

    @property
    def text(self) -> str:
        """The value as a page shows it: grouped digits with its qualifier."""
        if self.value is None:
            return str(_("not recorded"))
        return format_amount(self.value, self.qualifier)

    @property
    def number_text(self) -> str:
        """The grouped digits alone ("" when not recorded)."""
        return "" if self.value is None else group_digits(self.value)

    @property
    def qualifier_text(self) -> str:
        """ "about" / "at least" / "" in the active language."""
        return qualifier_text(self.qualifier) if self.value is not None else ""

    @property
    def figure_text(self) -> str:
        if self.figure is None or self.figure.value is None:
            return ""
        return format_amount(self.figure.value, self.figure.qualifier)

    @property
    def difference_text(self) -> str:
        if self.difference is None:
            return ""
        sign = "+" if self.difference > 0 else ("−" if self.difference < 0 else "±")
        return sign + group_digits(abs(self.difference))

    @property
    def origin_label(self) -> str:
        return origin_label(self.origin)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON (API, dashboard data, tests)."""
        return {
            "code": self.code,
            "value": self.value,
            "qualifier": self.qualifier,
            "origin": str(self.origin),
            "recorded": self.recorded,
            "records": self.records_value,
            "records_qualifier": self.records.qualifier,
            "figure": self.figure_value,
            "figure_qualifier": self.figure_qualifier,
            "difference": self.difference,
            "sources": [s.citation for s in self.sources],
        }


def origin_label(origin: str) -> str:
    """The translated label of an origin."""
    labels = {
        Origin.RECORDS: _("records"),
        Origin.FIGURE: _("reported figure"),
        Origin.BOTH: _("records and reported figure"),
        Origin.NONE: _("not recorded"),
    }
    return str(labels[Origin(origin)])


# --- formatting ---------------------------------------------------------------------------


def group_digits(value: Decimal) -> str:
    """``262.000.000`` / ``1.234,5`` in Vietnamese, ``262,000,000`` in English."""
    thousands = get_format("THOUSAND_SEPARATOR") or " "
    decimal = get_format("DECIMAL_SEPARATOR") or "."
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{int(value):,}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def qualifier_text(qualifier: str) -> str:
    """ "about" / "at least" in the active language; nothing for an exact value."""
    if qualifier in (Qualifier.ABOUT, Qualifier.AT_LEAST):
        return str(Qualifier(qualifier).label)
    return ""


def format_amount(value: Decimal, qualifier: str) -> str:
    """``"about 2,000"``-style text of a total, in the active language."""
    number = group_digits(value)
    prefix = qualifier_text(qualifier)
    return prefix + " " + number if prefix else number


# --- the selectors -----------------------------------------------------------------------


def indicator_value(
    *,
    user: Reader,
    indicator: str | Indicator,
    unit: Unit | None,
    period: Period,
    geography: str = Geography.NOW,
    approved_only: bool = True,
    side: str | None = None,
    by_child_units: bool = False,
    include_unapproved_figures: bool = False,
) -> IndicatorValue:
    """The value of one indicator for ``unit``'s subtree (everything visible: ``None``)."""
    [value] = indicator_values(
        user=user,
        indicators=[indicator],
        unit=unit,
        period=period,
        geography=geography,
        approved_only=approved_only,
        side=side,
        by_child_units=by_child_units,
        include_unapproved_figures=include_unapproved_figures,
    )
    return value


def indicator_values(
    *,
    user: Reader,
    indicators: Sequence[str | Indicator] | None = None,
    unit: Unit | None,
    period: Period,
    geography: str = Geography.NOW,
    approved_only: bool = True,
    side: str | None = None,
    by_child_units: bool = False,
    include_unapproved_figures: bool = False,
) -> list[IndicatorValue]:
    """Values of ``indicators`` (all by default), in the order asked."""
    query = TotalsQuery(
        period=period,
        unit=unit,
        approved_only=approved_only,
        geography=Geography(geography),
    )
    return values_for_query(
        user=user,
        query=query,
        indicators=indicators,
        side=side,
        by_child_units=by_child_units,
        include_unapproved_figures=include_unapproved_figures,
    )


def values_for_query(
    *,
    user: Reader,
    query: TotalsQuery,
    indicators: Sequence[str | Indicator] | None = None,
    side: str | None = None,
    by_child_units: bool = False,
    include_unapproved_figures: bool = False,
) -> list[IndicatorValue]:
    """:func:`indicator_values` for a full totals query (the dashboard's filters).

    Figures cover a whole subtree and indicator; a query narrowed by kind, country,
    province or place is answered from records alone (``figures_skipped``).
    """
    chosen = _indicators(indicators)
    if query.unit is None and _Computation(user, query, Side.OWN, False).has_figures(chosen):
        query = replace(query, unit=_single_anchor(user))
    computation = _Computation(user, query, _side(side, query.unit), include_unapproved_figures)
    values = computation.values(chosen)
    if by_child_units and query.unit is not None:
        for child in child_units(user=user, unit=query.unit):
            child_values = values_for_query(
                user=user,
                query=replace(query, unit=child),
                indicators=chosen,
                side=side,
                include_unapproved_figures=include_unapproved_figures,
            )
            for value, child_value in zip(values, child_values, strict=True):
                value.children.append((child, child_value))
    return values


def _single_anchor(user: Reader) -> Unit | None:
    """The one unit whose subtree is everything the reader sees (None: several or all).

    "Everything I may see" of a reader with one membership is that unit's subtree, so
    its own reported figure is shown beside its records as when the unit is asked.
    """
    anchors = reach_for(user).anchors
    if len(anchors) != 1:
        return None
    return Unit.objects.select_related("country").filter(pk=anchors[0].id).first()


def child_units(*, user: Reader, unit: Unit) -> list[Unit]:
    """The direct subordinates of ``unit`` the user may see, in tree order."""
    return list(
        UnitPolicy.visible(user)
        .filter(parent_id=unit.pk, valid_to__isnull=True)
        .select_related("country")
        .order_by("path")
    )


def _indicators(indicators: Sequence[str | Indicator] | None) -> list[Indicator]:
    if indicators is None:
        return list(INDICATORS)
    return [BY_CODE[i] if isinstance(i, str) else i for i in indicators]


def _side(side: str | None, unit: Unit | None) -> Side:
    """``own``/``shared``, or a country code (the home country counts its own records)."""
    if side in (Side.OWN, Side.SHARED):
        return Side(side)
    country = side or _country_code(unit)
    return Side.OWN if not country or country == HOME_COUNTRY else Side.SHARED


def _country_code(unit: Unit | None) -> str:
    if unit is None or unit.country_id is None:
        return ""
    return str(unit.country.code)


def _figure_period(period: Period) -> FigurePeriod:
    """The reports' half-open period as the figures' inclusive one."""
    return FigurePeriod(period.start, period.last)


def _narrowed(query: TotalsQuery) -> bool:
    return bool(
        query.kinds
        or query.measures
        or query.country
        or query.provinces
        or query.place is not None
        or query.details
    )


class _Computation:
    """One reader, one query: records totals of the subtree and of each figure unit."""

    def __init__(self, user: Reader, query: TotalsQuery, side: Side, unapproved: bool) -> None:
        self.user, self.query, self.side, self.unapproved = user, query, side, unapproved
        self.period = _figure_period(query.period)

    def reach(self, unit: Unit | None) -> Reach | None:
        """The engine's reach, widened to shared records on the counterpart side."""
        if self.side == Side.OWN or unit is None:
            return None
        own = reach_for(self.user, unit)
        shared_ids = ActivityCounterpart.objects.filter(
            unit__path__startswith=unit.path, shared=True
        ).values("activity_id")
        visible = ActivityPolicy.visible(self.user).values("pk")
        shared = Q(pk__in=shared_ids) & Q(pk__in=visible) & ~Q(unit__path__startswith=unit.path)
        if own.shared is not None:
            shared |= own.shared
        return Reach(anchors=own.anchors, shared=shared, base_unit=unit)

    def records(self, unit: Unit | None, chosen: list[Indicator]) -> dict[str, Any]:
        query = replace(self.query, unit=unit)
        found = engine_values(
            user=self.user,
            query=query,
            codes=[i.code for i in chosen],
            reach=self.reach(unit),
        )
        return {value.indicator.code: value for value in found}

    def values(self, chosen: list[Indicator]) -> list[IndicatorValue]:
        records = self.records(self.query.unit, chosen)
        skip = _narrowed(self.query)
        with_figures = set() if skip else self._indicators_with_figures(chosen)
        result = []
        for found in chosen:
            record = records[found.code]
            if not record.available:
                result.append(_unavailable(found))
                continue
            value = _records_only(found, record.total)
            if found.code in with_figures:
                value = self._with_figures(found, record.total)
            value.figures_skipped = skip
            result.append(value)
        return result

    def _figures(self) -> Any:
        statuses = OPEN_STATUSES if self.unapproved else COUNTED_STATUSES
        figures = ReportedFigurePolicy.visible(self.user).filter(
            superseded_by__isnull=True, status__in=statuses
        )
        if self.query.unit is not None:
            figures = figures.filter(unit__path__startswith=self.query.unit.path)
        if self.query.synthetic is not None:
            figures = figures.filter(is_synthetic=self.query.synthetic)
        period = self.period
        return figures.filter(
            Q(period_start__lte=period.end, period_end__gte=period.start)
            | Q(as_of__gte=period.start, as_of__lte=period.end)
        )

    def has_figures(self, chosen: list[Indicator]) -> bool:
        """Whether any figure the reader may see could stand beside these values."""
        return not _narrowed(self.query) and bool(self._indicators_with_figures(chosen))

    def _indicators_with_figures(self, chosen: list[Indicator]) -> set[str]:
        codes = [i.code for i in chosen]
        return set(self._figures().filter(indicator__in=codes).values_list("indicator", flat=True))

    def _amounts(self, found: Indicator) -> dict[int, FigureAmount]:
        """Each reporting unit's figure for the period (within the query's unit).

        An amount whose value is None holds only figures whose period is not inside
        the asked one: shown (not counted) on the comparison page.
        """
        amounts: dict[int, FigureAmount] = {}
        for root in self._figure_roots():
            amounts |= figure_amounts_by_unit(
                user=self.user,
                indicator_code=found.code,
                unit=root,
                period=self.period,
                include_unapproved=self.unapproved,
            )
        return amounts

    def _figure_roots(self) -> list[Unit]:
        if self.query.unit is not None:
            return [self.query.unit]
        units = self._figures().values_list("unit__path", flat=True).distinct()
        paths = sorted(set(units))
        tops = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
        return list(Unit.objects.filter(path__in=tops))

    def _with_figures(self, found: Indicator, total: Cell) -> IndicatorValue:
        amounts = self._amounts(found)
        root = self.query.unit
        own = amounts.get(root.pk) if root is not None else None
        usable = {uid: a for uid, a in amounts.items() if a.value is not None}
        if not usable:
            value = _records_only(found, total)
            value.figure = own
            return value
        units = {u.pk: u for u in Unit.objects.filter(pk__in=usable)}
        empty = self._units_without_records(found, units)
        stand_ins = _stand_ins(units, empty)
        return _combined(found, total, [usable[u.pk] for u in stand_ins], own)

    def _units_without_records(self, found: Indicator, units: dict[int, Unit]) -> set[int]:
        empty = set()
        for unit in units.values():
            cell = self.records(unit, [found])[found.code].total
            if cell.rows == 0:
                empty.add(unit.pk)
        return empty


def _stand_ins(units: dict[int, Unit], empty: set[int]) -> list[Unit]:
    """Figure units with no record below them and no such ancestor: their figures count."""
    candidates = sorted((units[pk] for pk in empty), key=lambda u: u.path)
    chosen: list[Unit] = []
    for unit in candidates:
        if not any(unit.path.startswith(top.path) for top in chosen):
            chosen.append(unit)
    return chosen


def _unavailable(found: Indicator) -> IndicatorValue:
    return IndicatorValue(found, None, Qualifier.EXACT, Origin.NONE, available=False)


def _records_only(found: Indicator, total: Cell) -> IndicatorValue:
    if total.rows == 0:
        return IndicatorValue(found, None, Qualifier.EXACT, Origin.NONE, records=total)
    return IndicatorValue(found, total.value, total.qualifier, Origin.RECORDS, records=total)


def _figure_qualifier(amount: FigureAmount) -> str:
    return partial_qualifier(amount.qualifier, amount.partial)


def _combined(
    found: Indicator, total: Cell, stand_ins: list[FigureAmount], own: FigureAmount | None
) -> IndicatorValue:
    parts = [Amount(total.value, total.qualifier)] if total.rows else []
    parts += [Amount(a.value, _figure_qualifier(a)) for a in stand_ins if a.value is not None]
    summed = amount_sum(parts)
    if summed is None:
        return _records_only(found, total)
    value, qualifier = summed.value, summed.qualifier
    own_counts = own is not None and own.value is not None
    origin = _origin(bool(total.rows), bool(stand_ins), own_counts)
    result = IndicatorValue(
        found,
        value,
        qualifier,
        origin,
        records=total,
        figure=own,
        stand_ins=stand_ins,
    )
    if own is not None and own.value is not None and total.rows:
        result.difference = own.value - value
    return result


def _origin(recorded: bool, stand_ins: bool, own_figure: bool) -> Origin:
    if recorded and (stand_ins or own_figure):
        return Origin.BOTH
    if recorded:
        return Origin.RECORDS
    return Origin.FIGURE if stand_ins else Origin.NONE


def by_code(values: Iterable[IndicatorValue]) -> dict[str, IndicatorValue]:
    """``{code: value}`` of a list of values."""
    return {value.code: value for value in values}
