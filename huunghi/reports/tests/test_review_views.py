"""Pages of the signed review report, one test per role: who drafts, edits, issues,
downloads; a counterpart sees only its own unit's reports; 404 outside scope."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from huunghi.accounts.models import Role
from huunghi.reports import services
from huunghi.reports.models import IssuedReport

pytestmark = pytest.mark.django_db
PERIOD = {"date_from": "2024-01-01", "date_to": "2024-12-31", "review_kind": "interim"}


def make_draft(w, unit=None, user=None):
    unit = unit or w.bdbp_tay_ninh
    return services.issued_report_create(
        acting_user=user or w.user(Role.CLERK, unit),
        unit=unit,
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31),
        review_kind="interim",
        language="vi",
    )


def make_issued(w, unit=None):
    unit = unit or w.bdbp_tay_ninh
    return services.issued_report_issue(
        report=make_draft(w, unit), acting_user=w.user(Role.APPROVER, unit)
    )


def urls(report):
    return {
        "detail": reverse("reports:signed_detail", args=[report.pk]),
        "issue": reverse("reports:signed_issue", args=[report.pk]),
        "new": reverse("reports:signed_new", args=[report.pk]),
        "docx": reverse("reports:signed_file", args=[report.pk, "docx"]),
        "xlsx": reverse("reports:signed_file", args=[report.pk, "xlsx"]),
    }


def test_clerk_drafts_and_types_the_text_but_cannot_issue(story, client):
    w = story.world
    client.force_login(w.user(Role.CLERK, w.bdbp_tay_ninh))
    page = client.get(reverse("reports:signed_list"))
    assert page.status_code == 200 and 'name="date_from"' in page.text
    response = client.post(reverse("reports:signed_list"), {"unit": w.bdbp_tay_ninh.pk, **PERIOD})
    report = IssuedReport.objects.get()
    assert response["Location"] == urls(report)["detail"]
    assert (report.version, report.status, report.language) == (1, "draft", "en")
    saved = client.post(
        urls(report)["detail"],
        {"situation": "Stable border.", "signer_rank": "Colonel", "signer_name": "Le Van B"},
    )
    assert saved.status_code == 302
    report.refresh_from_db()
    assert (report.situation, report.signer_name) == ("Stable border.", "Le Van B")
    page = client.get(urls(report)["detail"])
    assert "Stable border." in page.text and urls(report)["issue"] not in page.text
    assert client.post(urls(report)["issue"]).status_code == 403
    report.refresh_from_db()
    assert report.status == "draft"
    draft_file = client.get(urls(report)["docx"])
    assert draft_file.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(draft_file.content)).paragraphs)
    assert "Stable border." in text and "DRAFT" in text


def test_bad_period_names_the_field_and_writes_nothing(story, client):
    w = story.world
    client.force_login(w.user(Role.CLERK, w.bdbp_tay_ninh))
    response = client.post(
        reverse("reports:signed_list"),
        {"unit": w.bdbp_tay_ninh.pk, **PERIOD, "date_to": "2023-01-01"},
    )
    assert response.status_code == 200 and "The end date is before the start date." in response.text
    assert not IssuedReport.objects.exists()


def test_approver_issues_and_the_text_is_frozen(story, client):
    w = story.world
    report = make_draft(w)
    client.force_login(w.user(Role.APPROVER, w.bdbp_tay_ninh))
    page = client.get(urls(report)["detail"])
    assert urls(report)["issue"] in page.text
    assert client.post(urls(report)["issue"]).status_code == 302
    report.refresh_from_db()
    assert report.is_issued and report.snapshot["narrative"] is not None
    page = client.get(urls(report)["detail"])
    assert 'name="situation"' not in page.text and urls(report)["new"] in page.text
    assert client.post(urls(report)["detail"], {"situation": "late"}).status_code == 404
    report.refresh_from_db()
    assert report.situation == ""
    first = client.get(urls(report)["xlsx"]).content
    assert first == client.get(urls(report)["xlsx"]).content
    again = client.post(urls(report)["issue"])
    assert again.status_code == 302
    new = client.post(urls(report)["new"])
    assert IssuedReport.objects.filter(version=2, status="draft").count() == 1
    assert new["Location"] == urls(IssuedReport.objects.get(version=2))["detail"]


def test_viewer_reads_and_downloads_issued_versions_only(story, client):
    w = story.world
    issued, pending = make_issued(w), make_draft(w)
    client.force_login(w.user(Role.VIEWER, w.bdbp_tay_ninh))
    listing = client.get(reverse("reports:signed_list"))
    assert urls(issued)["detail"] in listing.text and urls(pending)["detail"] not in listing.text
    assert 'name="date_from"' not in listing.text, "a viewer cannot draft"
    assert client.get(urls(issued)["docx"]).status_code == 200
    assert client.get(urls(pending)["detail"]).status_code == 404
    assert client.get(urls(pending)["docx"]).status_code == 404
    assert client.post(urls(issued)["new"]).status_code == 403


def test_another_units_approver_gets_404_everywhere(story, client):
    w = story.world
    issued, pending = make_issued(w), make_draft(w)
    client.force_login(w.user(Role.APPROVER, w.bdbp_dong_nai))
    for report in (issued, pending):
        for name in ("detail", "docx", "xlsx"):
            assert client.get(urls(report)[name]).status_code == 404, name
        assert client.post(urls(report)["issue"]).status_code == 404
        assert client.post(urls(report)["new"]).status_code == 404
    assert client.get(reverse("reports:signed_detail", args=[999999])).status_code == 404
    pending.refresh_from_db()
    assert pending.status == "draft"


def test_counterpart_sees_only_its_own_units_reports(story, client):
    w = story.world
    theirs, ours = make_issued(w, w.kh_svay_rieng), make_issued(w)
    client.force_login(w.user(Role.VIEWER, w.kh_svay_rieng))
    listing = client.get(reverse("reports:signed_list"))
    assert urls(theirs)["detail"] in listing.text and urls(ours)["detail"] not in listing.text
    assert client.get(urls(theirs)["docx"]).status_code == 200
    assert client.get(urls(ours)["detail"]).status_code == 404
    assert client.get(urls(ours)["docx"]).status_code == 404


def test_unknown_format_is_404(story, client):
    w = story.world
    issued = make_issued(w)
    client.force_login(w.user(Role.VIEWER, w.bdbp_tay_ninh))
    assert client.get(reverse("reports:signed_file", args=[issued.pk, "odt"])).status_code == 404


def test_anonymous_is_sent_to_login(story, client):
    response = client.get(reverse("reports:signed_list"))
    assert response.status_code == 302 and "login" in response["Location"]
