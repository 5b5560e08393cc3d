"""What a demanding reader notices in Chromium, in Vietnamese and Khmer (UI review, session 4).

Each test is a defect found by looking at the demo in a browser: an action code shown as
words, chart labels cropped at the canvas edge, months written as ISO codes, and the maps'
English tooltips and attribution on Vietnamese and Khmer pages.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client

from huunghi.accounts.models import Role, User
from huunghi.beneficiaries.tests.helpers import make_pupil
from huunghi.core.actors import SYSTEM
from huunghi.core.testing import build_world
from huunghi.core.workflow import approve_as_loaded
from huunghi.cycle.tests.factories import build_tree
from huunghi.geography.selectors import clear_geography_cache
from huunghi.organisations.services import unit_rename
from huunghi.records.models import ActivityKind, Measure, Status
from huunghi.reports.tests.factories import ABOUT, EXACT, make_activity

QUERY = "period=custom&date_from=2022-01-01&date_to=2022-12-31"
KINDS = '[data-chart="kinds"]'


def _sign_in(page, live_server, user, language: str) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )


def _dashboard_world():
    clear_geography_cache()
    world = build_world()
    for kind in (ActivityKind.JOINT_PATROL, ActivityKind.MARKER_SALUTE, ActivityKind.OTHER):
        make_activity(
            unit=world.post_xa_mat,
            start=dt.date(2022, 5, 10),
            place=world.long_an_legacy,
            kind=kind,
            status=Status.APPROVED,
            quantities=[(Measure.MARKERS, 4, EXACT)],
        )
    make_activity(
        unit=world.post_hoa_lu,
        start=dt.date(2022, 7, 15),
        place=world.loc_ninh_legacy,
        kind=ActivityKind.MEDICAL_OUTREACH,
        status=Status.APPROVED,
        quantities=[(Measure.PEOPLE_EXAMINED, 2000, ABOUT)],
    )
    return world


def _open_dashboard(page, live_server, world, language: str) -> None:
    _sign_in(page, live_server, world.user(Role.VIEWER, world.national), language)
    page.goto(f"{live_server.url}/reports/?{QUERY}")
    page.wait_for_selector('#dashboard-body[data-state="ready"]', timeout=15_000)


def test_record_history_names_a_loaded_approval(browser_page, live_server):
    """A record approved as loaded from its source (every demo record) shows that step in
    words in the page's language, never the stored code ``approve_loaded``."""
    world = build_world()
    activity = make_activity(unit=world.post_xa_mat, start=dt.date(2022, 5, 10))
    approve_as_loaded(obj=activity, acting_user=SYSTEM, source="Demo source, 2022")
    page = browser_page
    _sign_in(page, live_server, world.user(Role.VIEWER, world.national), "vi")
    page.goto(f"{live_server.url}/records/{activity.pk}/")
    history = page.locator("section.history").inner_text()
    assert "approve_loaded" not in history
    assert "được phê duyệt khi nạp từ nguồn" in history
    assert page.console_errors == []


@pytest.mark.parametrize(
    ("language", "patrol"), [("vi", "Tuần tra chung"), ("km", "ល្បាតរួម")], ids=["vi", "km"]
)
def test_dashboard_chart_labels_fit_on_a_phone(browser_page, live_server, language, patrol):
    """On a 390 px phone, every line of the kinds chart's labels fits inside its axis: long
    programme names wrap (Khmer ones, written without spaces, at word breaks) instead of
    being cropped at the canvas edge, and no label is skipped. The monthly chart writes
    months as 05/2022, not 2022-05."""
    world = _dashboard_world()
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    _open_dashboard(page, live_server, world, language)
    fit = page.evaluate(
        """(selector) => {
          const chart = Chart.getChart(document.querySelector(selector));
          const scale = chart.scales.y;
          const ctx = chart.ctx;
          ctx.save();
          ctx.font = Chart.helpers.toFont(scale.options.ticks.font).string;
          const lines = chart.data.labels.flatMap((l) => Array.isArray(l) ? l : [l]);
          const widest = Math.max(...lines.map((line) => ctx.measureText(line).width));
          ctx.restore();
          return {widest, room: scale.width - scale.options.ticks.padding, left: scale.left,
                  lines, shown: scale.ticks.length, labels: chart.data.labels.length};
        }""",
        f"canvas{KINDS}",
    )
    assert any(line.startswith(patrol) for line in fit["lines"]), fit["lines"]
    assert fit["left"] >= 0
    assert fit["widest"] <= fit["room"], fit
    assert fit["shown"] == fit["labels"], fit
    months = page.evaluate(
        "Chart.getChart(document.querySelector('canvas[data-chart=\"trend\"]')).data.labels"
    )
    assert months[0] == "01/2022" and months[-1] == "12/2022", months
    assert page.console_errors == []


def test_maps_speak_the_page_language(browser_page, live_server):
    """On the Khmer dashboard the map's zoom buttons, the Leaflet link and the boundary
    attribution are in Khmer, and a Cambodian province's tooltip gives its Khmer name."""
    world = _dashboard_world()
    page = browser_page
    _open_dashboard(page, live_server, world, "km")
    assert page.get_attribute(".leaflet-control-zoom-in", "title") == "ពង្រីក"
    assert page.get_attribute(".leaflet-control-zoom-out", "title") == "បង្រួម"
    attribution = page.locator(".leaflet-control-attribution")
    assert "A JavaScript library" not in attribution.inner_html()
    assert "Boundaries:" not in attribution.inner_text()
    assert "ព្រំដែន" in attribution.inner_text()
    tooltips = page.evaluate(
        """() => {
          const names = [];
          document.querySelectorAll('[data-role="map"] path.leaflet-interactive').forEach((p) => {
            p.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
            document.querySelectorAll('.leaflet-tooltip').forEach((t) => names.push(t.textContent));
            p.dispatchEvent(new MouseEvent('mouseout', {bubbles: true}));
          });
          return names;
        }"""
    )
    assert any(name.startswith("ស្វាយរៀង") for name in tooltips), tooltips
    assert page.console_errors == []


def test_unit_history_names_each_change_in_words(browser_page, live_server):
    """The table of a unit's names and parents over time says "đã tạo" / "đã đổi tên" on
    a Vietnamese page, not the stored codes "created" / "renamed"."""
    world = build_world()
    unit_rename(
        unit=world.post_xa_mat,
        name_vi="Đồn Biên phòng Xa Mát (tên mới)",
        on_date=dt.date(2024, 1, 1),
        acting_user=SYSTEM,
    )
    page = browser_page
    _sign_in(page, live_server, world.user(Role.VIEWER, world.national), "vi")
    page.goto(f"{live_server.url}/units/{world.post_xa_mat.pk}/")
    changes = page.locator("table.table tbody tr td:last-child").all_inner_texts()
    assert "đã đổi tên" in changes, changes
    assert not {"created", "renamed", "moved"} & set(changes), changes
    assert page.console_errors == []


def test_kind_help_speaks_only_to_who_fills_in_or_approves(browser_page, live_server):
    """A patrol record's instruction ("Summary only. Do not record positions…") is shown
    to the clerk who may change the record, not to a national viewer who only reads it."""
    world = build_world()
    activity = make_activity(
        unit=world.post_xa_mat, start=dt.date(2024, 3, 1), kind=ActivityKind.JOINT_PATROL
    )
    page = browser_page
    url = f"{live_server.url}/records/{activity.pk}/"
    _sign_in(page, live_server, world.user(Role.VIEWER, world.national), "en")
    page.goto(url)
    assert page.locator("h1").inner_text() == activity.title
    assert page.get_by_text("Summary only.").count() == 0
    page.context.clear_cookies()
    _sign_in(page, live_server, world.user(Role.CLERK, world.post_xa_mat), "en")
    page.goto(url)
    assert page.get_by_text("Summary only.").count() == 1
    assert page.console_errors == []


def test_offline_page_tells_a_reader_why_nothing_can_be_entered(browser_page, live_server):
    """A viewer opening the offline page while online is told that the account can only
    read, not to "open this page once while online", and gets no "New record" button."""
    world = build_world()
    page = browser_page
    _sign_in(page, live_server, world.user(Role.VIEWER, world.post_xa_mat), "vi")
    page.goto(f"{live_server.url}/offline/")
    state = page.locator("#reference-state")
    state.filter(has_text="chỉ được xem").wait_for()
    assert "khi có mạng" not in state.inner_text()
    assert page.locator("#new-record").is_hidden()


def test_records_list_on_a_phone_shows_each_title(browser_page, live_server):
    """On a 390 px phone the records list is one card per record: the title link lies
    inside the screen (not in a table scrolled off to the right), with each value under
    its column's name, and the page does not scroll sideways."""
    world = build_world()
    activity = make_activity(
        unit=world.post_xa_mat, start=dt.date(2024, 3, 1), kind=ActivityKind.JOINT_PATROL
    )
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server, world.user(Role.VIEWER, world.national), "km")
    page.goto(f"{live_server.url}/records/")
    link = page.locator(f'#activity-results a[href="/records/{activity.pk}/"]')
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    row = page.locator("#activity-results tbody tr").first.bounding_box()
    assert row is not None and row["x"] + row["width"] <= 390, row
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    label = page.evaluate(
        "getComputedStyle(document.querySelector('#activity-results td[data-label]'),"
        " '::before').content"
    )
    assert label not in ("none", "normal", '""'), label
    assert page.console_errors == []


def test_figure_comparison_says_how_to_write_a_period(browser_page, live_server):
    """The comparison page's free-text period field says which forms it accepts (a day,
    05/2022, Q2/2022, a year, a range), in the page's language, under the filter row."""
    world = build_world()
    page = browser_page
    _sign_in(page, live_server, world.user(Role.VIEWER, world.national), "vi")
    page.goto(f"{live_server.url}/reports/figures/")
    note = page.locator("form.filters .filters-note")
    assert note.count() == 1
    text = note.inner_text()
    assert "05/2022" in text and "quý" in text, text
    form = page.locator("form.filters").bounding_box()
    field = page.locator("form.filters input[name=period]").bounding_box()
    box = note.bounding_box()
    assert form and field and box and box["y"] > field["y"] + field["height"] - 1
    assert page.console_errors == []


def test_khmer_dashboard_filters_show_their_choice_whole(browser_page, live_server):
    """Chromium measures Khmer short when it sizes a select, so "ឆ្នាំចុងក្រោយដែលមានទិន្នន័យ"
    lost its last syllables: every filter on the Khmer dashboard is wide enough for its
    chosen text, its arrow and a margin (a text's width measured as the page renders it)."""
    world = _dashboard_world()
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    _open_dashboard(page, live_server, world, "km")
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.dashboard-filters select')].map((s) => {
          const span = document.createElement('span');
          span.style.font = getComputedStyle(s).font;
          span.style.whiteSpace = 'pre';
          span.style.position = 'absolute';
          span.textContent = s.options[s.selectedIndex].text;
          document.body.appendChild(span);
          const text = span.getBoundingClientRect().width;
          span.remove();
          const pad = parseFloat(getComputedStyle(s).paddingLeft);
          return {name: s.name, text, needed: text + pad + 24 + 15, width: s.offsetWidth};
        })"""
    )
    short = [row for row in rows if row["width"] < row["needed"]]
    assert rows and not short, short
    assert page.console_errors == []


def test_khmer_password_page_has_no_vietnamese(browser_page, live_server):
    """Django's own Khmer catalogue lacks the password form's words, and a missing Khmer
    word falls back to the default language: the Khmer password page showed "Mật khẩu cũ".
    Its labels, help and errors are Khmer."""
    world = build_world()
    page = browser_page
    _sign_in(page, live_server, world.user(Role.CLERK, world.post_xa_mat), "km")
    page.goto(f"{live_server.url}/accounts/password/")
    form = page.locator("main form")
    assert "ពាក្យសម្ងាត់ចាស់" in form.inner_text()
    page.fill("input[name=old_password]", "not the password")
    page.fill("input[name=new_password1]", "12345678901234")
    page.fill("input[name=new_password2]", "12345678901235")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "ពាក្យសម្ងាត់ចាស់ដែលអ្នកបានបញ្ចូលមិនត្រឹមត្រូវទេ" in text, text
    vietnamese = re.findall(
        r"[^\s]*[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ][^\s]*", text
    )
    assert not vietnamese, vietnamese


def test_completeness_map_has_a_key_and_says_each_provinces_share(browser_page, live_server):
    """The completeness map's colours are explained under it (no report expected, then five
    bands of the share received), and a province's tooltip gives its name and share."""
    clear_geography_cache()
    tree = build_tree(build_world())
    page = browser_page
    approver = User.objects.get(username="tn_approver")
    _sign_in(page, live_server, approver, "vi")
    page.goto(f"{live_server.url}/cycle/completeness/?unit={tree.province.pk}")
    page.wait_for_selector("[data-role=cycle-map][data-state=ready]")
    legend = page.locator("[data-role=cycle-legend]")
    assert legend.locator(".swatch").count() == 6
    assert "không có báo cáo phải nộp" in legend.inner_text()
    tooltips = page.evaluate(
        """() => {
          const names = [];
          document.querySelectorAll('[data-role="cycle-map"] path.leaflet-interactive')
            .forEach((p) => {
              p.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
              document.querySelectorAll('.leaflet-tooltip')
                .forEach((t) => names.push(t.textContent));
              p.dispatchEvent(new MouseEvent('mouseout', {bubbles: true}));
            });
          return names;
        }"""
    )
    assert any(t.startswith("Tây Ninh: ") and "%" in t for t in tooltips), tooltips
    assert page.console_errors == []


def test_dashboard_cards_line_up_with_the_page(browser_page, live_server):
    """The dashboard's cards are a list: without the list's indent they start where their
    heading starts, and on a 390 px phone two cards fill the row."""
    world = _dashboard_world()
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    _open_dashboard(page, live_server, world, "vi")
    heading = page.locator("h2.dashboard-heading").first.bounding_box()
    card = page.locator("[data-role=key-cards] > li").first.bounding_box()
    assert heading and card and abs(card["x"] - heading["x"]) <= 1, (heading, card)
    assert card["width"] >= (heading["width"] - 16) / 2, (heading, card)
    assert page.console_errors == []


def test_table_caption_wraps_on_a_phone(browser_page, live_server):
    """On a 390 px phone a wide table scrolls sideways, but its caption (what the table
    counts, as of which day) wraps inside the screen instead of scrolling away with it."""
    world = build_world()
    pupil = make_pupil(world.post_xa_mat)
    approve_as_loaded(obj=pupil, acting_user=SYSTEM, source="Demo source, 2024")
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server, world.user(Role.CLERK, world.post_xa_mat), "km")
    page.goto(f"{live_server.url}/pupils/")
    caption = page.locator("table.table caption").first.bounding_box()
    assert caption is not None and caption["x"] + caption["width"] <= 390, caption
    assert page.console_errors == []


def test_dashboard_shows_which_geography_it_counts_in(browser_page, live_server):
    """Without a choice the dashboard counts in today's provinces, and that radio shows as
    chosen (neither was ticked); choosing the other one redraws with it ticked."""
    world = _dashboard_world()
    page = browser_page
    _open_dashboard(page, live_server, world, "vi")
    now = page.locator("input[name=geography][value=now]")
    then = page.locator("input[name=geography][value=then]")
    assert now.is_checked() and not then.is_checked()
    page.goto(f"{live_server.url}/reports/?{QUERY}&geography=then")
    page.wait_for_selector('#dashboard-body[data-state="ready"]', timeout=15_000)
    assert then.is_checked() and not now.is_checked()
    assert page.console_errors == []
