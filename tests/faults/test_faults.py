"""Faults with real services, each bounded in time (about a minute at most):

- Redis stops while a report is filed: the report is saved, the reporter gets success at once,
  and the notices are delivered, once, when Redis is back (the relay, as Celery beat runs it).
- Redis comes back while notices wait: a real `celery beat` and worker deliver them within 15 s.
- A Celery worker is killed with SIGKILL in the middle of an SMTP send (before the server
  accepted): after a new worker starts, every notice is delivered exactly once.
- A worker dies AFTER the server accepted a mail and before the sent mark (SIGKILL, or its
  PostgreSQL connection is cut): that mail arrives twice, both copies with the same Message-ID,
  and every other notice once. This is the one repeat the guarantee allows (docs/notices.md).
- The mail server is down (nothing listens), then returns: every notice is delivered exactly once,
  with the failed attempts and their error in the history.
- PostgreSQL restarts while reports are being filed: no report that got a success answer is
  lost; failures during the restart are clean 5xx pages, and filing recovers.

Redis and PostgreSQL are private instances on free ports (tests/faults/stack.py); the shared
services are never stopped. Needs the test database on PostgreSQL (processes share it).
"""

import asyncio
import email
import json
import os
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
from incidents.models import Incident
from notifications.models import DeliveryAttempt, Notification, Outcome, State
from tests.helpers import missing_service, wait_for

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
    """What Celery beat does every NOTIFICATION_RELAY_SECONDS: queue the relay of due notices."""
    app = Celery(broker=redis_url, set_as_current=False)  # never replace the portal app
    app.send_task("notifications.tasks.relay_notifications", queue=queue)
    app.close()


def _notices(incident_ids):
    return Notification.objects.filter(object_id__in=incident_ids, kind__startswith="incidents.")


def _history(row):
    return list(DeliveryAttempt.objects.filter(notification=row).values_list("number", "outcome"))


def _smtp(port, **extra):
    return {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": port, **extra}  # fmt: skip


def test_redis_down_while_filing_saves_the_report_and_delivers_the_notice_later(
    client, shared_db, private_redis, smtp_sink, processes
):
    reporter = people.officeholder()
    people.support_team_member()  # gets the "new report" notice
    port = stack.free_port()
    mail = _smtp(smtp_sink.port)
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
    notices = _notices([incident.pk])
    expected = notices.count()
    assert expected == 2  # confirmation to the reporter, new report to the team
    time.sleep(3)  # the background publish has failed by now
    assert not smtp_sink.messages
    assert set(notices.values_list("state", flat=True)) == {State.QUEUED}

    private_redis.start()
    processes.append(stack.start_worker(queue, DATABASE_URL=shared_db,
                                        REDIS_URL=private_redis.url, **mail))  # fmt: skip
    _send_relay(private_redis.url, queue)
    wait_for(lambda: len(smtp_sink.messages) >= expected, timeout=30)
    time.sleep(2)  # anything sent twice would have arrived by now
    assert len(smtp_sink.messages) == expected
    assert set(notices.values_list("state", flat=True)) == {State.SENT}
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


def test_a_worker_killed_mid_send_before_the_server_accepted_delivers_each_notice_once(
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
                "NOTIFICATION_LEASE_SECONDS": 3}  # fmt: skip
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
        notices = _notices([json.loads(body)["id"]])
        expected = notices.count()

        assert handler.stalled.wait(30), "the worker never started sending"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        interrupted = notices.get(state=State.SENDING)
        processes.append(stack.start_worker(queue, **env))
        time.sleep(3)  # the killed worker's lease runs out
        _send_relay(private_redis.url, queue)
        wait_for(lambda: len(handler.messages) >= expected, timeout=60)
        time.sleep(4)  # a duplicate would arrive by now
        ids = Counter(email.message_from_bytes(m.content)["Message-ID"] for m in handler.messages)
        assert set(ids) == {row.message_id for row in notices}, ids
        assert all(count == 1 for count in ids.values()), ids
        assert set(notices.values_list("state", flat=True)) == {State.SENT}
        # The send the worker died in was never accepted: interrupted, then sent once.
        assert _history(interrupted) == [(1, Outcome.INTERRUPTED), (2, Outcome.ACCEPTED)]
        print(f"sigkill mid-send: {expected} notices, each delivered exactly once")
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


def _file(browser, n, what):
    ids = []
    for i in range(n):
        status, body = browser.post(FILING, {"description": f"{what} {i}"})
        assert status == 201, body
        ids.append(json.loads(body)["id"])
    return ids


def _message_ids(messages):
    return Counter(message["Message-ID"] for message in messages)


@pytest.mark.parametrize("death", ["sigkill", "connection-cut"])
def test_a_worker_that_dies_after_the_server_accepted_repeats_that_mail_with_the_same_message_id(
    death, client, shared_db, private_redis, smtp_sink, processes, tmp_path
):
    """The one repeat the guarantee allows. The e-mail backend (tests/faults/mail.py) hands the
    mail to the real SMTP sink, which accepts it, then holds the worker before the sent mark; the
    test then kills the worker (SIGKILL) or cuts its PostgreSQL connection (the mark fails).
    Either way the row stays SENDING until its lease runs out; the relay sends it again, with the
    SAME Message-ID, and the history shows the first attempt as interrupted."""
    reporter = people.officeholder()
    people.support_team_member()  # gets the "new report" notice
    accepted, release = tmp_path / "accepted", tmp_path / "release"
    queue = f"fault-{time.monotonic_ns()}"
    env = {"DATABASE_URL": shared_db, "REDIS_URL": private_redis.url,
           "NOTIFICATION_LEASE_SECONDS": 4, "FAULT_ACCEPTED_FILE": accepted,
           "FAULT_RELEASE_FILE": release, **_smtp(smtp_sink.port)}  # fmt: skip
    first = stack.start_worker(queue, **env)
    processes.append(first)
    port = stack.free_port()
    processes.append(stack.start_gunicorn(port, workers=1, CELERY_TASK_DEFAULT_QUEUE=queue, **env))
    browser = stack.Browser(f"http://127.0.0.1:{port}", _session_of(client, reporter))
    incident_ids = _file(browser, 1, "Na het aannemen")
    notices = _notices(incident_ids)
    expected = notices.count()
    assert expected == 2

    wait_for(accepted.exists, timeout=60)
    repeated = accepted.read_text()
    assert _message_ids(smtp_sink.messages) == {repeated: 1}  # the server has it
    if death == "sigkill":
        stack.stop(first, signal.SIGKILL)
    else:
        with connection.cursor() as cursor:  # every session on the test database but ours
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        release.touch()  # the worker goes on to the sent mark, on a dead connection
    row = next(r for r in notices if r.message_id == repeated)
    time.sleep(1)
    row.refresh_from_db()
    assert row.state == State.SENDING and row.sent_at is None  # the mark never committed

    if death == "sigkill":
        processes.append(stack.start_worker(queue, **env))
    time.sleep(4)  # the lease runs out
    _send_relay(private_redis.url, queue)
    wait_for(lambda: not notices.exclude(state=State.SENT).exists(), timeout=60)
    time.sleep(2)  # anything sent a third time would have arrived by now

    ids = _message_ids(smtp_sink.messages)
    assert set(ids) == {n.message_id for n in notices}  # every notice arrived
    assert ids[repeated] == 2  # the repeat carries the first copy's Message-ID ...
    assert all(count == 1 for mid, count in ids.items() if mid != repeated)  # ... and only it
    row.refresh_from_db()
    assert row.state == State.SENT and row.attempts == 2
    assert _history(row) == [(1, Outcome.INTERRUPTED), (2, Outcome.ACCEPTED)]
    for other in notices.exclude(pk=row.pk):
        assert _history(other) == [(1, Outcome.ACCEPTED)]
    print(f"accepted-then-{death}: {expected} notices, {sum(ids.values())} mails, one repeat "
          f"with the same Message-ID")  # fmt: skip


def test_mail_server_down_then_back_delivers_every_notice_exactly_once(
    client, shared_db, private_redis, processes, tmp_path
):
    """Nothing listens on the mail port for 20 s (the issue's "a minute", scaled down: the
    back-off base is 2 s here instead of 30 s, so 20 s covers three failed attempts per notice,
    as three and a half minutes do in production); then the SMTP sink starts on that port. Beat
    runs the relay every 2 s. Every notice arrives exactly once; the failed attempts and their
    error are in the history, and staff saw the last error while it lasted."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Collect(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    reporter = people.officeholder()
    people.support_team_member()
    mail_port = stack.free_port()  # nothing listens here yet
    queue = f"fault-{time.monotonic_ns()}"
    env = {"DATABASE_URL": shared_db, "REDIS_URL": private_redis.url,
           "NOTIFICATION_RETRY_BASE_SECONDS": 2, "NOTIFICATION_RELAY_SECONDS": 2,
           "EMAIL_TIMEOUT": 5, **_smtp(mail_port)}  # fmt: skip
    processes.append(stack.start_worker(queue, **env))
    processes.append(stack.start_beat(queue, tmp_path, **env))
    port = stack.free_port()
    processes.append(stack.start_gunicorn(port, workers=1, CELERY_TASK_DEFAULT_QUEUE=queue, **env))
    browser = stack.Browser(f"http://127.0.0.1:{port}", _session_of(client, reporter))
    down_at = time.monotonic()
    notices = _notices(_file(browser, 3, "Mailserver weg"))
    expected = notices.count()
    assert expected == 6

    wait_for(lambda: not notices.exclude(state=State.RETRYING).exists(), timeout=30)
    assert set(notices.values_list("last_error", flat=True)) == {"ConnectionRefusedError"}
    time.sleep(max(0.0, 20 - (time.monotonic() - down_at)))
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=mail_port)
    controller.start()
    back_at = time.monotonic()
    try:
        wait_for(lambda: len(handler.messages) >= expected, timeout=60)
        delivered_in = time.monotonic() - back_at
        time.sleep(3)  # a duplicate would arrive by now
        ids = _message_ids(handler.messages)
    finally:
        controller.stop()
    assert set(ids) == {n.message_id for n in notices}
    assert all(count == 1 for count in ids.values()), ids
    for row in notices:
        assert row.state == State.SENT and row.attempts >= 3 and row.last_error == ""
        history = list(row.delivery_attempts.values_list("outcome", "error"))
        assert history[-1] == (Outcome.ACCEPTED, "")
        assert set(history[:-1]) == {(Outcome.FAILED, "ConnectionRefusedError")}
    attempts = sorted(notices.values_list("attempts", flat=True))
    print(f"smtp-down 20 s: {expected} notices delivered once, {delivered_in:.1f} s after the "
          f"server returned; attempts per notice {attempts}")  # fmt: skip


def test_after_redis_returns_a_real_beat_and_worker_deliver_the_waiting_notices_within_15_s(
    client, shared_db, private_redis, smtp_sink, processes, tmp_path
):
    """Redis is down while reports are filed (the publish after commit fails; the rows wait),
    stays down 45 s (long enough for kombu's default reconnect back-off to reach 14 s between
    tries; FAULT_REDIS_OUTAGE_SECONDS changes it), and returns at T. A real `celery beat` (relay
    every 10 s, as in production) and a real worker, both running through the outage, must have
    every notice in the SMTP sink before T + 15 s. (With kombu's default back-off this took 10.9 s
    after a 45 s outage and would take up to 30 s + 10 s after a longer one; the reconnect is
    now capped at 2 s: notifications/tests/test_broker_reconnect.py.)"""
    reporter = people.officeholder()
    people.support_team_member()
    queue = f"fault-{time.monotonic_ns()}"
    env = {"DATABASE_URL": shared_db, "REDIS_URL": private_redis.url,
           "NOTIFICATION_RELAY_SECONDS": 10, **_smtp(smtp_sink.port)}  # fmt: skip
    worker = stack.start_worker(queue, **env)
    processes.append(worker)
    processes.append(stack.start_beat(queue, tmp_path, **env))
    port = stack.free_port()
    processes.append(stack.start_gunicorn(port, workers=1, CELERY_TASK_DEFAULT_QUEUE=queue, **env))
    browser = stack.Browser(f"http://127.0.0.1:{port}", _session_of(client, reporter))
    assert browser.get(FILING)[0] == 200
    _send_relay(private_redis.url, queue)  # the worker is up and consuming
    # The outage starts while the worker is idle: the relay was taken AND acknowledged. (Stopping
    # Redis between the take and the ack leaves kombu's consumer deaf after Redis returns, a known
    # Celery/kombu fault this test does not claim to survive; see docs/notices.md.)
    wait_for(lambda: private_redis_is_idle(private_redis.url, queue), timeout=60)

    private_redis.stop()
    notices = _notices(_file(browser, 3, "Redis weg"))
    expected = notices.count()
    time.sleep(float(os.environ.get("FAULT_REDIS_OUTAGE_SECONDS", "45")))
    assert not smtp_sink.messages
    assert set(notices.values_list("state", flat=True)) == {State.QUEUED}
    private_redis.start()
    back_at = time.monotonic()
    wait_for(lambda: len(smtp_sink.messages) >= expected, timeout=45)
    resumed_in = time.monotonic() - back_at
    time.sleep(2)
    ids = _message_ids(smtp_sink.messages)
    assert set(ids) == {n.message_id for n in notices}
    assert all(count == 1 for count in ids.values()), ids
    print(f"redis-back: {expected} notices delivered {resumed_in:.1f} s after Redis returned")
    assert resumed_in < 15, f"delivery resumed {resumed_in:.1f} s after Redis returned"


def private_redis_is_idle(url, queue):
    """Nothing waits in the queue and nothing taken is still unacknowledged (kombu keeps taken
    messages in the `unacked` hash until the worker acknowledges them)."""
    import redis

    client = redis.Redis.from_url(url)
    return client.llen(queue) == 0 and client.hlen("unacked") == 0
