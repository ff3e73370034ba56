"""Fixtures shared by every app's tests: real services, a real Celery worker, an SMTP sink.

Under REQUIRE_SERVICES=1 (CI) a test that needs PostgreSQL or Redis fails when the service is
missing, instead of being skipped.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(__file__).resolve().parent
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def missing_service(reason):
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    """A transactional test flushes every table after it ran, the rows that data migrations
    loaded included. Load them again before each such test: every app may have a
    `reference_data.py` with an idempotent `ensure()`."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" not in request.fixturenames and not (
        marker and marker.kwargs.get("transaction")
    ):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for config in apps.get_app_configs():
        if find_spec(config.name) and find_spec(f"{config.name}.reference_data"):
            import_module(f"{config.name}.reference_data").ensure()


def plan_nodes(sql):
    """Every step of PostgreSQL's plan for `sql`, as run (EXPLAIN ANALYZE, JSON): for tests that
    count what a query touches rather than time it."""
    import json

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    nodes = [plan[0]["Plan"]]
    while nodes:
        node = nodes.pop()
        yield node
        nodes.extend(node.get("Plans", []))


def clear_test_cache():
    """Empty this test run's cache. On Redis only the run's own keys (KEY_PREFIX) go:
    `cache.clear()` would FLUSHDB a server that other runs and workers share."""
    from django.conf import settings
    from django.core.cache import cache

    if not settings.REDIS_URL:
        cache.clear()
        return
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture(scope="session", autouse=True)
def _drop_the_test_runs_task_queue():
    """Tasks that tests queued and no worker took are dropped with this run's queue."""
    yield
    url = os.environ.get("REDIS_URL")
    if not url:
        return
    import redis
    from django.conf import settings

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        for key in client.scan_iter(f"{settings.CELERY_TASK_DEFAULT_QUEUE}*"):
            client.delete(key)
    except redis.RedisError:
        pass  # Redis is gone (a fault test): nothing to tidy


@pytest.fixture
def postgres(db):
    """Use in tests that need PostgreSQL itself (row locks, full-text search)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        missing_service("needs PostgreSQL: set DATABASE_URL=postgres://...")
    return connection


@pytest.fixture(scope="session")
def redis_url():
    """The URL of a running Redis, from REDIS_URL."""
    url = os.environ.get("REDIS_URL")
    if not url:
        missing_service("needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        missing_service(f"Redis at {url} does not answer: {error}")
    return url


@pytest.fixture
def smtp_sink():
    """A real SMTP server on 127.0.0.1 that keeps what it receives (aiosmtpd)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Collect(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    handler.host, handler.port = controller.hostname, controller.port
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def smtp_settings(settings, smtp_sink):
    """Send mail from this process to the SMTP sink."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": smtp_sink.host, "port": smtp_sink.port, "timeout": 5},
        }
    }
    return smtp_sink


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout=20.0, interval=0.1):
    """Poll until predicate() is truthy; return its value or fail the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout} s")


@pytest.fixture
def eager_tasks():
    """Run Celery tasks in-process for this test, even when REDIS_URL is set (unit tests of
    what a task does; delivery itself is tested with `celery_worker_process`)."""
    from weerbaar.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = previous


@pytest.fixture
def celery_worker_process(transactional_db, redis_url, settings):
    """Start a real `celery worker` against Redis and the test database.

    The worker is a separate process: test data must be committed (transactional_db), and the
    database must be a server (PostgreSQL), not an in-memory SQLite. Yields a function
    `start(**extra_env)` so a test can point the worker at an SMTP sink first; returns the
    Popen object. Every worker started is stopped at the end.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        missing_service("a Celery worker process needs the test database on PostgreSQL")
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    # A queue of its own, so parallel test runs on one Redis never take each other's tasks.
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    from weerbaar.celery import app

    previous_eager, previous_queue = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_default_queue = queue
    app.conf.task_always_eager = False
    workers = []

    def start(**extra_env):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "weerbaar.settings_test",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            **{key: str(value) for key, value in extra_env.items()},
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "weerbaar",
                "worker",
                "--pool=solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-Q",
                queue,
                "--hostname",
                f"{queue}-{len(workers)}@%h",
                "--loglevel=WARNING",
            ],
            cwd=BASE_DIR,
            env=env,
        )
        workers.append(process)
        _wait_until_ready(process, f"{queue}-{len(workers) - 1}@")
        return process

    def _wait_until_ready(process, name_prefix):
        # A worker needs a while to import the portal on a busy machine; the tests' own
        # timeouts should measure delivery, not start-up.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"the Celery worker exited with code {process.returncode}")
            replies = app.control.ping(timeout=1) or []
            if any(name.startswith(name_prefix) for reply in replies for name in reply):
                return
        pytest.fail("the Celery worker did not start within 180 s")

    yield start
    for process in workers:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    app.conf.task_always_eager = previous_eager
    app.conf.task_default_queue = previous_queue


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


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser page on the live server. Fails the test on any console error or
    Content-Security-Policy violation the page reports."""
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.console_problems = problems
    try:
        yield page
    finally:
        context.close()
    assert not problems, f"browser console reported: {problems}"


def browser_login(page, email, password, totp_secret=None):
    """Log in through the real login form (and the TOTP step, when a secret is given)."""
    page.goto("/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    if totp_secret:
        from allauth.mfa.totp.internal.auth import hotp_value

        # A code taken in the last seconds of its 30 s window can reach the server after the
        # window closed (allauth allows no tolerance): a busy machine made that a flaky failure.
        left = 30 - time.time() % 30
        if left < 5:
            time.sleep(left + 0.1)
        code = hotp_value(totp_secret, int(time.time()) // 30)
        page.get_by_label("Code").fill(f"{code:06d}")
        page.get_by_role("button", name="Aanmelden").click()
