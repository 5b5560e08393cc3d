"""A Vietnamese reader's history of a record names the changed fields in Vietnamese."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client
from django.urls import reverse

from huunghi.records import services
from huunghi.records.tests.helpers import login, make_activity

#: The first cell of each row of a change table in the record's history.
CHANGE_LABEL = re.compile(r"<tr><td>([^<]*)</td>")
#: A whole row: label, before, after.
CHANGE_ROW = re.compile(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>")


def _history_labels(page: str) -> list[str]:
    history = page[page.index('<section class="history">') :]
    return CHANGE_LABEL.findall(history[: history.index("</section>")])


def test_approved_record_history_names_fields_in_vietnamese(world, people):
    """Approving fills ``approved_by``: the Vietnamese page's history table reads
    "Người phê duyệt" and "Trạng thái", never "Approved by" or the attribute name."""
    activity = make_activity(world, people.post_clerk)
    services.activity_submit(activity=activity, acting_user=people.post_clerk)
    services.activity_approve(activity=activity, acting_user=people.province_approver)
    client = login(Client(), people.post_clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"

    page = client.get(reverse("records:detail", args=[activity.pk])).content.decode()

    labels = _history_labels(page)
    assert "Người phê duyệt" in labels
    assert "Trạng thái" in labels
    assert not {"Approved by", "approved_by", "Status"} & set(labels)


def test_history_shows_the_approver_by_name_not_by_number(world, people):
    """A changed link to a person or unit reads as its name ("approver: — → province
    approver's login"), never as the stored id; a status as its label."""
    activity = make_activity(world, people.post_clerk)
    services.activity_submit(activity=activity, acting_user=people.post_clerk)
    services.activity_approve(activity=activity, acting_user=people.province_approver)
    client = login(Client(), people.post_clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"

    page = client.get(reverse("records:detail", args=[activity.pk])).content.decode()

    history = page[page.index('<section class="history">') :]
    rows = {label: (before, after) for label, before, after in CHANGE_ROW.findall(history)}
    approver = people.province_approver
    assert rows["Người phê duyệt"] == ("—", approver.get_full_name() or approver.username)
    assert str(approver.pk) not in rows["Người phê duyệt"]
    assert rows["Trạng thái"][1] == "đã phê duyệt"
