"""Organisations an article names that the unit register lacks are proposed, not dropped:
the review card lists them with a suggested kind and country, and a reviewer maps one to
a registered unit (remembered as an alias the gazetteer reads from then on) or, with the
manage capability, creates it as a counterpart unit."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.core.testing import World, user_with_role
from huunghi.newsimport import services
from huunghi.newsimport.extraction.organisations import find_unknown_units
from huunghi.newsimport.gazetteer import news_gazetteer
from huunghi.newsimport.models import NewsArticle, UnitAlias
from huunghi.newsimport.tests.factories import People
from huunghi.organisations.models import Unit

pytestmark = pytest.mark.usefixtures("news")
POST_NAME = "Đồn Cảnh sát biên giới Thlok Trach"
TEXT = f"""Tuần tra song phương đoạn biên giới Lộc Ninh
Thứ Hai, 10/06/2024 - 09:00

Ngày 8/6/2024, Bộ đội Biên phòng tỉnh Đồng Nai phối hợp với {POST_NAME} (tỉnh Svay Rieng, \
Campuchia) tổ chức tuần tra song phương đoạn biên giới dài 12 km thuộc huyện Lộc Ninh.

Kết thúc tuần tra, hai bên trao đổi tình hình an ninh trật tự và thống nhất kế hoạch phối hợp.
"""


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _patrol(world: World, user: Any) -> tuple[NewsArticle, Any]:
    article = services.article_import(unit=world.bdbp_dong_nai, acting_user=user, text=TEXT)
    (patrol,) = article.proposals.filter(kind="joint_patrol")
    return article, patrol


def test_engine_proposes_a_cambodian_post_missing_from_the_register() -> None:
    """The post's name, a border police kind and Cambodia are suggested."""
    (found,) = find_unknown_units(TEXT, [])
    assert (found.name, found.kind, found.country) == (POST_NAME, "border_police", "KH")


def test_review_card_lists_the_unknown_post(world: World, people: People) -> None:
    """The clerk sees the organisation with its suggested kind on the patrol's card."""
    article, patrol = _patrol(world, people.dn_clerk)
    assert patrol.payload["unknown_units"][0]["name"] == POST_NAME
    page = _client(people.dn_clerk).get(article.get_absolute_url())
    assert POST_NAME in page.content.decode() and "border police post" in page.content.decode()


def test_clerk_maps_it_to_a_registered_unit_and_the_gazetteer_learns(
    world: World, people: People
) -> None:
    """Mapping stores an alias with an audit row; the next article resolves the name."""
    _article, patrol = _patrol(world, people.dn_clerk)
    response = _client(people.dn_clerk).post(
        reverse("newsimport:unknown_unit", args=[patrol.pk]),
        {"name": POST_NAME, "action": "map", "unit": world.kh_svay_rieng.pk},
    )
    assert response.status_code == 302
    alias = UnitAlias.objects.get()
    assert (alias.name, alias.unit) == (POST_NAME, world.kh_svay_rieng)
    assert AuditEvent.objects.filter(action="newsimport.alias_create").count() == 1
    matches = news_gazetteer().find(f"phối hợp với {POST_NAME} tổ chức")
    assert [m.entry.id for m in matches if m.entry] == [f"unit:{world.kh_svay_rieng.pk}"]


def test_clerk_without_manage_rights_cannot_create_units(world: World, people: People) -> None:
    """A clerk is told to ask a manager; no unit is created."""
    _article, patrol = _patrol(world, people.dn_clerk)
    before = Unit.objects.count()
    response = _client(people.dn_clerk).post(
        reverse("newsimport:unknown_unit", args=[patrol.pk]),
        {"name": POST_NAME, "action": "create", "kind": "border_police", "parent": 1},
        follow=True,
    )
    assert "ask a manager" in response.content.decode()
    assert Unit.objects.count() == before


def test_administrator_creates_it_as_a_counterpart_unit(world: World, people: People) -> None:
    """An administrator (who may review the import and manage the Cambodian unit) creates
    the post under it, through the organisations service and with its audit row."""
    admin = user_with_role(Role.SYSTEM_ADMIN, world.national, username="sys_admin")
    _article, patrol = _patrol(world, people.dn_clerk)
    response = _client(admin).post(
        reverse("newsimport:unknown_unit", args=[patrol.pk]),
        {
            "name": POST_NAME,
            "action": "create",
            "kind": "border_police",
            "parent": world.kh_svay_rieng.pk,
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(name_vi=POST_NAME)
    assert (unit.code, unit.kind, unit.parent) == (
        "KH-NEWS-1",
        "border_police",
        world.kh_svay_rieng,
    )
    assert unit.country.code == "KH"
    assert AuditEvent.objects.filter(action="unit.create", target_id=str(unit.pk)).exists()


@pytest.mark.parametrize("who", ["dn_viewer", "tn_clerk"])
def test_viewers_and_other_units_get_404(world: World, people: People, who: str) -> None:
    """Missing and forbidden alike: nothing is stored."""
    _article, patrol = _patrol(world, people.dn_clerk)
    client = _client(getattr(people, who))
    data = {"name": POST_NAME, "action": "map", "unit": world.kh_svay_rieng.pk}
    assert (
        client.post(reverse("newsimport:unknown_unit", args=[patrol.pk]), data).status_code == 404
    )
    assert client.post(reverse("newsimport:unknown_unit", args=[10**9]), data).status_code == 404
    assert not UnitAlias.objects.exists()
