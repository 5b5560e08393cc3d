"""Totals kept per scope and data generation (reports.totals_cache): fast and never stale.

These tests commit their writes (``transaction=True``): the table keeps nothing computed
inside a transaction, and every other test runs inside one.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.core.actors import SYSTEM
from huunghi.dataio.services.undo import imported_activity_remove
from huunghi.records.models import Activity, ActivityKind, Status
from huunghi.records.services import activity_approve, activity_create, activity_submit
from huunghi.reports import totals_cache

pytestmark = pytest.mark.django_db(transaction=True)
YEAR_2024 = {
    "period": "custom",
    "date_from": "2024-01-01",
    "date_to": "2024-12-31",
    "records": "all",
}


@pytest.fixture(autouse=True)
def _empty_table():
    totals_cache.forget()
    yield
    totals_cache.forget()


def _activities(client, **params) -> tuple[float, int]:
    """The dashboard data's activity count for 2024, and the queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:dashboard_data"), {**YEAR_2024, **params})
    assert response.status_code == 200
    return sum(response.json()["trend"]["series"][0]["data"]), len(queries)


def test_second_reading_is_kept_and_a_saved_record_shows_at_once(story, client):
    """The second request of the same dashboard data reads no totals again; a record
    saved through the service is counted by the very next request, of any reader."""
    w = story.world
    client.force_login(w.user(Role.VIEWER, w.national))
    first, cold = _activities(client)
    again, warm = _activities(client)
    assert again == first and warm < cold
    clerk = w.user(Role.CLERK, w.post_xa_mat)
    activity_create(
        acting_user=clerk,
        kind=ActivityKind.OTHER,
        unit=w.post_xa_mat,
        title="Counted at once",
        start_date=dt.date(2024, 6, 1),
    )
    after, _ = _activities(client)
    assert after == first + 1


def test_dashboard_page_shows_the_new_total_at_once(story, client):
    """The card of all activities moves from the kept value to the new one at once."""
    w = story.world
    client.force_login(w.user(Role.VIEWER, w.national))
    before = client.get(reverse("reports:dashboard"), YEAR_2024).context["cards"]
    total = next(c for c in before if c.code == "activities_total").value.value
    client.get(reverse("reports:dashboard"), YEAR_2024)
    activity_create(
        acting_user=w.user(Role.CLERK, w.post_xa_mat),
        kind=ActivityKind.OTHER,
        unit=w.post_xa_mat,
        title="Counted on the card",
        start_date=dt.date(2024, 6, 2),
    )
    cards = client.get(reverse("reports:dashboard"), YEAR_2024).context["cards"]
    assert next(c for c in cards if c.code == "activities_total").value.value == total + 1


def test_readers_of_other_scopes_get_their_own_totals(story, client):
    """A post clerk after a national viewer: the kept national totals are not theirs."""
    w = story.world
    client.force_login(w.user(Role.VIEWER, w.national))
    national, _ = _activities(client)
    client.force_login(w.user(Role.CLERK, w.post_xa_mat))
    post, _ = _activities(client)
    assert post == 3 and national > post
    client.force_login(w.user(Role.VIEWER, w.kh_svay_rieng))
    shared, _ = _activities(client)
    assert shared == 2


def test_a_removed_record_leaves_the_totals_at_once(story, client):
    """A record removed by an import's undo is no longer counted by the next request."""
    w = story.world
    client.force_login(w.user(Role.VIEWER, w.national))
    before, _ = _activities(client)
    _activities(client)
    # the reaper undoes a dead import as the system
    imported_activity_remove(activity_id=story.xa_mat_march.pk, acting_user=SYSTEM)
    after, _ = _activities(client)
    assert after == before - 1


def test_every_data_app_bumps_the_generation(story):
    """A row saved in units, places or records makes the kept values unusable."""
    w = story.world
    for row in (w.post_xa_mat, w.tay_ninh, story.bavet_visit):
        generation = totals_cache.totals_generation()
        row.save()
        assert totals_cache.totals_generation() > generation


def test_nothing_computed_inside_a_transaction_is_kept(db):
    """Inside a transaction (it may hold uncommitted writes) the value is computed anew."""
    calls = []
    with transaction.atomic():
        for _ in range(2):
            totals_cache.cached(("probe",), lambda: calls.append(1) or len(calls))
    assert len(calls) == 2
    assert totals_cache.cached(("probe",), lambda: 10) == 10
    assert totals_cache.cached(("probe",), lambda: 20) == 10


def test_approval_moves_approved_only_totals_at_once(story, client):
    """Approved-only totals follow a record through the approval chain at once."""
    w = story.world
    client.force_login(w.user(Role.VIEWER, w.national))
    approved, _ = _activities(client, records="approved")
    _activities(client, records="approved")
    draft = story.xa_mat_long_an
    assert draft.status == Status.DRAFT
    activity_submit(activity=draft, acting_user=w.user(Role.CLERK, w.post_xa_mat))
    activity_approve(activity=draft, acting_user=w.user(Role.APPROVER, w.national))
    now, _ = _activities(client, records="approved")
    assert now == approved + 1


def test_a_summary_rebuild_reaches_the_kept_totals_at_once(story, client):
    """A change that bypassed the services (a raw update: no hook, no signal) reaches the
    totals through ``manage.py rebuild_summaries``: the rebuild makes the kept totals
    unusable, so the very next request counts from the rebuilt rows."""
    w = story.world
    client.force_login(w.user(Role.VIEWER, w.national))
    before, _ = _activities(client)
    Activity.objects.filter(pk=story.xa_mat_march.pk).update(start_date=dt.date(2023, 3, 10))
    assert _activities(client)[0] == before  # the summary rows still count it in 2024
    generation = totals_cache.totals_generation()
    call_command("rebuild_summaries", verbosity=0)
    assert totals_cache.totals_generation() > generation
    after, _ = _activities(client)
    assert after == before - 1
