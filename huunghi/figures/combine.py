"""Totals that use records where they exist and reported figures where they do not.

The rule, for one indicator and one period, walking the unit tree bottom-up:

1. A unit's *own records* are the records it made itself (``record_totals`` gives
   them per unit id; the caller computes them for the indicator and period, e.g. the
   reports engine).
2. The *inner total* of a unit is its own records plus the totals of its sub-units.
3. A unit's reported figure covers the unit's whole subtree for that indicator and
   period (figures selected by :func:`~huunghi.figures.selectors.figure_amounts_by_unit`).

   - No records anywhere in the subtree: the figure is the unit's total (source
     ``figures``); figures of its sub-units lie inside it and are not added (they
     are shown as *covered*).
   - Records somewhere in the subtree: the inner total is the unit's total; the
     figure is shown beside it with ``difference = figure − inner total`` and is
     never added (source ``both``).
4. A unit without a figure contributes its inner total (its records and the
   stand-in figures of sub-units without records).

So a record is counted once, and a figure only stands in for a subtree in which
no record exists: nothing is counted twice. The qualifier of a total is "about"
if any counted part is "about", else "at least" if any part is "at least" (a
flow figure covering only part of the period also counts as "at least").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from huunghi.accounts.types import Reader
from huunghi.core.amounts import Amount, amount_sum, partial_qualifier
from huunghi.core.models import Qualifier
from huunghi.figures.selectors import FigureAmount, PeriodLike, figure_amounts_by_unit
from huunghi.organisations.models import Unit
from huunghi.organisations.permissions import UnitPolicy
from huunghi.records.indicators import Indicator

RecordTotals = Mapping[int, Any] | Callable[[int], Any]
"""Own records per unit id: ``(value, qualifier)`` or an object with ``value`` and
``qualifier``; a missing unit (or ``None``) means the unit made no records."""


class Source(StrEnum):
    RECORDS = "records"
    FIGURES = "figures"
    BOTH = "both"
    NONE = "none"


@dataclass
class UnitTotal:
    """The combined total of one unit's subtree, with what it was made of."""

    unit: Unit
    value: Decimal | None
    qualifier: str
    source: Source
    records: Amount | None = None
    inner: Amount | None = None
    figure: FigureAmount | None = None
    figure_used: bool = False
    difference: Decimal | None = None
    covered: bool = False
    children: list[UnitTotal] = field(default_factory=list)
    parts: frozenset[str] = frozenset()

    def rows(self, depth: int = 0) -> Iterator[tuple[int, UnitTotal]]:
        """This total and its sub-units' totals, depth-first, for tables."""
        yield depth, self
        for child in self.children:
            yield from child.rows(depth + 1)


def combine(
    *,
    indicator: str | Indicator,
    unit: Unit,
    period: PeriodLike,
    user: Reader,
    record_totals: RecordTotals,
    include_unapproved: bool = False,
) -> UnitTotal:
    """The total for ``unit``'s subtree over ``period`` (see the module docstring)."""
    code = indicator.code if isinstance(indicator, Indicator) else indicator
    unit = UnitPolicy.get_visible(user, unit.pk)
    amounts = figure_amounts_by_unit(
        user=user,
        indicator_code=code,
        unit=unit,
        period=period,
        include_unapproved=include_unapproved,
    )
    children = _children_by_parent(unit)
    return _node(unit, children, amounts, _lookup(record_totals))


def _children_by_parent(root: Unit) -> dict[int, list[Unit]]:
    children: dict[int, list[Unit]] = defaultdict(list)
    for unit in Unit.objects.filter(path__startswith=root.path).exclude(pk=root.pk):
        children[unit.parent_id].append(unit)  # type: ignore[index]
    return children


def _lookup(record_totals: RecordTotals) -> Callable[[int], Amount | None]:
    get = record_totals.get if isinstance(record_totals, Mapping) else record_totals
    return lambda unit_id: _as_amount(get(unit_id))


def _as_amount(raw: Any) -> Amount | None:
    if raw is None:
        return None
    if isinstance(raw, Amount):
        return raw
    if isinstance(raw, tuple | list):
        return Amount(Decimal(raw[0]), raw[1] if len(raw) > 1 else Qualifier.EXACT)
    return Amount(Decimal(raw.value), getattr(raw, "qualifier", Qualifier.EXACT))


def _node(
    unit: Unit,
    children: dict[int, list[Unit]],
    amounts: dict[int, FigureAmount],
    own_records: Callable[[int], Amount | None],
) -> UnitTotal:
    subs = [_node(child, children, amounts, own_records) for child in children.get(unit.pk, [])]
    own = own_records(unit.pk)
    records = amount_sum([a for a in [own, *(s.records for s in subs)] if a is not None])
    counted = [s for s in subs if s.value is not None]
    inner = amount_sum(
        ([own] if own else []) + [Amount(s.value, s.qualifier) for s in counted]  # type: ignore[arg-type]
    )
    inner_parts = frozenset({"records"} if own else set()).union(*(s.parts for s in counted))
    figure = amounts.get(unit.pk)
    total = UnitTotal(
        unit=unit,
        value=None,
        qualifier=Qualifier.EXACT,
        source=Source.NONE,
        records=records,
        inner=inner,
        figure=figure,
        children=subs,
    )
    usable = figure if figure is not None and figure.value is not None else None
    if usable is not None and records is None:
        _use_figure(total, usable)
    else:
        _use_inner(total, inner, inner_parts, usable)
    return total


def _use_figure(total: UnitTotal, figure: FigureAmount) -> None:
    """No records in the subtree: the figure stands in for all of it."""
    total.value = figure.value
    total.qualifier = partial_qualifier(figure.qualifier, figure.partial)
    total.figure_used = True
    total.parts = frozenset({"figures"})
    total.source = Source.FIGURES
    for child in total.children:
        _mark_covered(child)


def _use_inner(
    total: UnitTotal, inner: Amount | None, parts: frozenset[str], figure: FigureAmount | None
) -> None:
    """Records (and sub-units' stand-in figures) make the total; a figure is compared."""
    if inner is not None:
        total.value, total.qualifier = inner.value, inner.qualifier
    total.parts = parts
    if figure is not None and figure.value is not None and inner is not None:
        total.difference = figure.value - inner.value
        parts = parts | {"figures"}
    total.source = _source(parts)


def _source(parts: frozenset[str]) -> Source:
    if parts == {"records"}:
        return Source.RECORDS
    if parts == {"figures"}:
        return Source.FIGURES
    return Source.BOTH if parts else Source.NONE


def _mark_covered(total: UnitTotal) -> None:
    total.covered = True
    for child in total.children:
        _mark_covered(child)
