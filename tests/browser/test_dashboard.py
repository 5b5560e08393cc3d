"""The dashboard in Chromium: charts and map draw, filters redraw them, no console error."""

from __future__ import annotations

import datetime as dt
import io
import time

from django.conf import settings
from django.test import Client
from PIL import Image, ImageStat

from huunghi.accounts.models import Role
from huunghi.core.testing import build_world
from huunghi.geography.selectors import clear_geography_cache
from huunghi.records.models import ActivityKind, Measure, Status
from huunghi.reports.tests.factories import ABOUT, EXACT, make_activity

QUERY = "period=custom&date_from=2022-01-01&date_to=2024-12-31"
MAP_PATHS = '[data-role="map"] svg path.leaflet-interactive'


def _data():
    clear_geography_cache()
    world = build_world()
    make_activity(
        unit=world.post_hoa_lu,
        start=dt.date(2022, 5, 15),
        place=world.loc_ninh_legacy,
        kind=ActivityKind.MEDICAL_OUTREACH,
        status=Status.APPROVED,
        quantities=[(Measure.PEOPLE_EXAMINED, 2000, ABOUT)],
    )
    for month in (2, 5, 9):
        make_activity(
            unit=world.post_xa_mat,
            start=dt.date(2024, month, 10),
            place=world.long_an_legacy,
            kind=ActivityKind.JOINT_PATROL,
            status=Status.APPROVED,
            quantities=[(Measure.MARKERS, 4, EXACT)],
        )
    make_activity(unit=world.kh_post_bavet, start=dt.date(2024, 8, 8), place=world.svay_rieng)
    return world


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def _wait_ready(page) -> None:
    page.wait_for_selector('#dashboard-body[data-state="ready"]', timeout=15_000)


def _wait_redrawn(page) -> None:
    """Wait until htmx replaced the marked body and the new one finished drawing.

    (Polls from Python: ``wait_for_function`` would evaluate a string in the page,
    which the Content-Security-Policy forbids.)
    """
    check = (
        "(() => { const b = document.getElementById('dashboard-body');"
        " return !!b && b.dataset.old !== '1' && b.dataset.state === 'ready'; })()"
    )
    for _ in range(150):
        if page.evaluate(check):
            return
        time.sleep(0.1)
    raise AssertionError("the dashboard was not redrawn")


def test_dashboard_draws_charts_and_map(browser_page, live_server):
    """Three charts paint on canvases, the map draws the provinces as SVG paths, a filter
    change redraws through htmx, and the console stays free of errors (CSP included)."""
    world = _data()
    page = browser_page
    _sign_in(page, live_server, world.user(Role.VIEWER, world.national))
    response = page.goto(f"{live_server.url}/reports/?{QUERY}")
    assert response is not None and response.status == 200
    _wait_ready(page)

    for chart in ("trend", "kinds", "provinces"):
        selector = f'canvas[data-chart="{chart}"]'
        box = page.locator(selector).bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, chart
        assert page.evaluate(f"!!Chart.getChart(document.querySelector('{selector}'))")
    assert page.locator(MAP_PATHS).count() > 5, "provinces drawn"
    assert page.locator(".kpi").count() >= 3

    page.evaluate("document.getElementById('dashboard-body').dataset.old = '1'")
    page.locator("select[name=records]").select_option("all")
    _wait_redrawn(page)
    assert "records=all" in page.url
    assert page.locator(MAP_PATHS).count() > 5

    screenshot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("L")
    assert max(ImageStat.Stat(screenshot).var) > 100, "screenshot is blank"
    assert page.console_errors == []


def test_post_clerk_dashboard_in_browser(browser_page, live_server):
    """A post clerk's dashboard draws with their own numbers only."""
    world = _data()
    page = browser_page
    _sign_in(page, live_server, world.user(Role.CLERK, world.post_xa_mat))
    page.goto(f"{live_server.url}/reports/?{QUERY}")
    _wait_ready(page)
    labels = page.evaluate(
        "Chart.getChart(document.querySelector('canvas[data-chart=\"provinces\"]')).data.labels"
    )
    assert labels == ["Tây Ninh"]
    assert page.console_errors == []
