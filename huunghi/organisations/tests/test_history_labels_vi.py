"""A Vietnamese reader's history of a unit names the changed fields in Vietnamese."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from huunghi.accounts.models import Role
from huunghi.core.testing import user_with_role
from huunghi.organisations import services

#: The label cell of each row of a change table in the shared history partial.
CHANGE_LABEL = re.compile(r'<th scope="row">([^<]*)</th>')


@pytest.fixture(autouse=True)
def _language_restored():
    """The Vietnamese request leaves Vietnamese active in this thread; later tests read
    English messages."""
    yield
    translation.deactivate()


def _history_labels(page: str) -> list[str]:
    history = page[page.index('<section class="history">') :]
    return CHANGE_LABEL.findall(history[: history.index("</section>")])


def test_moved_unit_history_names_fields_in_vietnamese(client, world):
    """Moving a post up to the national command changes its parent, path and depth: the
    Vietnamese unit page's history table reads "Đơn vị cấp trên", "Vị trí trong cây tổ
    chức" and "Cấp trong cây tổ chức", never "Path" or "Depth"."""
    admin = user_with_role(Role.UNIT_ADMIN, world.national)
    services.unit_move(
        unit=world.post_xa_mat,
        new_parent=world.national,
        on_date=dt.date(2026, 1, 1),
        acting_user=admin,
    )
    client.force_login(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"

    page = client.get(reverse("organisations:detail", args=[world.post_xa_mat.pk]))

    labels = _history_labels(page.content.decode())
    assert {"Đơn vị cấp trên", "Vị trí trong cây tổ chức", "Cấp trong cây tổ chức"} <= set(labels)
    assert not {"Path", "Depth", "path", "depth"} & set(labels)
