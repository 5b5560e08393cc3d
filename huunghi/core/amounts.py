"""How exact a sum of stated quantities is.

Sources say "khoảng" (about) and "hơn" (more than, at least). A sum is "about" when any
part is, else "at least" when any part is, else exact; a figure that covers only part of
the period asked for counts "at least".
"""

from __future__ import annotations

from collections.abc import Iterable

from huunghi.core.models import Qualifier


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
