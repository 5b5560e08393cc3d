"""The reports services take any actor but act only for a signed-in person: a review
report is asked for, drafted and signed by someone, never by the system or the anonymous."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.core.actors import SYSTEM
from huunghi.reports import services
from huunghi.reports.models import IssuedReport, ReportJob

pytestmark = pytest.mark.django_db

NOT_A_PERSON = pytest.mark.parametrize("actor", [SYSTEM, AnonymousUser()], ids=["system", "anon"])
PERIOD = {"period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 12, 31)}


def _draft(world, actor):
    return services.issued_report_create(
        acting_user=actor, unit=world.bdbp_tay_ninh, review_kind="interim", language="vi", **PERIOD
    )


@NOT_A_PERSON
def test_no_report_job_without_a_person(world, actor):
    with pytest.raises(PermissionDenied):
        services.report_job_create(
            acting_user=actor, unit=world.bdbp_tay_ninh, review_kind="interim", fmt="docx", **PERIOD
        )
    assert not ReportJob.objects.exists()


@NOT_A_PERSON
def test_no_draft_without_a_person(world, actor):
    with pytest.raises(PermissionDenied):
        _draft(world, actor)
    assert not IssuedReport.objects.exists()


@NOT_A_PERSON
def test_no_issue_without_a_person(world, actor):
    """A draft a clerk made stays a draft when the system or the anonymous issues it."""
    report = _draft(world, world.user(Role.CLERK, world.bdbp_tay_ninh))
    audited = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.issued_report_issue(report=report, acting_user=actor)
    report.refresh_from_db()
    assert not report.is_issued and report.issued_by is None
    assert AuditEvent.objects.count() == audited


def test_a_viewer_asks_for_a_report_job(world):
    """The job is the asker's (viewing the unit is enough)."""
    viewer = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    job = services.report_job_create(
        acting_user=viewer, unit=world.bdbp_tay_ninh, review_kind="interim", fmt="docx", **PERIOD
    )
    assert job.requested_by == viewer
