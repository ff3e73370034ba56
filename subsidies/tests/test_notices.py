"""Who hears what about a grant application, through the one outbox: the applicant's side
(GrantApplication.notify_user) when BZK asks for more information, when a decision is sent and
when the round closes soon on a draft; exactly one mail each, a link and at most the reference,
never the reason, an amount or a measure. Staff see the delivery state on the application."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.tests import factories as people
from notifications.models import Notification, State
from notifications.tasks import relay_notifications
from subsidies import actions, tasks
from subsidies.models import Decision, GrantScheme
from subsidies.tests import factories
from subsidies.workflow import Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]

REASON = "De offerte van Beveiliging Jansen BV ontbreekt"
CONTENT = (
    REASON,
    "Jansen",
    "12.500",
    "12500",
    "2.500",
    "Maatregel 1",
    "publieke tribune",
    "Fatima El Amrani",
    "bedreigd",
)


def mails(sink):
    return [(m["To"], m["Subject"], m.get_payload(decode=True).decode()) for m in sink.messages]


def assert_no_content(subject, body):
    for secret in CONTENT:
        assert secret not in body and secret not in subject


@pytest.fixture
def griffiers():
    """The griffier who started the application and a colleague of the same body."""
    first = people.griffier(full_name="Greet Griffier")
    body = first.role_assignments.get().body
    return first, people.griffier(body=body)


def ask_for_more(application, staff, sink, capture):
    with capture(execute=True):
        actions.application_transition(
            actor=staff, application=application, to_status=Status.INFO_REQUESTED, reason=REASON
        )


def test_the_griffier_who_applied_hears_once_that_bzk_asks_for_more_information(
    griffiers, smtp_settings, django_capture_on_commit_callbacks
):
    starter, colleague = griffiers
    staff = people.triage_staff()
    application = factories.in_review(staff=staff, griffier=starter)
    ask_for_more(application, staff, smtp_settings, django_capture_on_commit_callbacks)
    [(to, subject, body)] = mails(smtp_settings)
    assert to == starter.email
    assert application.reference in subject  # the reference, nothing more
    assert reverse("subsidies:detail", args=[application.pk]) in body
    assert "meer informatie nodig" in body
    assert_no_content(subject, body)
    assert "Greet Griffier" not in body
    row = Notification.objects.get(kind="subsidies.info_requested")
    assert (row.recipient, row.state) == (starter, State.SENT)
    assert relay_notifications() == {}
    assert len(smtp_settings.messages) == 1


def test_a_second_request_for_more_information_is_a_new_mail(
    griffiers, smtp_settings, django_capture_on_commit_callbacks
):
    starter, _colleague = griffiers
    staff = people.triage_staff()
    application = factories.in_review(staff=staff, griffier=starter)
    ask_for_more(application, staff, smtp_settings, django_capture_on_commit_callbacks)
    actions.application_submit(actor=starter, application=application)
    actions.application_transition(actor=staff, application=application, to_status=Status.IN_REVIEW)
    ask_for_more(application, staff, smtp_settings, django_capture_on_commit_callbacks)
    assert [to for to, _s, _b in mails(smtp_settings)] == [starter.email, starter.email]
    assert Notification.objects.filter(kind="subsidies.info_requested").count() == 2


def test_other_moves_notify_nobody(griffiers, smtp_settings, django_capture_on_commit_callbacks):
    starter, _colleague = griffiers
    with django_capture_on_commit_callbacks(execute=True):
        factories.in_review(griffier=starter)
    assert smtp_settings.messages == []
    assert not Notification.objects.exists()


def test_a_sent_decision_notifies_the_griffier_who_applied_once(
    griffiers, smtp_settings, django_capture_on_commit_callbacks
):
    starter, _colleague = griffiers
    decision = factories.decided(griffier=starter, outcome=Status.GRANTED)
    assert smtp_settings.messages == []  # decided, not yet sent
    with django_capture_on_commit_callbacks(execute=True):
        actions.decision_send(actor=people.triage_staff(), decision=decision)
    [(to, subject, body)] = mails(smtp_settings)
    assert to == starter.email
    assert_no_content(subject, body)
    assert "Toegekend" not in body and "toegekend" not in subject
    decision.refresh_from_db()
    assert decision.notified_at is not None


def test_a_draft_hears_once_that_its_round_closes_soon(
    griffiers, settings, smtp_settings, django_capture_on_commit_callbacks
):
    settings.GRANT_DEADLINE_NOTICE_DAYS = 7
    starter, _colleague = griffiers
    application = factories.draft(griffier=starter)
    scheme = application.scheme
    today = timezone.localdate()
    GrantScheme.objects.filter(pk=scheme.pk).update(
        opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_of_deadlines() == 0  # not yet within 7 days
    GrantScheme.objects.filter(pk=scheme.pk).update(closes_on=today + timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_of_deadlines() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_of_deadlines() == 0  # once per deadline
    [(to, subject, body)] = mails(smtp_settings)
    assert to == starter.email
    assert "binnen 7 dagen" in body
    assert reverse("subsidies:detail", args=[application.pk]) in body
    assert_no_content(subject, body)
    # The round is extended: a new deadline, a new reminder when it nears.
    GrantScheme.objects.filter(pk=scheme.pk).update(closes_on=today + timedelta(days=6))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_of_deadlines() == 1
    assert len(smtp_settings.messages) == 2


def test_an_application_sent_in_before_the_deadline_hears_nothing(
    griffiers, smtp_settings, django_capture_on_commit_callbacks
):
    starter, _colleague = griffiers
    application = factories.submitted(griffier=starter)
    today = timezone.localdate()
    GrantScheme.objects.filter(pk=application.scheme_id).update(
        opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_of_deadlines() == 0
    assert smtp_settings.messages == []


def test_a_reminder_not_yet_sent_is_withdrawn_once_the_draft_is_sent_in(griffiers, smtp_settings):
    starter, _colleague = griffiers
    application = factories.draft(griffier=starter)
    today = timezone.localdate()
    GrantScheme.objects.filter(pk=application.scheme_id).update(
        opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=2)
    )
    assert tasks.remind_of_deadlines() == 1  # no commit: waits for the relay
    actions.application_submit(actor=starter, application=application)
    assert relay_notifications() == {"withdrawn": 1}
    assert smtp_settings.messages == []


def test_the_deadline_check_is_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["subsidies-deadline-reminders"]
    assert entry["task"] == tasks.remind_of_deadlines.name


def test_staff_see_the_delivery_state_on_the_application_and_the_griffier_does_not(
    griffiers, client, smtp_settings, django_capture_on_commit_callbacks
):
    starter, _colleague = griffiers
    staff = people.triage_staff()
    application = factories.in_review(staff=staff, griffier=starter)
    ask_for_more(application, staff, smtp_settings, django_capture_on_commit_callbacks)
    url = reverse("subsidies:detail", args=[application.pk])
    client.force_login(staff)
    page = client.get(url).content.decode()
    assert "E-mailberichten" in page
    assert "Aanvulling gevraagd" in page and "Verstuurd" in page
    assert escape(str(starter)) in page
    client.force_login(starter)
    assert "E-mailberichten" not in client.get(url).content.decode()


def test_the_migration_queues_sent_decisions_whose_applicant_was_never_told(smtp_settings):
    migration = importlib.import_module(
        "subsidies.migrations.0005_decision_notices_to_the_one_outbox"
    )
    staff = people.triage_staff()
    told = actions.decision_send(actor=staff, decision=factories.decided())
    untold = actions.decision_send(
        actor=staff,
        decision=factories.decided(griffier=people.griffier(body=people.municipality("GM0363"))),
    )
    unsent = factories.decided(griffier=people.griffier(body=people.municipality("GM0518")))
    # As before the move: no outbox rows; one decision was notified, one never was.
    Notification.objects.all().delete()
    Decision.objects.filter(pk=told.pk).update(notified_at=timezone.now())
    migration.queue_unnotified_decisions(apps, None)
    migration.queue_unnotified_decisions(apps, None)  # twice: no second row
    [row] = Notification.objects.all()
    assert (row.kind, row.object_id, row.recipient, row.state) == (
        "subsidies.decision",
        untold.application_id,
        untold.application.created_by,
        State.QUEUED,
    )
    assert unsent.send_date is None
    assert relay_notifications() == {"sent": 1}
    assert [to for to, _s, _b in mails(smtp_settings)] == [untold.application.created_by.email]
    untold.refresh_from_db()
    assert untold.notified_at is not None
