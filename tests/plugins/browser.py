"""Fixtures for browser tests: Debian's Chromium driven by Playwright, one fresh page per test
on pytest-django's live server. Log in with `tests.helpers.browser_login`."""

import os
import re
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, driven by Playwright (no browser download)."""
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM_PATH}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _OneRequestAtATime(ThreadedWSGIServer):
    """The live server for an in-memory SQLite database. Django hands every request thread the
    test's one shared connection, and the sqlite3 module does not take two threads on one
    connection at once ("bad parameter or other API misuse"; an atomic block of one request
    would also mix with another's). A page does send requests side by side (the draft's
    autosave beside the form's own submit, the session keep-alive, images), so each request
    here runs whole, body included, under one lock; the test thread's own queries take the same
    lock (see `live_server`). PostgreSQL needs none of this: each thread has its own
    connection, as in production."""

    lock = threading.RLock()

    def set_app(self, application):
        lock = self.lock

        def one_at_a_time(environ, start_response):
            with lock:
                result = application(environ, start_response)
                try:
                    body = list(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()
            return body

        super().set_app(one_at_a_time)


def _under_the_lock(execute, sql, params, many, context):
    with _OneRequestAtATime.lock:
        return execute(sql, params, many, context)


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """pytest-django's live server, one request at a time when it shares an in-memory SQLite
    connection with the test (see _OneRequestAtATime); as it is on PostgreSQL.

    After the test database is set up: started before it, the server saw the settings' file
    database, shared nothing, and its threads each opened their own connection to the shared
    in-memory one, which refuses a second writer at once ("database table is locked")."""
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    shared = list(server.thread.connections_override.values())
    if shared:
        server.thread.server_class = _OneRequestAtATime
        for connection in shared:
            connection.execute_wrappers.append(_under_the_lock)
    server.start()
    yield server
    server.stop()
    for connection in shared:
        connection.execute_wrappers.remove(_under_the_lock)


CONFLICT_ANSWER = re.compile(
    r"^Failed to load resource: the server responded with a status of 409\b"
)


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser page on the live server. Fails the test on any console error or
    Content-Security-Policy violation the page reports."""
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    problems = []

    def console(message):
        # Chromium logs every 4xx answer to a fetch as an error. A 409 is the portal's answer to
        # a write that the state has overtaken (an autosave that arrives after the form's own
        # save); the page handles it and says so, so it is not a page error.
        if message.type == "error" and not CONFLICT_ANSWER.search(message.text):
            problems.append(message.text)

    def watch(target):
        target.on("console", console)
        target.on("pageerror", lambda error: problems.append(str(error)))

    watch(page)
    page.console_problems = problems
    # A second window a test opens in the same context reports here too.
    page.watch_console = watch
    try:
        yield page
    finally:
        context.close()
    assert not problems, f"browser console reported: {problems}"
