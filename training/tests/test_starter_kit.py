"""The starterspakket's training item links to the catalogue and is ticked when the provider
records that the mayor attended a training meant for mayors."""

import pytest
from django.urls import reverse

from accounts.models import OfficeType
from accounts.tests import factories as people
from homescan import actions as homescan_actions
from homescan import starter_kit
from training import actions
from training.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mayor():
    person = people.officeholder(office_type=OfficeType.BURGEMEESTER)
    homescan_actions.starter_kit_create(mayor=person, body=person.role_assignments.get().body)
    return person


def training_item(person):
    return person.starter_kit.items.get(code=starter_kit.TRAINING)


def attend(person, training):
    session = factories.session(training)
    registration = actions.registration_sign_up(actor=person, session=session)
    factories.begin(session)
    actions.session_attendance_record(
        actor=people.triage_staff(mfa=False), session=session, attended=[registration.pk]
    )
    return registration


def test_the_kit_links_to_the_trainings_for_mayors(client, mayor):
    client.force_login(mayor)
    page = client.get(reverse("homescan:starter_kit")).content.decode()
    assert f'href="{reverse("training:catalogue")}?voor=burgemeester"' in page
    assert "Trainingen voor burgemeesters" in page


def test_attending_a_training_for_mayors_ticks_the_item(mayor):
    registration = actions.registration_sign_up(
        actor=mayor, session=factories.session(factories.training(for_burgemeester=True))
    )
    assert not training_item(mayor).is_done  # signing up is not enough
    factories.begin(registration.session)
    actions.session_attendance_record(
        actor=people.triage_staff(mfa=False),
        session=registration.session,
        attended=[registration.pk],
    )
    item = training_item(mayor)
    assert item.is_done
    # A correction of the attendance leaves the item ticked; the mayor may untick it.
    actions.session_attendance_record(
        actor=people.triage_staff(mfa=False), session=registration.session, attended=[]
    )
    assert training_item(mayor).done_at == item.done_at


def test_a_training_not_meant_for_mayors_leaves_the_item_alone(mayor):
    # A mayor who is also a council member elsewhere attends a training for council members.
    people.with_role(mayor, "officeholder", OfficeType.RAADSLID, people.municipality("GM0363"))
    attend(mayor, factories.training())
    assert not training_item(mayor).is_done


def test_a_council_member_attending_has_no_kit_and_nothing_breaks():
    member = factories.council_member()
    registration = attend(member, factories.training(for_burgemeester=True))
    registration.refresh_from_db()
    assert registration.status == "attended"
