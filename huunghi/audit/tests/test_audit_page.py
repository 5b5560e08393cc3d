"""The audit page: administrators read the events of their subtree, nobody else has one.

Each unit of the small world gets one probe event; a system administrator sees them all,
a unit administrator those of the units they manage, and clerks, viewers and approvers
get a 404. Filters narrow the rows and never widen the scope.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from huunghi.accounts.models import Role
from huunghi.audit import selectors
from huunghi.audit.models import AuditEvent
from huunghi.audit.selectors import AuditFilters
from huunghi.audit.services import audit_log
from huunghi.core.testing import World

URL = "/audit/"


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 12))


@pytest.fixture
def probes(world: World) -> SimpleNamespace:
    """One ``probe.*`` event per unit (and one without a unit), on known days."""
    units = {
        "national": world.national,
        "tay_ninh": world.bdbp_tay_ninh,
        "xa_mat": world.post_xa_mat,
        "dong_nai": world.bdbp_dong_nai,
        "hoa_lu": world.post_hoa_lu,
        "kh": world.kh_svay_rieng,
    }
    days = iter(dt.date(2025, 3, d) for d in range(1, 20))
    for name, unit in units.items():
        event = audit_log(
            actor=None, action=f"probe.{name}", target=unit, unit=unit, note=f"probe-{name}"
        )
        AuditEvent.objects.filter(pk=event.pk).update(at=_at(next(days)))
    event = audit_log(actor=None, action="probe.none", target=world.national, note="probe-none")
    AuditEvent.objects.filter(pk=event.pk).update(at=_at(next(days)))
    return SimpleNamespace(world=world, units=units)


def _probes(events: Any) -> set[str]:
    """The probe names among ``events`` (``probe.xa_mat`` → ``xa_mat``)."""
    return {e.action.removeprefix("probe.") for e in events if e.action.startswith("probe.")}


def _user(world: World, role: str, unit: Any) -> Any:
    return world.user(role, unit)


# --- selectors, per role ------------------------------------------------------------------


def test_system_admin_reads_every_event(probes: SimpleNamespace) -> None:
    """Including events without a unit (sign-ins, system changes)."""
    admin = _user(probes.world, Role.SYSTEM_ADMIN, probes.world.national)
    assert selectors.can_read_audit(admin)
    assert _probes(selectors.audit_list(user=admin)) == {*probes.units, "none"}


def test_province_unit_admin_reads_only_the_province_subtree(probes: SimpleNamespace) -> None:
    """Tây Ninh's administrator sees Tây Ninh and Xa Mát, never Đồng Nai, Hoa Lư, the
    national command, the Cambodian side or unit-less events."""
    admin = _user(probes.world, Role.UNIT_ADMIN, probes.world.bdbp_tay_ninh)
    assert selectors.can_read_audit(admin)
    assert _probes(selectors.audit_list(user=admin)) == {"tay_ninh", "xa_mat"}


def test_post_unit_admin_reads_only_the_post(probes: SimpleNamespace) -> None:
    admin = _user(probes.world, Role.UNIT_ADMIN, probes.world.post_hoa_lu)
    assert _probes(selectors.audit_list(user=admin)) == {"hoa_lu"}


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CLERK, Role.APPROVER])
def test_roles_without_audit_right_read_nothing(probes: SimpleNamespace, role: str) -> None:
    """Even a national approver or viewer has no audit trail."""
    user = _user(probes.world, role, probes.world.national)
    assert not selectors.can_read_audit(user)
    assert not selectors.audit_list(user=user).exists()
    assert not selectors.audit_units(user=user).exists()


def test_audit_units_are_the_managed_subtree(probes: SimpleNamespace) -> None:
    world = probes.world
    admin = _user(world, Role.UNIT_ADMIN, world.bdbp_tay_ninh)
    assert set(selectors.audit_units(user=admin)) == {world.bdbp_tay_ninh, world.post_xa_mat}


def test_history_for_lists_the_events_of_one_object(probes: SimpleNamespace) -> None:
    """Newest first, only the events about that object."""
    world = probes.world
    audit_log(actor=None, action="probe.later", target=world.post_xa_mat, unit=world.post_xa_mat)
    events = list(selectors.history_for(world.post_xa_mat))
    assert events[0].action == "probe.later"
    assert {"probe.xa_mat", "unit.create"} <= {e.action for e in events}
    assert {e.target_id for e in events} == {str(world.post_xa_mat.pk)}


# --- filters ------------------------------------------------------------------------------


def test_filter_by_action_prefix(probes: SimpleNamespace) -> None:
    admin = _user(probes.world, Role.SYSTEM_ADMIN, probes.world.national)
    found = selectors.audit_list(user=admin, filters=AuditFilters(action="probe.xa"))
    assert _probes(found) == {"xa_mat"}


def test_filter_by_unit_keeps_its_subtree(probes: SimpleNamespace) -> None:
    world = probes.world
    admin = _user(world, Role.SYSTEM_ADMIN, world.national)
    province = AuditFilters(unit_id=world.bdbp_dong_nai.pk)
    assert _probes(selectors.audit_list(user=admin, filters=province)) == {"dong_nai", "hoa_lu"}
    post = AuditFilters(unit_id=world.post_xa_mat.pk)
    assert _probes(selectors.audit_list(user=admin, filters=post)) == {"xa_mat"}


def test_filter_by_another_units_subtree_never_widens_the_scope(probes: SimpleNamespace) -> None:
    """Tây Ninh's administrator asking for Đồng Nai's events gets none."""
    world = probes.world
    admin = _user(world, Role.UNIT_ADMIN, world.bdbp_tay_ninh)
    other = AuditFilters(unit_id=world.bdbp_dong_nai.pk)
    assert _probes(selectors.audit_list(user=admin, filters=other)) == set()


def test_filter_by_days(probes: SimpleNamespace) -> None:
    """Probe days run from 1 March 2025 in the fixture's order; both ends are included."""
    admin = _user(probes.world, Role.SYSTEM_ADMIN, probes.world.national)
    days = AuditFilters(date_from=dt.date(2025, 3, 2), date_to=dt.date(2025, 3, 3))
    assert _probes(selectors.audit_list(user=admin, filters=days)) == {"tay_ninh", "xa_mat"}


# --- the page -----------------------------------------------------------------------------


def _page(user: Any, **params: Any) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(URL, params)


def test_page_requires_sign_in(probes: SimpleNamespace) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CLERK, Role.APPROVER])
def test_page_is_404_without_audit_right(probes: SimpleNamespace, role: str) -> None:
    user = _user(probes.world, role, probes.world.bdbp_tay_ninh)
    assert _page(user).status_code == 404


def test_page_shows_only_the_subtree(probes: SimpleNamespace) -> None:
    """The unit administrator's page lists Tây Ninh's and Xa Mát's rows and no other."""
    admin = _user(probes.world, Role.UNIT_ADMIN, probes.world.bdbp_tay_ninh)
    response = _page(admin, action="probe.")
    assert response.status_code == 200
    assert _probes(response.context["page"]) == {"tay_ninh", "xa_mat"}
    html = response.content.decode()
    assert str(probes.world.post_xa_mat) in html
    assert str(probes.world.post_hoa_lu) not in html


def test_page_filters_by_unit_and_refuses_a_unit_outside_the_scope(
    probes: SimpleNamespace,
) -> None:
    """A unit outside the administrator's subtree is a form error, not a wider view."""
    world = probes.world
    admin = _user(world, Role.UNIT_ADMIN, world.bdbp_tay_ninh)
    own = _page(admin, action="probe.", unit=world.post_xa_mat.pk)
    assert _probes(own.context["page"]) == {"xa_mat"}
    other = _page(admin, action="probe.", unit=world.post_hoa_lu.pk)
    assert other.status_code == 200
    assert "unit" in other.context["form"].errors
    assert _probes(other.context["page"]) == {"tay_ninh", "xa_mat"}


def test_page_refuses_a_day_out_of_range_with_a_message(probes: SimpleNamespace) -> None:
    """Year 9999 is a form error on the field, not a server error."""
    admin = _user(probes.world, Role.SYSTEM_ADMIN, probes.world.national)
    response = _page(admin, date_from="9999-12-31")
    assert response.status_code == 200
    assert "date_from" in response.context["form"].errors


def test_page_filters_by_days(probes: SimpleNamespace) -> None:
    admin = _user(probes.world, Role.SYSTEM_ADMIN, probes.world.national)
    response = _page(admin, date_from="2025-03-05", date_to="2025-03-06")
    assert _probes(response.context["page"]) == {"hoa_lu", "kh"}
