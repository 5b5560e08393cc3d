"""A parent's compiled report for a period: which subordinate reports it includes, and
numbers that equal what was issued below plus the parent's own records.

For every indicator: the sum of the values the received subordinate reports state
(frozen when they were issued), the parent's own records (its subtree today minus its
subordinates' subtrees today), the compiled value (their sum), and, per subordinate,
the difference between today's records and what it issued, shown, never hidden.
Subordinates that have not reported contribute nothing and are listed as missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from huunghi.accounts.types import Reader
from huunghi.cycle import issuing
from huunghi.cycle.models import RECEIVED_STATUSES, Submission
from huunghi.cycle.selectors import obligations_owed_by
from huunghi.organisations.models import Unit
from huunghi.reports.periods import Period


@dataclass
class ChildLine:
    unit: Unit
    submission: Submission | None
    issued: Decimal | None
    live: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        if self.submission is None or self.live == self.issued:
            return None
        return (self.live or Decimal(0)) - (self.issued or Decimal(0))


@dataclass
class CompiledLine:
    code: str
    label: str
    unit_label: str
    issued_below: Decimal
    own: Decimal
    live_total: Decimal | None
    children: list[ChildLine] = field(default_factory=list)

    @property
    def compiled(self) -> Decimal:
        return self.issued_below + self.own

    @property
    def changed(self) -> list[ChildLine]:
        return [c for c in self.children if c.difference]


@dataclass
class Compilation:
    unit: Unit
    period: Period
    included: list[Submission]
    missing: list[Unit]
    lines: list[CompiledLine]


def received_below(*, unit: Unit, period: Period) -> list[Submission]:
    """Subordinate reports ``unit`` has received for exactly ``period``."""
    return list(
        Submission.objects.filter(
            recipient=unit,
            period_start=period.start,
            period_end=period.last,
            status__in=RECEIVED_STATUSES,
        )
        .select_related("unit", "report")
        .order_by("unit__path")
    )


def _children(unit: Unit) -> list[Unit]:
    return list(unit.children.filter(valid_to__isnull=True).order_by("path"))


def _line(
    code: str,
    meta: issuing.FrozenLine | None,
    live: tuple[Decimal | None, dict[int, Decimal | None]],
    children: list[Unit],
    issued: dict[int, tuple[Submission, dict[str, issuing.FrozenLine]]],
) -> CompiledLine:
    total, per_child = live
    child_lines = []
    for child in children:
        submission, lines = issued.get(child.pk, (None, {}))
        stated = lines[code].value if code in lines else None
        child_lines.append(ChildLine(child, submission, stated, per_child.get(child.pk)))
    below_live = sum((c.live or Decimal(0) for c in child_lines), Decimal(0))
    own = (total or Decimal(0)) - below_live
    issued_below = sum((c.issued or Decimal(0) for c in child_lines if c.submission), Decimal(0))
    return CompiledLine(
        code=code,
        label=meta.label if meta else code,
        unit_label=meta.unit_label if meta else "",
        issued_below=issued_below,
        own=own,
        live_total=total,
        children=child_lines,
    )


def compile_report(*, user: Reader, unit: Unit, period: Period) -> Compilation:
    """The compilation of ``unit`` for ``period`` as ``user`` may see it (the caller has
    checked that the user may view ``unit``)."""
    included = received_below(unit=unit, period=period)
    issued = {
        s.unit_id: (s, {line.code: line for line in issuing.frozen_lines(s.report)})
        for s in included
    }
    children = _children(unit)
    live = issuing.live_values(user=user, unit=unit, period=period)
    meta: dict[str, issuing.FrozenLine] = {}
    for _submission, stated in issued.values():
        meta.update(stated)
    codes = list(live) + [c for c in meta if c not in live]
    compiled = [
        _line(code, meta.get(code), live.get(code, (None, {})), children, issued) for code in codes
    ]
    labels = _labels()
    for line in compiled:
        if line.code in labels and line.label == line.code:
            line.label, line.unit_label = labels[line.code]
    shown = [line for line in compiled if _worth_showing(line)]
    missing = [c for c in children if c.pk not in issued and obligations_owed_by(c)]
    return Compilation(unit, period, included, missing, shown)


def _worth_showing(line: CompiledLine) -> bool:
    """Lines with a value somewhere (a report of 40 indicators is mostly zeros)."""
    return bool(line.compiled or line.live_total or any(c.issued for c in line.children))


def _labels() -> dict[str, tuple[str, str]]:
    from huunghi.reports.indicators import BY_CODE

    return {code: (str(ind.label), str(ind.unit)) for code, ind in BY_CODE.items()}


def period_of(start: dt.date, end: dt.date) -> Period:
    return Period.between(start, end)
