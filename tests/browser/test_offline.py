"""Offline entry end to end in Chromium: the installable app, the device queue, sending
exactly once, errors on their fields, conflicts, and a cache holding only the clerk's
scope. The browser context's offline switch cuts the network; request interception
aborts a sync in the middle."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from huunghi.accounts.models import Membership, Role
from huunghi.audit.models import AuditEvent
from huunghi.core.testing import build_world, user_with_role
from huunghi.offline.models import SyncedRecord
from huunghi.offline.testing import border_places
from huunghi.records.models import Activity, Attachment, Status
from huunghi.records.services import (
    activity_create,
    activity_return,
    activity_update,
)
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _require_chromium

PASSWORD = "Str0ng-pass-phrase!"
OUTSIDE_SCOPE = ("Lộc Thiện", "Snuol", "Hoa Lư", "Đồng Nai", "Orchard of the Hoa Lu post")


@pytest.fixture
def scene(transactional_db: None) -> Any:
    """The Xa Mát post's clerk, the Tây Ninh approver, and a record of another province."""
    world = build_world()
    places = border_places(world)
    clerk = user_with_role(Role.CLERK, world.post_xa_mat, username="xamat_clerk")
    approver = user_with_role(Role.APPROVER, world.bdbp_tay_ninh, username="tn_approver")
    other = user_with_role(Role.CLERK, world.post_hoa_lu, username="hoalu_clerk")
    activity_create(
        acting_user=other,
        kind="tree_planting",
        unit=world.post_hoa_lu,
        title="Orchard of the Hoa Lu post",
        start_date=places.loc_thien.created_at.date(),
    )
    return type("Scene", (), {"world": world, "clerk": clerk, "approver": approver})


def _photo() -> bytes:
    """A real 2000×1500 PNG, larger than the device keeps, so it must be downscaled."""
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1500), (30, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def _sign_in(page: Any, base: str, username: str) -> None:
    """Sign in and switch the interface to English (messages are asserted in English)."""
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.click(".langswitch button[value=en]")
    page.wait_for_load_state()


SW_STATE = """() => navigator.serviceWorker.getRegistrations().then(rs => rs.map(r =>
  [r.scope, r.active && r.active.state, r.installing && r.installing.state,
   r.waiting && r.waiting.state]))"""


def _until(page: Any, script: str, timeout: float = 30.0) -> None:
    """Poll an async check in the page (the page's CSP forbids eval-based polling)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        if time.monotonic() > deadline:
            pytest.fail(f"{script} never held; workers: {page.evaluate(SW_STATE)}")
        page.wait_for_timeout(100)


def _open_app(page: Any, base: str) -> None:
    """Open the offline page and wait until the worker controls it and holds the data."""
    page.goto(f"{base}/offline/")
    _until(page, "() => Boolean(navigator.serviceWorker.controller)")
    _until(
        page,
        "() => caches.open('huunghi-data')"
        ".then(c => c.match('/api/v1/offline/reference')).then(r => Boolean(r))",
    )
    _until(page, "() => document.querySelector('#f-unit').options.length > 0")


def _new_record(page: Any, kind: str, title: str, **extra: str) -> None:
    page.click("#new-record")
    page.select_option("#f-kind", kind)
    page.fill("#f-title", title)
    page.fill("#f-start", extra.pop("start", "2026-03-01"))
    if "end" in extra:
        page.fill("#f-end", extra.pop("end"))
    page.fill("#f-place-search", "Tân L")
    for selector, value in extra.items():
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)


def _save(page: Any) -> None:
    title = page.input_value("#f-title")
    page.click("#record-form button[type=submit]")
    page.wait_for_selector("#record-form", state="hidden")
    page.locator("#queue-list .queue-title", has_text=title).wait_for()


def _states(page: Any) -> list[str]:
    return page.locator("#queue-list .queue-item").evaluate_all(
        "items => items.map(i => i.dataset.state)"
    )


def _wait_states(page: Any, expected: list[str], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while _states(page) != expected:
        assert time.monotonic() < deadline, (_states(page), expected)
        page.wait_for_timeout(100)


def _cached_texts(page: Any) -> dict[str, str]:
    """Every text response in the page's Cache Storage (read inside the page), by URL;
    JSON is decoded so that names read as written."""
    raw = page.evaluate(
        """async () => {
          const texts = {};
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
              const response = await cache.match(request);
              const type = response.headers.get('Content-Type') || '';
              if (!type.startsWith('image/')) texts[request.url] = [type, await response.text()];
            }
          }
          return texts;
        }"""
    )
    return {
        url: json.dumps(json.loads(text), ensure_ascii=False) if "json" in kind else text
        for url, (kind, text) in raw.items()
    }


def test_three_records_offline_survive_reload_and_arrive_once(browser_page, live_server, scene):
    """A clerk records three kinds offline (one with a photo), reloads offline, goes online:
    each record arrives once with its audit entry; the cache holds only the clerk's scope."""
    page, base, context = browser_page, live_server.url, browser_page.context
    _sign_in(page, base, "xamat_clerk")
    _open_app(page, base)
    context.set_offline(True)

    _new_record(
        page,
        "tree_planting",
        "Friendship trees at Tân Lập",
        **{"#f-tree_planting-species": "sao", "#f-tree_planting-q-trees": "120"},
    )
    page.set_input_files(
        "#f-photos", files=[{"name": "trees.png", "mimeType": "image/png", "buffer": _photo()}]
    )
    page.wait_for_selector("#photo-list li")
    _save(page)
    _new_record(
        page,
        "medical_outreach",
        "Clinic day at the gate",
        **{
            "#f-medical_outreach-beneficiaries": "kh",
            "#f-medical_outreach-q-people_examined": "200",
        },
    )
    _save(page)
    _new_record(
        page,
        "joint_patrol",
        "Joint patrol of marker 229",
        **{"#f-joint_patrol-markers": "229", "#f-joint_patrol-findings": "Marker intact."},
    )
    _save(page)
    assert _states(page) == ["waiting"] * 3
    assert "3" in page.inner_text("#offline-status")

    page.reload()
    page.locator("#queue-list .queue-item").nth(2).wait_for()
    assert _states(page) == ["waiting"] * 3
    assert Activity.objects.filter(unit=scene.world.post_xa_mat).count() == 0

    context.set_offline(False)
    _wait_states(page, ["sent"] * 3)

    sent = Activity.objects.filter(unit=scene.world.post_xa_mat)
    assert sorted(sent.values_list("kind", flat=True)) == [
        "joint_patrol",
        "medical_outreach",
        "tree_planting",
    ]
    assert SyncedRecord.objects.count() == 3
    for activity in sent:
        assert (
            AuditEvent.objects.filter(
                action="activity.offline_create", target_id=str(activity.pk)
            ).count()
            == 1
        )
    photo = Attachment.objects.get(activity__kind="tree_planting")
    assert photo.content_type == "image/jpeg"
    assert photo.size <= 900 * 1024
    with Image.open(photo.file) as image:
        assert max(image.size) == 1280
    patrol = sent.get(kind="joint_patrol")
    assert patrol.details["markers"] == ["229"]
    page.goto(f"{base}/records/{patrol.pk}/")
    assert "Recorded offline at 20" in page.inner_text(".history")
    page.goto(f"{base}/offline/")
    _until(page, "() => document.querySelectorAll('#offline-markers option').length > 0")
    assert page.locator("#offline-markers option").evaluate_all(
        "options => options.map(o => o.value)"
    ) == ["229"]

    cached = _cached_texts(page)
    reference = json.loads(cached[f"{base}/api/v1/offline/reference"])
    assert "Tân Lập" in {p["name"] for p in reference["places"]}
    assert [m["number"] for m in reference["markers"]] == ["229"]
    everything = "\n".join(cached.values())
    for outside in OUTSIDE_SCOPE:
        assert outside not in everything, outside
    assert not page.console_errors


def test_interrupted_sync_retried_leaves_no_duplicate(browser_page, live_server, scene):
    """The server writes the batch but the answer is cut off; the retry adds nothing."""
    page, base, context = browser_page, live_server.url, browser_page.context
    _sign_in(page, base, "xamat_clerk")
    _open_app(page, base)
    context.set_offline(True)
    _new_record(page, "tree_planting", "Trees sent through a bad line")
    _save(page)

    cut: list[int] = []

    def deliver_then_cut(route: Any) -> None:
        route.fetch()  # the server receives and writes the batch
        cut.append(1)
        route.abort("connectionreset")  # …but the device never hears back

    page.route("**/api/v1/offline/sync", deliver_then_cut)
    context.set_offline(False)
    _until(page, "() => !document.querySelector('#offline-app').dataset.syncing")
    page.wait_for_timeout(300)
    _until(page, "() => !document.querySelector('#offline-app').dataset.syncing")
    assert cut and _states(page) == ["waiting"]
    assert Activity.objects.filter(title="Trees sent through a bad line").count() == 1

    page.unroute("**/api/v1/offline/sync")
    page.click("#sync-now")
    _wait_states(page, ["sent"])
    assert Activity.objects.filter(title="Trees sent through a bad line").count() == 1
    assert SyncedRecord.objects.count() == 1


def test_invalid_field_comes_back_on_that_field(browser_page, live_server, scene):
    page, base, context = browser_page, live_server.url, browser_page.context
    _sign_in(page, base, "xamat_clerk")
    _open_app(page, base)
    context.set_offline(True)
    _new_record(
        page, "tree_planting", "Trees with the dates swapped", start="2026-03-05", end="2026-03-01"
    )
    _save(page)
    context.set_offline(False)
    _wait_states(page, ["invalid"])
    assert "end date is before the start date" in page.inner_text("#queue-list")

    page.click("#queue-list .queue-item button:first-child")
    error = page.locator("[data-error-for='end_date']")
    assert error.is_visible()
    assert "The end date is before the start date." in error.inner_text()
    page.fill("#f-end", "2026-03-06")
    _save(page)
    _wait_states(page, ["sent"])
    assert Activity.objects.get(title="Trees with the dates swapped").end_date.day == 6


def test_conflict_asks_the_clerk_field_by_field(browser_page, live_server, scene):
    """Returned by the approver and changed at the province while the clerk edited offline:
    the clerk sees both versions and keeps their title and the province's description."""
    page, base, context = browser_page, live_server.url, browser_page.context
    _sign_in(page, base, "xamat_clerk")
    _open_app(page, base)
    _new_record(
        page,
        "tree_planting",
        "Trees, first version",
        **{"#f-description": "Planted with the commune."},
    )
    page.check("input[name=for_approval]")
    _save(page)
    _wait_states(page, ["sent"])
    activity = Activity.objects.get(title="Trees, first version")
    assert activity.status == Status.SUBMITTED
    activity_return(activity=activity, acting_user=scene.approver, reason="Add the commune.")
    activity_update(
        activity=Activity.objects.get(pk=activity.pk),
        acting_user=scene.approver,
        description="Planted with Tân Lập commune.",
    )

    context.set_offline(True)
    page.click("#queue-list .queue-item button:first-child")
    page.fill("#f-title", "Trees planted by both sides")
    _save(page)
    context.set_offline(False)
    _wait_states(page, ["conflict"])

    page.click("#queue-list .queue-item button:first-child")
    assert page.locator("#conflict").is_visible()
    assert "Add the commune." in page.inner_text("#conflict-intro")
    rows = page.locator("#conflict-rows tr")
    fields = rows.evaluate_all("rows => rows.map(r => r.dataset.field)")
    assert {"title", "description"} <= set(fields)
    page.check("#conflict-rows tr[data-field='description'] input[value='server']")
    page.click("#conflict-keep")
    _wait_states(page, ["sent"])

    activity.refresh_from_db()
    assert activity.title == "Trees planted by both sides"
    assert activity.description == "Planted with Tân Lập commune."
    assert Activity.objects.filter(unit=scene.world.post_xa_mat).count() == 1


@pytest.fixture
def installed_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Any, scene: Any) -> Iterator[Any]:
    """A page in a Chromium profile on disk: Chromium never offers to install an app from
    an incognito-like context, which is what a fresh Playwright context is."""
    from playwright.sync_api import sync_playwright

    _require_chromium()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            locale="vi-VN",
        )
        context.set_default_timeout(30_000)
        yield context.pages[0] if context.pages else context.new_page()
        context.close()


def test_app_is_installable(installed_page, live_server):
    """Chromium finds a manifest, icons and a service worker: no installability errors."""
    page, base = installed_page, live_server.url
    _sign_in(page, base, "xamat_clerk")
    _open_app(page, base)
    cdp = page.context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == [], json.dumps(errors)
    manifest = cdp.send("Page.getAppManifest")
    assert not manifest.get("errors"), manifest
    assert (
        page.evaluate("() => fetch('/static/offline/icons/icon-512.png').then(r => r.status)")
        == 200
    )


def test_sign_out_asks_then_wipes_and_another_account_sees_nothing(
    browser_page, live_server, scene
):
    page, base, context = browser_page, live_server.url, browser_page.context
    _sign_in(page, base, "xamat_clerk")
    _open_app(page, base)
    context.set_offline(True)
    _new_record(page, "tree_planting", "Trees not yet sent")
    _save(page)
    page.route("**/api/v1/offline/sync", lambda route: route.abort())
    context.set_offline(False)
    questions: list[str] = []

    def dismiss(dialog: Any) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("form[action$='/accounts/logout/'] button[type=submit]")
    for _ in range(100):
        if questions:
            break
        page.wait_for_timeout(100)
    assert questions and "1 records" in questions[0]
    assert "/offline/" in page.url and _states(page) == ["waiting"]

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("form[action$='/accounts/logout/'] button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" in url)
    assert page.evaluate("caches.keys()") == []

    user_with_role(Role.CLERK, scene.world.post_xa_mat, username="second_clerk")
    _sign_in(page, base, "second_clerk")
    _open_app(page, base)
    assert _states(page) == []


def test_record_for_a_lost_unit_is_refused_and_kept_for_download(browser_page, live_server, scene):
    """The clerk moved to another post while a record waited: the server refuses it with a
    clear message; it stays on the device, downloads as JSON, and the clerk may delete it."""
    page, base, context = browser_page, live_server.url, browser_page.context
    _sign_in(page, base, "xamat_clerk")
    _open_app(page, base)
    context.set_offline(True)
    _new_record(page, "tree_planting", "Trees of the old post")
    _save(page)
    Membership.objects.filter(user=scene.clerk).delete()
    Membership.objects.create(user=scene.clerk, unit=scene.world.post_hoa_lu, role=Role.CLERK)

    context.set_offline(False)
    _wait_states(page, ["refused"])
    assert "You may no longer report for this unit." in page.inner_text("#queue-list")
    assert not Activity.objects.filter(title="Trees of the old post").exists()

    page.reload()
    page.locator("#queue-list .queue-item").first.wait_for()
    assert _states(page) == ["refused"]
    with page.expect_download() as download:
        page.click("#queue-list .queue-item button:has-text('Download (JSON)')")
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["state"] == "refused"
    assert data["record"]["title"] == "Trees of the old post"
    assert data["record"]["unit_id"] == scene.world.post_xa_mat.pk
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#queue-list .queue-item button:has-text('Delete')")
    _wait_states(page, [])
    page.reload()
    page.locator("#queue-empty").wait_for()
    assert _states(page) == []


def test_another_account_on_the_device_never_sees_the_queue(browser_page, live_server, scene):
    """The first clerk's session ends without signing out; the next account on the same
    browser sees an empty queue although the first clerk's record is still stored."""
    page, base, context = browser_page, live_server.url, browser_page.context
    _sign_in(page, base, "xamat_clerk")
    _open_app(page, base)
    context.set_offline(True)
    _new_record(page, "tree_planting", "Trees of the first clerk")
    _save(page)
    context.clear_cookies()
    context.set_offline(False)

    user_with_role(Role.CLERK, scene.world.post_xa_mat, username="second_clerk")
    _sign_in(page, base, "second_clerk")
    _open_app(page, base)
    assert _states(page) == []
    assert "waiting" not in page.inner_text("#offline-status")
    stored = page.evaluate(
        """() => new Promise((resolve) => {
          const open = indexedDB.open('huunghi-offline');
          open.onsuccess = () => {
            const all = open.result.transaction('records').objectStore('records').getAll();
            all.onsuccess = () => resolve(all.result.map((e) => [e.user_id, e.record.title]));
          };
        })"""
    )
    assert stored == [[str(scene.clerk.pk), "Trees of the first clerk"]]
    assert not Activity.objects.filter(title="Trees of the first clerk").exists()
