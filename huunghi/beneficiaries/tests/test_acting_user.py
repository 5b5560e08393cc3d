"""The pupil and remains services authorise every write themselves: a forgotten acting user
(``None``) is refused, the system says so explicitly with ``SYSTEM``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from huunghi.accounts.models import Role
from huunghi.beneficiaries import services
from huunghi.beneficiaries.models import Pupil
from huunghi.core.actors import SYSTEM
from huunghi.core.testing import World


def _create(world: World, acting_user: Any) -> Pupil:
    return services.pupil_create(
        unit=world.post_xa_mat,
        full_name="Nguyễn Văn A",
        sex="male",
        birth_year=2014,
        nationality="VN",
        school_name="Trường Tiểu học Tân Lập",
        start_date=dt.date(2024, 9, 1),
        acting_user=acting_user,
    )


def test_none_is_refused_and_stores_nothing(world: World) -> None:
    with pytest.raises(PermissionDenied):
        _create(world, None)
    assert not Pupil.objects.exists()


def test_a_clerk_of_another_unit_is_refused_in_the_service(world: World) -> None:
    with pytest.raises(PermissionDenied):
        _create(world, world.user(Role.CLERK, world.post_hoa_lu))
    assert not Pupil.objects.exists()


def test_the_system_and_the_units_clerk_may_create(world: World) -> None:
    assert _create(world, SYSTEM).unit == world.post_xa_mat
    assert _create(world, world.user(Role.CLERK, world.post_xa_mat)).pk
