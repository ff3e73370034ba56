"""Fixtures for the real services: PostgreSQL, Redis, a real Celery worker, an SMTP sink.

Under REQUIRE_SERVICES=1 (CI) a test that needs PostgreSQL or Redis fails when the service is
missing, instead of being skipped (`tests.helpers.missing_service`).
"""

import os
import subprocess
import sys
import time

import pytest

from tests.helpers import BASE_DIR, free_port, missing_service


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
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
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
