"""The approval chain of twinning pairs, facilities and agreements, on the services
themselves: submit / approve / return per kind and role, four eyes, strict ancestors,
editing an approved entry, bulk approve, and approved-only totals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.core.testing import user_with_role
from huunghi.core.workflow import FourEyesRefused
from huunghi.records import services
from huunghi.records.models import Status, TwinningPair
from huunghi.records.services.workflow import (
    record_approve,
    record_reopen,
    record_return,
    record_submit,
    records_bulk_approve,
)
from huunghi.records.tests.helpers import link_for, make_activity
from huunghi.reports.engine import TotalsQuery
from huunghi.reports.indicators import INDICATORS
from huunghi.reports.periods import Period
from huunghi.reports.providers import ProviderRequest, agreements_provider, twinning_provider

KINDS = ("twinning_review", "facility_inauguration", "agreement")


def _entry(kind: str, world, user):
    """A twinning pair, facility or agreement of the Xa Mát post, created by ``user``."""
    return link_for(kind, world, user)


def _actions(obj) -> list[str]:
    return list(
        AuditEvent.objects.filter(
            target_type=obj._meta.label_lower, target_id=str(obj.pk)
        ).values_list("action", flat=True)
    )


@pytest.mark.parametrize("kind", KINDS)
def test_clerk_submits_and_province_approver_approves(kind, world, people):
    """A new entry is a draft; the post clerk submits it; the province approver (a strict
    ancestor) approves it; each move is audited with the model's name."""
    entry = _entry(kind, world, people.post_clerk)
    assert (entry.record_status, entry.created_by) == (Status.DRAFT, people.post_clerk)
    entry = record_submit(record=entry, acting_user=people.post_clerk)
    assert entry.record_status == Status.SUBMITTED
    entry = record_approve(record=entry, acting_user=people.province_approver)
    entry.refresh_from_db()
    assert (entry.record_status, entry.approved_by) == (Status.APPROVED, people.province_approver)
    name = entry._meta.model_name
    assert _actions(entry)[:2] == [f"{name}.approve", f"{name}.submit"]


@pytest.mark.parametrize("kind", KINDS)
def test_return_needs_an_approver_and_a_reason(kind, world, people):
    """A clerk (edit rights only) cannot return; an approver needs a reason; the reason
    is kept and the entry can be submitted again."""
    entry = record_submit(
        record=_entry(kind, world, people.post_clerk), acting_user=people.post_clerk
    )
    with pytest.raises(PermissionDenied):
        record_return(record=entry, acting_user=people.post_clerk, reason="mine")
    with pytest.raises(ValidationError):
        record_return(record=entry, acting_user=people.province_approver, reason="  ")
    entry = record_return(record=entry, acting_user=people.province_approver, reason="Wrong date")
    assert (entry.record_status, entry.return_reason) == (Status.RETURNED, "Wrong date")
    entry = record_submit(record=entry, acting_user=people.post_clerk)
    assert (entry.record_status, entry.return_reason) == (Status.SUBMITTED, "")


def test_same_unit_approver_may_neither_approve_nor_return(world, people):
    """An approver AT the entry's unit is not a strict ancestor: refused in the service."""
    post_approver = user_with_role(Role.APPROVER, world.post_xa_mat, username="post_approver")
    pair = _entry("twinning_review", world, people.post_clerk)
    pair = record_submit(record=pair, acting_user=people.post_clerk)
    with pytest.raises(PermissionDenied):
        record_approve(record=pair, acting_user=post_approver)
    with pytest.raises(PermissionDenied):
        record_return(record=pair, acting_user=post_approver, reason="no")
    pair.refresh_from_db()
    assert pair.record_status == Status.SUBMITTED


def test_other_province_approver_is_refused(world, people):
    other = user_with_role(Role.APPROVER, world.bdbp_dong_nai, username="dn_approver")
    pair = record_submit(
        record=_entry("twinning_review", world, people.post_clerk), acting_user=people.post_clerk
    )
    with pytest.raises(PermissionDenied):
        record_approve(record=pair, acting_user=other)


def test_approver_cannot_approve_what_they_created(world, people):
    """Four eyes: the province approver creates an entry for the post below, submits it,
    and is refused when approving it; the national approver may."""
    approver = people.province_approver
    facility = _entry("facility_inauguration", world, approver)
    facility = record_submit(record=facility, acting_user=approver)
    with pytest.raises(FourEyesRefused, match="someone else must approve"):
        record_approve(record=facility, acting_user=approver)
    facility.refresh_from_db()
    assert facility.record_status == Status.SUBMITTED
    facility = record_approve(record=facility, acting_user=people.national_approver)
    assert facility.record_status == Status.APPROVED


def test_approver_cannot_approve_what_they_last_edited(world, people):
    """Four eyes: the last editor (not the creator) is refused too."""
    approver = people.province_approver
    pair = _entry("twinning_review", world, people.post_clerk)
    pair = services.twinning_update(pair=pair, acting_user=approver, notes="corrected")
    pair = record_submit(record=pair, acting_user=people.post_clerk)
    with pytest.raises(FourEyesRefused):
        record_approve(record=pair, acting_user=approver)


def test_activity_self_approval_is_refused(world, people):
    """The same rule holds for activities (created for a unit below, submitted, approved)."""
    approver = people.province_approver
    activity = make_activity(world, approver)
    activity = services.activity_submit(activity=activity, acting_user=approver)
    with pytest.raises(FourEyesRefused):
        services.activity_approve(activity=activity, acting_user=approver)
    activity.refresh_from_db()
    assert activity.status == Status.SUBMITTED


def test_editing_an_approved_entry_reopens_it_as_a_new_revision(world, people):
    pair = record_submit(
        record=_entry("twinning_review", world, people.post_clerk), acting_user=people.post_clerk
    )
    record_approve(record=pair, acting_user=people.province_approver)
    pair.refresh_from_db()
    pair = services.twinning_update(pair=pair, acting_user=people.post_clerk, notes="v2")
    pair.refresh_from_db()
    assert (pair.record_status, pair.revision, pair.notes) == (Status.DRAFT, 2, "v2")
    assert pair.approved_by is None
    assert _actions(pair)[:2] == ["twinningpair.update", "twinningpair.reopen"]


def test_a_submitted_entry_cannot_be_edited(world, people):
    pair = record_submit(
        record=_entry("twinning_review", world, people.post_clerk), acting_user=people.post_clerk
    )
    with pytest.raises(ValidationError, match="waiting for approval"):
        services.twinning_update(pair=pair, acting_user=people.post_clerk, notes="late")
    pair.refresh_from_db()
    assert pair.notes == ""


def test_reopen_needs_edit_rights(world, people):
    pair = record_submit(
        record=_entry("twinning_review", world, people.post_clerk), acting_user=people.post_clerk
    )
    pair = record_approve(record=pair, acting_user=people.province_approver)
    with pytest.raises(PermissionDenied):
        record_reopen(record=pair, acting_user=people.post_viewer)
    pair = record_reopen(record=pair, acting_user=people.post_clerk)
    assert (pair.record_status, pair.revision) == (Status.DRAFT, 2)


def test_viewer_can_neither_submit_nor_approve(world, people):
    pair = _entry("twinning_review", world, people.post_clerk)
    with pytest.raises(PermissionDenied):
        record_submit(record=pair, acting_user=people.post_viewer)
    pair = record_submit(record=pair, acting_user=people.post_clerk)
    with pytest.raises(PermissionDenied):
        record_approve(record=pair, acting_user=people.post_viewer)


def test_bulk_approve_approves_what_it_may_and_names_the_rest(world, people):
    """Each record is approved in its own transaction with its own audit row; a record
    the approver created is refused with the four-eyes reason and stays submitted."""
    approver = people.province_approver
    mine = record_submit(
        record=_entry("facility_inauguration", world, approver), acting_user=approver
    )
    theirs = [
        record_submit(record=_entry(k, world, people.post_clerk), acting_user=people.post_clerk)
        for k in ("twinning_review", "agreement")
    ]
    result = records_bulk_approve(records=[*theirs, mine], acting_user=approver)
    assert [o.pk for o in result.approved] == [o.pk for o in theirs]
    assert [(o.pk, "four-eyes" in reason) for o, reason in result.refused] == [(mine.pk, True)]
    mine.refresh_from_db()
    assert mine.record_status == Status.SUBMITTED
    for obj in theirs:
        obj.refresh_from_db()
        assert obj.record_status == Status.APPROVED
        assert _actions(obj)[0].endswith(".approve")


# --- approved-only totals -----------------------------------------------------------------


def _request(user, code: str, *, approved_only: bool) -> ProviderRequest:
    indicator = next(i for i in INDICATORS if i.code == code)
    period = Period(dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    return ProviderRequest(user, indicator, TotalsQuery(period, approved_only=approved_only))


def _count(cells) -> int:
    return int(sum(cell.value for cell in cells.values()))


def test_approved_only_totals_count_an_approved_pair_and_not_a_draft(world, people):
    approved = _entry("twinning_review", world, people.post_clerk)
    record_submit(record=approved, acting_user=people.post_clerk)
    record_approve(record=approved, acting_user=people.province_approver)
    _entry("twinning_review", world, people.post_clerk)  # a draft
    assert TwinningPair.objects.count() == 2
    reader = people.national_approver
    only = twinning_provider(_request(reader, "twinning_pairs_post", approved_only=True))
    every = twinning_provider(_request(reader, "twinning_pairs_post", approved_only=False))
    assert (_count(only), _count(every)) == (1, 2)


def test_approved_only_totals_skip_a_draft_agreement(world, people):
    _entry("agreement", world, people.post_clerk)
    request = _request(people.national_approver, "agreements_in_force", approved_only=True)
    assert _count(agreements_provider(request)) == 0
    agreement = _entry("agreement", world, people.post_clerk)
    record_submit(record=agreement, acting_user=people.post_clerk)
    record_approve(record=agreement, acting_user=people.province_approver)
    assert _count(agreements_provider(request)) == 1
