"""Issuing a review report: drafting, typed text until issue, frozen snapshot,
byte-identical re-rendering, new versions, audit, and who may do what."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document
from openpyxl import load_workbook

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.records.models import ActivityKind, Measure, Status
from huunghi.reports import selectors, services
from huunghi.reports.review.issued import report_file
from huunghi.reports.tests.factories import EXACT, make_activity

pytestmark = pytest.mark.django_db


def draft(story, user=None, **extra):
    w = story.world
    return services.issued_report_create(
        acting_user=user or w.user(Role.CLERK, w.bdbp_tay_ninh),
        unit=w.bdbp_tay_ninh,
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31),
        review_kind="interim",
        language=extra.pop("language", "vi"),
        **extra,
    )


def people_examined(content) -> str:
    document = Document(io.BytesIO(content))
    for row in document.tables[1].rows:
        if row.cells[1].text == "Số người được khám bệnh miễn phí":
            return row.cells[3].text
    raise AssertionError("no people-examined row")


def all_text(content: bytes) -> str:
    """Paragraphs and table cells of a DOCX."""
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


@pytest.fixture
def issued(story):
    w = story.world
    report = draft(story)
    report = services.issued_report_update(
        report=report,
        acting_user=w.user(Role.CLERK, w.bdbp_tay_ninh),
        situation="Tình hình biên giới ổn định.",
        shortcomings="Một số số liệu còn chậm.",
        lessons="Phối hợp chặt chẽ.",
        next_steps="Tiếp tục kết nghĩa.",
        signer_title="Chỉ huy trưởng",
        signer_rank="Đại tá",
        signer_name="Nguyễn Văn A",
        recipients="BTL BĐBP;\nLưu: VT.",
        document_number="15/BC-BĐBP",
    )
    approver = w.user(Role.APPROVER, w.bdbp_tay_ninh)
    return services.issued_report_issue(report=report, acting_user=approver)


def test_a_draft_takes_the_next_version_and_the_requesters_language(story):
    first = draft(story, language="km-kh")
    second = draft(story)
    assert (first.version, second.version, first.language) == (1, 2, "km")
    assert AuditEvent.objects.filter(action="issuedreport.create").count() == 2


def test_narrative_is_editable_until_issued_and_not_after(story, issued):
    w = story.world
    assert issued.is_issued and issued.issued_at is not None
    text = all_text(report_file(issued, user=None, fmt="docx").content)
    for typed in ("Tình hình biên giới ổn định.", "Phối hợp chặt chẽ.", "Tiếp tục kết nghĩa."):
        assert typed in text
    assert "Đại tá Nguyễn Văn A" in text and "CHỈ HUY TRƯỞNG" in text and "Số: 15/BC-BĐBP" in text
    assert "DỰ THẢO" not in text
    with pytest.raises(ValidationError):
        services.issued_report_update(
            report=issued,
            acting_user=w.user(Role.CLERK, w.bdbp_tay_ninh),
            situation="changed",
        )
    issued.refresh_from_db()
    assert issued.situation == "Tình hình biên giới ổn định."
    assert issued.snapshot["narrative"]["situation"] == "Tình hình biên giới ổn định."
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"issuedreport.create", "issuedreport.update", "issuedreport.issue"} <= actions


def test_an_issued_report_renders_to_the_same_bytes(issued):
    """DOCX, XLSX and PDF rendered again later are byte-identical to those at issue."""
    for fmt in ("docx", "xlsx", "pdf"):
        first = report_file(issued, user=None, fmt=fmt).content
        second = report_file(issued, user=None, fmt=fmt).content
        assert first == second, fmt
        assert hashlib.sha256(first).hexdigest() == issued.digests[fmt], fmt
    document = Document(io.BytesIO(report_file(issued, user=None, fmt="docx").content))
    assert document.core_properties.author == "BĐBP tỉnh Tây Ninh"
    assert document.core_properties.created.replace(tzinfo=dt.UTC) == issued.issued_at
    workbook = load_workbook(io.BytesIO(report_file(issued, user=None, fmt="xlsx").content))
    assert workbook.properties.creator == "BĐBP tỉnh Tây Ninh"


def test_a_record_changed_after_issue_shows_only_in_a_new_version(story, issued):
    w = story.world
    before = report_file(issued, user=None, fmt="docx").content
    assert people_examined(before) == "150"
    make_activity(
        unit=w.post_xa_mat,
        start=dt.date(2024, 6, 1),
        place=w.tay_ninh,
        kind=ActivityKind.MEDICAL_OUTREACH,
        quantities=[(Measure.PEOPLE_EXAMINED, 40, EXACT)],
        status=Status.APPROVED,
    )
    issued.refresh_from_db()
    assert report_file(issued, user=None, fmt="docx").content == before
    approver = w.user(Role.APPROVER, w.bdbp_tay_ninh)
    second = draft(story, user=approver)
    assert second.version == 2 and second.situation == "Tình hình biên giới ổn định."
    assert people_examined(report_file(second, user=approver, fmt="docx").content) == "190"
    second = services.issued_report_issue(report=second, acting_user=approver)
    assert people_examined(report_file(second, user=None, fmt="docx").content) == "190"
    assert people_examined(report_file(issued, user=None, fmt="docx").content) == "150"


@pytest.mark.parametrize(
    ("role", "at", "may_draft", "may_issue"),
    [
        (Role.VIEWER, "bdbp_tay_ninh", False, False),
        (Role.CLERK, "bdbp_tay_ninh", True, False),
        (Role.APPROVER, "bdbp_tay_ninh", True, True),
        (Role.UNIT_ADMIN, "bdbp_tay_ninh", True, True),
        (Role.APPROVER, "national", True, True),
        (Role.APPROVER, "bdbp_dong_nai", False, False),
        (Role.APPROVER, "post_xa_mat", False, False),
    ],
)
def test_who_may_draft_and_issue(story, role, at, may_draft, may_issue):
    w = story.world
    user = w.user(role, getattr(w, at))
    if may_draft:
        draft(story, user=user)
    else:
        with pytest.raises(PermissionDenied):
            draft(story, user=user)
    report = draft(story)
    if may_issue:
        assert services.issued_report_issue(report=report, acting_user=user).is_issued
    else:
        with pytest.raises(PermissionDenied):
            services.issued_report_issue(report=report, acting_user=user)
        report.refresh_from_db()
        assert not report.is_issued and report.snapshot == {}


def test_selectors_keep_drafts_to_editors_and_issued_reports_to_viewers(story, issued):
    w = story.world
    pending = draft(story)
    visible = {
        "tn_viewer": w.user(Role.VIEWER, w.bdbp_tay_ninh),
        "tn_clerk": w.user(Role.CLERK, w.bdbp_tay_ninh),
        "national_viewer": w.user(Role.VIEWER, w.national),
        "dn_approver": w.user(Role.APPROVER, w.bdbp_dong_nai),
        "kh_viewer": w.user(Role.VIEWER, w.kh_svay_rieng),
    }
    seen = {
        name: set(selectors.issued_reports(user=user).values_list("pk", flat=True))
        for name, user in visible.items()
    }
    assert seen["tn_viewer"] == {issued.pk}
    assert seen["tn_clerk"] == {issued.pk, pending.pk}
    assert seen["national_viewer"] == {issued.pk}
    assert seen["dn_approver"] == set() and seen["kh_viewer"] == set()
