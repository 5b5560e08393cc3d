"""End to end in Chromium: a post clerk registers border marker 229/12 and submits it;
the province approver approves it; a salute that repaints the marker shows in its
condition history; the list finds it by number and the map draws it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from huunghi.core.testing import build_world, user_with_role
from huunghi.geography.models import BorderMarker
from huunghi.records.services import activity_create

PASSWORD = "Str0ng-pass-phrase!"


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _sign_out(page: Any) -> None:
    with page.expect_navigation():
        page.click("form[action$='/accounts/logout/'] button[type=submit]")
    page.wait_for_load_state()


def _register(page: Any, base: str, world: Any) -> None:
    page.goto(f"{base}/places/markers/new/")
    page.fill("#id_number", "229/12")
    page.select_option("#id_kind", "auxiliary")
    page.select_option("#id_unit", str(world.post_xa_mat.pk))
    page.fill("#id_latitude", "11.42")
    page.fill("#id_longitude", "106.05")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())


def test_marker_registered_approved_linked_listed_and_mapped(browser_page, live_server):
    world = build_world()
    clerk = user_with_role("clerk", world.post_xa_mat, username="xamat_clerk")
    user_with_role("approver", world.bdbp_tay_ninh, username="tayninh_approver")
    user_with_role("viewer", world.kh_post_bavet, username="bavet_viewer")
    page, base = browser_page, live_server.url

    _sign_in(page, base, "xamat_clerk")
    _register(page, base, world)
    assert page.locator("[data-status=draft]").count() == 1
    page.click("form[action$='/submit/'] button[type=submit]")
    page.wait_for_selector("[data-status=submitted]")
    assert page.locator("form[action$='/approve/']").count() == 0
    _sign_out(page)

    marker = BorderMarker.objects.get(number="229/12")
    _sign_in(page, base, "tayninh_approver")
    page.goto(f"{base}/places/markers/{marker.pk}/")
    page.click("form[action$='/approve/'] button[type=submit]")
    page.wait_for_selector("[data-status=approved]")
    _sign_out(page)

    salute = activity_create(
        acting_user=clerk,
        kind="marker_salute",
        unit=world.post_xa_mat,
        title="Salute and repaint at 229/12",
        start_date=dt.date(2025, 9, 2),
        details={"markers": "229/12", "ceremony": "both"},
    )
    _sign_in(page, base, "xamat_clerk")
    page.goto(f"{base}/places/markers/{marker.pk}/")
    history = page.locator("table.conditions tbody tr").first
    assert history.locator(f"a[href='/records/{salute.pk}/']").count() == 1
    assert page.locator(f"ul.records a[href='/records/{salute.pk}/']").count() == 1
    _sign_out(page)

    _sign_in(page, base, "bavet_viewer")
    page.goto(f"{base}/places/markers/?q=229%2F12")
    assert page.locator(f"table.markers a[href='/places/markers/{marker.pk}/']").count() == 1
    assert page.locator("a[href='/places/markers/new/']").count() == 0
    page.goto(f"{base}/places/markers/map/")
    page.wait_for_selector("#marker-map[data-state=ready]")
    assert page.locator("#marker-map path.leaflet-interactive").count() >= 1
    assert page.console_errors == []
