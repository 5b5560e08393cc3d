"""The completeness map layer: each subordinate as a point, each province shaded by the
share of expected reports received, drawn with the vendored Leaflet and the dashboard's
province boundaries."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.staticfiles import finders
from django.templatetags.static import static

from huunghi.cycle.completeness import Completeness, Tally

PROVINCES_FILE = "reports/map/provinces-current.geojson"
BORDER_FILE = "reports/map/border-line.geojson"


def _static_if_present(path: str) -> str | None:
    return static(path) if finders.find(path) else None


def _province_key(unit: Any) -> str | None:
    place = unit.place
    if place is None:
        return None
    province = place.province if place.province_id else place
    return f"{unit.country.code}:{province.code}"


def completeness_map(result: Completeness) -> dict[str, Any]:
    """Points (subordinates with a location) and province values (received %)."""
    points = []
    provinces: dict[str, Tally] = defaultdict(Tally)
    for row in result.rows:
        unit, tally = row.unit, row.tally
        key = _province_key(unit)
        if key is not None:
            provinces[key].add(tally)
        place = unit.place
        points.append(
            {
                "id": unit.pk,
                "name": str(unit),
                "lat": getattr(place, "latitude", None),
                "lng": getattr(place, "longitude", None),
                "province": key,
                **tally.as_dict(),
            }
        )
    return {
        "provinces_file": _static_if_present(PROVINCES_FILE),
        "border_file": _static_if_present(BORDER_FILE),
        "units": points,
        "provinces": {key: t.as_dict() for key, t in provinces.items()},
        "total": result.total.as_dict(),
    }
