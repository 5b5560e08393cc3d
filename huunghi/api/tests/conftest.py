"""Fixtures for API tests: the small world with one account per role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from huunghi.accounts.models import Role
from huunghi.api.tests.helpers import ApiClient
from huunghi.core.testing import World


@dataclass
class People:
    """One account per role, each with an API client."""

    national_approver: Any
    province_approver: Any
    clerk_xa_mat: Any
    clerk_hoa_lu: Any
    viewer_tay_ninh: Any
    kh_viewer: Any
    admin: Any

    def api(self, user: Any) -> ApiClient:
        return ApiClient.for_user(user)


@pytest.fixture
def people(world: World) -> People:
    return People(
        national_approver=world.user(Role.APPROVER, world.national, username="national"),
        province_approver=world.user(Role.APPROVER, world.bdbp_tay_ninh, username="tn_approver"),
        clerk_xa_mat=world.user(Role.CLERK, world.post_xa_mat, username="xa_mat_clerk"),
        clerk_hoa_lu=world.user(Role.CLERK, world.post_hoa_lu, username="hoa_lu_clerk"),
        viewer_tay_ninh=world.user(Role.VIEWER, world.bdbp_tay_ninh, username="tn_viewer"),
        kh_viewer=world.user(Role.VIEWER, world.kh_svay_rieng, username="kh_viewer"),
        admin=world.user(Role.SYSTEM_ADMIN, world.national, username="sysadmin"),
    )
