"""Bad input gets a 400 with a message naming the field, and stores nothing: no record,
no quantity, no file, no audit row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from huunghi.records.models import Activity
from huunghi.records.tests.helpers import (
    JPEG,
    PDF,
    PNG,
    activity_post,
    counts,
    login,
    make_activity,
)


@pytest.fixture
def clerk(people) -> Client:
    return login(Client(), people.post_clerk)


def _refused(clerk: Client, data: dict, *, names: list[str], url: str | None = None) -> str:
    before = counts()
    response = clerk.post(url or reverse("records:create", args=["aid"]), data)
    assert response.status_code == 400
    page = response.content.decode()
    for name in names:
        assert name in page, name
    assert 'class="errorlist' in page
    assert counts() == before
    return page


def test_end_before_start(world, clerk):
    _refused(
        clerk,
        activity_post("aid", world, end_date="2025-10-01"),
        names=["End date", "The end date is before the start date."],
    )


def test_negative_quantity(world, clerk):
    _refused(
        clerk,
        activity_post("aid", world, q_value_vnd_value="-5"),
        names=["Value (VND)", "cannot be negative"],
    )


def test_missing_required_detail_names_the_field(world, clerk):
    _refused(
        clerk,
        activity_post("aid", world, d_funding_source=""),
        names=["Funding source", "This field is required."],
    )


def test_bad_marker_number_names_the_field(world, clerk):
    _refused(
        clerk,
        activity_post("joint_patrol", world, d_markers="229/12, abc"),
        names=["Markers visited", "“abc” is not a marker number"],
        url=reverse("records:create", args=["joint_patrol"]),
    )


def test_place_not_in_force_on_the_date(world, clerk):
    """Bình Phước was merged into Đồng Nai on 1 July 2025: it cannot be the place of a
    record of October 2025, and today's Tây Ninh cannot be the place of a 2022 record."""
    _refused(
        clerk,
        activity_post("aid", world, place=str(world.binh_phuoc_legacy.pk)),
        names=["Place", "was no longer in force"],
    )
    _refused(
        clerk,
        activity_post("aid", world, start_date="2022-05-15"),
        names=["Place", "was not yet in force"],
    )


def test_counterpart_place_not_in_force(world, clerk):
    data = activity_post("aid", world, counterpart_places=[str(world.loc_ninh_legacy.pk)])
    _refused(clerk, data, names=["Counterpart places", "was no longer in force"])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.jpg", b"just text pretending to be a photo", "is not a photo"),
        ("page.pdf", b"<html><body>not a pdf</body></html>", "is not a photo"),
        ("empty.png", b"", "The submitted file is empty."),
    ],
)
def test_wrong_type_attachment(world, clerk, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    page = _refused(
        clerk, activity_post("aid", world, attachments=upload), names=["Attachments", message]
    )
    assert name in page or not content


def test_oversized_attachment(world, clerk, settings):
    settings.HUUNGHI_MAX_ATTACHMENT_BYTES = 100
    upload = SimpleUploadedFile("big.png", PNG + b"\x00" * 200, content_type="image/png")
    _refused(
        clerk, activity_post("aid", world, attachments=upload), names=["Attachments", "at most"]
    )


def test_good_attachments_are_stored_by_content_type(world, clerk):
    """A PNG named .jpg is stored as PNG; JPEG and PDF are accepted."""
    uploads = [
        SimpleUploadedFile("photo.jpg", PNG, content_type="image/jpeg"),
        SimpleUploadedFile("photo2.jpg", JPEG, content_type="image/jpeg"),
        SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf"),
    ]
    response = clerk.post(
        reverse("records:create", args=["aid"]), activity_post("aid", world, attachments=uploads)
    )
    assert response.status_code == 302
    stored = {a.original_name: a for a in Activity.objects.get().attachments.all()}
    assert stored["photo.jpg"].content_type == "image/png"
    assert stored["photo.jpg"].file.name.endswith(".png")
    assert stored["photo2.jpg"].content_type == "image/jpeg"
    assert stored["minutes.pdf"].content_type == "application/pdf"
    served = clerk.get(
        reverse(
            "records:attachment", args=[stored["photo.jpg"].activity_id, stored["photo.jpg"].pk]
        )
    )
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"


def test_bad_edit_changes_nothing(world, people, clerk):
    """A refused edit leaves the record and its history as they were."""
    activity = make_activity(world, people.post_clerk)
    url = reverse("records:edit", args=[activity.pk])
    _refused(
        clerk,
        activity_post("aid", world, title="Changed", end_date="2020-01-01"),
        names=["End date"],
        url=url,
    )
    activity.refresh_from_db()
    assert activity.title == "Record aid"


def test_news_source_needs_an_address(world, clerk):
    _refused(
        clerk,
        activity_post("aid", world, source_type="news"),
        names=["Source address", "Give the address of the news article."],
    )


def test_link_is_required_for_entered_agreement_signing(world, clerk):
    _refused(
        clerk,
        activity_post("agreement", world),
        names=["Agreement signed", "Choose the agreement signed."],
        url=reverse("records:create", args=["agreement"]),
    )


def test_delegation_approval_after_departure(world, clerk):
    data = activity_post("delegation_out", world, d_approval_doc_date="2025-12-01")
    _refused(
        clerk,
        data,
        names=["Approval document date", "dated after the delegation left"],
        url=reverse("records:create", args=["delegation_out"]),
    )
    assert dt.date(2025, 12, 1)


def test_control_characters_in_the_title_are_refused_by_field(world, clerk):
    """An ESC sequence typed or pasted into the title is refused on that field."""
    _refused(
        clerk,
        activity_post("aid", world, title="Hỗ trợ\x1b[2J"),
        names=["Title", "control characters"],
    )


def test_dates_outside_1900_2100_are_refused(world, clerk):
    """A start date in year 9999 is refused with the allowed range, not a server error."""
    _refused(
        clerk,
        activity_post("aid", world, start_date="9999-01-01", end_date=""),
        names=["Start date", "between"],
    )


def test_descriptions_have_the_same_cap_as_the_api(world, clerk):
    """A 1,000,000-character description is refused, as the API refuses it."""
    _refused(
        clerk,
        activity_post("aid", world, description="x" * 1_000_000),
        names=["Description", "20,000"],
    )
