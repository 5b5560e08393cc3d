"""Exports: the template's columns, only what the requester may see, large ones in the
background for the requester alone."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client, override_settings
from openpyxl import load_workbook

from huunghi.accounts.models import Role
from huunghi.beneficiaries.services import pupil_create
from huunghi.core.models import Status
from huunghi.core.testing import World
from huunghi.dataio.kinds import data_kind
from huunghi.dataio.models import ImportStatus
from huunghi.dataio.services import imports
from huunghi.records.models import Activity
from huunghi.records.services.activities import CounterpartIn, QuantityIn, activity_create

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def records(world: World, clerk: Any, other_clerk: Any) -> None:
    """Two records of Xa Mát (one shared with Bavet), one of Hoa Lư."""
    for day, shared in ((1, True), (2, False)):
        activity_create(
            acting_user=clerk,
            kind="tree_planting",
            unit=world.post_xa_mat,
            title=f"Xa Mát {day}",
            start_date=dt.date(2025, 8, day),
            quantities=[QuantityIn("trees", 10 * day, "about")],
            counterparts=[CounterpartIn(world.kh_post_bavet, shared=shared)],
        )
    activity_create(
        acting_user=other_clerk,
        kind="tree_planting",
        unit=world.post_hoa_lu,
        title="Hoa Lư 1",
        start_date=dt.date(2025, 8, 3),
    )


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _xlsx_rows(response: Any) -> list[tuple[Any, ...]]:
    assert response.status_code == 200, response.content[:300]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


def _titles(rows: list[tuple[Any, ...]]) -> set[str]:
    column = rows[0].index("Title *")
    return {row[column] for row in rows[1:]}


def test_export_has_the_template_columns(db: Any, records: None, clerk: Any) -> None:
    rows = _xlsx_rows(_client(clerk).get("/data/export/activities.xlsx"))
    with_language = [c.header() for c in data_kind("activities").columns()]
    assert list(rows[0]) == with_language


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("clerk", {"Xa Mát 1", "Xa Mát 2"}),
        ("other_clerk", {"Hoa Lư 1"}),
        ("province_viewer", {"Xa Mát 1", "Xa Mát 2"}),
        ("kh_viewer", set()),  # shared with the other side, but not yet approved
        ("national", {"Xa Mát 1", "Xa Mát 2", "Hoa Lư 1"}),
    ],
)
def test_activity_exports_hold_only_what_the_user_may_see(
    world: World, records: None, clerk: Any, other_clerk: Any, who: str, expected: set[str]
) -> None:
    users = {
        "clerk": clerk,
        "other_clerk": other_clerk,
        "province_viewer": world.user(Role.VIEWER, world.bdbp_tay_ninh),
        "kh_viewer": world.user(Role.VIEWER, world.kh_svay_rieng),
        "national": world.user(Role.APPROVER, world.national),
    }
    assert _titles(_xlsx_rows(_client(users[who]).get("/data/export/activities.xlsx"))) == expected


def test_list_filters_apply_to_the_export(world: World, records: None, clerk: Any) -> None:
    response = _client(clerk).get("/data/export/activities.xlsx", {"q": "Xa Mát 2"})
    assert _titles(_xlsx_rows(response)) == {"Xa Mát 2"}


def test_csv_export_round_trips_through_import(world: World, records: None, clerk: Any) -> None:
    """An exported file imports back onto the same records: nothing new, nothing changed."""
    response = _client(clerk).get("/data/export/activities.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert len(table) == 3 and table[1][0].startswith("ID-")
    from django.core.files.uploadedfile import SimpleUploadedFile

    job = imports.import_upload(
        user=clerk, kind="activities", upload=SimpleUploadedFile("back.csv", response.content)
    )
    assert job.status == ImportStatus.READY, job.errors
    assert (job.created_count, job.updated_count, job.unchanged_count) == (0, 0, 2)


def test_pupil_exports_hold_names_only_for_the_sponsoring_unit(world: World, clerk: Any) -> None:
    pupil_create(
        unit=world.post_xa_mat,
        full_name="Nguyễn Thị Lan",
        sex="female",
        birth_year=2014,
        nationality="VN",
        school_name="Trường Tiểu học",
        start_date=dt.date(2024, 9, 1),
        acting_user=clerk,
    )
    own = _xlsx_rows(_client(clerk).get("/data/export/pupils.xlsx"))
    assert [row[1] for row in own[1:]] == ["Nguyễn Thị Lan"]
    province = world.user(Role.APPROVER, world.bdbp_tay_ninh)
    assert _xlsx_rows(_client(province).get("/data/export/pupils.xlsx"))[1:] == []


def test_unknown_exports_are_404(db: Any, clerk: Any) -> None:
    client = _client(clerk)
    assert client.get("/data/export/users.xlsx").status_code == 404
    assert client.get("/data/export/activities.pdf").status_code == 404


@override_settings(TASKS=IMMEDIATE, HUUNGHI_EXPORT_BACKGROUND_ROWS=1)
def test_large_exports_run_in_the_background_for_the_requester_only(
    world: World, records: None, clerk: Any, other_clerk: Any
) -> None:
    client = _client(clerk)
    response = client.get("/data/export/activities.xlsx")
    assert response.status_code == 302
    job_url = response["Location"]
    page = client.get(job_url)
    assert page.status_code == 200
    assert b"Download (2 rows)" in page.content
    download = client.get(job_url + "download/")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet.max_row == 3
    stranger = _client(other_clerk)
    assert stranger.get(job_url).status_code == 404
    assert stranger.get(job_url + "download/").status_code == 404


def test_a_counterpart_exports_a_shared_record_once_it_is_approved(
    world: World, records: None
) -> None:
    """The other side's export holds a record shared with it only after approval."""
    kh_viewer = _client(world.user(Role.VIEWER, world.kh_svay_rieng))
    assert _titles(_xlsx_rows(kh_viewer.get("/data/export/activities.xlsx"))) == set()
    Activity.objects.filter(title__in=["Xa Mát 1", "Xa Mát 2"]).update(status=Status.APPROVED)
    assert _titles(_xlsx_rows(kh_viewer.get("/data/export/activities.xlsx"))) == {"Xa Mát 1"}
