"""Importing activities: preview, all or nothing, idempotence, messages and limits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from huunghi.audit.models import AuditEvent
from huunghi.core.testing import World, place
from huunghi.dataio.kinds.activities import ActivityData
from huunghi.dataio.models import ImportStatus
from huunghi.dataio.services import imports
from huunghi.dataio.services import rows as row_processing
from huunghi.dataio.tests.helpers import csv_file, headers, xlsx
from huunghi.dataio.views import error_text
from huunghi.geography.models import AdminLevel
from huunghi.records.models import Activity, SourceType, Status

KIND = "activities:tree_planting"
KEYS = ["row_key", "kind", "unit", "title", "start_date", "place", "q.trees", "q.trees.qualifier"]


def rows(world: World, count: int = 3, **changes: Any) -> list[list[Any]]:
    made = []
    for i in range(count):
        row = {
            "row_key": f"TN-{i}",
            "kind": "Friendship tree planting",
            "unit": world.post_xa_mat.code,
            "title": f"Trồng cây {i}",
            "start_date": dt.date(2025, 8, 1) + dt.timedelta(days=i),
            "place": "Tây Ninh",
            "q.trees": 100 + i,
            "q.trees.qualifier": "about",
        }
        row.update(changes)
        made.append([row[key] for key in KEYS])
    return made


def upload(
    user: Any,
    body: list[list[Any]],
    keys: list[str] = KEYS,
    kind: str = KIND,
    header: list[str] | None = None,
) -> Any:
    upload_file = xlsx(header or headers(kind, keys), body)
    return imports.import_upload(user=user, kind=kind, upload=upload_file)


def test_check_previews_without_storing_anything(world: World, clerk: Any) -> None:
    """A checked file lists what would be created; no record exists before confirming."""
    job = upload(clerk, rows(world))
    assert job.status == ImportStatus.READY
    assert (job.created_count, job.updated_count, job.unchanged_count) == (3, 0, 0)
    assert [item["action"] for item in job.preview] == ["create"] * 3
    assert job.preview[0]["row"] == 2
    assert not Activity.objects.exists()


def test_confirm_imports_drafts_through_the_services(world: World, clerk: Any) -> None:
    """Imported records are drafts from an "imported" source, audited, with their key."""
    job = imports.import_confirm(job=upload(clerk, rows(world)), user=clerk)
    assert job.status == ImportStatus.DONE
    assert job.created_count == 3
    activities = list(Activity.objects.order_by("start_date"))
    assert [a.status for a in activities] == [Status.DRAFT] * 3
    assert {a.source_type for a in activities} == {SourceType.IMPORTED}
    assert all(len(a.import_key) == 64 for a in activities)
    assert activities[0].quantities.get().value == 100
    assert activities[0].quantities.get().qualifier == "about"
    assert activities[0].place == world.tay_ninh
    created = AuditEvent.objects.filter(action="activity.create", actor=clerk)
    assert created.count() == 3


def test_reimporting_the_same_file_changes_nothing(world: World, clerk: Any) -> None:
    """The second import of an identical file finds every row unchanged."""
    imports.import_confirm(job=upload(clerk, rows(world)), user=clerk)
    stamps = list(Activity.objects.order_by("pk").values_list("pk", "updated_at"))
    again = upload(clerk, rows(world))
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    imports.import_confirm(job=again, user=clerk)
    assert list(Activity.objects.order_by("pk").values_list("pk", "updated_at")) == stamps


def test_a_changed_row_with_the_same_key_updates_the_record(world: World, clerk: Any) -> None:
    imports.import_confirm(job=upload(clerk, rows(world)), user=clerk)
    changed = rows(world)
    changed[1][KEYS.index("q.trees")] = 500
    job = imports.import_confirm(job=upload(clerk, changed), user=clerk)
    assert (job.created_count, job.updated_count, job.unchanged_count) == (0, 1, 2)
    assert Activity.objects.count() == 3
    assert Activity.objects.get(title="Trồng cây 1").quantities.get().value == 500


def test_without_row_key_the_natural_key_keeps_imports_idempotent(world: World, clerk: Any) -> None:
    keys = KEYS[1:]
    body = [row[1:] for row in rows(world)]
    imports.import_confirm(job=upload(clerk, body, keys), user=clerk)
    again = upload(clerk, body, keys)
    assert (again.created_count, again.unchanged_count) == (0, 3)


def test_errors_name_row_and_column(world: World, clerk: Any) -> None:
    """Every bad cell is reported with its sheet row and column; nothing is imported."""
    body = rows(world)
    body[1][KEYS.index("start_date")] = "31/31/2025"
    body[2][KEYS.index("q.trees")] = -4
    body[2][KEYS.index("unit")] = "no such unit"
    job = upload(clerk, body)
    assert job.status == ImportStatus.INVALID
    found = {(e["row"], e["column"]) for e in job.errors}
    assert found == {(3, "Start date"), (4, "trees planted"), (4, "Reporting unit")}
    line = error_text(next(e for e in job.errors if e["row"] == 3))
    assert line == "Row 3, column Start date: Enter a date such as 31/12/2024."
    with pytest.raises(ValidationError):
        imports.import_confirm(job=job, user=clerk)
    assert not Activity.objects.exists()


def test_service_errors_land_in_their_column(world: World, clerk: Any) -> None:
    """A place not in force on the record's date is refused by the records service."""
    job = upload(clerk, rows(world, 1, start_date=dt.date(2024, 3, 1)))
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Place")]
    assert "was not yet in force" in job.errors[0]["message"]


@pytest.mark.parametrize("batch_rows", [None, 1], ids=["one batch", "a batch per row"])
def test_the_whole_file_or_nothing(
    world: World, clerk: Any, monkeypatch: Any, batch_rows: int | None
) -> None:
    """Rows written before a failing row are undone with it: no row of the file is stored,
    also when earlier rows were committed in batches of their own (the undo journal). A
    batch is checked in full before any of its rows is written."""
    if batch_rows is not None:
        monkeypatch.setattr(row_processing, "BATCH_FIRST_ROWS", batch_rows)
        monkeypatch.setattr(row_processing, "BATCH_MIN_ROWS", batch_rows)
        monkeypatch.setattr(row_processing, "BATCH_SECONDS", 0.0)
        monkeypatch.setattr(row_processing, "PAUSE_SECONDS", 0)
    job = upload(clerk, rows(world, 4))
    assert job.status == ImportStatus.READY
    real_plan, real_write = ActivityData.plan_rows, ActivityData.write_planned
    written: list[str] = []

    def third_row_fails(self: Any, context: Any, batch: Any) -> Any:
        planned = real_plan(self, context, batch)
        changed = ValidationError({"title": ["A rule that changed since the check."]})
        return [
            changed if row.number == 4 else plan for row, plan in zip(batch, planned, strict=True)
        ]

    def write(self: Any, context: Any, planned: Any) -> Any:
        real_write(self, context, planned)
        written.extend(item.activity.title for item in planned)

    monkeypatch.setattr(ActivityData, "plan_rows", third_row_fails)
    monkeypatch.setattr(ActivityData, "write_planned", write)
    job = imports.import_confirm(job=job, user=clerk)
    assert job.status == ImportStatus.FAILED
    assert [(e["row"], e["column"]) for e in job.errors] == [(4, "Title")]
    assert not Activity.objects.exists()
    created = AuditEvent.objects.filter(action="activity.create")
    undone = AuditEvent.objects.filter(action="import.undo")
    if batch_rows is None:  # the batch failed its check: nothing was ever written
        assert written == []
        assert not created.exists() and not undone.exists()
    else:  # committed batches were undone: the trail says both
        assert written == ["Trồng cây 0", "Trồng cây 1"]
        assert sorted(created.values_list("target_id", flat=True)) == sorted(
            undone.values_list("target_id", flat=True)
        )
        assert created.count() == 2


def test_ambiguous_place_names_are_refused_with_the_candidates(world: World, clerk: Any) -> None:
    """Two communes named "Tân Hòa" in force: the error lists both; "Name, Province" picks."""
    place("Tân Hòa", level=AdminLevel.COMMUNE, parent=world.tay_ninh, code="T1")
    place("Tân Hòa", level=AdminLevel.COMMUNE, parent=world.dong_nai, code="T2")
    job = upload(clerk, rows(world, 1, place="Tân Hòa"))
    assert job.status == ImportStatus.INVALID
    message = job.errors[0]["message"]
    assert job.errors[0]["column"] == "Place"
    assert "fits several places" in message and "[T1]" in message and "[T2]" in message
    job = upload(clerk, rows(world, 1, place="Tân Hòa, Tây Ninh"))
    assert job.status == ImportStatus.READY
    job = upload(clerk, rows(world, 1, place="T2"))
    assert job.status == ImportStatus.READY


def test_historic_place_names_are_found_by_the_records_date(world: World, clerk: Any) -> None:
    """ "Lộc Ninh" in 2022 is the historic district of Bình Phước; it rolls up into Đồng Nai."""
    hoa_lu = world.user("clerk", world.post_hoa_lu)
    body = rows(
        world, 1, unit=world.post_hoa_lu.code, place="Lộc Ninh", start_date=dt.date(2022, 5, 1)
    )
    job = imports.import_confirm(job=upload(hoa_lu, body), user=hoa_lu)
    assert job.status == ImportStatus.DONE, job.errors
    activity = Activity.objects.get()
    assert activity.place == world.loc_ninh_legacy
    assert activity.province_now == world.dong_nai


def test_clerk_cannot_import_for_another_units(world: World, clerk: Any) -> None:
    job = upload(clerk, rows(world, 1, unit=world.post_hoa_lu.code))
    assert job.status == ImportStatus.INVALID
    assert job.errors[0]["column"] == "Reporting unit"


def test_missing_and_unknown_headers_are_reported(world: World, clerk: Any) -> None:
    header = [*headers(KIND, ["kind", "title"]), "Favourite colour"]
    job = imports.import_upload(
        user=clerk, kind=KIND, upload=xlsx(header, [["Friendship tree planting", "x", "red"]])
    )
    assert job.status == ImportStatus.INVALID
    messages = {(e["column"], e["message"]) for e in job.errors}
    assert ("Favourite colour", "This column is not part of the template.") in messages
    assert ("Start date *", "This column is missing.") in messages


def test_csv_files_import_too(world: World, clerk: Any) -> None:
    body = rows(world)
    for row in body:
        row[KEYS.index("start_date")] = row[KEYS.index("start_date")].strftime("%d/%m/%Y")
    upload_file = csv_file(headers(KIND, KEYS), body)
    job = imports.import_upload(user=clerk, kind=KIND, upload=upload_file)
    assert job.status == ImportStatus.READY, job.errors
    assert job.created_count == 3


@override_settings(HUUNGHI_MAX_IMPORT_BYTES=1000)
def test_files_over_the_size_limit_are_refused(world: World, clerk: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        upload(clerk, rows(world, 50))
    assert "files of at most" in str(caught.value)


@override_settings(HUUNGHI_MAX_IMPORT_ROWS=2)
def test_files_over_the_row_limit_are_refused(world: World, clerk: Any) -> None:
    job = upload(clerk, rows(world, 3))
    assert job.status == ImportStatus.INVALID
    assert "at most 2 rows" in job.errors[0]["message"]


def test_wrong_file_types_are_refused(world: World, clerk: Any) -> None:
    with pytest.raises(ValidationError):
        imports.import_upload(user=clerk, kind=KIND, upload=SimpleUploadedFile("x.pdf", b"%PDF"))
    job = imports.import_upload(
        user=clerk, kind=KIND, upload=SimpleUploadedFile("x.xlsx", b"not a workbook")
    )
    assert job.status == ImportStatus.INVALID
    assert "could not be read" in job.errors[0]["message"]


def test_errors_in_vietnamese_name_row_and_column(world: World, clerk: Any) -> None:
    """A Vietnamese user's file: Vietnamese headers in, "Dòng …, cột …" messages out."""
    body = rows(world, 2)
    body[1][KEYS.index("start_date")] = "31/31/2025"
    with translation.override("vi"):
        job = upload(clerk, body, header=headers(KIND, KEYS, language="vi"))
        assert "Ngày bắt đầu *" in headers(KIND, KEYS, language="vi")
        assert job.status == ImportStatus.INVALID
        assert (
            error_text(job.errors[0]) == "Dòng 3, cột Ngày bắt đầu: Nhập ngày theo dạng 31/12/2024."
        )
