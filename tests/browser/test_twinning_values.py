"""A twinning pair from a post clerk's form to every number (issue 11, browser test).

The Xa Mát clerk records a post pair and submits it; the Tây Ninh approver approves
it; the dashboard, the API totals and the review report (DOCX text, XLSX cells, written
in-process as the background job writes them) all count it; before approval they do not.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from django.conf import settings
from django.test import Client

from huunghi.accounts.models import Role
from huunghi.core.testing import build_world
from huunghi.geography.selectors import clear_geography_cache
from huunghi.records.models import TwinningPair
from huunghi.reports import review
from huunghi.reports.periods import Period
from tests.browser.test_dashboard import _wait_ready

YEAR = "period=custom&date_from=2024-01-01&date_to=2024-12-31&records=approved"
CODE = "twinning_pairs_post"


def _sign_in(page, live_server, user) -> None:
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def _card_value(page, live_server, unit) -> str:
    page.goto(f"{live_server.url}/reports/?{YEAR}&unit={unit.pk}")
    _wait_ready(page)  # charts fetched before leaving: one request at a time on SQLite
    return page.locator(f'.card[data-code="{CODE}"]').get_attribute("data-value") or ""


def _api_value(page, live_server, unit) -> str | None:
    response = page.request.get(
        f"{live_server.url}/api/v1/reports/totals?indicator={CODE}&unit={unit.pk}"
        "&date_from=2024-01-01&date_to=2024-12-31&approved_only=true"
    )
    assert response.ok, response.text()
    return response.json()["indicators"][0]["value"]


def _report_values(user, unit) -> tuple[str, object]:
    """The DOCX row text and the XLSX value cell of the post pairs line."""
    import docx
    from openpyxl import load_workbook

    data = review.gather_review(
        user=user, unit=unit, period=Period.year(2024), approved_only=True, language="en"
    )
    label = "Active twinned post / station pairs"
    document = docx.Document(io.BytesIO(review.render(data, "docx", "r").content))
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    docx_text = next(r[3] for r in rows if len(r) > 3 and r[1] == label)
    sheet = load_workbook(io.BytesIO(review.render(data, "xlsx", "r").content)).worksheets[0]
    xlsx_value = next(r[3] for r in sheet.iter_rows(values_only=True) if r[1] == label)
    return docx_text, xlsx_value


def test_clerk_records_approver_approves_every_surface_counts(browser_page, live_server):
    clear_geography_cache()
    world = build_world()
    clerk = world.user(Role.CLERK, world.post_xa_mat, username="xa_mat_clerk")
    approver = world.user(Role.APPROVER, world.bdbp_tay_ninh, username="tn_approver")
    page = browser_page

    _sign_in(page, live_server, clerk)
    page.goto(f"{live_server.url}/records/twinning/new/")
    page.locator("select[name=kind]").select_option("post_pair")
    page.locator("select[name=unit]").select_option(str(world.post_xa_mat.pk))
    page.locator("select[name=vn_unit]").select_option(str(world.post_xa_mat.pk))
    page.locator("select[name=kh_unit]").select_option(str(world.kh_post_bavet.pk))
    page.locator("input[name=started_on]").fill("2024-03-01")
    page.locator("form.recordform button[type=submit]").click()
    page.wait_for_url(re.compile(r"/records/twinning/\d+/$"))
    page.get_by_role("button", name="Submit for approval").click()
    pair = TwinningPair.objects.get()
    assert pair.record_status == "submitted"

    _sign_in(page, live_server, approver)
    assert _card_value(page, live_server, world.bdbp_tay_ninh) == ""
    assert _api_value(page, live_server, world.bdbp_tay_ninh) is None
    page.goto(f"{live_server.url}/records/twinning/{pair.pk}/")
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_load_state()
    pair.refresh_from_db()
    assert pair.record_status == "approved"

    assert Decimal(_card_value(page, live_server, world.bdbp_tay_ninh)) == 1
    assert Decimal(_api_value(page, live_server, world.bdbp_tay_ninh)) == 1
    docx_text, xlsx_value = _report_values(approver, world.bdbp_tay_ninh)
    assert docx_text == "1" and xlsx_value == 1
    assert page.console_errors == []
    assert dt.date(2024, 3, 1) == pair.started_on
