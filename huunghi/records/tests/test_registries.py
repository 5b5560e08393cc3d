"""Twinning pairs, facilities and agreements through their pages, per role."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from huunghi.audit.models import AuditEvent
from huunghi.records.models import Agreement, Facility, TwinningPair, TwinningStatus
from huunghi.records.tests.helpers import PDF, PNG, counts, link_for, login, make_activity


def _twinning_post(world, **overrides):
    data = {
        "kind": "post_pair",
        "unit": world.post_xa_mat.pk,
        "vn_unit": world.post_xa_mat.pk,
        "kh_unit": world.kh_post_bavet.pk,
        "started_on": "2017-05-01",
        "status": "active",
    }
    data.update(overrides)
    return data


def test_twinning_create_edit_and_reviews(world, people):
    clerk = login(Client(), people.post_clerk)
    assert clerk.get(reverse("records:twinning_create")).status_code == 200
    response = clerk.post(reverse("records:twinning_create"), _twinning_post(world))
    assert response.status_code == 302
    pair = TwinningPair.objects.get()
    edit = reverse("records:twinning_edit", args=[pair.pk])
    response = clerk.post(edit, _twinning_post(world, status="ended", ended_on="2025-01-01"))
    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.status, pair.ended_on) == (TwinningStatus.ENDED, dt.date(2025, 1, 1))
    make_activity(
        world,
        people.post_clerk,
        kind="twinning_review",
        details={"review_type": "interim"},
        link=pair,
        title="Five-year review",
    )
    page = clerk.get(reverse("records:twinning_detail", args=[pair.pk])).content.decode()
    assert "Five-year review" in page
    assert list(
        AuditEvent.objects.filter(target_type="records.twinningpair").values_list(
            "action", flat=True
        )
    ) == ["twinningpair.update", "twinningpair.create"]
    assert "Bavet" in clerk.get(reverse("records:twinning_list")).content.decode()


def test_twinning_bad_input_names_fields_and_stores_nothing(world, people):
    clerk = login(Client(), people.post_clerk)
    before = counts()
    response = clerk.post(
        reverse("records:twinning_create"),
        _twinning_post(world, kh_unit=world.post_hoa_lu.pk, ended_on="2010-01-01"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Cambodian post / station" in page
    assert counts() == before


def test_registries_follow_scope(world, people):
    pair = link_for("twinning_review", world, people.post_clerk)
    facility = link_for("facility_inauguration", world, people.post_clerk)
    agreement = link_for("agreement", world, people.post_clerk)
    other = login(Client(), people.other_province_clerk)
    viewer = login(Client(), people.post_viewer)
    for name, obj in (("twinning", pair), ("facility", facility), ("agreement", agreement)):
        assert other.get(reverse(f"records:{name}_detail", args=[obj.pk])).status_code == 404
        assert other.get(reverse(f"records:{name}_edit", args=[obj.pk])).status_code == 404
        assert viewer.get(reverse(f"records:{name}_detail", args=[obj.pk])).status_code == 200
        assert viewer.get(reverse(f"records:{name}_edit", args=[obj.pk])).status_code == 404
        assert viewer.get(reverse(f"records:{name}_create")).status_code == 404
    assert "Friendship clinic" not in other.get(reverse("records:facility_list")).content.decode()


def test_facility_create_and_edit(world, people):
    clerk = login(Client(), people.post_clerk)
    data = {
        "name": "Friendship clinic",
        "kind": "clinic",
        "unit": world.post_xa_mat.pk,
        "place": world.tay_ninh.pk,
        "inaugurated_on": "2025-10-20",
    }
    assert clerk.post(reverse("records:facility_create"), data).status_code == 302
    facility = Facility.objects.get()
    data["name"] = "Military-civilian clinic"
    assert clerk.post(reverse("records:facility_edit", args=[facility.pk]), data).status_code == 302
    facility.refresh_from_db()
    assert facility.name == "Military-civilian clinic"
    data["inaugurated_on"] = "2022-05-15"  # Tây Ninh (new) was not in force yet
    response = clerk.post(reverse("records:facility_edit", args=[facility.pk]), data)
    assert response.status_code == 400
    assert "was not yet in force" in response.content.decode()


def test_agreement_with_scanned_pdf(world, people):
    clerk = login(Client(), people.province_clerk)
    data = {
        "title": "Agreement with the gendarmerie",
        "unit": world.bdbp_tay_ninh.pk,
        "parties": [world.bdbp_tay_ninh.pk, world.kh_gendarmerie.pk],
        "signed_on": "2022-05-15",
        "term_years": "5",
        "document": SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
    }
    response = clerk.post(reverse("records:agreement_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = Agreement.objects.get()
    assert agreement.expires_on == dt.date(2027, 5, 15)
    assert set(agreement.parties.all()) == {world.bdbp_tay_ninh, world.kh_gendarmerie}
    document = clerk.get(reverse("records:agreement_document", args=[agreement.pk]))
    assert document.status_code == 200
    assert document["Content-Type"] == "application/pdf"
    other = login(Client(), people.other_province_clerk)
    assert other.get(reverse("records:agreement_document", args=[agreement.pk])).status_code == 404


def test_agreement_document_must_be_pdf(world, people):
    clerk = login(Client(), people.province_clerk)
    before = counts()
    data = {
        "title": "Agreement",
        "unit": world.bdbp_tay_ninh.pk,
        "parties": [world.bdbp_tay_ninh.pk, world.kh_gendarmerie.pk],
        "signed_on": "2022-05-15",
        "document": SimpleUploadedFile("scan.pdf", PNG, content_type="application/pdf"),
    }
    response = clerk.post(reverse("records:agreement_create"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Scanned document (PDF)" in page and "is not a PDF document" in page
    assert counts() == before
