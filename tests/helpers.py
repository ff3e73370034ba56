"""Plain functions the tests import (`from tests.helpers import wait_for`). Fixtures live in
the plugins under tests/plugins/, registered by the root conftest.py."""

import json
import os
import socket
import time
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
# Under REQUIRE_SERVICES=1 (CI) a test that needs PostgreSQL or Redis fails when the service is
# missing, instead of being skipped.
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def missing_service(reason):
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def plan_nodes(sql):
    """Every step of PostgreSQL's plan for `sql`, as run (EXPLAIN ANALYZE, JSON): for tests that
    count what a query touches rather than time it."""
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


def free_port():
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
