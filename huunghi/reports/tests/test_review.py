"""The review report: Decree 30 header, totals, chart; DOCX, PDF and XLSX; background job."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from huunghi.accounts.models import Role
from huunghi.reports.models import JobStatus, ReportJob
from huunghi.reports.periods import Period
from huunghi.reports.review import build_review
from huunghi.reports.review.content import vietnamese_date

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
ISSUED = dt.date(2026, 2, 5)


def review(story, fmt, *, approved_only=True, user=None):
    w = story.world
    user = user or w.user(Role.APPROVER, w.bdbp_tay_ninh)
    return build_review(
        user=user,
        unit=w.bdbp_tay_ninh,
        period=Period.year(2024),
        fmt=fmt,
        review_kind="interim",
        approved_only=approved_only,
        issued_on=ISSUED,
    )


def test_decree_30_date_line():
    assert vietnamese_date(dt.date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert vietnamese_date(dt.date(2025, 10, 12)) == "ngày 12 tháng 10 năm 2025"
    assert vietnamese_date(dt.date(2025, 3, 9)) == "ngày 09 tháng 3 năm 2025"


def test_docx_has_the_official_header_and_totals(story):
    document = Document(io.BytesIO(review(story, "docx").content))
    left, right = document.tables[0].rows[0].cells
    left_lines = [p.text for p in left.paragraphs if p.text.strip("—")]
    right_lines = [p.text for p in right.paragraphs if p.text.strip("—")]
    assert left_lines[:2] == ["BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG", "BĐBP TỈNH TÂY NINH"]
    assert left_lines[2].startswith("Số:") and left_lines[2].endswith("/BC-BĐBP")
    assert right_lines[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    date_line = next(p for p in right.paragraphs if p.text.startswith("Tây Ninh"))
    assert date_line.text == "Tây Ninh, ngày 05 tháng 02 năm 2026"
    assert all(run.italic for run in date_line.runs)
    title = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and title.alignment == 1
    assert any(p.text == "Sơ kết công tác đối ngoại quốc phòng" for p in document.paragraphs)
    section = document.sections[0]
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert (round(section.top_margin.mm), round(section.bottom_margin.mm)) == (20, 20)
    assert round(section.page_width.mm) == 210
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14
    totals = [row.cells[3].text for row in document.tables[1].rows[1:]]
    assert totals[0] == "3", "approved activities of Tây Ninh's subtree in 2024"
    assert "150" in totals
    assert "262.000.000" in totals
    assert document.inline_shapes, "the chart is embedded"


def test_docx_of_all_records_keeps_qualifiers(story):
    document = Document(io.BytesIO(review(story, "docx", approved_only=False).content))
    values = [row.cells[3].text for row in document.tables[1].rows[1:]]
    assert values[0] == "4"
    assert any(v.endswith(" 200") and not v[0].isdigit() for v in values), values


def test_pdf_first_page_is_not_blank(story, tmp_path: Path):
    pdf = review(story, "pdf").content
    assert pdf.startswith(b"%PDF")
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(source)], capture_output=True, text=True, check=True)  # noqa: S603, S607
    serif = [line for line in fonts.stdout.splitlines() if "Liberation-Serif" in line]
    assert serif and all(" yes " in line for line in serif), "Liberation Serif is embedded"
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(source), str(tmp_path / "p")],  # noqa: S607
        check=True,
    )
    [page] = list(tmp_path.glob("p*.png"))
    image = Image.open(page).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 500, "the first page has text on it"
    text = subprocess.run(["pdftotext", str(source), "-"], capture_output=True, text=True)  # noqa: S603, S607
    if text.returncode == 0:
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text.stdout


def test_xlsx_holds_the_totals(story):
    workbook = load_workbook(io.BytesIO(review(story, "xlsx").content))
    sheet = workbook.worksheets[0]
    assert sheet["C1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    values = [
        row[3] for row in sheet.iter_rows(min_row=11, values_only=True) if isinstance(row[0], int)
    ]
    assert values[0] == 3


def test_counterpart_review_holds_only_what_they_see(story):
    """A report asked by another province's approver about Tây Ninh has no records."""
    w = story.world
    other = w.user(Role.APPROVER, w.bdbp_dong_nai)
    document = Document(io.BytesIO(review(story, "docx", user=other).content))
    assert document.tables[1].rows[1].cells[3].text == "chưa ghi nhận"


@override_settings(TASKS=IMMEDIATE)
def test_job_runs_in_the_background_and_is_downloadable_by_those_who_may(
    story, client, django_capture_on_commit_callbacks
):
    w = story.world
    approver = w.user(Role.APPROVER, w.bdbp_tay_ninh)
    client.force_login(approver)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:review"),
            {
                "unit": w.bdbp_tay_ninh.pk,
                "review_kind": "final",
                "date_from": "2024-01-01",
                "date_to": "2024-12-31",
                "format": "docx",
                "approved_only": "on",
            },
        )
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    assert (job.status, job.progress) == (JobStatus.DONE, 100)
    page = client.get(reverse("reports:job", args=[job.pk]))
    assert page.status_code == 200 and reverse("reports:job_download", args=[job.pk]) in page.text
    download = client.get(reverse("reports:job_download", args=[job.pk]))
    assert download.status_code == 200
    assert Document(io.BytesIO(b"".join(download.streaming_content))).tables
    national = w.user(Role.VIEWER, w.national)
    client.force_login(national)
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 200
    for outsider in (w.user(Role.APPROVER, w.bdbp_dong_nai), w.user(Role.VIEWER, w.kh_svay_rieng)):
        client.force_login(outsider)
        assert client.get(reverse("reports:job", args=[job.pk])).status_code == 404
        assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404


def test_nobody_asks_for_a_report_on_a_unit_they_cannot_see(story, client):
    w = story.world
    client.force_login(w.user(Role.APPROVER, w.bdbp_dong_nai))
    response = client.post(
        reverse("reports:review"),
        {
            "unit": w.bdbp_tay_ninh.pk,
            "review_kind": "final",
            "date_from": "2024-01-01",
            "date_to": "2024-12-31",
            "format": "docx",
        },
    )
    assert response.status_code == 200
    assert not ReportJob.objects.exists()
