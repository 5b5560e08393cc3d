"""The place search behind the place selects, and removing attachments by editing."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from huunghi.records.models import Attachment
from huunghi.records.tests.helpers import PNG, activity_post, login, make_activity


def test_place_search_offers_historic_places_with_their_era(world, people):
    client = login(Client(), people.post_clerk)
    response = client.get(
        reverse("records:place_options"),
        {"q": "loc ninh", "field": "place", "place": str(world.tay_ninh.pk)},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'value="{world.loc_ninh_legacy.pk}"' in body
    assert "until 07/01/2025" in body  # the reader's short date (en: m/d/Y)
    assert f'value="{world.tay_ninh.pk}" selected' in body


def test_place_select_lists_provinces_not_every_place(world, people):
    client = login(Client(), people.post_clerk)
    form = client.get(reverse("records:create", args=["aid"])).context["form"]
    offered = {value for value, _label in form.fields["place"].widget.choices if value}
    assert world.loc_ninh_legacy.pk not in offered
    assert world.binh_phuoc_legacy.pk in offered
    assert form.initial["place"] == world.tay_ninh.pk


def test_attachment_removed_by_editing(world, people):
    clerk = login(Client(), people.post_clerk)
    upload = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    clerk.post(
        reverse("records:create", args=["aid"]), activity_post("aid", world, attachments=upload)
    )
    attachment = Attachment.objects.get()
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    edit = reverse("records:edit", args=[attachment.activity_id])
    with_removal = activity_post("aid", world, remove_attachments=[str(attachment.pk)])
    response = clerk.post(edit, with_removal)
    assert response.status_code == 302
    assert not Attachment.objects.exists()


def test_other_reader_cannot_fetch_attachment(world, people):
    activity = make_activity(
        world,
        people.post_clerk,
        attachments=[SimpleUploadedFile("photo.png", PNG, content_type="image/png")],
    )
    attachment = activity.attachments.get()
    url = reverse("records:attachment", args=[activity.pk, attachment.pk])
    assert login(Client(), people.post_viewer).get(url).status_code == 200
    assert login(Client(), people.other_province_clerk).get(url).status_code == 404


def test_a_historic_place_reads_its_era_in_vietnamese(world, people):
    """A Vietnamese reader sees the era in Vietnamese words and dates (đến 01/07/2025)."""
    client = login(Client(HTTP_ACCEPT_LANGUAGE="vi"), people.post_clerk)
    client.cookies["huunghi_language"] = "vi"
    response = client.get(
        reverse("records:place_options"),
        {"q": "loc ninh", "field": "place", "place": str(world.tay_ninh.pk)},
    )
    body = response.content.decode()
    assert "đến 01/07/2025" in body
    assert "until" not in body
