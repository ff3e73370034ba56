"""Which change of a case notifies whom, and what the mail holds (a reference and a link, never
content). Delivery itself (after commit, retries, the relay) is tested in notifications/tests."""

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from incidents import actions
from incidents.notices import NoticeKind
from incidents.tests import factories
from notifications.models import Notification
from notifications.models import State as NoticeState

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return [people.support_team_member(), people.support_team_member()]


def rows_about(incident):
    return Notification.objects.filter(object_id=incident.pk, kind__startswith="incidents.")


def bodies(sink):
    return [
        (message["To"], message["Subject"], message.get_payload(decode=True).decode())
        for message in sink.messages
    ]


def test_submitting_records_the_notices_in_the_same_transaction(team):
    incident = factories.submitted()
    rows = {
        (kind.removeprefix("incidents."), recipient, state)
        for kind, recipient, state in rows_about(incident).values_list("kind", "recipient", "state")
    }
    assert rows == {
        (NoticeKind.SUBMITTED, team[0].pk, NoticeState.QUEUED),
        (NoticeKind.SUBMITTED, team[1].pk, NoticeState.QUEUED),
        (NoticeKind.CONFIRMATION, incident.reporter.pk, NoticeState.QUEUED),
    }


def test_urgent_escalated_and_deployed_each_notify(team):
    staff = people.triage_staff()
    incident = factories.submitted()
    actions.incident_set_urgency(actor=staff, incident=incident, urgent=True)
    actions.incident_escalate(actor=staff, incident=incident)
    actions.incident_deploy(actor=staff, incident=incident, member=team[0])
    kinds = [
        (kind.removeprefix("incidents."), recipient)
        for kind, recipient in rows_about(incident).values_list("kind", "recipient")
    ]
    assert kinds.count((NoticeKind.URGENT, team[0].pk)) == 1
    assert kinds.count((NoticeKind.ESCALATED, team[1].pk)) == 1
    assert (NoticeKind.DEPLOYED, team[0].pk) in kinds
    assert (NoticeKind.DEPLOYED, team[1].pk) not in kinds


def test_becoming_urgent_twice_notifies_once(team):
    staff = people.triage_staff()
    incident = factories.submitted()
    for urgent in (True, False, True):
        actions.incident_set_urgency(actor=staff, incident=incident, urgent=urgent)
    assert rows_about(incident).filter(kind="incidents.urgent").count() == 2


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
