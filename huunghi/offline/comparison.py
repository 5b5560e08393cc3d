"""Field-by-field differences between a record on the server and the device's version.

Values come back in the device's own shape (ids, ISO dates, detail keys, quantities
per measure), so the device can put the server's value straight into its form when
the clerk keeps it; ``server_text``/``device_text`` are for reading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from huunghi.geography.models import localized_name
from huunghi.records.kinds import clean_details, spec_for
from huunghi.records.models import Activity, Measure

TOP_FIELDS = ("title", "start_date", "end_date", "place_id", "place_text", "description")


def differences(
    activity: Activity, record: Mapping[str, Any], fields: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Every field where the server's value and the device's value differ."""
    rows = [_top(activity, record, fields, name) for name in TOP_FIELDS]
    rows += _details(activity, record)
    rows += _quantities(activity, record)
    return [row for row in rows if row is not None and row["server"] != row["device"]]


def _label(name: str) -> str:
    model_name = name.removesuffix("_id")
    field: Any = Activity._meta.get_field(model_name)
    return str(capfirst(field.verbose_name))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def _top(
    activity: Activity, record: Mapping[str, Any], fields: Mapping[str, Any], name: str
) -> dict[str, Any]:
    server = _plain(getattr(activity, name))
    device = _plain(record.get(name))
    row = _row(name, _label(name), server, device)
    if name == "place_id":
        row["server_text"] = localized_name(activity.place) if activity.place else ""
        row["device_text"] = localized_name(fields["place"]) if fields.get("place") else ""
    return row


def _row(name: str, label: str, server: Any, device: Any) -> dict[str, Any]:
    return {
        "field": name,
        "label": label,
        "server": server,
        "device": device,
        "server_text": _text(server),
        "device_text": _text(device),
    }


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values() if v)
    return str(value)


def _device_details(kind: str, raw: Mapping[str, Any] | None) -> dict[str, Any]:
    try:
        return clean_details(kind, raw)
    except ValidationError:
        return dict(raw or {})


def _details(activity: Activity, record: Mapping[str, Any]) -> list[dict[str, Any]]:
    spec = spec_for(activity.kind)
    device = _device_details(activity.kind, record.get("details"))
    return [
        _row(
            f"details.{detail.key}",
            str(capfirst(str(detail.label))),
            activity.details.get(detail.key, ""),
            device.get(detail.key, ""),
        )
        for detail in spec.fields
    ]


def _quantity(value: Any, qualifier: str) -> dict[str, str]:
    return {"value": f"{Decimal(str(value)).normalize():f}", "qualifier": qualifier}


def _device_quantities(kind: str, record: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The device's quantities as the service would store them: a markers count is
    derived from the markers listed when none was given."""
    device = {
        q["measure"]: _quantity(q["value"], q["qualifier"]) for q in record.get("quantities") or []
    }
    markers = _device_details(kind, record.get("details")).get("markers") or []
    offered = any(q.measure == Measure.MARKERS for q in spec_for(kind).measures)
    if markers and offered and Measure.MARKERS not in device:
        device[Measure.MARKERS] = _quantity(len(markers), "exact")
    return device


def _quantities(activity: Activity, record: Mapping[str, Any]) -> list[dict[str, Any]]:
    server = {q.measure: _quantity(q.value, q.qualifier) for q in activity.quantities.all()}
    device = _device_quantities(activity.kind, record)
    return [
        _row(
            f"quantities.{measure}",
            str(capfirst(Measure(measure).label)),
            server.get(measure, ""),
            device.get(measure, ""),
        )
        for measure in sorted(set(server) | set(device))
    ]
