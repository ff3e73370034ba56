"""Notices through the outbox: recorded with the change, sent after commit, exactly once, retried
with back-off when the mail server fails, picked up by the relay, never carrying content; and
filing a report never waits on Redis."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests import factories as people
from incidents import actions, tasks
from incidents.models import Notice, NoticeKind, NoticeState
from incidents.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return [people.support_team_member(), people.support_team_member()]


def bodies(sink):
    return [
        (message["To"], message["Subject"], message.get_payload(decode=True).decode())
        for message in sink.messages
    ]


def test_submitting_records_the_notices_in_the_same_transaction(team):
    incident = factories.submitted()
    rows = set(Notice.objects.filter(incident=incident).values_list("kind", "recipient", "state"))
    assert rows == {
        (NoticeKind.SUBMITTED, team[0].pk, NoticeState.QUEUED),
        (NoticeKind.SUBMITTED, team[1].pk, NoticeState.QUEUED),
        (NoticeKind.CONFIRMATION, incident.reporter.pk, NoticeState.QUEUED),
    }


def test_no_notice_outlives_a_change_that_was_rolled_back(team, django_capture_on_commit_callbacks):
    from django.db import transaction

    incident = factories.draft()
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.incident_submit(actor=incident.reporter, incident=incident)
        raise RuntimeError("the request failed after submitting")
    assert not Notice.objects.exists()
    assert callbacks == []  # nothing was queued either
    incident.refresh_from_db()
    assert incident.status == "draft"


def test_urgent_escalated_and_deployed_each_notify(team):
    staff = people.triage_staff()
    incident = factories.submitted()
    actions.incident_set_urgency(actor=staff, incident=incident, urgent=True)
    actions.incident_escalate(actor=staff, incident=incident)
    actions.incident_deploy(actor=staff, incident=incident, member=team[0])
    kinds = list(Notice.objects.filter(incident=incident).values_list("kind", "recipient"))
    assert kinds.count((NoticeKind.URGENT, team[0].pk)) == 1
    assert kinds.count((NoticeKind.ESCALATED, team[1].pk)) == 1
    assert (NoticeKind.DEPLOYED, team[0].pk) in kinds
    assert (NoticeKind.DEPLOYED, team[1].pk) not in kinds


def test_becoming_urgent_twice_notifies_once(team):
    staff = people.triage_staff()
    incident = factories.submitted()
    for urgent in (True, False, True):
        actions.incident_set_urgency(actor=staff, incident=incident, urgent=urgent)
    assert Notice.objects.filter(incident=incident, kind=NoticeKind.URGENT).count() == 2


def test_the_notice_is_sent_once_when_the_same_task_runs_twice(
    team, smtp_settings, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        incident = factories.submitted()
    assert len(smtp_settings.messages) == 3
    for notice in Notice.objects.filter(incident=incident):
        assert notice.state == NoticeState.SENT and notice.sent_at and notice.attempts == 1
        assert tasks.send_notice(notice.pk) == "skipped"
        assert tasks.send_notice.delay(notice.pk).get() == "skipped"
    assert tasks.relay_pending_notices() == 0
    assert len(smtp_settings.messages) == 3


def test_notices_carry_a_reference_and_a_link_but_no_content_name_or_address(
    team, smtp_settings, eager_tasks, django_capture_on_commit_callbacks
):
    reporter = factories.reporter(full_name="Anna de Vries")
    with django_capture_on_commit_callbacks(execute=True):
        incident = factories.submitted(reporter, contact_phone="06-12345678")
    messages = bodies(smtp_settings)
    for to, subject, body in messages:
        assert incident.reference in subject + body
        for secret in ("opgewacht", "Jan K.", "Anna", "de Vries", reporter.email, "06-1234"):
            assert secret not in subject and secret not in body
        if to == reporter.email:
            assert body.count(reverse("incidents:detail", args=[incident.pk])) == 1
        else:
            # Not deployed yet: the team's overview, not the case they may not open.
            assert reverse("incidents:support") in body
    assert {to for to, _s, _b in messages} == {team[0].email, team[1].email, reporter.email}


def test_a_mail_failure_is_retried_with_back_off_and_then_sent_once(
    team, settings, smtp_sink, eager_tasks
):
    incident = factories.submitted(immediate_danger=False)
    notice = Notice.objects.get(incident=incident, recipient=team[0], kind=NoticeKind.SUBMITTED)
    # The mail server is down: nothing listens on this port.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
        }
    }
    # In a worker the task asks Celery to retry later (with back-off) ...
    from celery.exceptions import Retry

    with pytest.raises(Retry):
        tasks.send_notice(notice.pk)
    from incidents.notices import backoff

    assert [backoff(n) for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]
    notice.refresh_from_db()
    assert (notice.state, notice.attempts, notice.sent_at) == (NoticeState.QUEUED, 1, None)
    assert notice.last_error == "ConnectionRefusedError"
    assert notice.next_attempt_at > timezone.now() + timedelta(seconds=20)
    # Not due yet: the relay leaves it alone.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": smtp_sink.host, "port": smtp_sink.port, "timeout": 5},
        }
    }
    Notice.objects.exclude(pk=notice.pk).update(state=NoticeState.SENT, sent_at=timezone.now())
    assert tasks.relay_pending_notices() == 0
    Notice.objects.filter(pk=notice.pk).update(next_attempt_at=timezone.now())
    assert tasks.relay_pending_notices() == 1
    assert tasks.relay_pending_notices() == 0
    assert tasks.send_notice(notice.pk) == "skipped"
    notice.refresh_from_db()
    assert (notice.state, notice.attempts) == (NoticeState.SENT, 2)
    assert len(smtp_sink.messages) == 1


def test_in_process_a_failure_is_left_to_the_relay_instead_of_retrying_at_once(team, settings):
    incident = factories.submitted()
    notice = Notice.objects.get(incident=incident, recipient=team[0], kind=NoticeKind.SUBMITTED)
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
        }
    }
    assert tasks.send_notice.apply(args=[notice.pk]).get() == "deferred"
    notice.refresh_from_db()
    assert (notice.state, notice.attempts) == (NoticeState.QUEUED, 1)


def test_after_the_last_attempt_the_notice_is_marked_failed_and_staff_see_it(
    team, settings, client
):
    incident = factories.submitted()
    notice = Notice.objects.get(incident=incident, recipient=team[0], kind=NoticeKind.SUBMITTED)
    Notice.objects.filter(pk=notice.pk).update(attempts=Notice.MAX_ATTEMPTS - 1)
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
        }
    }
    assert tasks.send_notice(notice.pk) == "failed"
    notice.refresh_from_db()
    assert notice.state == NoticeState.FAILED and notice.attempts == Notice.MAX_ATTEMPTS
    assert tasks.relay_pending_notices() == 0  # a failed notice waits for a person
    client.force_login(people.triage_staff())
    page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert f"na {Notice.MAX_ATTEMPTS} pogingen" in page
    assert "In de wachtrij" in page  # the other notices


def test_filing_never_waits_on_redis(team, monkeypatch, django_capture_on_commit_callbacks):
    """The broker hangs: the confirmation page comes at once, the notices stay queued for the
    relay."""
    from weerbaar.celery import app

    calls = []

    def hanging_broker(*args, **kwargs):
        calls.append(args)
        time.sleep(3)
        raise ConnectionError("Redis does not answer")

    monkeypatch.setattr(tasks.send_notice, "apply_async", hanging_broker)
    incident = factories.draft()
    from django.test import Client

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
    assert Notice.objects.filter(incident=incident, state=NoticeState.QUEUED).count() == 3
    from conftest import wait_for

    wait_for(lambda: len(calls) == 3, timeout=5)  # it was tried, in the background


def test_the_relay_is_scheduled_and_sends_what_was_left(team, settings, smtp_settings):
    entry = settings.CELERY_BEAT_SCHEDULE["incidents-relay-pending-notices"]
    assert entry["task"] == tasks.relay_pending_notices.name
    factories.submitted()  # no commit in this test: nothing was queued
    assert tasks.relay_pending_notices() == 3
    assert tasks.relay_pending_notices() == 0
    assert len(smtp_settings.messages) == 3


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_each_notice_once(smtp_sink, celery_worker_process):
    from conftest import wait_for

    celery_worker_process(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=smtp_sink.host,
        EMAIL_PORT=smtp_sink.port,
    )
    member = people.support_team_member()
    incident = factories.submitted()  # commits: queued through Redis to the worker
    wait_for(lambda: len(smtp_sink.messages) == 2, timeout=60)
    wait_for(lambda: Notice.objects.filter(incident=incident, state=NoticeState.SENT).count() == 2)
    # Queued again (a redelivery, a second relay): still two mails.
    for notice in Notice.objects.filter(incident=incident):
        tasks.send_notice.delay(notice.pk)
    tasks.relay_pending_notices.delay()
    time.sleep(2)
    assert sorted(m["To"] for m in smtp_sink.messages) == sorted(
        [member.email, incident.reporter.email]
    )


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_notice_another_sender_holds_is_skipped_not_sent_twice(smtp_settings):
    """SELECT ... FOR UPDATE SKIP LOCKED: while one sender holds a row, the task and the relay
    pass it by instead of waiting or sending it too."""
    import threading

    from django.db import connection, connections, transaction

    from conftest import missing_service

    if connection.vendor != "postgresql":
        missing_service("needs PostgreSQL for SKIP LOCKED")
    people.support_team_member()
    incident = factories.submitted()
    Notice.objects.update(state=NoticeState.QUEUED, sent_at=None, attempts=0)
    smtp_settings.messages.clear()
    held = Notice.objects.filter(incident=incident, kind=NoticeKind.SUBMITTED).get()
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                Notice.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    assert locked.wait(5)
    try:
        started = time.monotonic()
        assert tasks.send_notice(held.pk) == "skipped"
        assert tasks.relay_pending_notices() == 1  # the confirmation, not the held one
        assert time.monotonic() - started < 3
    finally:
        release.set()
        holder.join()
    assert len(smtp_settings.messages) == 1
    assert Notice.objects.get(pk=held.pk).state == NoticeState.QUEUED
    assert tasks.relay_pending_notices() == 1
    assert len(smtp_settings.messages) == 2
