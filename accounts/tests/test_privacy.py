"""accounts/privacy.py: invitations lose their address and name after INVITATION_KEEP_DAYS and on
an erasure; a person's sessions are found by an index, not by decoding every session."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import actions
from accounts.models import Invitation, OfficeType, Role, UserSession
from accounts.privacy import INVITATION_KEEP_DAYS
from accounts.sessions import user_sessions_end
from accounts.tests import factories
from audit.models import ErasureRequest
from audit.retention import apply_retention
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def invitation(email, staff=None, **fields):
    return actions.invitation_create(
        actor=staff or factories.triage_staff(),
        email=email,
        full_name="Jan de Wit",
        role=Role.OFFICEHOLDER,
        office_type=OfficeType.WETHOUDER,
        body=factories.municipality(),
        **fields,
    )


def mail_address_of(invitation):
    return Notification.objects.get(object_id=invitation.pk, kind__startswith="accounts.").address


def due_erasure(user):
    return ErasureRequest.objects.create(
        user=user,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )


def test_an_erasure_empties_the_address_and_name_of_the_persons_invitations():
    accepted = invitation("wethouder@example.test")
    person = actions.invitation_accept(
        invitation=accepted, full_name="Jan de Wit", password=factories.PASSWORD
    )
    # Another inviter's invitation for the same address, never taken up.
    pending = invitation("wethouder@example.test", staff=factories.triage_staff())
    someone_else = invitation("raadslid@example.test")
    due_erasure(person)

    assert apply_retention()["erasures"] == 1

    for erased in (accepted, pending):
        erased.refresh_from_db()
        assert (erased.email, erased.full_name) == ("", "")
        assert mail_address_of(erased) == ""
    someone_else.refresh_from_db()
    assert (someone_else.email, someone_else.full_name) == ("raadslid@example.test", "Jan de Wit")
    assert mail_address_of(someone_else) == "raadslid@example.test"


def test_decided_invitations_lose_address_and_name_after_the_retention_period():
    now = timezone.now()
    old = now - timedelta(days=INVITATION_KEEP_DAYS + 1)
    recent = now - timedelta(days=INVITATION_KEEP_DAYS - 1)
    accepted_long_ago = invitation("a@example.test")
    expired_long_ago = invitation("b@example.test")
    revoked_long_ago = invitation("c@example.test")
    accepted_lately = invitation("d@example.test")
    still_open = invitation("e@example.test")
    Invitation.objects.filter(pk=accepted_long_ago.pk).update(accepted_at=old)
    Invitation.objects.filter(pk=expired_long_ago.pk).update(expires_at=old)
    Invitation.objects.filter(pk=revoked_long_ago.pk).update(revoked_at=old)
    Invitation.objects.filter(pk=accepted_lately.pk).update(accepted_at=recent)

    assert apply_retention()["invitations_anonymised"] == 3
    assert apply_retention()["invitations_anonymised"] == 0

    for gone in (accepted_long_ago, expired_long_ago, revoked_long_ago):
        gone.refresh_from_db()
        assert (gone.email, gone.full_name) == ("", "")
        assert gone.invited_by is not None and gone.role == Role.OFFICEHOLDER  # the record stays
    for kept in (accepted_lately, still_open):
        kept.refresh_from_db()
        assert kept.email and kept.full_name == "Jan de Wit"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def is_signed_in(client):
    return client.get(reverse("accounts:invitation_list")).status_code != 302


def test_a_session_knows_its_user_through_login_key_change_and_logout():
    person = factories.officeholder()
    client = Client()
    assert client.login(email=person.email, password=factories.PASSWORD)
    [session] = UserSession.objects.all()
    assert session.user == person
    assert str(session.get_decoded()[SESSION_KEY]) == str(person.pk)

    store = client.session
    store.cycle_key()  # as a password change does
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    assert UserSession.objects.get(user=person).session_key not in ("", session.session_key)

    client.logout()
    assert not UserSession.objects.filter(user=person).exists()


def test_ending_a_persons_sessions_is_one_query_and_leaves_other_sessions(
    django_assert_num_queries,
):
    staff = factories.triage_staff()
    person = factories.officeholder()
    others = [signed_in(factories.officeholder()) for _ in range(3)]
    theirs = [signed_in(person) for _ in range(2)]
    assert UserSession.objects.filter(user=person).count() == 2

    with django_assert_num_queries(1):
        assert user_sessions_end(user=person) == 2
    assert not UserSession.objects.filter(user=person).exists()
    assert UserSession.objects.count() == 3
    assert all(not is_signed_in(client) for client in theirs)
    # The same single query, however many other people are signed in.
    others += [signed_in(staff) for _ in range(10)]
    signed_in(person)
    with django_assert_num_queries(1):
        assert user_sessions_end(user=person) == 1
    assert UserSession.objects.count() == 13


def test_an_erasure_signs_the_person_out_everywhere_and_nobody_else():
    person = factories.officeholder()
    theirs = [signed_in(person) for _ in range(2)]
    colleague = signed_in(factories.officeholder())
    due_erasure(person)

    assert apply_retention()["erasures"] == 1

    assert not UserSession.objects.filter(user=person).exists()
    assert all(client.get(reverse("audit:erasure")).status_code == 302 for client in theirs)
    assert colleague.get(reverse("audit:erasure")).status_code == 200


def test_expired_sessions_are_deleted_by_the_retention_task():
    person = factories.officeholder()
    signed_in(person)
    signed_in(person)
    UserSession.objects.filter(pk=UserSession.objects.filter(user=person).values("pk")[:1]).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )

    assert apply_retention()["sessions_expired"] == 1
    assert UserSession.objects.filter(user=person).count() == 1
