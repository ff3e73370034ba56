"""What the reporter hears about their case, and what staff hear from the reporter: each event
mails exactly the right people once, through the outbox and a real SMTP server, with a link and
a reference but never content; the reporter's choice of address (or none) is honoured; a message
on a closed case reopens it and puts it first in the queue."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from accounts.tests import factories as people
from incidents import actions, selectors
from incidents.models import EventKind, Incident, NotifyBy
from incidents.tests import factories
from incidents.workflow import Status
from notifications import delivery
from notifications.models import Notification
from notifications.models import State as NoticeState
from weerbaar import pagination

pytestmark = pytest.mark.django_db

STAFF_TEXT = "Wij bellen u morgen om tien uur over de man bij uw auto."
REPORTER_TEXT = "Het gebeurt weer: vannacht stond hij weer voor de deur."
SECRETS = (factories.DESCRIPTION, "opgewacht", "Jan K.", STAFF_TEXT, REPORTER_TEXT, "deur")


@pytest.fixture
def staff():
    return people.triage_staff(full_name="Bea Behandelaar")


@pytest.fixture
def deliver(smtp_settings, eager_tasks, django_capture_on_commit_callbacks):
    """Run `change` and deliver what it recorded (only that: rows of the set-up stay queued)
    through the real SMTP sink; returns the mails as (to, subject, body)."""

    def run(change):
        before = len(smtp_settings.messages)
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return [
            (message["To"], message["Subject"], message.get_payload(decode=True).decode())
            for message in smtp_settings.messages[before:]
        ]

    return run


def rows(incident, kind):
    return Notification.objects.filter(object_id=incident.pk, kind=f"incidents.{kind}")


def assert_content_free(incident, mails, *names):
    for _to, subject, body in mails:
        assert incident.reference in subject + body
        assert body.count(reverse("incidents:detail", args=[incident.pk])) == 1
        for secret in (*SECRETS, *names, incident.reporter.get_full_name()):
            assert secret not in subject and secret not in body


def in_progress(staff, **data):
    incident = factories.submitted(**data)
    return actions.incident_transition(actor=staff, incident=incident, to_status=Status.IN_PROGRESS)


def closed(staff, **data):
    return actions.incident_close(actor=staff, incident=in_progress(staff, **data))


# Each event on a case, made by staff, and the reporter notice it records.
EVENTS = {
    "message": (
        in_progress,
        lambda staff, incident: actions.message_send(
            actor=staff, incident=incident, body=STAFF_TEXT
        ),
        "reporter_message",
    ),
    "waiting": (
        in_progress,
        lambda staff, incident: actions.incident_transition(
            actor=staff, incident=incident, to_status=Status.WAITING
        ),
        "reporter_waiting",
    ),
    "assigned": (
        in_progress,
        lambda staff, incident: actions.incident_assign(
            actor=staff, incident=incident, assignee=staff
        ),
        "reporter_assigned",
    ),
    "closed": (
        in_progress,
        lambda staff, incident: actions.incident_close(actor=staff, incident=incident),
        "reporter_closed",
    ),
    "reopened": (
        closed,
        lambda staff, incident: actions.incident_reopen(actor=staff, incident=incident),
        "reporter_reopened",
    ),
}


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_each_event_mails_the_reporter_once_without_content(event, staff, deliver):
    setup, change, kind = EVENTS[event]
    colleague = people.triage_staff()
    incident = setup(staff)
    mails = deliver(lambda: change(staff, incident))
    assert [to for to, _s, _b in mails] == [incident.reporter.email]
    assert_content_free(incident, mails, "Bea", "Behandelaar", str(colleague))
    assert rows(incident, kind).get().state == NoticeState.SENT


def test_deploying_the_support_team_mails_the_reporter_and_the_member_once_each(staff, deliver):
    member = people.support_team_member(full_name="Olga Veldkamp")
    incident = in_progress(staff)
    mails = deliver(lambda: actions.incident_deploy(actor=staff, incident=incident, member=member))
    assert sorted(to for to, _s, _b in mails) == sorted([incident.reporter.email, member.email])
    assert_content_free(incident, mails, "Olga", "Veldkamp")
    [(_to, _subject, body)] = [mail for mail in mails if mail[0] == incident.reporter.email]
    assert "Ondersteuningsteam" in body


def test_each_staff_message_is_its_own_notice(staff, deliver):
    incident = in_progress(staff)
    for text in ("Eerste bericht.", "Tweede bericht."):
        mails = deliver(
            lambda text=text: actions.message_send(actor=staff, incident=incident, body=text)
        )
        assert [to for to, _s, _b in mails] == [incident.reporter.email]
    assert rows(incident, "reporter_message").count() == 2


def test_assigning_nobody_or_the_same_handler_again_tells_the_reporter_nothing(staff, deliver):
    incident = in_progress(staff)
    deliver(lambda: actions.incident_assign(actor=staff, incident=incident, assignee=staff))
    again = deliver(lambda: actions.incident_assign(actor=staff, incident=incident, assignee=staff))
    nobody = deliver(lambda: actions.incident_assign(actor=staff, incident=incident, assignee=None))
    assert again == [] and nobody == []
    assert rows(incident, "reporter_assigned").count() == 1


def test_the_reporter_chooses_another_address_and_only_that_address_gets_mail(staff, deliver):
    incident = in_progress(staff, notify_by=NotifyBy.OTHER, notify_address="prive@example.test")
    mails = deliver(lambda: actions.message_send(actor=staff, incident=incident, body=STAFF_TEXT))
    assert [to for to, _s, _b in mails] == ["prive@example.test"]
    row = rows(incident, "reporter_message").get()
    assert (row.recipient, row.address) == (incident.reporter, "prive@example.test")


def test_the_other_address_is_stored_encrypted(staff):
    incident = in_progress(staff, notify_by=NotifyBy.OTHER, notify_address="prive@example.test")
    with connection.cursor() as cursor:
        cursor.execute("SELECT notify_address FROM incidents_incident WHERE id = %s", [incident.pk])
        [stored] = cursor.fetchone()
    assert stored and "prive" not in stored


def test_a_reporter_who_wants_no_mail_gets_no_notice_row_at_all(staff, deliver):
    incident = in_progress(staff, notify_by=NotifyBy.NONE)
    mails = deliver(
        lambda: (
            actions.message_send(actor=staff, incident=incident, body=STAFF_TEXT),
            actions.incident_assign(actor=staff, incident=incident, assignee=staff),
            actions.incident_close(actor=staff, incident=incident),
        )
    )
    assert mails == []
    reporter_rows = Notification.objects.filter(object_id=incident.pk, recipient=incident.reporter)
    assert not reporter_rows.exists()  # not even the confirmation of receipt


def test_a_notice_queued_before_the_reporter_changed_their_choice_is_withdrawn(
    staff, smtp_settings
):
    incident = in_progress(staff)
    actions.message_send(actor=staff, incident=incident, body=STAFF_TEXT)  # not delivered yet
    actions.incident_set_notify_choice(
        actor=incident.reporter,
        incident=incident,
        notify_by=NotifyBy.OTHER,
        notify_address="prive@example.test",
    )
    row = rows(incident, "reporter_message").get()
    assert delivery.deliver(row.pk) == "withdrawn"
    assert smtp_settings.messages == []


def test_an_address_that_is_no_address_is_refused_with_a_dutch_message(staff):
    incident = in_progress(staff)
    with pytest.raises(ValidationError, match="geen geldig e-mailadres"):
        actions.incident_set_notify_choice(
            actor=incident.reporter,
            incident=incident,
            notify_by=NotifyBy.OTHER,
            notify_address="prive-at-example",
        )
    with pytest.raises(ValidationError, match="Vul het e-mailadres in"):
        actions.incident_set_notify_choice(
            actor=incident.reporter, incident=incident, notify_by=NotifyBy.OTHER
        )


def test_only_the_reporter_changes_how_they_hear(staff):
    incident = in_progress(staff)
    for someone in (staff, people.officeholder()):
        with pytest.raises(PermissionDenied):
            actions.incident_set_notify_choice(
                actor=someone, incident=incident, notify_by=NotifyBy.NONE
            )


def test_choosing_account_mail_again_forgets_the_other_address(staff):
    incident = in_progress(staff, notify_by=NotifyBy.OTHER, notify_address="prive@example.test")
    actions.incident_set_notify_choice(
        actor=incident.reporter,
        incident=incident,
        notify_by=NotifyBy.ACCOUNT,
        notify_address="prive@example.test",
    )
    incident.refresh_from_db()
    assert (incident.notify_by, incident.notify_address) == (NotifyBy.ACCOUNT, "")


# --- the reporter writes back ------------------------------------------------------------------


def test_a_reply_of_the_reporter_mails_the_handler_once_without_content(staff, deliver):
    colleague = people.triage_staff()
    incident = in_progress(staff)
    actions.incident_assign(actor=staff, incident=incident, assignee=staff)
    mails = deliver(
        lambda: actions.message_send(actor=incident.reporter, incident=incident, body=REPORTER_TEXT)
    )
    assert [to for to, _s, _b in mails] == [staff.email]
    assert colleague.email not in {to for to, _s, _b in mails}
    assert_content_free(incident, mails)
    assert rows(incident, "reporter_replied").count() == 1


def test_a_reply_on_an_unassigned_case_mails_every_active_triage_staff_member(staff, deliver):
    colleague = people.triage_staff()
    people.triage_staff(is_active=False)
    incident = in_progress(staff)
    mails = deliver(
        lambda: actions.message_send(actor=incident.reporter, incident=incident, body=REPORTER_TEXT)
    )
    assert sorted(to for to, _s, _b in mails) == sorted([staff.email, colleague.email])
    assert_content_free(incident, mails)


def test_a_message_on_a_closed_case_reopens_it_and_tells_the_last_handler(staff, deliver):
    colleague = people.triage_staff()
    incident = in_progress(staff)
    actions.incident_assign(actor=staff, incident=incident, assignee=staff)
    actions.incident_close(actor=staff, incident=incident)
    message = None

    def write():
        nonlocal message
        message = actions.message_send(
            actor=incident.reporter, incident=incident, body=REPORTER_TEXT
        )

    mails = deliver(write)
    incident.refresh_from_db()
    assert message.reopened_case
    assert incident.status == Status.IN_PROGRESS and incident.closed_at is None
    assert incident.reopened_at == message.created_at
    event = incident.events.filter(kind=EventKind.STATUS).last()
    assert (event.actor, event.from_value, event.to_value) == (
        incident.reporter,
        Status.CLOSED,
        Status.IN_PROGRESS,
    )
    # The last handler only; not the reporter, and not as an ordinary reply as well.
    assert [to for to, _s, _b in mails] == [staff.email]
    assert colleague.email not in {to for to, _s, _b in mails}
    assert_content_free(incident, mails)
    assert rows(incident, "reopened_by_reporter").count() == 1
    assert not rows(incident, "reporter_replied").exists()
    assert not rows(incident, "reporter_reopened").exists()


def test_a_reply_of_the_reporter_does_not_reopen_an_open_case_or_count_as_reopened(staff):
    incident = in_progress(staff)
    message = actions.message_send(actor=incident.reporter, incident=incident, body="Aanvulling")
    incident.refresh_from_db()
    assert not message.reopened_case and incident.reopened_at is None


def queue_ids(user):
    """The default queue's first page, read as the queue page reads it."""
    filterset = selectors.triage_queue(user=user, data=QueryDict())
    page = pagination.keyset_page(
        filterset.qs,
        ordering=selectors.queue_ordering(filterset),
        after=None,
        before=None,
        per_page=25,
        count_cap=500,
    )
    return [row.pk for row in page.rows]


def test_a_case_reopened_by_its_reporter_comes_first_in_the_queue_until_staff_answer(staff):
    reopened = closed(staff)
    urgent_and_late = factories.submitted(immediate_danger=True)
    Incident.objects.filter(pk=urgent_and_late.pk).update(due_at=urgent_and_late.submitted_at)
    newer = factories.submitted()
    assert reopened.pk not in queue_ids(staff)  # closed: not in the default queue

    actions.message_send(actor=reopened.reporter, incident=reopened, body=REPORTER_TEXT)
    assert queue_ids(staff)[0] == reopened.pk
    assert set(queue_ids(staff)) == {reopened.pk, urgent_and_late.pk, newer.pk}

    actions.message_send(actor=staff, incident=reopened, body=STAFF_TEXT)
    reopened.refresh_from_db()
    assert reopened.reopened_at is None
    assert queue_ids(staff)[0] == urgent_and_late.pk


def test_a_status_move_by_staff_also_answers_a_reopening(staff):
    incident = closed(staff)
    actions.message_send(actor=incident.reporter, incident=incident, body=REPORTER_TEXT)
    actions.incident_transition(actor=staff, incident=incident, to_status=Status.WAITING)
    incident.refresh_from_db()
    assert incident.reopened_at is None


def test_the_reporter_reads_on_the_page_that_their_message_reopened_the_case(client, staff):
    incident = closed(staff)
    client.force_login(incident.reporter)
    page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "daarmee opent u de melding weer" in page
    response = client.post(
        reverse("incidents:message", args=[incident.pk]),
        {"message-body": REPORTER_TEXT},
        follow=True,
    )
    assert "door uw bericht weer geopend" in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS
