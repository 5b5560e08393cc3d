"""Menus and tabs show only what a role can use: following every link of the main menu,
and every tab of the pages it leads to, never ends on a 404 or a 403, for every role."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.core.testing import user_with_role

NAV_RE = re.compile(r'<nav class="(?:mainnav|subnav|tabs|actions)[^"]*"[^>]*>(.*?)</nav>', re.S)
HREF_RE = re.compile(r'href="(/[^"#?]*)(?:\?[^"]*)?"')


def _links(html: str) -> set[str]:
    found: set[str] = set()
    for block in NAV_RE.findall(html):
        found |= set(HREF_RE.findall(block))
    return {link for link in found if not link.startswith(("/static/", "/media/"))}


def _roles(world):
    return {
        "post viewer": (Role.VIEWER, world.post_xa_mat),
        "post clerk": (Role.CLERK, world.post_xa_mat),
        "province approver": (Role.APPROVER, world.bdbp_tay_ninh),
        "province unit admin": (Role.UNIT_ADMIN, world.bdbp_tay_ninh),
        "system admin": (Role.SYSTEM_ADMIN, world.national),
        "counterpart viewer": (Role.VIEWER, world.kh_post_bavet),
        "counterpart clerk": (Role.CLERK, world.kh_svay_rieng),
    }


ROLE_NAMES = [
    "post viewer",
    "post clerk",
    "province approver",
    "province unit admin",
    "system admin",
    "counterpart viewer",
    "counterpart clerk",
]


@pytest.mark.parametrize("role_name", ROLE_NAMES)
def test_every_menu_and_tab_link_opens(world, settings, role_name):
    """Each link of the main menu and of the tabs on the pages it opens answers 200
    (or a redirect to a page that does) for this role."""
    settings.LANGUAGE_CODE = "en"
    role, unit = _roles(world)[role_name]
    client = Client()
    client.force_login(user_with_role(role, unit))
    home = client.get(reverse("core:home"))
    menu = _links(home.content.decode())
    assert menu, "the home page has a menu"
    broken: dict[str, int] = {}
    seen: set[str] = set()
    for link in sorted(menu):
        response = client.get(link, follow=True)
        seen.add(link)
        if response.status_code != 200:
            broken[link] = response.status_code
            continue
        for tab in _links(response.content.decode()) - menu - seen:
            seen.add(tab)
            status = client.get(tab, follow=True).status_code
            if status != 200:
                broken[tab] = status
    assert broken == {}, role_name
