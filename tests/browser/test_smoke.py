"""Smoke tests: the site renders in a real browser."""

import io

from PIL import Image, ImageStat


def test_about_page_renders_in_chromium(browser_page, live_server):
    """The public about page loads with the site name in its title and paints content."""
    page = browser_page
    response = page.goto(f"{live_server.url}/about/")

    assert response is not None
    assert response.status == 200
    assert "Hữu Nghị" in page.title()
    screenshot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("L")
    assert max(ImageStat.Stat(screenshot).var) > 100, "screenshot is blank"


def test_about_page_runs_without_console_errors(browser_page, live_server):
    """The page frame (CSP, htmx, static files) raises no error in the browser console."""
    page = browser_page
    page.goto(f"{live_server.url}/about/")
    page.wait_for_load_state("networkidle")

    assert page.console_errors == []
