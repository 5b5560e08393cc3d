"""Writes to the geography: loading reference data, and the border marker registry
(re-exported from :mod:`huunghi.geography.marker_services`)."""

from __future__ import annotations

from django.db import connection, transaction

from huunghi.geography.loading import border, cambodia, vietnam
from huunghi.geography.loading.tables import COUNTRIES
from huunghi.geography.loading.upsert import (
    LoadReport,
    upsert_countries,
    upsert_successions,
    upsert_units,
)
from huunghi.geography.marker_services import (
    marker_approve,
    marker_condition_add,
    marker_create,
    marker_links_sync,
    marker_reopen,
    marker_return,
    marker_submit,
    marker_update,
)
from huunghi.geography.models import AdminUnit, PlaceSuccession
from huunghi.geography.selectors import clear_geography_cache

__all__ = [
    "border_reference_load",
    "geography_load",
    "marker_approve",
    "marker_condition_add",
    "marker_create",
    "marker_links_sync",
    "marker_reopen",
    "marker_return",
    "marker_submit",
    "marker_update",
]


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
