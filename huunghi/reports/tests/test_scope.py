"""Totals per role: nobody gets a total including a record they may not open."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from huunghi.accounts.models import Role
from huunghi.records.permissions import ActivityPolicy
from huunghi.reports.engine import COUNT, Dim, TotalsQuery
from huunghi.reports.periods import Period
from huunghi.reports.permissions import reach_for
from huunghi.reports.selectors import activity_totals

pytestmark = pytest.mark.django_db
Y2024 = Period.year(2024)


def count(user, *, unit=None, period=Y2024, method="summary", group_by=()):
    query = TotalsQuery(period=period, unit=unit)
    return activity_totals(user=user, query=query, group_by=group_by, method=method)


def visible_count(user, period=Y2024) -> int:
    """The oracle: activities the record policy lets the user open."""
    return (
        ActivityPolicy.visible(user)
        .filter(start_date__gte=period.start, start_date__lt=period.end)
        .count()
    )


@pytest.mark.parametrize("method", ["summary", "raw"])
def test_post_clerk_sees_only_their_post(story, method):
    """A clerk of the Xa Mát post gets Xa Mát's three records, nothing of other provinces."""
    w = story.world
    clerk = w.user(Role.CLERK, w.post_xa_mat)
    result = count(clerk, method=method, group_by=[Dim.PROVINCE])
    assert result.total().value == 3 == visible_count(clerk)
    assert list(result.by(COUNT)) == [(w.tay_ninh.pk,)]
    assert count(clerk, unit=w.bdbp_dong_nai, method=method).cells == {}
    assert count(clerk, unit=w.national, method=method).total().value == 3


@pytest.mark.parametrize("method", ["summary", "raw"])
def test_province_roles_see_their_subtree(story, method):
    w = story.world
    approver = w.user(Role.APPROVER, w.bdbp_dong_nai)
    assert count(approver, method=method).cells == {}
    assert count(approver, period=Period.year(2022), method=method).total().value == 1
    viewer = w.user(Role.VIEWER, w.bdbp_tay_ninh)
    assert count(viewer, method=method).total().value == 4 == visible_count(viewer)


@pytest.mark.parametrize("method", ["summary", "raw"])
def test_counterpart_gets_shared_records_only(story, method):
    """The Svay Rieng gendarmerie sees its own post's record and the one shared with it;
    the Bavet post, with which nothing was shared, sees only its own."""
    w = story.world
    gendarmerie = w.user(Role.VIEWER, w.kh_svay_rieng)
    result = count(gendarmerie, method=method)
    assert result.total().value == 2 == visible_count(gendarmerie)
    assert result.total("participants").value == 120
    bavet = w.user(Role.VIEWER, w.kh_post_bavet)
    assert count(bavet, method=method).total().value == 1 == visible_count(bavet)


@pytest.mark.parametrize("method", ["summary", "raw"])
def test_shared_records_by_unit_child(story, method):
    """Shared records fall under their reporting unit's branch when a unit is chosen."""
    w = story.world
    gendarmerie = w.user(Role.VIEWER, w.kh_svay_rieng)
    result = count(gendarmerie, unit=w.national, method=method, group_by=[Dim.UNIT_CHILD])
    assert {k: c.value for k, c in result.by(COUNT).items()} == {(w.bdbp_tay_ninh.pk,): 1}


def test_anonymous_and_roleless_users_get_nothing(story, django_user_model):
    assert count(AnonymousUser()).cells == {}
    nobody = django_user_model.objects.create_user(username="nobody", password="x" * 12)
    assert count(nobody).cells == {}


def test_every_role_matches_the_record_policy(story):
    """For every role at every unit, the total equals the count of openable records."""
    w = story.world
    units = [
        w.national,
        w.bdbp_tay_ninh,
        w.post_xa_mat,
        w.bdbp_dong_nai,
        w.post_hoa_lu,
        w.kh_gendarmerie,
        w.kh_svay_rieng,
        w.kh_post_bavet,
    ]
    period = Period.between(dt.date(2022, 1, 1), dt.date(2024, 12, 31))
    for unit in units:
        for role in Role:
            user = w.user(role, unit)
            expected = visible_count(user, period)
            for method in ("summary", "raw"):
                assert count(user, period=period, method=method).total().value == expected


@pytest.mark.parametrize("method", ["summary", "raw"])
def test_own_subtree_reads_no_shared_records(story, method):
    """Asked for a unit inside their view, a counterpart reader's totals skip the read of
    shared records (everything there is in view already) and stay what they may open;
    asked for everything, the record shared with them still counts."""
    w = story.world
    gendarmerie = w.user(Role.VIEWER, w.kh_svay_rieng)
    assert reach_for(gendarmerie, w.kh_svay_rieng).shared is None
    assert reach_for(gendarmerie).shared is not None
    own = count(gendarmerie, unit=w.kh_svay_rieng, method=method).total().value
    inside = ActivityPolicy.visible(gendarmerie).filter(
        unit__path__startswith=w.kh_svay_rieng.path,
        start_date__gte=Y2024.start,
        start_date__lt=Y2024.end,
    )
    assert own == inside.count() == 1
    assert count(gendarmerie, method=method).total().value == 2
