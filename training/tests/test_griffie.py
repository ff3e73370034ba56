"""The griffier signs up officeholders of their own body: only of that body, only whose office
the training is for. The person hears it; the sign-up names the griffier; an audit row."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import OfficeType
from accounts.tests import factories as people
from audit.models import AccessEntry
from notifications.delivery import build_message
from notifications.models import Notification
from training import actions
from training.models import Registration, RegistrationEvent
from training.tests import factories
from training.workflow import RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def griffie():
    body = people.municipality()
    other = people.municipality("GM0363")
    return {
        "griffier": people.griffier(body=body, full_name="Greet Griffier"),
        "member": factories.council_member(body=body, full_name="Roos Raadslid"),
        "mayor": people.officeholder(
            office_type=OfficeType.BURGEMEESTER, body=body, full_name="Bert Burgemeester"
        ),
        "elsewhere": factories.council_member(body=other, full_name="Ella Elders"),
    }


def test_the_griffier_signs_up_a_council_member_of_their_body(griffie):
    session = factories.session()
    griffier, member = griffie["griffier"], griffie["member"]
    registration = actions.registration_sign_up_member(
        actor=griffier, session=session, person=member
    )
    assert registration.user == member
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.signed_up_by == griffier
    assert registration.office == "raadslid"
    event = RegistrationEvent.objects.get(registration=registration)
    assert (event.to_status, event.actor) == ("confirmed", griffier)
    # The person hears it (not the griffier), with a link and nothing of the training.
    notice = Notification.objects.get()
    assert notice.recipient == member
    message = build_message(notice)
    assert "De griffie heeft u aangemeld" in message.body
    assert "Utrecht" not in message.body and "agressie" not in message.body.lower()
    entry = AccessEntry.objects.get(actor=griffier)
    assert (entry.object_id, entry.action, entry.what) == (
        str(registration.pk),
        "change",
        "signed_up_member",
    )


def test_the_griffier_cannot_sign_up_someone_of_another_body(griffie):
    session = factories.session()
    with pytest.raises(PermissionDenied):
        actions.registration_sign_up_member(
            actor=griffie["griffier"], session=session, person=griffie["elsewhere"]
        )
    assert not Registration.objects.exists()
    assert not Notification.objects.exists()


def test_the_griffier_cannot_sign_up_an_office_the_training_is_not_for(griffie):
    session = factories.session()  # raadsleden and wethouders, not burgemeesters
    with pytest.raises(actions.NotInAudience):
        actions.registration_sign_up_member(
            actor=griffie["griffier"], session=session, person=griffie["mayor"]
        )
    assert not Registration.objects.exists()


def test_only_a_griffier_signs_up_others(griffie):
    session = factories.session()
    for actor in (griffie["member"], griffie["mayor"], people.triage_staff(mfa=False)):
        with pytest.raises(PermissionDenied):
            actions.registration_sign_up_member(
                actor=actor, session=session, person=griffie["member"]
            )


def test_the_page_lists_only_the_griffiers_own_body_and_refuses_others(client, griffie):
    session = factories.session()
    client.force_login(griffie["griffier"])
    url = reverse("training:sign_up_member", args=[session.pk])
    page = client.get(url).content.decode()
    assert "Roos Raadslid" in page
    assert "Ella Elders" not in page and "Bert Burgemeester" not in page
    # Posting another body's person: refused by the form, nobody signed up.
    response = client.post(url, {"person": griffie["elsewhere"].pk})
    assert response.status_code == 200
    assert "Kies iemand uit de lijst." in response.content.decode()
    assert not Registration.objects.exists()

    response = client.post(url, {"person": griffie["member"].pk}, follow=True)
    body = response.content.decode()
    assert "Roos Raadslid is aangemeld en krijgt een bevestiging per e-mail." in body
    assert Registration.objects.get().user == griffie["member"]
    response = client.post(url, {"person": griffie["member"].pk})
    assert "Roos Raadslid is al aangemeld voor deze bijeenkomst." in response.content.decode()


def test_the_page_is_a_404_for_anyone_but_a_griffier(client, griffie):
    session = factories.session()
    url = reverse("training:sign_up_member", args=[session.pk])
    for person in (griffie["member"], people.triage_staff(), people.partner()):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"person": griffie["member"].pk}).status_code == 404
    assert not Registration.objects.exists()


def test_the_training_page_offers_the_griffier_the_link(client, griffie):
    session = factories.session()
    client.force_login(griffie["griffier"])
    page = client.get(session.training.get_absolute_url()).content.decode()
    assert reverse("training:sign_up_member", args=[session.pk]) in page
    client.force_login(griffie["member"])
    page = client.get(session.training.get_absolute_url()).content.decode()
    assert reverse("training:sign_up_member", args=[session.pk]) not in page


def test_the_griffiers_page_costs_the_same_queries_however_many_members(client, griffie):
    session = factories.session()
    url = reverse("training:sign_up_member", args=[session.pk])
    client.force_login(griffie["griffier"])
    actions.registration_sign_up_member(
        actor=griffie["griffier"], session=session, person=griffie["member"]
    )

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    queries()  # the first request fills per-process caches
    before = queries()
    body = griffie["member"].role_assignments.get().body
    for index in range(6):
        member = factories.council_member(body=body, full_name=f"Lid {index}")
        actions.registration_sign_up_member(
            actor=griffie["griffier"], session=session, person=member
        )
    assert queries() == before
    assert before <= 12


def test_the_sign_up_is_the_persons_own_the_griffier_cannot_cancel_it(client, griffie):
    registration = actions.registration_sign_up_member(
        actor=griffie["griffier"], session=factories.session(), person=griffie["member"]
    )
    client.force_login(griffie["griffier"])
    assert client.post(reverse("training:cancel", args=[registration.pk])).status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    client.force_login(griffie["member"])
    client.post(reverse("training:cancel", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
