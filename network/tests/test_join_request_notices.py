"""A request to join a partner organisation: its active contact persons hear of it, once each,
through the one outbox, with a link to the organisation's page and nothing about who asked."""

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from network import actions
from network.models import Membership
from network.tests.factories import contact_person, member, organisation
from notifications.models import Notification, State
from notifications.tasks import relay_notifications

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]


def mails(sink):
    return [(m["To"], m["Subject"], m.get_payload(decode=True).decode()) for m in sink.messages]


def test_the_contact_persons_hear_of_a_request_to_join_and_nobody_else(
    smtp_settings, django_capture_on_commit_callbacks
):
    nvvr = organisation("nvvr")
    contacts = [contact_person(nvvr), contact_person(nvvr)]
    member(nvvr)  # a plain member decides nothing
    contact_person(organisation("ccv"))  # another organisation's contact
    people.triage_staff()
    applicant = people.UserFactory(full_name="Kees Aanmelder")
    with django_capture_on_commit_callbacks(execute=True):
        request = actions.join_request_create(
            actor=applicant, organisation=nvvr, motivation="Ik ben raadslid in Utrecht"
        )
    messages = mails(smtp_settings)
    assert sorted(to for to, _s, _b in messages) == sorted(c.email for c in contacts)
    for _to, subject, body in messages:
        assert subject == "Een nieuwe aanmelding voor uw organisatie"
        assert reverse("network:organisation", args=[nvvr.slug]) in body
        for secret in ("Kees", "Aanmelder", applicant.email, "raadslid in Utrecht"):
            assert secret not in body and secret not in subject
    rows = Notification.objects.filter(kind="network.join_request", object_id=request.pk)
    assert {row.state for row in rows} == {State.SENT} and rows.count() == 2
    assert relay_notifications() == {}
    assert len(smtp_settings.messages) == 2


def test_a_request_decided_before_the_mail_went_out_is_withdrawn(smtp_settings):
    nvvr = organisation("nvvr")
    contact = contact_person(nvvr)
    request = actions.join_request_create(actor=people.UserFactory(), organisation=nvvr)
    actions.join_request_decide(actor=contact, join_request=request, approve=True)
    assert relay_notifications() == {"withdrawn": 1}
    assert smtp_settings.messages == []


def test_a_contact_person_who_stepped_down_is_not_told(smtp_settings):
    nvvr = organisation("nvvr")
    contact, other = contact_person(nvvr), contact_person(nvvr)
    actions.join_request_create(actor=people.UserFactory(), organisation=nvvr)
    Membership.objects.filter(user=contact).update(role="member")
    assert relay_notifications() == {"sent": 1, "withdrawn": 1}
    assert [to for to, _s, _b in mails(smtp_settings)] == [other.email]
