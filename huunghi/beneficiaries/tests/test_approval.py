"""Pupil enrolments in the approval chain: submitted by the sponsoring post, approved by
the province above it (which counts pupils but never sees their names), counted in
approved-only totals only once approved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.beneficiaries import services
from huunghi.beneficiaries.tests.helpers import make_pupil, pay
from huunghi.core.models import Status
from huunghi.core.testing import user_with_role
from huunghi.core.workflow import FourEyesRefused
from huunghi.records.services.workflow import record_approve, record_return, record_submit
from huunghi.reports.engine import TotalsQuery
from huunghi.reports.indicators import INDICATORS
from huunghi.reports.periods import Period
from huunghi.reports.providers import ProviderRequest
from huunghi.reports.pupil_sources import payments_provider, pupils_provider

D = dt.date
NAME = "[DEMO] Trần Văn Bình"


@pytest.fixture
def roles(world):
    return {
        "clerk": user_with_role(Role.CLERK, world.post_xa_mat, username="post_clerk"),
        "post_approver": user_with_role(Role.APPROVER, world.post_xa_mat, username="post_appr"),
        "province_approver": user_with_role(
            Role.APPROVER, world.bdbp_tay_ninh, username="prov_appr"
        ),
    }


def _pupil(world, roles):
    return services.pupil_create(
        unit=world.post_xa_mat,
        full_name=NAME,
        sex="male",
        birth_year=2014,
        nationality="VN",
        school_name="[DEMO] School",
        start_date=D(2024, 9, 1),
        acting_user=roles["clerk"],
    )


def test_post_clerk_submits_and_province_approves(world, roles):
    pupil = _pupil(world, roles)
    assert (pupil.record_status, pupil.created_by) == (Status.DRAFT, roles["clerk"])
    pupil = record_submit(record=pupil, acting_user=roles["clerk"])
    pupil = record_approve(record=pupil, acting_user=roles["province_approver"])
    assert pupil.record_status == Status.APPROVED


def test_clerk_and_same_unit_approver_cannot_decide(world, roles):
    pupil = record_submit(record=_pupil(world, roles), acting_user=roles["clerk"])
    for who in ("clerk", "post_approver"):
        with pytest.raises(PermissionDenied):
            record_approve(record=pupil, acting_user=roles[who])
        with pytest.raises(PermissionDenied):
            record_return(record=pupil, acting_user=roles[who], reason="no")
    pupil = record_return(record=pupil, acting_user=roles["province_approver"], reason="Birth?")
    assert (pupil.record_status, pupil.return_reason) == (Status.RETURNED, "Birth?")


def test_creator_may_not_approve_their_own_pupil(world, roles):
    """The province approver enters a pupil for the post below and submits it: refused."""
    approver = roles["province_approver"]
    pupil = make_pupil(world.post_xa_mat)
    pupil.created_by = approver
    pupil.save(update_fields=["created_by"])
    pupil = record_submit(record=pupil, acting_user=roles["clerk"])
    with pytest.raises(FourEyesRefused):
        record_approve(record=pupil, acting_user=approver)


def test_changing_an_approved_pupil_reopens_it_and_a_submitted_one_is_locked(world, roles):
    pupil = record_submit(record=_pupil(world, roles), acting_user=roles["clerk"])
    with pytest.raises(ValidationError):
        services.pupil_update(pupil=pupil, acting_user=roles["clerk"], changes={"hamlet": "x"})
    record_approve(record=pupil, acting_user=roles["province_approver"])
    services.pupil_update(pupil=pupil, acting_user=roles["clerk"], changes={"hamlet": "Ấp 3"})
    pupil.refresh_from_db()
    assert (pupil.record_status, pupil.revision, pupil.hamlet) == (Status.DRAFT, 2, "Ấp 3")


def _total(provider, user, code: str, *, approved_only: bool) -> int:
    indicator = next(i for i in INDICATORS if i.code == code)
    query = TotalsQuery(Period(D(2024, 9, 1), D(2025, 1, 1)), approved_only=approved_only)
    return int(sum(c.value for c in provider(ProviderRequest(user, indicator, query)).values()))


def test_approved_only_totals_count_approved_pupils_and_their_payments(world, roles):
    pupil = _pupil(world, roles)
    pay(pupil, D(2024, 9, 1))
    reader = roles["province_approver"]
    args = (reader, "pupils_supported_vn")
    assert _total(pupils_provider, *args, approved_only=False) == 1
    assert _total(pupils_provider, *args, approved_only=True) == 0
    paid = (reader, "pupil_payments_vnd")
    assert _total(payments_provider, *paid, approved_only=True) == 0
    record_submit(record=pupil, acting_user=roles["clerk"])
    record_approve(record=pupil, acting_user=reader)
    assert _total(pupils_provider, *args, approved_only=True) == 1
    assert _total(payments_provider, *paid, approved_only=True) == 500_000


def test_approvals_page_lists_the_pupil_without_its_name(world, roles, settings):
    """The province approver sees "Pupil #n" with its unit, approves it from the list,
    and the page never shows the name or links to the pupil's page."""
    settings.LANGUAGE_CODE = "en"
    pupil = record_submit(record=_pupil(world, roles), acting_user=roles["clerk"])
    client = Client()
    client.force_login(roles["province_approver"])
    page = client.get(reverse("records:approvals")).content.decode()
    assert f"Pupil #{pupil.pk}" in page
    assert "Bình" not in page
    assert reverse("beneficiaries:detail", args=[pupil.pk]) not in page
    client.post(reverse("records:approvals_bulk"), {"items": [f"pupil:{pupil.pk}"]})
    pupil.refresh_from_db()
    assert pupil.record_status == Status.APPROVED
