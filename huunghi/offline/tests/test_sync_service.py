"""The sync service guards itself: only a signed-in account sends from a device."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from huunghi.audit.models import AuditEvent
from huunghi.core.actors import SYSTEM
from huunghi.offline.models import SyncedRecord
from huunghi.offline.services import DeviceRecord, Outcome, offline_record_sync
from huunghi.records.models import Activity

pytestmark = pytest.mark.django_db


def device_record(unit: Any) -> DeviceRecord:
    return DeviceRecord(
        client_uuid=uuid.uuid4(),
        created_offline_at=dt.datetime(2026, 3, 2, 1, 15, tzinfo=dt.UTC),
        record={
            "kind": "tree_planting",
            "unit_id": unit.pk,
            "title": "Seedlings by the school",
            "start_date": dt.date(2026, 3, 1),
            "quantities": [{"measure": "trees", "value": "40", "qualifier": "exact"}],
        },
    )


def written() -> tuple[int, int, int]:
    return (Activity.objects.count(), SyncedRecord.objects.count(), AuditEvent.objects.count())


def test_clerk_of_the_unit_writes_the_record(world, people):
    """The clerk's record is created and mapped to the clerk's account."""
    result = offline_record_sync(item=device_record(world.post_xa_mat), acting_user=people.clerk)
    assert result.status == Outcome.CREATED
    assert SyncedRecord.objects.get(activity_id=result.activity_id).user == people.clerk


@pytest.mark.parametrize("actor", [SYSTEM, AnonymousUser()], ids=["system", "anonymous"])
def test_anyone_but_a_signed_in_account_is_refused_and_nothing_is_written(world, actor):
    """The system has no device and no account to keep the record id for: like the
    anonymous, it is refused as an actor before any record is looked at, and nothing is
    written."""
    before = written()
    with pytest.raises(PermissionDenied):
        offline_record_sync(item=device_record(world.post_xa_mat), acting_user=actor)
    assert written() == before


def test_viewer_is_refused_by_the_service_itself(world, people):
    """Without the API's check in front, a viewer's record is refused, not written."""
    before = written()
    result = offline_record_sync(item=device_record(world.post_xa_mat), acting_user=people.viewer)
    assert result.status == Outcome.REFUSED
    assert written() == before
