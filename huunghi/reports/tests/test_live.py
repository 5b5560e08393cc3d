"""Totals are live: a record saved through the record services a moment ago counts."""

from __future__ import annotations

import pytest
from django.utils import timezone

from huunghi.accounts.models import Role
from huunghi.core.models import Qualifier
from huunghi.records.models import ActivityKind, Measure
from huunghi.records.services.activities import QuantityIn, activity_create, activity_update
from huunghi.records.services.workflow import activity_approve, activity_submit
from huunghi.reports.engine import TotalsQuery
from huunghi.reports.periods import Period
from huunghi.reports.selectors import activity_totals

pytestmark = pytest.mark.django_db


def this_month(user, **kwargs):
    today = timezone.localdate()
    query = TotalsQuery(period=Period.month(today.year, today.month), **kwargs)
    return activity_totals(user=user, query=query)


def test_saved_record_is_in_the_totals_at_once(world):
    """Create, edit and approve a record: each step shows in the totals immediately."""
    clerk = world.user(Role.CLERK, world.post_xa_mat)
    approver = world.user(Role.APPROVER, world.bdbp_tay_ninh)
    assert this_month(clerk).cells == {}
    activity = activity_create(
        acting_user=clerk,
        kind=ActivityKind.OTHER,
        unit=world.post_xa_mat,
        title="Khám bệnh cho bà con hai bên biên giới",
        start_date=timezone.localdate(),
        quantities=[QuantityIn(Measure.PEOPLE_EXAMINED, 300, Qualifier.ABOUT)],
    )
    people = this_month(approver).total(Measure.PEOPLE_EXAMINED)
    assert (people.value, people.qualifier) == (300, Qualifier.ABOUT)
    activity_update(
        activity=activity,
        acting_user=clerk,
        quantities=[QuantityIn(Measure.PEOPLE_EXAMINED, 320, Qualifier.EXACT)],
    )
    people = this_month(approver).total(Measure.PEOPLE_EXAMINED)
    assert (people.value, people.qualifier) == (320, Qualifier.EXACT)
    assert this_month(approver, approved_only=True).cells == {}
    activity_submit(activity=activity, acting_user=clerk)
    activity_approve(activity=activity, acting_user=approver)
    assert this_month(approver, approved_only=True).total().value == 1
