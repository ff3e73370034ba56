"""training/privacy.py: an erasure cancels the person's coming places (the waiting list moves
up) and deletes their sign-ups; other people's stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import ErasureRequest
from audit.retention import apply_retention
from training import actions
from training.models import Registration
from training.tests import factories
from training.workflow import RegistrationStatus

pytestmark = pytest.mark.django_db


def test_an_erasure_gives_the_place_to_the_waiting_list_and_deletes_the_sign_ups():
    session = factories.session(capacity=1)
    person = factories.council_member()
    actions.registration_sign_up(actor=person, session=session)
    waiting = actions.registration_sign_up(actor=factories.council_member(), session=session)
    ErasureRequest.objects.create(
        user=person,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )

    assert apply_retention()["erasures"] == 1

    assert not Registration.objects.filter(user=person).exists()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_an_erased_griffier_is_no_longer_named_on_the_sign_ups_they_made():
    griffier = people.griffier()
    member = factories.council_member(body=griffier.role_assignments.get().body)
    made = actions.registration_sign_up_member(
        actor=griffier, session=factories.session(), person=member
    )
    ErasureRequest.objects.create(
        user=griffier,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )
    assert apply_retention()["erasures"] == 1
    made.refresh_from_db()
    assert (made.user, made.signed_up_by, made.status) == (member, None, "confirmed")
