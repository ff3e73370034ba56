"""Two people take the last place at the same moment, and a cancellation meets a sign-up: the
session's row lock keeps the places whole and moves the waiting list up once."""

import threading

import pytest
from django.db import connection

from training import actions
from training.models import Registration
from training.tests import factories
from training.workflow import TAKING_A_PLACE, RegistrationStatus


def _at_once(*calls):
    barrier = threading.Barrier(len(calls))
    results: dict[int, str] = {}

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = str(call())
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            results[index] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_for_the_last_place_give_one_place_and_one_waiting(postgres):
    session = factories.session(capacity=1)
    people = [factories.council_member(), factories.council_member()]
    _at_once(
        *[
            lambda person=person: actions.registration_sign_up(actor=person, session=session)
            for person in people
        ]
    )
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses == [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]


@pytest.mark.django_db(transaction=True)
def test_a_cancellation_and_a_sign_up_at_once_never_overfill_and_move_up_once(postgres):
    session = factories.session(capacity=1)
    leaver = factories.council_member()
    placed = actions.registration_sign_up(actor=leaver, session=session)
    waiting = actions.registration_sign_up(actor=factories.council_member(), session=session)
    newcomer = factories.council_member()
    _at_once(
        lambda: actions.registration_cancel(actor=leaver, registration=placed),
        lambda: actions.registration_sign_up(actor=newcomer, session=session),
    )
    assert Registration.objects.filter(session=session, status__in=TAKING_A_PLACE).count() == 1
    # The place went to the one who waited longest, never to the newcomer ahead of them.
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(user=newcomer).status == RegistrationStatus.WAITING
