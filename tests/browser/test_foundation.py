"""End to end in Chromium: a demo user signs in and switches to Khmer; a post clerk
cannot open another province's unit."""

from __future__ import annotations

import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext
from PIL import Image, ImageStat

from huunghi.core.testing import build_world, user_with_role

PASSWORD = "Str0ng-pass-phrase!"


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_sign_in_and_switch_to_khmer(browser_page, live_server):
    """The home page turns Khmer: translated text in Khmer script, a non-blank screenshot."""
    world = build_world()
    user_with_role("viewer", world.bdbp_tay_ninh, username="tayninh_viewer")
    page, base = browser_page, live_server.url
    _sign_in(page, base, "tayninh_viewer")
    # Signing in applies the account's preferred language (Vietnamese by default).
    assert page.locator("html").get_attribute("lang") == "vi"
    page.click("form.langswitch button[value=km]")
    page.wait_for_load_state("networkidle")
    with translation.override("km"):
        scope_heading = gettext("Your scope")
    assert scope_heading != "Your scope", "the Khmer catalogue lacks this string"
    assert page.locator("html").get_attribute("lang") == "km"
    assert scope_heading in page.inner_text("main")
    assert any("\u1780" <= ch <= "\u17ff" for ch in page.inner_text("nav"))
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("L")
    assert max(ImageStat.Stat(shot).var) > 100, "screenshot is blank"
    assert page.console_errors == []


def test_post_clerk_cannot_open_another_provinces_unit(browser_page, live_server):
    """The clerk's own post opens; the other province's post answers 404."""
    world = build_world()
    user_with_role("clerk", world.post_xa_mat, username="xamat_clerk")
    page, base = browser_page, live_server.url
    _sign_in(page, base, "xamat_clerk")
    own = page.goto(f"{base}/units/{world.post_xa_mat.pk}/")
    assert own is not None and own.status == 200
    assert "Xa Mát" in page.inner_text("h1")
    other = page.goto(f"{base}/units/{world.post_hoa_lu.pk}/")
    assert other is not None and other.status == 404
    assert "Hoa Lư" not in page.content()
