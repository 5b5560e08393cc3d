"""The data pages: upload, preview, confirmation, and jobs visible to their owner only."""

from __future__ import annotations

from typing import Any

from django.test import Client

from huunghi.accounts.models import Role
from huunghi.core.testing import World
from huunghi.dataio.kinds import data_kind
from huunghi.dataio.models import ImportStatus
from huunghi.dataio.selectors import import_jobs
from huunghi.dataio.tests.helpers import headers, xlsx
from huunghi.dataio.tests.test_imports import KEYS, KIND, rows
from huunghi.records.models import Activity


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_index_lists_templates_and_offers_upload_to_editors(world: World, clerk: Any) -> None:
    page = _client(clerk).get("/data/")
    assert page.status_code == 200
    assert b"/data/templates/activities:aid.xlsx" in page.content
    assert b'enctype="multipart/form-data"' in page.content
    viewer = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    page = _client(viewer).get("/data/")
    assert b'enctype="multipart/form-data"' not in page.content


def test_upload_preview_confirm(world: World, clerk: Any) -> None:
    client = _client(clerk)
    upload = xlsx(headers(KIND, KEYS), rows(world, 2))
    response = client.post("/data/import/", {"kind": KIND, "file": upload})
    assert response.status_code == 302
    job = import_jobs(user=clerk).get()
    assert response["Location"] == f"/data/import/{job.pk}/"
    page = client.get(response["Location"])
    assert b"Import these rows" in page.content
    assert "Trồng cây 0".encode() in page.content
    status = client.get(f"/data/import/{job.pk}/status/")
    assert status.status_code == 200 and b"hx-trigger" not in status.content
    client.post(f"/data/import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert Activity.objects.count() == 2


def test_errors_are_shown_by_row_and_column(world: World, clerk: Any) -> None:
    body = rows(world, 2)
    body[1][KEYS.index("start_date")] = "not a date"
    client = _client(clerk)
    response = client.post("/data/import/", {"kind": KIND, "file": xlsx(headers(KIND, KEYS), body)})
    page = client.get(response["Location"])
    assert b"Row 3, column Start date: Enter a date such as 31/12/2024." in page.content
    assert b"Import these rows" not in page.content


def test_viewers_cannot_upload(world: World) -> None:
    viewer = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    upload = xlsx(headers(KIND, KEYS), rows(world, 1))
    assert _client(viewer).post("/data/import/", {"kind": KIND, "file": upload}).status_code == 403


def test_bad_uploads_are_refused_by_the_form(world: World, clerk: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _client(clerk).post(
        "/data/import/", {"kind": KIND, "file": SimpleUploadedFile("notes.txt", b"hello")}
    )
    assert response.status_code == 400
    assert b"Upload an Excel (.xlsx) or CSV (.csv) file." in response.content


def test_jobs_belong_to_their_owner(world: World, clerk: Any, other_clerk: Any) -> None:
    client = _client(clerk)
    client.post("/data/import/", {"kind": KIND, "file": xlsx(headers(KIND, KEYS), rows(world, 1))})
    job = import_jobs(user=clerk).get()
    stranger = _client(other_clerk)
    assert stranger.get(f"/data/import/{job.pk}/").status_code == 404
    assert stranger.post(f"/data/import/{job.pk}/confirm/").status_code == 404
    job.refresh_from_db()
    assert job.status == ImportStatus.READY


def test_running_jobs_poll_for_progress(world: World, clerk: Any) -> None:
    client = _client(clerk)
    client.post("/data/import/", {"kind": KIND, "file": xlsx(headers(KIND, KEYS), rows(world, 1))})
    job = import_jobs(user=clerk).get()
    job.status = ImportStatus.RUNNING
    job.save(update_fields=["status"])
    page = client.get(f"/data/import/{job.pk}/")
    assert b'hx-trigger="every 2s"' in page.content
    assert b"<progress" in page.content


def test_recent_imports_name_their_kind_in_words(world: World, clerk: Any) -> None:
    """The list of recent imports says what kind of data each is, not its code."""
    client = _client(clerk)
    client.post("/data/import/", {"kind": KIND, "file": xlsx(headers(KIND, KEYS), rows(world, 1))})
    page = client.get("/data/").content.decode()
    job = import_jobs(user=clerk).get()
    label = str(data_kind(KIND).label)
    assert label != KIND
    assert f"<td>{label}</td>" in page
    assert f"<td>{job.kind}</td>" not in page
