"""Each remains step — excavation, identification (remains set), handover, reburial —
goes through the approval chain on the services themselves, and approved-only totals
count only approved excavations and handovers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.core.actors import SYSTEM
from huunghi.core.models import Status
from huunghi.core.testing import user_with_role
from huunghi.core.workflow import FourEyesRefused
from huunghi.records.services.workflow import record_approve, record_return, record_submit
from huunghi.remains import services
from huunghi.remains.tests.conftest import make_chain
from huunghi.reports.engine import TotalsQuery
from huunghi.reports.indicators import INDICATORS
from huunghi.reports.periods import Period
from huunghi.reports.providers import ProviderRequest
from huunghi.reports.remains_sources import remains_provider

D = dt.date


@pytest.fixture
def roles(rw):
    """A K71 clerk, an approver at K71 itself, at the 515 committee above it, and in the
    other province."""
    return {
        "clerk": user_with_role(Role.CLERK, rw.k71, username="k71_clerk"),
        "team_approver": user_with_role(Role.APPROVER, rw.k71, username="k71_approver"),
        "committee_approver": user_with_role(Role.APPROVER, rw.bcd515, username="bcd_approver"),
        "province_approver": user_with_role(Role.APPROVER, rw.tay_ninh, username="tn_approver"),
        "other_approver": user_with_role(Role.APPROVER, rw.dong_nai, username="dn_approver"),
    }


def _steps(rw):
    """An excavation and set of K71, and a handover and reburial of the 515 committee."""
    _, _, excavation, sets = make_chain(rw, rw.k71, recovered=1, sets=(1,))
    handover = services.handover_create(
        unit=rw.bcd515,
        held_on=D(2025, 1, 20),
        kh_province=rw.svay_rieng,
        vn_province=rw.tay_ninh_place,
        remains_count=1,
        sets=sets,
        acting_user=SYSTEM,
    )
    reburial = services.reburial_create(
        unit=rw.bcd515,
        held_on=D(2025, 1, 25),
        cemetery_name="[DEMO] cemetery",
        place=rw.tay_ninh_place,
        sets=sets,
        acting_user=SYSTEM,
    )
    return {"excavation": excavation, "set": sets[0], "handover": handover, "reburial": reburial}


def _clerk_and_approver(step: str, roles):
    """Who enters and who approves: the team's steps by the committee above the team,
    the committee's ceremonies by the provincial command above the committee."""
    if step in ("excavation", "set"):
        return roles["clerk"], roles["committee_approver"]
    return roles["committee_approver"], roles["province_approver"]


@pytest.mark.parametrize("step", ["excavation", "set", "handover", "reburial"])
def test_each_step_is_submitted_approved_and_audited(step, rw, roles):
    obj = _steps(rw)[step]
    clerk, approver = _clerk_and_approver(step, roles)
    assert obj.record_status == Status.DRAFT
    obj = record_submit(record=obj, acting_user=clerk)
    obj = record_approve(record=obj, acting_user=approver)
    obj.refresh_from_db()
    assert (obj.record_status, obj.approved_by) == (Status.APPROVED, approver)
    actions = AuditEvent.objects.filter(target_id=str(obj.pk), action__endswith=".approve")
    assert actions.get().unit_id == (rw.k71.pk if step in ("excavation", "set") else rw.bcd515.pk)


@pytest.mark.parametrize("step", ["excavation", "set", "handover", "reburial"])
def test_return_by_a_non_approver_is_refused_in_the_service(step, rw, roles):
    obj = _steps(rw)[step]
    clerk, approver = _clerk_and_approver(step, roles)
    obj = record_submit(record=obj, acting_user=clerk)
    with pytest.raises(PermissionDenied):
        record_return(record=obj, acting_user=clerk, reason="not mine to judge")
    obj = record_return(record=obj, acting_user=approver, reason="Check the date")
    assert (obj.record_status, obj.return_reason) == (Status.RETURNED, "Check the date")


def test_an_approver_of_the_same_team_is_not_a_strict_ancestor(rw, roles):
    excavation = record_submit(record=_steps(rw)["excavation"], acting_user=roles["clerk"])
    for who in ("team_approver", "other_approver"):
        with pytest.raises(PermissionDenied):
            record_approve(record=excavation, acting_user=roles[who])
        with pytest.raises(PermissionDenied):
            record_return(record=excavation, acting_user=roles[who], reason="no")


def test_the_last_editor_may_not_approve(rw, roles):
    """The committee approver corrects the excavation count, so someone else approves."""
    excavation = _steps(rw)["excavation"]
    approver = roles["committee_approver"]
    excavation = services.excavation_update(
        excavation=excavation, acting_user=approver, changes={"recovered_count": 2}
    )
    excavation = record_submit(record=excavation, acting_user=roles["clerk"])
    with pytest.raises(FourEyesRefused):
        record_approve(record=excavation, acting_user=approver)
    record_approve(record=excavation, acting_user=roles["province_approver"])


def test_changing_an_approved_set_reopens_it(rw, roles):
    remains_set = record_submit(record=_steps(rw)["set"], acting_user=roles["clerk"])
    record_approve(record=remains_set, acting_user=roles["committee_approver"])
    remains_set = services.set_update(
        remains_set=remains_set, acting_user=roles["clerk"], changes={"identification": "partial"}
    )
    remains_set.refresh_from_db()
    assert (remains_set.record_status, remains_set.revision) == (Status.DRAFT, 2)


def test_a_submitted_excavation_cannot_be_changed(rw, roles):
    excavation = record_submit(record=_steps(rw)["excavation"], acting_user=roles["clerk"])
    with pytest.raises(ValidationError):
        services.excavation_update(
            excavation=excavation, acting_user=roles["clerk"], changes={"recovered_count": 5}
        )


def _total(user, stage: str, *, approved_only: bool) -> int:
    code = "remains_repatriated" if stage == "repatriated" else "remains_recovered"
    indicator = next(i for i in INDICATORS if i.code == code)
    query = TotalsQuery(Period(D(2024, 7, 1), D(2025, 7, 1)), approved_only=approved_only)
    cells = remains_provider(ProviderRequest(user, indicator, query))
    return int(sum(c.value for c in cells.values()))


def test_approved_only_totals_count_approved_steps_only(rw, roles):
    steps = _steps(rw)
    reader = roles["province_approver"]
    assert _total(reader, "recovered", approved_only=False) == 1
    assert _total(reader, "recovered", approved_only=True) == 0
    assert _total(reader, "repatriated", approved_only=True) == 0
    record_submit(record=steps["excavation"], acting_user=roles["clerk"])
    record_approve(record=steps["excavation"], acting_user=roles["committee_approver"])
    record_submit(record=steps["handover"], acting_user=roles["committee_approver"])
    record_approve(record=steps["handover"], acting_user=roles["province_approver"])
    assert _total(reader, "recovered", approved_only=True) == 1
    assert _total(reader, "repatriated", approved_only=True) == 1
