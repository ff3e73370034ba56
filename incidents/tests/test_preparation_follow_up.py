"""After BZK takes up a preparation request: the requester hears of the planning and of the team
coming (a link only, once); staff take a member off a deployment (who then loses the case at
once); the requester answers whether what happened may become a practice example."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import AccessEntry
from incidents import actions
from incidents.deployments import actions as deployment_actions
from incidents.deployments import selectors
from incidents.models import (
    Deployment,
    EventKind,
    PracticeConsent,
    PreparationRequest,
    PreparationStatus,
    SupportDeployment,
)
from incidents.tests import factories
from notifications.delivery import build_message, deliver
from notifications.models import Notification

pytestmark = pytest.mark.django_db

CONTENT = ("Markt", "asielzoekers", "verstoord", "250", "Verstoring", "Politie")


def _preparation(requester=None):
    return deployment_actions.preparation_request(
        actor=requester or people.griffier(),
        data={
            "meeting_starts_at": timezone.now() + timedelta(days=10),
            "place": "Raadzaal, Markt 1",
            "subject": "Besluit over de opvang van asielzoekers",
            "expected_attendance": 250,
            "earlier_incidents": "Vorige keer werd de vergadering verstoord.",
        },
    )


def _plan(staff, preparation):
    return deployment_actions.preparation_plan(
        actor=staff,
        preparation=preparation,
        scenario="Verstoring: de voorzitter schorst.",
        agreements="Politie in de buurt.",
    )


def _done(staff, preparation, what_happened="Rustig verlopen; Jan de Vries sprak in."):
    PreparationRequest.objects.filter(pk=preparation.pk).update(
        meeting_starts_at=timezone.now() - timedelta(hours=3)
    )
    return deployment_actions.preparation_close(
        actor=staff, preparation=preparation, what_happened=what_happened
    )


# --- the requester's notices ------------------------------------------------------------------


def test_the_requester_hears_once_that_the_request_is_planned_without_content():
    staff = people.triage_staff()
    preparation = _preparation()
    _plan(staff, preparation)
    _plan(staff, preparation)  # planned again: the agreements change, no second mail
    rows = Notification.objects.filter(kind="incidents.preparation_planned")
    assert [row.recipient for row in rows] == [preparation.requester]
    message = build_message(rows.get())
    text = message.subject + message.body
    assert reverse("deployments:preparation", args=[preparation.pk]) in text
    assert "gepland" in message.subject
    for content in CONTENT:
        assert content not in text


def test_the_requester_hears_once_per_deployment_that_the_team_comes():
    staff = people.triage_staff()
    first, second = people.support_team_member(), people.support_team_member()
    preparation = _preparation()
    record = deployment_actions.deployment_create(
        actor=staff, preparation=preparation, data={"kind": "on_location"}, members=[first]
    )
    deployment_actions.deployment_update(actor=staff, deployment=record, data={}, members=[second])
    rows = Notification.objects.filter(kind="incidents.preparation_team_coming")
    assert [row.recipient for row in rows] == [preparation.requester]
    text = build_message(rows.get()).body
    assert reverse("deployments:preparation", args=[preparation.pk]) in text
    for content in (*CONTENT, str(first), first.email):
        assert content not in text
    # A record without members tells nobody; another record with members tells again.
    deployment_actions.deployment_create(actor=staff, preparation=preparation, data={}, members=[])
    assert rows.all().count() == 1
    deployment_actions.deployment_create(
        actor=staff, preparation=preparation, data={}, members=[first]
    )
    assert rows.all().count() == 2


def test_the_team_notice_is_withdrawn_when_every_member_was_taken_off_before_delivery(
    mailoutbox,
):
    staff, member = people.triage_staff(), people.support_team_member()
    preparation = _preparation()
    record = deployment_actions.deployment_create(
        actor=staff, preparation=preparation, data={}, members=[member]
    )
    deployment_actions.deployment_member_remove(actor=staff, deployment=record, member=member)
    row = Notification.objects.get(kind="incidents.preparation_team_coming")
    assert deliver(row.pk) == "withdrawn"
    assert not [m for m in mailoutbox if preparation.requester.email in m.to]


# --- taking a member off a deployment ---------------------------------------------------------


def test_a_member_taken_off_a_case_loses_the_reporters_block_and_messages_at_once(client):
    incident = factories.submitted(factories.reporter(full_name="Bea Burgemeester"))
    staff, member = people.triage_staff(), people.support_team_member()
    actions.incident_deploy(actor=staff, incident=incident, member=member)
    record = Deployment.objects.get(incident=incident)
    client.force_login(member)
    assert client.get(reverse("incidents:detail", args=[incident.pk])).status_code == 200

    client.force_login(staff)
    url = reverse("deployments:member_remove", args=[record.pk])
    page = client.get(url, {"lid": member.pk})
    assert page.status_code == 200 and "Terugtrekken" in page.content.decode()
    response = client.post(url, {"member": member.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("deployments:detail", args=[record.pk])

    assert not record.members.filter(pk=member.pk).exists()
    assert not SupportDeployment.objects.filter(incident=incident, member=member).exists()
    event = incident.events.get(kind=EventKind.UNDEPLOYED)
    assert (event.actor, event.to_value) == (staff, str(member.pk))
    assert AccessEntry.objects.for_object(record).filter(actor=staff).exists()
    client.force_login(member)
    for name, args in (
        ("incidents:detail", [incident.pk]),
        ("incidents:dossier", [incident.pk]),
        ("deployments:case_records", [incident.pk]),
        ("deployments:detail", [record.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    response = client.post(reverse("incidents:message", args=[incident.pk]), {"message-body": "x"})
    assert response.status_code == 404
    assert incident.messages.count() == 0


def test_a_member_on_another_record_of_the_same_case_keeps_the_case():
    incident = factories.submitted()
    staff, member = people.triage_staff(), people.support_team_member()
    first = deployment_actions.deployment_create(
        actor=staff, incident=incident, data={"kind": "aftercare"}, members=[member]
    )
    second = deployment_actions.deployment_create(
        actor=staff, incident=incident, data={"kind": "security"}, members=[]
    )
    second.members.add(member)
    deployment_actions.deployment_member_remove(actor=staff, deployment=first, member=member)
    assert SupportDeployment.objects.filter(incident=incident, member=member).exists()
    assert not incident.events.filter(kind=EventKind.UNDEPLOYED).exists()


def test_a_member_taken_off_a_preparation_no_longer_sees_it(client):
    staff, member = people.triage_staff(), people.support_team_member()
    preparation = _preparation()
    record = deployment_actions.deployment_create(
        actor=staff, preparation=preparation, data={}, members=[member]
    )
    client.force_login(member)
    url = reverse("deployments:preparation", args=[preparation.pk])
    assert client.get(url).status_code == 200
    deployment_actions.deployment_member_remove(actor=staff, deployment=record, member=member)
    assert client.get(url).status_code == 404


def test_only_staff_take_a_member_off_and_only_a_member_of_that_record(client):
    incident = factories.submitted()
    staff, member = people.triage_staff(), people.support_team_member()
    actions.incident_deploy(actor=staff, incident=incident, member=member)
    record = Deployment.objects.get(incident=incident)
    for actor in (member, incident.reporter, people.griffier()):
        with pytest.raises(PermissionDenied):
            deployment_actions.deployment_member_remove(
                actor=actor, deployment=record, member=member
            )
    with pytest.raises(ValidationError):
        deployment_actions.deployment_member_remove(
            actor=staff, deployment=record, member=people.support_team_member()
        )
    # The form offers only the record's own members: a forged choice is an error at the field.
    client.force_login(staff)
    stranger = people.support_team_member()
    response = client.post(
        reverse("deployments:member_remove", args=[record.pk]), {"member": stranger.pk}
    )
    assert response.status_code == 200 and "Kies een teamlid van deze inzet." in (
        response.content.decode()
    )
    assert SupportDeployment.objects.filter(incident=incident, member=member).exists()
    for user in (member, incident.reporter):
        client.force_login(user)
        url = reverse("deployments:member_remove", args=[record.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"member": member.pk}).status_code == 404
    assert record.members.filter(pk=member.pk).exists()


def test_a_removed_member_can_be_deployed_again():
    incident = factories.submitted()
    staff, member = people.triage_staff(), people.support_team_member()
    actions.incident_deploy(actor=staff, incident=incident, member=member)
    record = Deployment.objects.get(incident=incident)
    deployment_actions.deployment_member_remove(actor=staff, deployment=record, member=member)
    actions.incident_deploy(actor=staff, incident=incident, member=member)
    assert SupportDeployment.objects.filter(incident=incident, member=member).exists()


# --- the requester's consent to a practice example --------------------------------------------


def test_the_requester_answers_once_the_outcome_is_recorded(client):
    staff = people.triage_staff()
    preparation = _preparation()
    requester = preparation.requester
    url = reverse("deployments:practice_consent", args=[preparation.pk])
    client.force_login(requester)
    page = client.get(reverse("deployments:preparation", args=[preparation.pk])).content
    assert url not in page.decode()
    client.post(url, {"answer": "yes"})
    preparation.refresh_from_db()
    assert preparation.practice_consent == ""  # not done yet: refused

    _done(staff, preparation)
    page = client.get(reverse("deployments:preparation", args=[preparation.pk])).content.decode()
    assert url in page and "Ja, BZK mag er een praktijkvoorbeeld van maken" in page
    assert client.post(url, {"answer": "yes"}).status_code == 302
    preparation.refresh_from_db()
    assert preparation.practice_consent == PracticeConsent.GIVEN
    assert preparation.practice_consent_at is not None
    assert AccessEntry.objects.for_object(preparation).filter(actor=requester).exists()
    client.post(url, {"answer": "no"})
    preparation.refresh_from_db()
    assert preparation.practice_consent == PracticeConsent.REFUSED
    assert selectors.practice_refusal(preparation)


def test_only_the_requester_answers(client):
    staff = people.triage_staff()
    preparation = _preparation()
    colleague = people.griffier(body=preparation.body)
    member = people.support_team_member()
    deployment_actions.deployment_create(
        actor=staff, preparation=preparation, data={}, members=[member]
    )
    _done(staff, preparation)
    url = reverse("deployments:practice_consent", args=[preparation.pk])
    for user in (staff, colleague, member, factories.reporter()):
        client.force_login(user)
        assert client.post(url, {"answer": "yes"}).status_code == 404
        with pytest.raises(PermissionDenied):
            deployment_actions.preparation_practice_consent_set(
                actor=user, preparation=preparation, given=True
            )
    preparation.refresh_from_db()
    assert preparation.practice_consent == ""
    client.force_login(preparation.requester)
    assert client.get(url).status_code == 405


def test_the_practice_facts_identify_nobody():
    staff = people.triage_staff()
    preparation = _preparation()
    deployment_actions.deployment_create(
        actor=staff, preparation=preparation, data={"kind": "on_location"}, members=[]
    )
    preparation = _done(staff, preparation)
    facts = selectors.practice_facts(preparation)
    assert facts["meeting_of"] == "een gemeenteraad"
    assert facts["attendance"] == "250 tot 500"
    assert facts["earlier_incidents"] is True
    assert facts["deployment_kinds"] == ["op locatie"]
    flat = repr(facts)
    for content in (*CONTENT, preparation.body.name, "Jan de Vries", "Rustig"):
        if content != "250":  # the band "250 tot 500" is a band, not the number asked
            assert content not in flat
    assert preparation.status == PreparationStatus.DONE
