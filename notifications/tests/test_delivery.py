"""The one outbox: a row per event and recipient, recorded with the change, delivered after commit
outside any transaction, marked sent in its own transaction, retried with back-off by the relay,
each attempt recorded, and every copy of one row carrying the same Message-ID."""

import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from accounts.tests import factories as people
from incidents import notices
from incidents.tests import factories
from notifications import delivery, tasks
from notifications.models import DeliveryAttempt, Notification, Outcome, State

pytestmark = pytest.mark.django_db

DOWN = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
    }
}


def up(sink):
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": sink.host, "port": sink.port, "timeout": 5},
        }
    }


@pytest.fixture
def member():
    return people.support_team_member()


def about(incident):
    return Notification.objects.filter(object_id=incident.pk, kind__startswith="incidents.")


def test_the_same_event_for_the_same_person_is_recorded_once_and_a_new_event_again(member):
    incident = factories.submitted()
    kind = notices.KINDS[notices.NoticeKind.DEPLOYED]
    from notifications import outbox

    first = outbox.record(kind=kind, subject=incident, recipients=[member], event="m1")
    assert outbox.record(kind=kind, subject=incident, recipients=[member], event="m1") == []
    second = outbox.record(kind=kind, subject=incident, recipients=[member], event="m2")
    assert len(first) == 1 and len(second) == 1 and first != second


def test_the_mail_is_sent_outside_any_transaction_and_the_sent_mark_follows_at_once(
    member, smtp_settings, monkeypatch
):
    """Sending inside the transaction that holds the row lock made a crash after the server's
    acceptance roll back the sent mark: the send must not be inside one."""
    incident = factories.submitted()
    seen = []
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send
    row = about(incident).first()
    # pytest-django wraps each test in a transaction; only the depth matters here.
    depth = len(connection.savepoint_ids)
    monkeypatch.setattr(
        EmailMessage,
        "send",
        lambda message, *a, **k: (seen.append(len(connection.savepoint_ids)), real_send(message)),
    )
    assert delivery.deliver(row.pk) == "sent"
    assert seen == [depth]  # no transaction (savepoint) of the delivery was open while sending
    row.refresh_from_db()
    assert row.state == State.SENT and row.sent_at and row.lease_until is None
    assert list(row.delivery_attempts.values_list("number", "outcome")) == [(1, Outcome.ACCEPTED)]


def test_a_repeat_after_a_crash_carries_the_same_message_id_and_shows_in_the_history(
    member, smtp_settings, monkeypatch
):
    """The worker dies after the server accepted and before the sent mark: once the lease runs
    out the relay sends it again, recognisable as the same message."""
    incident = factories.submitted()
    row = about(incident).get(recipient=member, kind="incidents.submitted")

    def die(*args, **kwargs):
        raise SystemExit("killed")

    monkeypatch.setattr(delivery, "_finish", die)
    with pytest.raises(SystemExit):
        delivery.deliver(row.pk)
    monkeypatch.undo()
    row.refresh_from_db()
    assert row.state == State.SENDING and len(smtp_settings.messages) == 1
    assert delivery.deliver(row.pk) == "skipped"  # the lease still holds
    Notification.objects.filter(pk=row.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    Notification.objects.exclude(pk=row.pk).update(state=State.SENT, sent_at=timezone.now())
    assert tasks.relay_notifications() == {"sent": 1}
    first, second = smtp_settings.messages
    assert first["Message-ID"] == second["Message-ID"] == row.message_id
    assert first["To"] == second["To"] == member.email
    assert list(
        DeliveryAttempt.objects.filter(notification=row).values_list("number", "outcome")
    ) == [(1, Outcome.INTERRUPTED), (2, Outcome.ACCEPTED)]


def test_a_mail_failure_is_retried_with_back_off_by_the_relay_and_then_sent_once(
    member, settings, smtp_sink
):
    incident = factories.submitted(immediate_danger=False)
    row = about(incident).get(recipient=member, kind="incidents.submitted")
    settings.MAILERS = DOWN
    assert tasks.deliver_notification(row.pk) == "retrying"
    assert [delivery.backoff(n) for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]
    row.refresh_from_db()
    assert (row.state, row.attempts, row.sent_at) == (State.RETRYING, 1, None)
    assert row.last_error == "ConnectionRefusedError"
    assert row.next_attempt_at > timezone.now() + timedelta(seconds=20)
    settings.MAILERS = up(smtp_sink)
    Notification.objects.exclude(pk=row.pk).update(state=State.SENT, sent_at=timezone.now())
    assert tasks.relay_notifications() == {}  # not due yet
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert tasks.relay_notifications() == {"sent": 1}
    assert tasks.relay_notifications() == {}
    assert tasks.deliver_notification(row.pk) == "skipped"
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (State.SENT, 2, "")
    assert list(row.delivery_attempts.values_list("outcome", "error")) == [
        (Outcome.FAILED, "ConnectionRefusedError"),
        (Outcome.ACCEPTED, ""),
    ]
    assert len(smtp_sink.messages) == 1


def test_after_the_last_attempt_the_notice_is_failed_and_staff_see_state_and_error(
    member, settings, client
):
    from django.urls import reverse

    incident = factories.submitted()
    row = about(incident).get(recipient=member, kind="incidents.submitted")
    Notification.objects.filter(pk=row.pk).update(attempts=Notification.MAX_ATTEMPTS - 1)
    settings.MAILERS = DOWN
    assert delivery.deliver(row.pk) == "failed"
    row.refresh_from_db()
    assert row.state == State.FAILED and row.attempts == Notification.MAX_ATTEMPTS
    assert tasks.relay_notifications() == {"retrying": 1}  # the confirmation; not the failed one
    client.force_login(people.triage_staff())
    page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "Mislukt" in page and "ConnectionRefusedError" in page
    assert "Wacht op nieuwe poging" in page  # the other notice


def test_a_notice_whose_reader_may_no_longer_have_it_is_withdrawn(member, smtp_settings):
    from notifications import kinds, outbox

    kind = kinds.register(
        kinds.Kind(
            code="tests.withdrawn",
            label="test",
            subject_template="incidents/email/notice_subject.txt",
            body_template="incidents/email/submitted_body.txt",
            link=lambda row: "/",
            still_wanted=lambda row: False,
        )
    )
    incident = factories.submitted()
    [row_id] = outbox.record(kind=kind, subject=incident, recipients=[member])
    assert delivery.deliver(row_id) == "withdrawn"
    assert Notification.objects.get(pk=row_id).state == State.WITHDRAWN
    assert delivery.deliver(row_id) == "skipped"
    assert not [m for m in smtp_settings.messages if m["To"] == member.email and "tests" in m]


def test_no_notice_outlives_a_change_that_was_rolled_back(
    member, django_capture_on_commit_callbacks
):
    from incidents import actions

    incident = factories.draft()
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.incident_submit(actor=incident.reporter, incident=incident)
        raise RuntimeError("the request failed after submitting")
    assert not Notification.objects.exists()
    assert callbacks == []


def test_filing_never_waits_on_redis(member, monkeypatch, django_capture_on_commit_callbacks):
    """The broker hangs: the confirmation page comes at once; the notices stay queued."""
    from django.test import Client
    from django.urls import reverse

    from tests.helpers import wait_for
    from weerbaar.celery import app

    calls = []

    def hanging_broker(*args, **kwargs):
        calls.append(args)
        time.sleep(3)
        raise ConnectionError("Redis does not answer")

    monkeypatch.setattr(tasks.deliver_notification, "apply_async", hanging_broker)
    incident = factories.draft()
    client = Client()
    client.force_login(incident.reporter)
    started = time.monotonic()
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("incidents:submit", args=[incident.pk]))
    finally:
        app.conf.task_always_eager = eager
    assert response.status_code == 302
    page = client.get(response.url)
    assert time.monotonic() - started < 1.5
    assert page.status_code == 200 and "Uw melding is verstuurd" in page.content.decode()
    assert about(incident).filter(state=State.QUEUED).count() == 2
    wait_for(lambda: len(calls) == 2, timeout=5)


def test_the_relay_is_scheduled_often_enough_to_resume_within_15_seconds(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["notifications-relay"]
    assert entry["task"] == tasks.relay_notifications.name
    assert entry["schedule"] <= 10
    # Only one relay: the per-app relays are gone.
    assert not [k for k in settings.CELERY_BEAT_SCHEDULE if "pending" in k and "notice" in k]


def test_the_broker_visibility_timeout_is_set_above_the_lease(settings):
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["visibility_timeout"] > settings.NOTIFICATION_LEASE_SECONDS
    timeout = settings.MAILERS["default"].get("OPTIONS", {}).get("timeout", 10)
    assert timeout < settings.NOTIFICATION_LEASE_SECONDS


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_notice_another_sender_holds_is_skipped_not_sent_twice(smtp_settings):
    """SKIP LOCKED: while one sender holds a row, the task and the relay pass it by."""
    import threading

    from django.db import connections

    from tests.helpers import missing_service

    if connection.vendor != "postgresql":
        missing_service("needs PostgreSQL for SKIP LOCKED")
    people.support_team_member()
    incident = factories.submitted()
    Notification.objects.update(state=State.QUEUED, sent_at=None, attempts=0)
    DeliveryAttempt.objects.all().delete()
    smtp_settings.messages.clear()
    held = about(incident).get(kind="incidents.submitted")
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                Notification.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    assert locked.wait(5)
    try:
        started = time.monotonic()
        assert tasks.deliver_notification(held.pk) == "skipped"
        assert tasks.relay_notifications() == {"sent": 1, "skipped": 1}
        assert time.monotonic() - started < 3
    finally:
        release.set()
        holder.join()
    assert len(smtp_settings.messages) == 1
    assert Notification.objects.get(pk=held.pk).state == State.QUEUED
    assert tasks.relay_notifications() == {"sent": 1}
    assert len(smtp_settings.messages) == 2


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_each_notice_once(smtp_sink, celery_worker_process):
    from tests.helpers import wait_for

    celery_worker_process(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=smtp_sink.host,
        EMAIL_PORT=smtp_sink.port,
    )
    member = people.support_team_member()
    incident = factories.submitted()  # commits: queued through Redis to the worker
    wait_for(lambda: len(smtp_sink.messages) == 2, timeout=60)
    wait_for(lambda: about(incident).filter(state=State.SENT).count() == 2)
    for row in about(incident):
        tasks.deliver_notification.delay(row.pk)
    tasks.relay_notifications.delay()
    time.sleep(2)
    assert sorted(m["To"] for m in smtp_sink.messages) == sorted(
        [member.email, incident.reporter.email]
    )
    assert len({m["Message-ID"] for m in smtp_sink.messages}) == 2
