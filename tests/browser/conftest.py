"""Fixtures for end-to-end tests in Debian's Chromium, driven by Playwright.

Every test in this folder is marked ``browser``. Each test gets its own Playwright
driver and browser (about half a second): Playwright's sync API keeps an asyncio loop
"running" in the test thread for as long as the driver lives, and Django's ORM refuses
to run in a thread with a running loop. A session-wide browser would therefore break
every later database test in the same process. For the same reason
``DJANGO_ALLOW_ASYNC_UNSAFE`` is set only while a browser test runs, so it never leaks
into other tests (``manage.py check --deploy`` reports it as an error).

Without ``/usr/bin/chromium`` (``scripts/install-apt.sh browser``) the tests are
skipped on a developer's machine, but fail under CI (``CI=true``), where a silently
skipped browser suite would hide a broken install step.
"""

import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

CHROMIUM = Path(os.environ.get("HUUNGHI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class SerialAppWSGIServer(ThreadedWSGIServer):
    """The live server, answering one request at a time.

    The test database connection is shared with the server's threads (an in-memory SQLite
    database only exists on that one connection). Since every signed-in page registers the
    offline service worker, Chromium sends requests in parallel (page, worker, sign-out
    wipe), and two threads on one SQLite connection fail with "bad parameter or other API
    misuse". Connections stay concurrent (keep-alive); only the application call is serial.
    """

    def set_app(self, application: Any) -> None:
        lock = threading.Lock()

        def serial(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            with lock:
                result = application(environ, start_response)
                try:
                    return [b"".join(result)]
                finally:
                    close = getattr(result, "close", None)
                    if close is not None:
                        close()

        super().set_app(serial)


LiveServerThread.server_class = SerialAppWSGIServer


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Close the database connections a browser test's body used.

    Measured on PostgreSQL: the body (and the fixtures set up before it) and the fixtures'
    teardown use different Django connection objects (Django keeps connections per
    ``contextvars`` context), so the body's connection stayed open to the end of the
    session and the test database could not be dropped ("being accessed by other users").
    """
    try:
        return (yield)
    finally:
        if "browser_page" in getattr(item, "fixturenames", ()):
            connections.close_all()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser/ as ``browser``."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing; run scripts/install-apt.sh browser"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def browser_page(monkeypatch: pytest.MonkeyPatch, transactional_db: None) -> Iterator[Any]:
    """A page in a fresh headless Chromium (no shared cookies or storage between tests).

    ``page.console_errors`` collects console errors and uncaught page exceptions,
    so a test can assert that a page ran cleanly. Use with ``live_server``.
    """
    _require_chromium()
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1280, "height": 800},
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda msg: _record_console_error(page, msg))
        page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
        yield page
        context.close()
        browser.close()


def _record_console_error(page: Any, msg: Any) -> None:
    if msg.type == "error":
        page.console_errors.append(msg.text)
