"""The maintained summary rows always equal a rebuild from the raw tables."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.core.management import call_command

from huunghi.core.actors import SYSTEM
from huunghi.organisations.services import unit_move
from huunghi.records.models import ActivityKind, Measure, Status
from huunghi.reports.models import ALL_KINDS, ActivityRollup, ActivitySummary
from huunghi.reports.tests.factories import (
    ABOUT,
    AT_LEAST,
    EXACT,
    change_activity,
    delete_activity,
    make_activity,
)

pytestmark = pytest.mark.django_db


def table() -> set[tuple]:
    """The monthly summary rows and the quarterly roll-up rows as comparable tuples
    (values rounded to cents)."""
    return _monthly() | _quarterly()


def _rounded(row: tuple) -> tuple:
    return (*row[:-4], Decimal(row[-4]).quantize(Decimal("0.01")), *row[-3:])


def _quarterly() -> set[tuple]:
    return {
        ("rollup", *_rounded(row))
        for row in ActivityRollup.objects.values_list(
            "unit_id",
            "geography",
            "approved_only",
            "quarter",
            "kind",
            "measure",
            "country_id",
            "province_id",
            "is_synthetic",
            "value",
            "rows",
            "rows_about",
            "rows_at_least",
        )
    }


def _monthly() -> set[tuple]:
    return {
        _rounded(row)
        for row in ActivitySummary.objects.values_list(
            "unit_id",
            "month",
            "kind",
            "measure",
            "country_id",
            "province_then_id",
            "province_now_id",
            "approved",
            "is_synthetic",
            "value",
            "rows",
            "rows_about",
            "rows_at_least",
        )
    }


def rebuilt() -> set[tuple]:
    call_command("rebuild_summaries", verbosity=0)
    return table()


def test_new_activity_counts_in_its_ancestors_near_the_roots(world):
    """One activity with one quantity adds a count row and a quantity row per tree level
    near the roots (national and provincial command, not the post itself), and the same
    again as all-kinds rows."""
    make_activity(
        unit=world.post_xa_mat,
        start=dt.date(2024, 3, 5),
        place=world.tay_ninh,
        quantities=[(Measure.PEOPLE_EXAMINED, 2000, ABOUT)],
    )
    rows = ActivitySummary.objects.all()
    assert {r.unit_id for r in rows} == {world.national.pk, world.bdbp_tay_ninh.pk}
    assert rows.count() == 4 + 4
    assert set(rows.filter(kind=ALL_KINDS).values_list("unit_id", flat=True)) == {
        world.national.pk,
        world.bdbp_tay_ninh.pk,
    }
    people = rows.get(unit=world.national, measure=Measure.PEOPLE_EXAMINED, kind=ActivityKind.OTHER)
    assert (people.value, people.rows, people.rows_about) == (Decimal(2000), 1, 1)
    assert people.month == dt.date(2024, 3, 1)
    assert people.province_now_id == world.tay_ninh.pk


def test_rows_left_counting_nothing_are_deleted(world):
    """Deleting the only activity of a cell removes the cell's rows."""
    activity = make_activity(
        unit=world.post_xa_mat, start=dt.date(2024, 3, 5), quantities=[(Measure.TREES, 5, EXACT)]
    )
    delete_activity(activity)
    assert not ActivitySummary.objects.exists()


def test_status_change_moves_the_contribution(world):
    """Approving moves the record from the not-approved rows to the approved rows."""
    activity = make_activity(unit=world.post_xa_mat, start=dt.date(2024, 3, 5))
    change_activity(activity, status=Status.APPROVED)
    assert set(ActivitySummary.objects.values_list("approved", flat=True)) == {True}
    assert table() == rebuilt()


def _random_change(rng: random.Random, world, activities: list) -> None:
    units = [world.post_xa_mat, world.post_hoa_lu, world.bdbp_tay_ninh, world.kh_post_bavet]
    places = [None, world.tay_ninh, world.loc_ninh_legacy, world.dong_nai, world.svay_rieng]
    measures = [Measure.PEOPLE_EXAMINED, Measure.VALUE_VND, Measure.TREES]
    qualifiers = [EXACT, ABOUT, AT_LEAST]

    def quantities():
        chosen = rng.sample(measures, rng.randint(0, 2))
        return [(m, rng.choice([0, 1, 7, 12.5, 1000]), rng.choice(qualifiers)) for m in chosen]

    def day():
        return dt.date(rng.choice([2022, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))

    action = rng.choice(["create", "create", "edit", "quantities", "status", "delete"])
    if action == "create" or not activities:
        activities.append(
            make_activity(
                unit=rng.choice(units),
                start=day(),
                place=rng.choice(places),
                kind=rng.choice([ActivityKind.OTHER, ActivityKind.AID]),
                quantities=quantities(),
                status=rng.choice(list(Status)),
            )
        )
    elif action == "edit":
        change_activity(
            rng.choice(activities),
            unit=rng.choice(units),
            start_date=day(),
            place=rng.choice(places),
            kind=rng.choice([ActivityKind.OTHER, ActivityKind.AID]),
        )
    elif action == "quantities":
        change_activity(rng.choice(activities), quantities=quantities())
    elif action == "status":
        change_activity(rng.choice(activities), status=rng.choice(list(Status)))
    else:
        delete_activity(activities.pop(rng.randrange(len(activities))))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_equals_rebuilt_after_random_changes(world, seed):
    """After any sequence of creates, edits, quantity changes, status changes and
    deletions, the maintained rows equal the rows rebuilt from the raw tables."""
    rng = random.Random(seed)
    activities: list = []
    for step in range(60):
        _random_change(rng, world, activities)
        if step % 20 == 19:
            assert table() == rebuilt()
    assert table() == rebuilt()


def test_unit_move_shifts_the_subtree_totals(world):
    """Moving a post to another province moves its totals between the provinces."""
    make_activity(
        unit=world.post_xa_mat, start=dt.date(2024, 3, 5), quantities=[(Measure.TREES, 5, EXACT)]
    )
    unit_move(
        unit=world.post_xa_mat,
        new_parent=world.bdbp_dong_nai,
        on_date=dt.date(2025, 1, 1),
        acting_user=SYSTEM,
    )
    assert not ActivitySummary.objects.filter(unit=world.bdbp_tay_ninh).exists()
    assert ActivitySummary.objects.filter(unit=world.bdbp_dong_nai).count() == 4
    assert not ActivitySummary.objects.filter(unit=world.post_xa_mat).exists()
    assert table() == rebuilt()


def test_moving_a_post_up_to_the_root_gives_it_rows(world):
    """A post moved directly under the national command becomes a provincial-level unit:
    it gets its own rows (from its records), its old province loses them."""
    make_activity(
        unit=world.post_xa_mat, start=dt.date(2024, 3, 5), quantities=[(Measure.TREES, 5, EXACT)]
    )
    unit_move(
        unit=world.post_xa_mat,
        new_parent=world.national,
        on_date=dt.date(2025, 1, 1),
        acting_user=SYSTEM,
    )
    assert ActivitySummary.objects.filter(unit=world.post_xa_mat).count() == 4
    assert not ActivitySummary.objects.filter(unit=world.bdbp_tay_ninh).exists()
    assert table() == rebuilt()


def test_moving_a_province_under_another_refreshes_all_kinds_rows(world):
    """A provincial command moved one level down loses its all-kinds rows; its old and
    new ancestors' rows follow the move."""
    make_activity(unit=world.post_xa_mat, start=dt.date(2024, 3, 5))
    unit_move(
        unit=world.bdbp_tay_ninh,
        new_parent=world.bdbp_dong_nai,
        on_date=dt.date(2025, 1, 1),
        acting_user=SYSTEM,
    )
    assert table() == rebuilt()
