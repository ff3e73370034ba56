"""Two people take a meeting's last place at the same moment, and a cancellation meets a
registration: the meeting's row lock keeps the places whole and moves the waiting list up
once (PostgreSQL only)."""

import pytest

from accounts.tests import factories as people
from learning import actions
from learning.models import MeetingRegistration
from learning.models import MeetingRegistrationStatus as Status
from learning.models.meetings import TAKING_A_PLACE
from learning.tests import factories
from training.tests.test_waiting_list_race import _at_once


@pytest.mark.django_db(transaction=True)
def test_two_registrations_for_the_last_place_give_one_place_and_one_waiting(postgres):
    meeting = factories.meeting(capacity=1)
    factories.participant()
    griffiers = [people.griffier(body=people.municipality()) for _ in range(2)]
    _at_once(
        *[
            lambda person=person: actions.meeting_register(actor=person, meeting=meeting)
            for person in griffiers
        ]
    )
    statuses = sorted(MeetingRegistration.objects.values_list("status", flat=True))
    assert statuses == [Status.CONFIRMED, Status.WAITING]


@pytest.mark.django_db(transaction=True)
def test_a_cancellation_and_a_registration_at_once_never_overfill_and_move_up_once(postgres):
    meeting = factories.meeting(capacity=1)
    factories.participant()
    leaver, waiter, newcomer = (people.griffier(body=people.municipality()) for _ in range(3))
    placed = actions.meeting_register(actor=leaver, meeting=meeting)
    waiting = actions.meeting_register(actor=waiter, meeting=meeting)
    _at_once(
        lambda: actions.meeting_registration_cancel(actor=leaver, registration=placed),
        lambda: actions.meeting_register(actor=newcomer, meeting=meeting),
    )
    assert (
        MeetingRegistration.objects.filter(meeting=meeting, status__in=TAKING_A_PLACE).count() == 1
    )
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert MeetingRegistration.objects.get(user=newcomer).status == Status.WAITING
