"""Writes to the geography: loading reference data and keeping the border marker table."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction

from huunghi.audit.services import audit_log, snapshot
from huunghi.geography.loading import border, cambodia, vietnam
from huunghi.geography.loading.tables import COUNTRIES
from huunghi.geography.loading.upsert import (
    LoadReport,
    upsert_countries,
    upsert_successions,
    upsert_units,
)
from huunghi.geography.models import AdminUnit, BorderMarker, PlaceSuccession
from huunghi.geography.selectors import clear_geography_cache

MARKER_FIELDS = (
    "number",
    "kind",
    "latitude",
    "longitude",
    "condition",
    "last_inspected_on",
    "province",
    "notes",
    "is_synthetic",
)


@transaction.atomic
def geography_load() -> LoadReport:
    """Load both countries' units and successions; a second run writes nothing."""
    report = LoadReport()
    countries, tally = upsert_countries(COUNTRIES)
    report.add("countries", tally)
    data = vietnam.VietnamData()
    ids, tally = upsert_units(countries["VN"], vietnam.unit_rows(data))
    report.add("VN units", tally)
    tally = upsert_successions(countries["VN"], vietnam.succession_rows(data), ids)
    report.add("VN successions", tally)
    ids, tally = upsert_units(countries["KH"], cambodia.unit_rows())
    report.add("KH units", tally)
    report.add(
        "KH successions", upsert_successions(countries["KH"], cambodia.succession_rows(), ids)
    )
    _refresh_planner_statistics()
    transaction.on_commit(clear_geography_cache)
    return report


def _refresh_planner_statistics() -> None:
    """ANALYZE the freshly loaded tables on PostgreSQL.

    Without statistics the planner treats 30,000 new rows as an empty table and picks
    plans that take minutes (seen in the test suite); autovacuum only catches up later.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (AdminUnit, PlaceSuccession):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


@transaction.atomic
def border_reference_load() -> LoadReport:
    """Load facing provinces, gate pairs and published figures (needs the geography)."""
    provinces = border.provinces_by_code()
    report = LoadReport()
    report.add("province pairs", border.load_province_pairs(provinces))
    report.add("gate pairs", border.load_gate_pairs(provinces))
    report.add("reference figures", border.load_facts(provinces))
    return report


@transaction.atomic
def marker_create(*, acting_user: Any, number: str, kind: str, **fields: Any) -> BorderMarker:
    """Add a border marker after validation, and audit it."""
    marker = BorderMarker(number=number, kind=kind, **fields)
    marker.full_clean()
    marker.save()
    audit_log(actor=acting_user, action="create", target=marker, after=snapshot(marker))
    return marker


@transaction.atomic
def marker_update(*, marker: BorderMarker, acting_user: Any, **fields: Any) -> BorderMarker:
    """Change a border marker's fields after validation, and audit the change."""
    unknown = set(fields) - set(MARKER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown marker fields: {', '.join(sorted(unknown))}")
    before = snapshot(marker)
    for name, value in fields.items():
        setattr(marker, name, value)
    marker.full_clean()
    marker.save()
    audit_log(
        actor=acting_user, action="update", target=marker, before=before, after=snapshot(marker)
    )
    return marker
