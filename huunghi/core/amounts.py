"""How exact a sum of stated quantities is.

Sources say "khoảng" (about) and "hơn" (more than, at least). A sum is "about" when any
part is, else "at least" when any part is, else exact; a figure that covers only part of
the period asked for counts "at least".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from huunghi.core.models import Qualifier


@dataclass(frozen=True)
class Amount:
    """A stated quantity: its value and how exact it is."""

    value: Decimal
    qualifier: str = Qualifier.EXACT

    def __add__(self, other: Amount) -> Amount:
        return Amount(
            self.value + other.value, combine_qualifiers([self.qualifier, other.qualifier])
        )


def amount_sum(amounts: Iterable[Amount]) -> Amount | None:
    """The sum of ``amounts``, as exact as its least exact part (None: nothing to add)."""
    items = list(amounts)
    if not items:
        return None
    total = sum((a.value for a in items), Decimal(0))
    return Amount(total, combine_qualifiers(a.qualifier for a in items))


def combine_qualifiers(qualifiers: Iterable[str]) -> str:
    """The qualifier of a sum: "about" if any part is, else "at least" if any part is."""
    seen = set(qualifiers)
    if Qualifier.ABOUT in seen:
        return Qualifier.ABOUT
    if Qualifier.AT_LEAST in seen:
        return Qualifier.AT_LEAST
    return Qualifier.EXACT


def qualifier_of(rows_about: int, rows_at_least: int) -> str:
    """The qualifier of a total kept as counts of its "about" and "at least" rows."""
    return combine_qualifiers(
        [
            *([Qualifier.ABOUT] if rows_about else []),
            *([Qualifier.AT_LEAST] if rows_at_least else []),
        ]
    )


def partial_qualifier(qualifier: str, partial: bool) -> str:
    """A figure's qualifier, "at least" (unless "about") when it covers part of the period."""
    return combine_qualifiers([qualifier, *([Qualifier.AT_LEAST] if partial else [])])
