"""The data services authorise their own writes, whoever calls them (not only the views)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.core.actors import SYSTEM
from huunghi.core.testing import World
from huunghi.dataio.models import ImportJob
from huunghi.dataio.services import imports
from huunghi.dataio.services.undo import imported_activity_remove
from huunghi.dataio.tests.helpers import csv_file, headers
from huunghi.records.models import Activity, ActivityKind
from huunghi.records.services import activity_create

KIND = "activities:tree_planting"


def _activity(world: World, creator: Any) -> Activity:
    return activity_create(
        acting_user=creator,
        kind=ActivityKind.TREE_PLANTING,
        unit=world.post_xa_mat,
        title="Saplings along the school road",
        start_date=dt.date(2025, 4, 2),
    )


def test_a_viewer_cannot_upload_an_import(world: World) -> None:
    """The upload service itself refuses someone who may enter records nowhere: no job,
    no file, no audit row (it used to store the job and leave the refusal to the view)."""
    viewer = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    upload = csv_file(headers(KIND, ["title"]), [["Saplings"]])
    audited = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        imports.import_upload(user=viewer, kind=KIND, upload=upload)
    assert not ImportJob.objects.exists()
    assert AuditEvent.objects.count() == audited


def test_another_clerk_cannot_remove_a_record_as_an_import_undo(world: World, clerk: Any) -> None:
    """Undoing an import removes only what that account's import created: another clerk
    (even one who may edit the unit) or the anonymous is refused and the record stays
    (it used to be deleted for any caller)."""
    activity = _activity(world, clerk)
    colleague = world.user(Role.CLERK, world.post_xa_mat, username="second_clerk")
    for intruder in (colleague, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            imported_activity_remove(activity_id=activity.pk, acting_user=intruder)
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert not AuditEvent.objects.filter(action="import.undo").exists()


@pytest.mark.parametrize("who", ["creator", "system"])
def test_the_importer_or_the_system_removes_it(world: World, clerk: Any, who: str) -> None:
    activity = _activity(world, clerk)
    imported_activity_remove(
        activity_id=activity.pk, acting_user=clerk if who == "creator" else SYSTEM
    )
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert AuditEvent.objects.filter(action="import.undo", target_id=str(activity.pk)).exists()
