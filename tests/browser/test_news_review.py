"""End to end in Chromium: a clerk pastes an article, changes a proposal's kind (htmx
rebuilds the card), accepts the festival as a draft record and rejects another proposal,
all without reloading the review page and without console errors (CSP included)."""

from __future__ import annotations

from typing import Any

from huunghi.core.testing import build_world, user_with_role
from huunghi.newsimport.gazetteer import gazetteer_clear
from huunghi.newsimport.models import Decision, NewsArticle
from huunghi.newsimport.tests.factories import ARTICLE
from huunghi.records.models import Activity, ActivityKind, Status

PASSWORD = "Str0ng-pass-phrase!"


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_paste_review_accept_and_reject(browser_page, live_server):
    gazetteer_clear()
    world = build_world()
    user_with_role("clerk", world.bdbp_dong_nai, username="dongnai_clerk")
    page, base = browser_page, live_server.url
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)

    _sign_in(page, base, "dongnai_clerk")
    page.goto(f"{base}/news/")
    page.fill("textarea[name=text]", ARTICLE)
    page.click("main form.form button[type=submit]")
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    article = NewsArticle.objects.get()
    assert page.locator("mark.hl-trigger").count() >= 3
    assert page.locator("mark.hl-place").count() >= 2

    festival = article.proposals.get(kind="festival")
    card = f"#proposal-{festival.pk}"
    prefix = f"#id_p{festival.pk}-"
    page.click(f"{card} .proposaledit > summary")
    page.fill(f"{prefix}title", "Ngày hội giao lưu tại Lộc Ninh")
    page.select_option(f"{prefix}kind", ActivityKind.AID)
    page.wait_for_selector(f"{prefix}d_goods_or_money")
    assert page.input_value(f"{prefix}title") == "Ngày hội giao lưu tại Lộc Ninh"
    page.select_option(f"{prefix}kind", ActivityKind.FESTIVAL)
    page.wait_for_selector(f"{prefix}d_edition")
    page.click(f"{card} button.primary")
    page.wait_for_selector(f"{card}.accepted")
    activity = Activity.objects.get()
    assert activity.status == Status.DRAFT and activity.title == "Ngày hội giao lưu tại Lộc Ninh"
    assert activity.place == world.loc_ninh_legacy

    trees = article.proposals.get(kind="tree_planting")
    page.click(f"#proposal-{trees.pk} button.danger")
    page.wait_for_selector(f"#proposal-{trees.pk}.rejected")
    trees.refresh_from_db()
    assert trees.decision == Decision.REJECTED
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []
    assert [e for e in page.console_errors if "status of 404" not in e] == []
