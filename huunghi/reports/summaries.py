"""Maintained summary rows (unit × month × kind × measure), kept in step with records.

Record services call :func:`summary_before` before a change and
:func:`summary_after` after it, inside the same transaction, so totals are live
and cost does not grow with the raw table.
"""

from __future__ import annotations

from typing import Any


def summary_before(activity: Any) -> Any:
    """Capture the activity's current contribution to the summaries (None if new)."""
    return None


def summary_after(*, before: Any, activity: Any | None) -> None:
    """Replace the old contribution with the activity's new one (None: deleted)."""
    return None
