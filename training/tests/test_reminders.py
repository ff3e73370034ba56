"""A reminder TRAINING_REMINDER_DAYS before a session, through the one outbox: once per sign-up
and start, without the training's title, date or place, withdrawn when no longer coming."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from notifications.delivery import build_message, deliver
from notifications.kinds import get
from notifications.models import Notification
from training import actions, tasks
from training.models import Session
from training.tests import factories
from training.workflow import RegistrationStatus

pytestmark = pytest.mark.django_db


def reminders():
    return Notification.objects.filter(kind="training.reminder")


def starting_in(session, delta):
    starts_at = timezone.now() + delta
    Session.objects.filter(pk=session.pk).update(
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=3)
    )
    session.refresh_from_db()


def test_a_reminder_two_days_before_once_however_often_the_check_runs(
    django_capture_on_commit_callbacks,
):
    session = factories.session(days=10)
    member = factories.council_member()
    actions.registration_sign_up(actor=member, session=session)
    assert tasks.remind_of_sessions() == 0  # ten days away: not yet
    starting_in(session, timedelta(days=settings.TRAINING_REMINDER_DAYS, hours=-1))
    with django_capture_on_commit_callbacks():
        assert tasks.remind_of_sessions() == 1
    assert tasks.remind_of_sessions() == 0  # run again: nothing new
    assert tasks.remind_of_sessions() == 0
    assert reminders().get().recipient == member


def test_the_reminder_holds_a_link_and_not_the_title_date_or_place():
    session = factories.session(days=1)
    member = factories.council_member()
    actions.registration_sign_up(actor=member, session=session)
    tasks.remind_of_sessions()
    message = build_message(reminders().get())
    text = f"{message.subject}\n{message.body}"
    assert "Herinnering" in message.subject
    assert f"/trainingen/{session.training_id}/" in text
    assert session.training.title.lower() not in text.lower()
    assert "agressie" not in text.lower() and "Utrecht" not in text
    local = timezone.localtime(session.starts_at)
    for shown in (f"{local:%d-%m-%Y}", f"{local:%H:%M}", f"{local.day} "):
        assert shown not in message.subject
    assert f"{local:%d-%m}" not in text and f"{local:%H:%M}" not in text


def test_no_reminder_for_the_waiting_list_a_cancelled_sign_up_or_a_session_begun():
    session = factories.session(capacity=1, days=1)
    actions.registration_sign_up(actor=factories.council_member(), session=session)
    waiter = factories.council_member()
    actions.registration_sign_up(actor=waiter, session=session)
    leaver = factories.council_member()
    other = factories.session(days=1)
    gone = actions.registration_sign_up(actor=leaver, session=other)
    actions.registration_cancel(actor=leaver, registration=gone)
    begun = factories.session(days=1)
    actions.registration_sign_up(actor=factories.council_member(), session=begun)
    factories.begin(begun)
    assert tasks.remind_of_sessions() == 1
    assert not reminders().filter(recipient__in=[waiter, leaver]).exists()


def test_a_reminder_not_yet_sent_is_withdrawn_when_the_person_cancels():
    session = factories.session(days=1)
    member = factories.council_member()
    registration = actions.registration_sign_up(actor=member, session=session)
    tasks.remind_of_sessions()
    row = reminders().get()
    assert get(row.kind).still_wanted(row)
    actions.registration_cancel(actor=member, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert not get(row.kind).still_wanted(row)
    assert deliver(row.pk) == "withdrawn"
    # Signing up again: a new sign-up, a new reminder.
    actions.registration_sign_up(actor=member, session=session)
    assert tasks.remind_of_sessions() == 1


def test_the_check_is_in_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["training-session-reminders"]
    assert entry["task"] == tasks.remind_of_sessions.name
