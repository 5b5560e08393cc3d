"""Names are private to the sponsoring unit's subtree; everyone above sees counts.

One test per role and place: post clerk and viewer, a station under the post, the
provincial approver, the national viewer, a system administrator, a Cambodian
counterpart account and another province's accounts.
"""

import datetime as dt

import pytest
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.beneficiaries import selectors
from huunghi.beneficiaries.permissions import PupilPolicy
from huunghi.beneficiaries.tests.helpers import make_pupil, pay
from huunghi.core.testing import org_unit
from huunghi.organisations.models import UnitKind

NAME = "[DEMO] Trần Văn Bình"
AS_OF = dt.date(2025, 3, 1)


@pytest.fixture
def pupil(world):
    pupil = make_pupil(world.post_xa_mat, full_name=NAME, start_date=dt.date(2024, 9, 1))
    pay(pupil, dt.date(2024, 9, 1))
    return pupil


def see(client, user, pupil):
    """(names list contains the pupil, detail status, list page shows the name,
    counts as of AS_OF)."""
    client.force_login(user)
    listed = selectors.pupil_list(user=user).filter(pk=pupil.pk).exists()
    detail = client.get(reverse("beneficiaries:detail", args=[pupil.pk])).status_code
    page = client.get(reverse("beneficiaries:list")).content.decode()
    count = selectors.pupil_totals(user=user, as_of=AS_OF).supported_total
    return listed, detail, NAME in page, count


def test_post_clerk_sees_names_and_may_edit(client, world, pupil):
    clerk = world.user(Role.CLERK, world.post_xa_mat)
    assert see(client, clerk, pupil) == (True, 200, True, 1)
    assert PupilPolicy.can_edit(clerk, pupil)
    assert client.get(reverse("beneficiaries:edit", args=[pupil.pk])).status_code == 200


def test_post_viewer_sees_names_but_may_not_edit(client, world, pupil):
    viewer = world.user(Role.VIEWER, world.post_xa_mat)
    assert see(client, viewer, pupil) == (True, 200, True, 1)
    assert not PupilPolicy.can_edit(viewer, pupil)
    assert client.get(reverse("beneficiaries:edit", args=[pupil.pk])).status_code == 404
    url = reverse("beneficiaries:payment_create", args=[pupil.pk])
    assert client.get(url).status_code == 404


def test_member_of_a_sub_unit_of_the_sponsoring_unit_sees_names(client, world, pupil):
    station = org_unit("Trạm Biên phòng", parent=world.post_xa_mat, kind=UnitKind.STATION)
    member = world.user(Role.VIEWER, station)
    listed, detail, name_shown, _ = see(client, member, pupil)
    assert (listed, detail, name_shown) == (True, 200, True)


def test_provincial_approver_sees_counts_not_names(client, world, pupil):
    approver = world.user(Role.APPROVER, world.bdbp_tay_ninh)
    assert see(client, approver, pupil) == (False, 404, False, 1)
    page = client.get(reverse("beneficiaries:list")).content.decode()
    assert str(world.post_xa_mat) in page  # the per-unit count row
    assert client.get(reverse("beneficiaries:edit", args=[pupil.pk])).status_code == 404
    assert (
        selectors.payment_totals(
            user=approver, start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31)
        ).amount
        == 500_000
    )
    assert not PupilPolicy.can_edit(approver, pupil)
    assert selectors.payment_alerts(user=approver, today=AS_OF) == []


def test_national_viewer_sees_counts_only(client, world, pupil):
    viewer = world.user(Role.VIEWER, world.national)
    assert see(client, viewer, pupil) == (False, 404, False, 1)


def test_system_administrator_sees_counts_only(client, world, pupil):
    admin = world.user(Role.SYSTEM_ADMIN, world.national)
    assert see(client, admin, pupil) == (False, 404, False, 1)


def test_counterpart_account_sees_nothing(client, world, pupil):
    clerk = world.user(Role.CLERK, world.kh_svay_rieng)
    assert see(client, clerk, pupil) == (False, 404, False, 0)
    totals = client.get(reverse("beneficiaries:totals")).content.decode()
    assert NAME not in totals


def test_another_province_sees_nothing(client, world, pupil):
    for unit in (world.bdbp_dong_nai, world.post_hoa_lu):
        user = world.user(Role.APPROVER, unit)
        assert see(client, user, pupil) == (False, 404, False, 0)


def test_anonymous_is_sent_to_login(client, pupil):
    response = client.get(reverse("beneficiaries:detail", args=[pupil.pk]))
    assert response.status_code == 302


def test_a_province_member_who_also_belongs_to_the_post_sees_names(client, world, pupil):
    """Names follow any membership in the sponsoring unit's subtree."""
    user = world.user(Role.VIEWER, world.bdbp_tay_ninh)
    from huunghi.accounts.models import Membership
    from huunghi.accounts.scope import forget_scope

    assert not selectors.pupil_list(user=user).exists()
    Membership.objects.create(user=user, unit=world.post_xa_mat, role=Role.VIEWER)
    forget_scope(user)
    assert selectors.pupil_list(user=user).filter(pk=pupil.pk).exists()
