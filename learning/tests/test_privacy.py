"""learning/privacy.py: an erasure cancels the person's coming places (the waiting list moves
up) and deletes their registrations and memberships; other people's stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import ErasureRequest
from audit.retention import apply_retention
from learning import actions
from learning.models import MeetingRegistration, MeetingRegistrationStatus, NetworkMember
from learning.tests import factories

pytestmark = pytest.mark.django_db


def test_an_erasure_gives_the_place_to_the_waiting_list_and_deletes_the_person_s_rows():
    meeting = factories.meeting(capacity=1)
    griffier = factories.participant()
    body = griffier.role_assignments.get().body
    person = people.officeholder(body=body)
    actions.network_member_add(actor=griffier, body=body, user=person)
    actions.meeting_register(actor=person, meeting=meeting)
    waiting = actions.meeting_register(actor=griffier, meeting=meeting)
    ErasureRequest.objects.create(
        user=person,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )
    assert apply_retention()["erasures"] == 1
    waiting.refresh_from_db()
    assert waiting.status == MeetingRegistrationStatus.CONFIRMED
    assert not MeetingRegistration.objects.filter(user=person).exists()
    assert not NetworkMember.objects.filter(user=person).exists()
