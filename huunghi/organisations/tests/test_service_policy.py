"""The organisation services authorise their own writes: the tree defines everyone's scope,
so no caller (view, API, command) can change it without the manage capability."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.core.actors import SYSTEM
from huunghi.core.testing import World
from huunghi.organisations.models import Unit, UnitKind
from huunghi.organisations.services import (
    unit_close,
    unit_create,
    unit_merge,
    unit_move,
    unit_rename,
)

D = dt.date(2026, 1, 1)


def _writes(world: World) -> dict[str, Callable[[Any], Unit]]:
    """Each organisation write at the Tây Ninh provincial command or its posts."""
    return {
        "create": lambda user: unit_create(
            code="NEW-POST",
            name_vi="Đồn mới",
            kind=UnitKind.BORDER_POST,
            country=world.vn,
            parent=world.bdbp_tay_ninh,
            acting_user=user,
        ),
        "rename": lambda user: unit_rename(
            unit=world.post_xa_mat, name_vi="Đồn Xa Mát mới", on_date=D, acting_user=user
        ),
        "move": lambda user: unit_move(
            unit=world.post_hoa_lu, new_parent=world.bdbp_tay_ninh, on_date=D, acting_user=user
        ),
        "merge": lambda user: unit_merge(
            unit=world.post_hoa_lu, into=world.post_xa_mat, on_date=D, acting_user=user
        ),
        "close": lambda user: unit_close(unit=world.post_xa_mat, on_date=D, acting_user=user),
    }


REFUSED_ROLES = [
    ("viewer", Role.VIEWER, "national"),
    ("clerk", Role.CLERK, "bdbp_tay_ninh"),
    ("approver", Role.APPROVER, "national"),
    ("admin of another province", Role.UNIT_ADMIN, "bdbp_dong_nai"),
]


@pytest.mark.parametrize("action", ["create", "rename", "move", "merge", "close"])
@pytest.mark.parametrize(("label", "role", "unit_name"), REFUSED_ROLES)
def test_writes_without_the_manage_capability_are_refused_in_the_service(
    world: World, action: str, label: str, role: str, unit_name: str
) -> None:
    """Viewers, clerks, approvers and admins elsewhere change nothing and leave no audit row."""
    user = world.user(role, getattr(world, unit_name))
    units = list(Unit.objects.order_by("pk").values_list("pk", "path", "name_vi", "valid_to"))
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        _writes(world)[action](user)
    assert list(Unit.objects.order_by("pk").values_list("pk", "path", "name_vi", "valid_to")) == (
        units
    )
    assert AuditEvent.objects.count() == events


def test_a_unit_admin_manages_inside_the_subtree(world: World) -> None:
    """The national unit administrator creates, renames and moves units below it."""
    admin = world.user(Role.UNIT_ADMIN, world.national)
    created = _writes(world)["create"](admin)
    assert created.parent_id == world.bdbp_tay_ninh.pk
    _writes(world)["rename"](admin)
    moved = _writes(world)["move"](admin)
    assert moved.path.startswith(world.bdbp_tay_ninh.path)
    assert AuditEvent.objects.filter(action="unit.move", actor=admin).exists()


def test_a_provincial_admin_cannot_move_a_post_into_another_province(world: World) -> None:
    """Moving needs the manage capability over the new parent as well."""
    admin = world.user(Role.UNIT_ADMIN, world.bdbp_tay_ninh)
    with pytest.raises(PermissionDenied):
        unit_move(
            unit=world.post_xa_mat, new_parent=world.bdbp_dong_nai, on_date=D, acting_user=admin
        )


def test_a_root_unit_needs_a_system_administrator(world: World) -> None:
    """Only a system administrator (or the system itself) creates a new root."""
    admin = world.user(Role.UNIT_ADMIN, world.national)
    with pytest.raises(PermissionDenied):
        unit_create(
            code="ROOT2", name_vi="Gốc", kind=UnitKind.OTHER, country=world.vn, acting_user=admin
        )
    sysadmin = world.user(Role.SYSTEM_ADMIN, world.national)
    root = unit_create(
        code="ROOT2", name_vi="Gốc", kind=UnitKind.OTHER, country=world.vn, acting_user=sysadmin
    )
    assert root.parent_id is None


def test_none_is_not_an_actor(world: World) -> None:
    """A forgotten acting user is refused; the system says so explicitly with SYSTEM."""
    with pytest.raises(PermissionDenied):
        unit_rename(unit=world.post_xa_mat, name_vi="X", on_date=D, acting_user=None)  # type: ignore[arg-type]  # the refusal is what is tested
    renamed = unit_rename(unit=world.post_xa_mat, name_vi="X", on_date=D, acting_user=SYSTEM)
    assert renamed.name_vi == "X"
