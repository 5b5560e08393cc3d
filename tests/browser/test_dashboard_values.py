"""Dashboard cards in Chromium: every programme has a card, large amounts keep to their
card at 1366 px and 390 px, digits are grouped, reported figures sit beside values."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from PIL import Image, ImageStat

from huunghi.accounts.models import Role
from huunghi.core.models import Qualifier
from huunghi.core.testing import build_world
from huunghi.figures.models import ReportedFigure, SourceKind
from huunghi.figures.periods import PeriodKind
from huunghi.geography.selectors import clear_geography_cache
from huunghi.records.models import ActivityKind, Measure, Status
from huunghi.reports.tests.factories import AT_LEAST, make_activity
from tests.browser.test_dashboard import _sign_in, _wait_ready

QUERY = "period=custom&date_from=2022-01-01&date_to=2022-12-31"
# Every element of every card must lie inside the card, and no text may be clipped.
OVERFLOWS = """
() => {
  const bad = [];
  for (const card of document.querySelectorAll('.dashboard-cards .card')) {
    const box = card.getBoundingClientRect();
    for (const el of card.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const outside = r.left < box.left - 0.5 || r.right > box.right + 0.5;
      const clipped = el.scrollWidth > el.clientWidth + 1
        && getComputedStyle(el).overflow !== 'visible';
      if (outside || clipped) {
        bad.push(card.dataset.code + ' ' + el.className + ' ' + Math.round(r.right - box.right));
      }
    }
    if (box.right > document.documentElement.clientWidth + 0.5) {
      bad.push(card.dataset.code + ' beyond the page');
    }
  }
  return bad;
}
"""


def _big_numbers():
    clear_geography_cache()
    world = build_world()
    make_activity(
        unit=world.post_xa_mat,
        start=dt.date(2022, 3, 1),
        kind=ActivityKind.AID,
        place=world.tay_ninh,
        status=Status.APPROVED,
        quantities=[(Measure.VALUE_VND, 987_654_321_098_765, AT_LEAST)],
    )
    ReportedFigure.objects.create(
        unit=world.national,
        indicator="aid_value_vnd",
        value=Decimal("123456789012345"),
        qualifier=Qualifier.ABOUT,
        period_kind=PeriodKind.YEAR,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        source_kind=SourceKind.NEWS,
        source_title="A long article title about support given along the border in 2022",
        source_site="Example news site",
        status=Status.APPROVED,
    )
    return world


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_large_amounts_stay_inside_their_cards(browser_page, live_server, tmp_path, width, height):
    """Fifteen-digit amounts with "at least", figures and notes fit the cards, with a card
    for every programme; digits are grouped (tests read the English interface)."""
    world = _big_numbers()
    page = browser_page
    page.set_viewport_size({"width": width, "height": height})
    _sign_in(page, live_server, world.user(Role.VIEWER, world.national))
    page.goto(f"{live_server.url}/reports/?{QUERY}")
    _wait_ready(page)
    assert page.locator('[data-role="programme-cards"] .card').count() == len(ActivityKind)
    aid = page.locator('.card[data-code="aid_value_vnd"] .value')
    assert aid.inner_text() == "at least 987,654,321,098,765"
    assert page.evaluate(OVERFLOWS) == []
    shot = page.screenshot(full_page=True)
    (tmp_path / f"dashboard-{width}.png").write_bytes(shot)
    image = Image.open(io.BytesIO(shot)).convert("L")
    assert max(ImageStat.Stat(image).var) > 100, "screenshot is blank"
    assert page.console_errors == []
