"""Faults with real services, each bounded in time (< 60 s):

- Redis stops while a report is filed: the report is saved, the reporter gets success at once,
  and the notices are delivered, once, when Redis is back (the relay, as Celery beat runs it).
- A Celery worker is killed with SIGKILL in the middle of an SMTP send: after a new worker
  starts, every notice is delivered exactly once.
- PostgreSQL restarts while reports are being filed: no report that got a success answer is
  lost; failures during the restart are clean 5xx pages, and filing recovers.

Redis and PostgreSQL are private instances on free ports (tests/faults/stack.py); the shared
services are never stopped. Needs the test database on PostgreSQL (processes share it).
"""

import asyncio
import json
import signal
import threading
import time
from collections import Counter

import psycopg
import pytest
from celery import Celery
from django.db import connection
from django.test import Client

from accounts.tests import factories as people
from conftest import missing_service, wait_for
from incidents.models import Incident, Notice, NoticeState

from . import stack

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
FILING = "/_test/melden/"


@pytest.fixture
def shared_db():
    if connection.vendor != "postgresql":
        missing_service("fault tests need the test database on PostgreSQL")
    return stack.database_url(connection.settings_dict)


@pytest.fixture
def private_redis(tmp_path):
    redis = stack.PrivateRedis(tmp_path)
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture
def processes():
    started = []
    yield started
    for process in started:
        stack.stop(process, signal.SIGKILL)


def _session_of(client, user):
    """A signed-in session of its own (one client per person: a second force_login on the
    same client would end the first person's session)."""
    own = Client()
    own.force_login(user)
    return own.cookies["sessionid"].value


def _send_relay(redis_url, queue):
    """What Celery beat does every few minutes: queue the relay of unsent notices."""
    app = Celery(broker=redis_url, set_as_current=False)  # never replace the portal app
    app.send_task("incidents.tasks.relay_pending_notices", queue=queue)
    app.close()


def test_redis_down_while_filing_saves_the_report_and_delivers_the_notice_later(
    client, shared_db, private_redis, smtp_sink, processes
):
    reporter = people.officeholder()
    people.support_team_member()  # gets the "new report" notice
    port = stack.free_port()
    mail = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": smtp_sink.port}  # fmt: skip
    queue = f"fault-{time.monotonic_ns()}"
    processes.append(
        stack.start_gunicorn(
            port,
            workers=1,
            DATABASE_URL=shared_db,
            REDIS_URL=private_redis.url,
            CELERY_TASK_DEFAULT_QUEUE=queue,
            **mail,
        )  # fmt: skip
    )
    browser = stack.Browser(f"http://127.0.0.1:{port}", _session_of(client, reporter))
    assert browser.get(FILING)[0] == 200
    private_redis.stop()

    started = time.monotonic()
    status, body = browser.post(FILING, {"description": "Redis is weg"})
    took = time.monotonic() - started
    assert status == 201, body
    assert took < 3, f"filing waited {took:.1f} s on the broker"
    incident = Incident.objects.get(pk=json.loads(body)["id"])
    assert incident.reference
    notices = Notice.objects.filter(incident=incident)
    expected = notices.count()
    assert expected == 2  # confirmation to the reporter, new report to the team
    time.sleep(3)  # the background publish has failed by now
    assert not smtp_sink.messages
    assert set(notices.values_list("state", flat=True)) == {NoticeState.QUEUED}

    private_redis.start()
    processes.append(stack.start_worker(queue, DATABASE_URL=shared_db,
                                        REDIS_URL=private_redis.url, **mail))  # fmt: skip
    _send_relay(private_redis.url, queue)
    wait_for(lambda: len(smtp_sink.messages) >= expected, timeout=30)
    time.sleep(2)  # anything sent twice would have arrived by now
    assert len(smtp_sink.messages) == expected
    assert set(notices.values_list("state", flat=True)) == {NoticeState.SENT}
    print(f"redis-down: filed in {took:.2f} s; {expected} notices delivered once after restart")


class StallFirstData:
    """An SMTP sink that takes the first message's DATA and never answers (until killed)."""

    def __init__(self):
        self.messages, self.stalled = [], threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if not self.stalled.is_set():
            self.stalled.set()
            await asyncio.sleep(60)
            return "451 try again later"
        self.messages.append(envelope)
        return "250 OK"


def test_a_worker_killed_mid_send_delivers_each_notice_exactly_once(
    client, shared_db, private_redis, processes
):
    from aiosmtpd.controller import Controller

    handler = StallFirstData()
    controller = Controller(handler, hostname="127.0.0.1", port=stack.free_port())
    controller.start()
    try:
        reporter = people.officeholder()
        people.support_team_member()  # gets the "new report" notice
        mail = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": controller.port, "EMAIL_TIMEOUT": 60,
                "CELERY_VISIBILITY_TIMEOUT": 3}  # fmt: skip
        queue = f"fault-{time.monotonic_ns()}"
        env = {"DATABASE_URL": shared_db, "REDIS_URL": private_redis.url, **mail}
        first = stack.start_worker(queue, **env)
        processes.append(first)
        port = stack.free_port()
        processes.append(
            stack.start_gunicorn(port, workers=1, CELERY_TASK_DEFAULT_QUEUE=queue, **env)
        )
        browser = stack.Browser(f"http://127.0.0.1:{port}", _session_of(client, reporter))
        status, body = browser.post(FILING, {"description": "Midden in het versturen"})
        assert status == 201, body
        notices = Notice.objects.filter(incident_id=json.loads(body)["id"])
        expected = notices.count()

        assert handler.stalled.wait(30), "the worker never started sending"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        processes.append(stack.start_worker(queue, **env))
        _send_relay(private_redis.url, queue)
        wait_for(lambda: len(handler.messages) >= expected, timeout=40)
        time.sleep(4)  # a redelivered duplicate would arrive within the visibility timeout
        recipients = Counter(tuple(m.rcpt_tos) for m in handler.messages)
        assert len(handler.messages) == expected, recipients
        assert all(count == 1 for count in recipients.values()), recipients
        assert set(notices.values_list("state", flat=True)) == {NoticeState.SENT}
        print(f"sigkill: {expected} notices, each delivered exactly once")
    finally:
        controller.stop()


def test_postgresql_restart_during_filing_loses_no_report(client, shared_db, tmp_path, processes):
    reporters = [people.officeholder() for _ in range(4)]
    sessions = [_session_of(client, reporter) for reporter in reporters]
    pg = stack.PrivatePostgres(tmp_path)
    pg.init()
    try:
        pg.copy_from(connection.settings_dict)
        port = stack.free_port()
        processes.append(stack.start_gunicorn(port, workers=2, threads=2, DATABASE_URL=pg.url))
        base = f"http://127.0.0.1:{port}"
        results, stop_at = [], time.monotonic() + 14

        def file_reports(session):
            browser = stack.Browser(base, session)
            n = 0
            while time.monotonic() < stop_at:
                n += 1
                status, body = browser.post(FILING, {"description": f"melding {session} {n}"})
                if status == 403 and "csrf" in body.lower():
                    browser.csrf = None  # a new token after an error page
                results.append((time.monotonic(), status, body, session))

        threads = [threading.Thread(target=file_reports, args=(s,)) for s in sessions]
        for thread in threads:
            thread.start()
        time.sleep(4)
        restart_started = time.monotonic()
        pg.restart()
        restart_ended = time.monotonic()
        for thread in threads:
            thread.join(30)

        ok = [json.loads(body)["id"] for _at, status, body, _s in results if status == 201]
        failed = [(at, status, body) for at, status, body, _s in results if status != 201]
        with psycopg.connect(pg.url.replace("postgres://", "postgresql://")) as db:
            stored = {
                row[0]
                for row in db.execute(
                    "SELECT id FROM incidents_incident WHERE id = ANY(%s) AND status <> 'draft'",
                    [ok],
                )
            }
        assert ok, "no report was filed at all"
        assert set(ok) == stored, f"lost reports: {sorted(set(ok) - stored)}"
        for at, status, body in failed:
            assert status in (500, 502, 503), (status, body[:300])
            assert "Traceback" not in body
            assert restart_started - 2 <= at <= restart_ended + 5, (
                f"an error {at - restart_ended:.1f} s after the restart: {status} {body[:200]}"
            )
        recovered = {s for at, status, _, s in results if status == 201 and at > restart_ended}
        assert recovered == set(sessions), "not every reporter could file after the restart"
        print(
            f"pg-restart: {len(ok)} reports filed, 0 lost, {len(failed)} clean errors "
            f"({dict(Counter(status for _, status, _ in failed))}) during a "
            f"{restart_ended - restart_started:.1f} s restart"
        )
    finally:
        pg.stop()
