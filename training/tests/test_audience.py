"""A training says whom it is for; only those offices sign up (on the page and in the action)."""

import pytest
from django.urls import reverse

from accounts.models import OfficeType
from accounts.tests import factories as people
from training import actions
from training.models import Office, Registration
from training.tests import factories

pytestmark = pytest.mark.django_db


def for_mayors():
    return factories.session(
        factories.training(for_raadslid=False, for_wethouder=False, for_burgemeester=True)
    )


def test_a_council_member_is_refused_a_training_for_mayors():
    with pytest.raises(actions.NotInAudience):
        actions.registration_sign_up(actor=factories.council_member(), session=for_mayors())
    assert not Registration.objects.exists()


def test_a_griffier_is_refused_a_training_not_for_griffiers_and_a_statenlid_any_training():
    session = factories.session()  # raadsleden and wethouders
    with pytest.raises(actions.NotInAudience):
        actions.registration_sign_up(actor=people.griffier(), session=session)
    statenlid = people.officeholder(office_type=OfficeType.STATENLID, body=people.province())
    with pytest.raises(actions.NotInAudience):
        actions.registration_sign_up(actor=statenlid, session=session)
    assert not Registration.objects.exists()


def test_the_sign_up_keeps_the_office_and_body_it_was_made_in():
    body = people.municipality("GM0363")
    mayor = people.officeholder(office_type=OfficeType.BURGEMEESTER, body=body)
    registration = actions.registration_sign_up(actor=mayor, session=for_mayors())
    assert (registration.office, registration.body, registration.signed_up_by) == (
        Office.BURGEMEESTER,
        body,
        None,
    )


def test_someone_with_two_roles_signs_up_in_the_one_that_fits():
    person = people.griffier()
    people.with_role(person, "officeholder", OfficeType.WETHOUDER, people.municipality("GM0363"))
    registration = actions.registration_sign_up(actor=person, session=factories.session())
    assert registration.office == Office.WETHOUDER


def test_the_page_explains_the_refusal_in_dutch_and_offers_no_button(client):
    session = for_mayors()
    client.force_login(factories.council_member())
    page = client.get(session.training.get_absolute_url()).content.decode()
    assert "Deze training is niet bedoeld voor uw functie" in page
    assert reverse("training:sign_up", args=[session.pk]) not in page
    response = client.post(reverse("training:sign_up", args=[session.pk]), follow=True)
    assert "Deze training is niet bedoeld voor uw functie; aanmelden kan daarom niet." in (
        response.content.decode()
    )
    assert not Registration.objects.exists()
