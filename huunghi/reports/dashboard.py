"""What the dashboard shows, read within the viewer's scope.

Key numbers (cards), the monthly trend, the breakdown by kind and by province of
both countries, and the map layers. Everything goes through
:mod:`huunghi.reports.selectors`, so a clerk's dashboard holds only their subtree
and a counterpart's only what was shared with them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.safestring import SafeString

from huunghi.accounts.scope import scope_for
from huunghi.geography.models import AdminUnit, localized_name
from huunghi.geography.selectors import gate_pair_list, marker_list
from huunghi.organisations.permissions import UnitPolicy
from huunghi.records.models import ActivityKind
from huunghi.reports import totals_cache
from huunghi.reports.engine import COUNT, Dim, Geography, TotalsQuery
from huunghi.reports.indicators import BY_CODE
from huunghi.reports.periods import next_month
from huunghi.reports.selectors import activity_totals, indicator_values
from huunghi.reports.values import (
    FigureSource,
    IndicatorValue,
    format_amount,
    group_digits,
    values_for_query,
)

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader

__all__ = ["Card", "Cards", "cards", "dashboard_data", "format_amount", "group_digits"]

CARD_CODES = (
    "activities_total",
    "people_examined",
    "support_value_vnd",
    "aid_value_vnd",
    "twinning_pairs_post",
    "twinning_pairs_cluster",
    "agreements_in_force",
    "pupils_supported_vn",
    "pupils_supported_kh",
    "pupil_payments_vnd",
    "remains_recovered",
    "remains_repatriated",
)
PROGRAMME_CODES = tuple(f"activities_{kind.value}" for kind in ActivityKind)
MAP_FILES = {
    Geography.NOW: "reports/map/provinces-current.geojson",
    Geography.THEN: "reports/map/provinces-legacy.geojson",
}
BORDER_FILE = "reports/map/border-line.geojson"
MAX_UNIT_MARKERS = 500


@dataclass(frozen=True)
class Card:
    """One number of the dashboard: its value with origin, figure and footnotes."""

    value: IndicatorValue
    footnotes: tuple[int, ...] = ()

    @property
    def code(self) -> str:
        return self.value.code

    @property
    def label(self) -> str:
        return str(self.value.indicator.label)

    @property
    def unit(self) -> str:
        return str(self.value.indicator.unit)

    @property
    def text(self) -> str:
        return self.value.text


@dataclass(frozen=True)
class Cards:
    """Key numbers, one card per programme, and the figures' sources as footnotes."""

    key: list[Card]
    programmes: list[Card]
    sources: list[FigureSource]
    _html: dict[str, SafeString] = field(default_factory=dict, compare=False, repr=False)

    def __iter__(self) -> Iterator[Card]:
        return iter([*self.key, *self.programmes])

    @property
    def key_html(self) -> SafeString:
        """The key cards' list items (rendered once per kept value: same language)."""
        return self._rendered("key")

    @property
    def programmes_html(self) -> SafeString:
        return self._rendered("programmes")

    def _rendered(self, name: str) -> SafeString:
        found = self._html.get(name)
        if found is None:
            found = render_to_string("reports/_cards.html", {"cards": getattr(self, name)})
            self._html[name] = found
        return found


def cards(*, user: Reader, query: TotalsQuery) -> Cards:
    """The key numbers and a card for every programme (kind of activity), each with its
    figure beside it where one exists, from the single values selector.

    Kept per scope until the data behind them changes (:mod:`.totals_cache`)."""
    key = totals_cache.scope_key(scope_for(user))
    if key is None:
        return _cards(user=user, query=query)
    return totals_cache.cached(
        ("dashboard_cards", key, query), lambda: _cards(user=user, query=query)
    )


def _cards(*, user: Reader, query: TotalsQuery) -> Cards:
    codes = [*CARD_CODES, *PROGRAMME_CODES]
    values = [v for v in values_for_query(user=user, query=query, indicators=codes) if v.available]
    notes: dict[int, int] = {}
    sources: list[FigureSource] = []
    made = []
    for value in values:
        numbers = []
        for source in value.sources:
            if source.figure_id not in notes:
                sources.append(source)
                notes[source.figure_id] = len(sources)
            numbers.append(notes[source.figure_id])
        made.append(Card(value, tuple(numbers)))
    key = [c for c in made if c.code in CARD_CODES]
    return Cards(key, [c for c in made if c.code in PROGRAMME_CODES], sources)


CSV_HEADER = (
    "code",
    "indicator",
    "unit of measure",
    "value",
    "qualifier",
    "origin",
    "records",
    "reported figure",
    "difference",
    "sources",
)


def write_totals_csv(stream: Any, *, user: Reader, query: TotalsQuery) -> None:
    """Every indicator's value as the dashboard computes it, one CSV row each ("" where
    not recorded), with the citations of the figures behind or beside it."""
    writer = csv.writer(stream)
    writer.writerow(CSV_HEADER)
    for value in values_for_query(user=user, query=query):
        if not value.available:
            continue
        writer.writerow(
            [
                value.code,
                _text(str(value.indicator.label)),
                _text(str(value.indicator.unit)),
                _plain(value.value),
                value.qualifier if value.value is not None else "",
                str(value.origin),
                _plain(value.records_value),
                _plain(value.figure_value),
                _plain(value.difference),
                _text(" | ".join(s.citation for s in value.sources)),
            ]
        )


def _text(value: str) -> str:
    """Text for a spreadsheet cell: never read as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _plain(number: Any) -> str:
    return "" if number is None else format(number.normalize(), "f")


def _months(query: TotalsQuery) -> list[str]:
    day, labels = query.period.start.replace(day=1), []
    while day < query.period.end:
        labels.append(f"{day:%Y-%m}")
        day = next_month(day)
    return labels


def trend(*, user: Reader, query: TotalsQuery) -> dict[str, Any]:
    """Activities per month, all and approved."""
    counts = replace(query, measures=(COUNT,))
    labels = _months(query)
    series = []
    for name, approved in (("all", False), ("approved", True)):
        if query.approved_only and not approved:
            continue
        totals = activity_totals(
            user=user, query=replace(counts, approved_only=approved), group_by=[Dim.MONTH]
        )
        by_month = {key[0]: cell.value for key, cell in totals.by(COUNT).items()}
        series.append({"name": name, "data": [float(by_month.get(m, 0)) for m in labels]})
    return {"labels": labels, "series": series}


def by_kind(*, user: Reader, query: TotalsQuery) -> dict[str, Any]:
    totals = activity_totals(
        user=user, query=replace(query, measures=(COUNT,)), group_by=[Dim.KIND]
    ).by(COUNT)
    rows = sorted(((k[0], c.value) for k, c in totals.items()), key=lambda r: -r[1])
    return {
        "labels": [str(ActivityKind(kind).label) for kind, _v in rows],
        "codes": [kind for kind, _v in rows],
        "data": [float(value) for _k, value in rows],
    }


def by_province(*, user: Reader, query: TotalsQuery, indicator_code: str) -> dict[str, Any]:
    """The chosen indicator per province (both countries) and keyed for the map."""
    found = BY_CODE[indicator_code]
    [value] = indicator_values(user=user, query=query, codes=[found.code], group_by=[Dim.PROVINCE])
    cells = {key[0]: cell for key, cell in value.cells.items() if key and key[0] is not None}
    provinces = AdminUnit.objects.filter(pk__in=cells).select_related("country")
    rows = sorted(
        ((p, cells[p.pk]) for p in provinces),
        key=lambda row: (row[0].country.code != "VN", -row[1].value),
    )
    return {
        "indicator": str(found.label),
        "unit": str(found.unit),
        "labels": [localized_name(p) for p, _c in rows],
        "countries": [p.country.code for p, _c in rows],
        "data": [float(c.value) for _p, c in rows],
        "qualifiers": [c.qualifier for _p, c in rows],
        "values": {f"{p.country.code}:{p.code}": float(c.value) for p, c in rows},
    }


def dashboard_data(*, user: Reader, query: TotalsQuery, indicator_code: str) -> dict[str, Any]:
    return {
        "trend": trend(user=user, query=query),
        "kinds": by_kind(user=user, query=query),
        "provinces": by_province(user=user, query=query, indicator_code=indicator_code),
    }


def _static_if_present(path: str) -> str | None:
    return static(path) if finders.find(path) else None


def map_layers(*, user: Reader, geography: Geography) -> dict[str, Any]:
    """Boundary files, gates, border markers and the units the viewer may see."""
    units = (
        UnitPolicy.visible(user)
        .filter(place__latitude__isnull=False, valid_to__isnull=True)
        .values_list("pk", "name_vi", "place__latitude", "place__longitude")[:MAX_UNIT_MARKERS]
    )
    return {
        "provinces": _static_if_present(MAP_FILES[geography]),
        "border": _static_if_present(BORDER_FILE),
        "gates": [
            {"name": str(g), "lat": g.latitude, "lng": g.longitude}
            for g in gate_pair_list()
            if g.latitude is not None and g.longitude is not None
        ],
        "markers": [
            {"name": m.number, "lat": m.latitude, "lng": m.longitude}
            for m in marker_list()
            if m.latitude is not None and m.longitude is not None
        ],
        "units": [{"id": pk, "name": name, "lat": lat, "lng": lng} for pk, name, lat, lng in units],
    }
