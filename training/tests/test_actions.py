"""Signing up, the waiting list, cancelling and attendance, through the actions."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.tests import factories as people
from network.tests import factories as network_factories
from notifications.delivery import build_message
from notifications.kinds import get
from notifications.models import Notification
from training import actions
from training.models import Registration, RegistrationEvent, Session
from training.tests import factories
from training.workflow import RegistrationStatus, TransitionNotAllowed

pytestmark = pytest.mark.django_db


def test_a_council_member_gets_a_place_and_a_notice():
    session = factories.session(capacity=2)
    member = factories.council_member()
    registration = actions.registration_sign_up(actor=member, session=session)
    assert registration.status == RegistrationStatus.CONFIRMED
    event = RegistrationEvent.objects.get(registration=registration)
    assert (event.from_status, event.to_status, event.actor) == ("", "confirmed", member)
    notice = Notification.objects.get(recipient=member)
    assert notice.kind == "training.confirmed"


def test_a_full_session_puts_the_next_person_on_the_waiting_list():
    session = factories.session(capacity=1)
    actions.registration_sign_up(actor=factories.council_member(), session=session)
    late = factories.council_member()
    registration = actions.registration_sign_up(actor=late, session=session)
    assert registration.status == RegistrationStatus.WAITING
    assert Notification.objects.get(recipient=late).kind == "training.waiting"


def test_signing_up_twice_is_refused():
    session = factories.session()
    member = factories.council_member()
    actions.registration_sign_up(actor=member, session=session)
    with pytest.raises(actions.AlreadySignedUp):
        actions.registration_sign_up(actor=member, session=session)


def test_only_officeholders_and_griffiers_sign_up():
    session = factories.session(factories.training(for_griffier=True))
    actions.registration_sign_up(actor=people.griffier(), session=session)
    for outsider in (network_factories.member(), people.triage_staff(mfa=False)):
        with pytest.raises(PermissionDenied):
            actions.registration_sign_up(actor=outsider, session=session)


def test_a_session_that_has_begun_takes_no_sign_ups():
    session = factories.session()
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(minutes=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    with pytest.raises(actions.SessionOver):
        actions.registration_sign_up(actor=factories.council_member(), session=session)


def test_a_cancelled_place_goes_to_the_first_on_the_waiting_list():
    session = factories.session(capacity=1)
    first = factories.council_member()
    placed = actions.registration_sign_up(actor=first, session=session)
    second = actions.registration_sign_up(actor=factories.council_member(), session=session)
    third = actions.registration_sign_up(actor=factories.council_member(), session=session)

    moved_up = actions.registration_cancel(actor=first, registration=placed)

    assert moved_up == second
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {
        placed.pk: RegistrationStatus.CANCELLED,
        second.pk: RegistrationStatus.CONFIRMED,
        third.pk: RegistrationStatus.WAITING,
    }
    assert Notification.objects.filter(recipient=second.user, kind="training.moved_up").exists()
    event = second.events.last()
    assert (event.from_status, event.to_status, event.actor) == ("waiting", "confirmed", None)


def test_leaving_the_waiting_list_moves_nobody_up():
    session = factories.session(capacity=1)
    actions.registration_sign_up(actor=factories.council_member(), session=session)
    waiter = factories.council_member()
    waiting = actions.registration_sign_up(actor=waiter, session=session)
    assert actions.registration_cancel(actor=waiter, registration=waiting) is None
    assert not Registration.objects.filter(status=RegistrationStatus.WAITING).exists()


def test_nobody_cancels_someone_elses_sign_up():
    session = factories.session()
    registration = actions.registration_sign_up(actor=factories.council_member(), session=session)
    with pytest.raises(PermissionDenied):
        actions.registration_cancel(actor=factories.council_member(), registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_a_cancelled_sign_up_cannot_be_cancelled_again():
    session = factories.session()
    member = factories.council_member()
    registration = actions.registration_sign_up(actor=member, session=session)
    actions.registration_cancel(actor=member, registration=registration)
    with pytest.raises(TransitionNotAllowed):
        actions.registration_cancel(actor=member, registration=registration)


def test_signing_up_again_after_cancelling_joins_at_the_back():
    session = factories.session(capacity=1)
    member = factories.council_member()
    first = actions.registration_sign_up(actor=member, session=session)
    actions.registration_cancel(actor=member, registration=first)
    actions.registration_sign_up(actor=factories.council_member(), session=session)
    again = actions.registration_sign_up(actor=member, session=session)
    assert again.status == RegistrationStatus.WAITING


def test_the_provider_records_attendance_and_may_correct_it():
    provider = network_factories.organisation()
    training = factories.training(provider=provider)
    session = factories.session(training)
    came = actions.registration_sign_up(actor=factories.council_member(), session=session)
    stayed_away = actions.registration_sign_up(actor=factories.council_member(), session=session)
    member = network_factories.member(provider)
    with pytest.raises(actions.SessionNotBegun):
        actions.session_attendance_record(actor=member, session=session, attended=[came.pk])
    factories.begin(session)
    notices = Notification.objects.count()

    assert actions.session_attendance_record(actor=member, session=session, attended=[came.pk])
    assert Notification.objects.count() == notices  # attendance sends no mail
    came.refresh_from_db()
    assert came.status == RegistrationStatus.ATTENDED
    stayed_away.refresh_from_db()
    assert stayed_away.status == RegistrationStatus.CONFIRMED
    event = came.events.last()
    assert (event.from_status, event.to_status, event.actor) == ("confirmed", "attended", member)

    actions.session_attendance_record(actor=member, session=session, attended=[])
    came.refresh_from_db()
    assert came.status == RegistrationStatus.CONFIRMED


def test_a_partner_records_attendance_only_for_their_own_organisations_trainings():
    session = factories.session(factories.training(provider=network_factories.organisation()))
    registration = actions.registration_sign_up(actor=factories.council_member(), session=session)
    other = network_factories.organisation("ngb")
    factories.begin(session)
    for outsider in (network_factories.member(other), factories.council_member()):
        with pytest.raises(PermissionDenied):
            actions.session_attendance_record(
                actor=outsider, session=session, attended=[registration.pk]
            )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    # BZK staff may for any training.
    actions.session_attendance_record(
        actor=people.triage_staff(mfa=False), session=session, attended=[registration.pk]
    )


def test_attendance_ignores_people_on_the_waiting_list_and_other_sessions():
    session = factories.session(capacity=1)
    actions.registration_sign_up(actor=factories.council_member(), session=session)
    waiting = actions.registration_sign_up(actor=factories.council_member(), session=session)
    elsewhere = actions.registration_sign_up(
        actor=factories.council_member(), session=factories.session()
    )
    factories.begin(elsewhere.session)
    factories.begin(session)
    actions.session_attendance_record(
        actor=people.triage_staff(mfa=False), session=session, attended=[waiting.pk, elsewhere.pk]
    )
    assert not Registration.objects.filter(status=RegistrationStatus.ATTENDED).exists()


def test_a_partner_offers_trainings_only_for_their_own_organisation():
    own = network_factories.organisation()
    member = network_factories.member(own)
    factories.training(provider=own, actor=member)
    with pytest.raises(PermissionDenied):
        factories.training(provider=network_factories.organisation("ngb"), actor=member)
    with pytest.raises(PermissionDenied):
        factories.training(provider=own, actor=factories.council_member())


def test_an_online_session_has_no_place():
    session = factories.session(online=True)
    assert (session.place, session.location) == ("", "Online")


def test_the_mail_links_to_the_training_without_its_title_date_or_place():
    session = factories.session()
    member = factories.council_member()
    actions.registration_sign_up(actor=member, session=session)
    message = build_message(Notification.objects.get(recipient=member))
    text = f"{message.subject}\n{message.body}"
    assert f"/trainingen/{session.training_id}/" in text
    assert "agressie" not in text.lower()
    assert "Utrecht" not in text
    assert "Uw aanmelding voor een training is bevestigd" in message.subject


def test_a_notice_is_withdrawn_once_the_sign_up_moved_on_and_cancelling_sends_none():
    session = factories.session()
    member = factories.council_member()
    registration = actions.registration_sign_up(actor=member, session=session)
    row = Notification.objects.get(recipient=member)
    assert get(row.kind).still_wanted(row)
    actions.registration_cancel(actor=member, registration=registration)
    assert not get(row.kind).still_wanted(row)
    assert Notification.objects.count() == 1
