"""The kinds of data that can be imported and exported, by code.

``activities`` (every kind of activity) and ``activities:<kind>`` (one kind, with
that kind's quantities and details), ``figures``, ``pupils``, ``remains_leads`` and
``remains_sets``.
"""

from __future__ import annotations

from functools import cache

from django.http import Http404

from huunghi.dataio.kinds.base import DataKind
from huunghi.records.models import ActivityKind


@cache
def registry() -> dict[str, DataKind]:
    """Every kind by code, in the order the data page lists them."""
    from huunghi.dataio.kinds.activities import ActivityData
    from huunghi.dataio.kinds.figures import FigureData
    from huunghi.dataio.kinds.pupils import PupilData
    from huunghi.dataio.kinds.remains import LeadData, RemainsSetData

    kinds: list[DataKind] = [
        ActivityData(),
        *(ActivityData(kind) for kind in ActivityKind.values),
        FigureData(),
        PupilData(),
        LeadData(),
        RemainsSetData(),
    ]
    return {kind.code: kind for kind in kinds}


def data_kind(code: str) -> DataKind:
    """The kind with ``code``, or 404."""
    found = registry().get(code)
    if found is None:
        raise Http404
    return found


EXPORTABLE = ("activities", "figures", "pupils", "remains_leads", "remains_sets")
