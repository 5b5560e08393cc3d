"""Demo data: the Border Guard Command's 2020–2022 numbers are the same on the dashboard,
the comparison page, the API and the review report (issue 11, "Demo data" done-when).

The demo tree, accounts, the articles' records and the cited figures are loaded as
``setup_demo`` loads them (without the full geography: places are then left empty).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from huunghi.accounts.models import User
from huunghi.core.demo.accounts import load_demo_accounts
from huunghi.core.demo.articles import load_article_records
from huunghi.core.demo.organisations import load_demo_units
from huunghi.core.testing import country
from huunghi.figures.sources import load_reported_figures
from huunghi.organisations.models import Unit
from huunghi.reports.periods import Period
from huunghi.reports.tests.test_cross_surface import Example, api, comparison, dashboard, review
from huunghi.reports.values import by_code, indicator_values

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ARTICLE = "Hữu nghị Bốn phương kết bạn"
# code: (value, qualifier, the article's figure)
EXPECTED = {
    "twinning_pairs_post": (Decimal(32), "exact", Decimal(32)),
    "pupils_supported_vn": (Decimal(631), "exact", Decimal(631)),
    "pupils_supported_kh": (Decimal(84), "exact", Decimal(84)),
    "people_examined": (Decimal(2000), "about", Decimal(2000)),
    "aid_value_vnd": (Decimal(7_000_000_000), "at_least", Decimal(7_000_000_000)),
}


@pytest.fixture
def demo(db):
    country("VN"), country("KH")
    load_demo_units()
    load_demo_accounts()
    load_article_records(User.objects.get(username="admin"))
    load_reported_figures()
    return Unit.objects.get(code="VN-BDBP")


def _two_decimals(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def test_border_guard_numbers_2020_2022(demo, client):
    """32 post pairs, 45 cluster pairs (beside the one recorded pair), 631 + 84 pupils,
    about 2,000 people examined and at least 7 bn VND of aid, each citing the article,
    seen by the Border Guard Command's national viewer on every surface."""
    viewer = User.objects.get(username="bdbp_viewer")
    period = Period.years(2020, 2022)
    values = by_code(indicator_values(user=viewer, unit=demo, period=period))
    for code, (value, qualifier, figure) in EXPECTED.items():
        found = values[code]
        assert (found.value, found.qualifier) == (value, qualifier), code
        assert found.figure_value == figure, code
        assert found.sources and found.sources[0].site == ARTICLE, code
    clusters = values["twinning_pairs_cluster"]
    assert clusters.figure_value == 45 and clusters.sources[0].site == ARTICLE
    assert clusters.origin == "both" and clusters.difference == 45 - clusters.value

    example = Example([], [], viewer, demo, period, True)
    client.force_login(viewer)
    cards = dashboard(client, example)
    from_api = api(client, example)
    from_xlsx, from_docx, _shown = review(example)
    for code in [*EXPECTED, "twinning_pairs_cluster"]:
        want = values[code]
        value = _two_decimals(want.value)
        assert cards[code][:2] == (value, want.qualifier), ("dashboard", code)
        assert _two_decimals(from_api[code]["value"]) == value, ("api", code)
        assert _two_decimals(from_api[code]["figure"]) == _two_decimals(want.figure_value)
        assert comparison(client, example, code) == (value, str(want.origin)), code
        assert from_xlsx[code] == (value, want.qualifier), ("xlsx", code)
        assert from_docx[code] == (value, want.qualifier), ("docx", code)


def test_dashboard_shows_the_figures_with_their_article(demo, client):
    """The cards show the figure beside the value and the article as a numbered note, with
    thousands separators."""
    client.force_login(User.objects.get(username="bdbp_viewer"))
    page = client.get(
        "/reports/",
        {"period": "custom", "date_from": "2020-01-01", "date_to": "2022-12-31"},
    ).text
    assert ARTICLE in page and 'id="dashboard-note-1"' in page
    assert "7,000,000,000" in page and "reported: 45" in page


def test_dashboard_opens_on_the_latest_year_with_data(demo, client):
    """Without a chosen period the Border Guard viewer's dashboard shows 2022, the latest
    year holding their records or figures, not an empty current year."""
    client.force_login(User.objects.get(username="bdbp_viewer"))
    page = client.get("/reports/").text
    assert "From 01/01/2022 to 31/12/2022" in page
    assert dt.date.today().year > 2022
