"""Unit pages per role: scope on every page, 404 outside it, admins change the tree."""

import datetime as dt

from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.core.testing import user_with_role
from huunghi.organisations.models import Unit


def test_post_clerk_cannot_open_another_provinces_unit(client, world):
    """The other province's post answers 404, the clerk's own post 200."""
    client.force_login(user_with_role(Role.CLERK, world.post_xa_mat))
    assert (
        client.get(reverse("organisations:detail", args=[world.post_hoa_lu.pk])).status_code == 404
    )
    assert (
        client.get(reverse("organisations:detail", args=[world.post_xa_mat.pk])).status_code == 200
    )


def test_unit_list_shows_only_scope(client, world):
    client.force_login(user_with_role(Role.VIEWER, world.bdbp_tay_ninh))
    body = client.get(reverse("organisations:list")).content.decode()
    assert "Xa Mát" in body
    assert "Hoa Lư" not in body
    assert "Svay Rieng" not in body


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("organisations:detail", args=[world.post_xa_mat.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_viewer_cannot_change_the_tree(client, world):
    """Management pages answer 404 to anyone who cannot manage the unit."""
    client.force_login(user_with_role(Role.APPROVER, world.bdbp_tay_ninh))
    url = reverse("organisations:add_child", args=[world.bdbp_tay_ninh.pk])
    assert client.get(url).status_code == 404
    response = client.post(
        url, {"code": "X1", "name_vi": "Đồn X", "kind": "border_post", "valid_from": "2026-01-01"}
    )
    assert response.status_code == 404
    assert not Unit.objects.filter(code="X1").exists()


def test_unit_admin_adds_and_renames_with_audit(client, world):
    """A unit admin creates a sub-unit and renames it; both are audited and shown in history."""
    admin = user_with_role(Role.UNIT_ADMIN, world.bdbp_tay_ninh)
    client.force_login(admin)
    response = client.post(
        reverse("organisations:add_child", args=[world.bdbp_tay_ninh.pk]),
        {
            "code": "vn-dbp-new",
            "name_vi": "Đồn Biên phòng Mới",
            "kind": "border_post",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="VN-DBP-NEW")
    assert unit.parent_id == world.bdbp_tay_ninh.pk
    client.post(
        reverse("organisations:rename", args=[unit.pk]),
        {"name_vi": "Đồn Biên phòng Đổi tên", "on_date": "2026-03-01"},
    )
    unit.refresh_from_db()
    assert unit.name_vi == "Đồn Biên phòng Đổi tên"
    actions = set(AuditEvent.objects.filter(target_id=str(unit.pk)).values_list("action", "actor"))
    assert actions == {("unit.create", admin.pk), ("unit.rename", admin.pk)}
    page = client.get(reverse("organisations:detail", args=[unit.pk])).content.decode()
    assert "renamed" in page and "unit.rename" not in page
    assert "Đồn Biên phòng Mới" in page


def test_form_errors_name_the_field(client, world):
    """A duplicate code and a cycle are refused with messages and nothing is written."""
    client.force_login(user_with_role(Role.UNIT_ADMIN, world.national))
    response = client.post(
        reverse("organisations:add_child", args=[world.national.pk]),
        {
            "code": world.post_xa_mat.code,
            "name_vi": "Trùng",
            "kind": "border_post",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 400  # refused input, like every form page
    assert "code" in response.context["form"].errors
    before = Unit.objects.count()
    response = client.post(
        reverse("organisations:move", args=[world.bdbp_tay_ninh.pk]),
        {"new_parent": world.post_xa_mat.pk, "on_date": dt.date(2026, 1, 2).isoformat()},
    )
    assert "new_parent" in response.context["form"].errors
    assert Unit.objects.count() == before
