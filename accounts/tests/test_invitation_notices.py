"""Invitation e-mails through the one outbox: recorded with the invitation (or its approval),
sent after commit to the invited address only, once; the has-account variant still chosen at
delivery; a withdrawn invitation's mail is not sent; and the migration queues what the old relay
would still have sent."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from accounts import actions
from accounts.models import Invitation, OfficeType, Role
from accounts.tests import factories
from notifications import delivery
from notifications.models import Notification, State
from notifications.tasks import relay_notifications

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]


def mails(sink):
    return [
        (m["To"], m["Subject"], m.get_payload(decode=True).decode(), m["Message-ID"])
        for m in sink.messages
    ]


def test_an_invitation_sends_one_mail_to_the_invited_address_with_the_link_only(
    smtp_settings, django_capture_on_commit_callbacks
):
    staff = factories.triage_staff(full_name="Bea Staf")
    utrecht = factories.municipality("GM0344")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invitation_create(
            actor=staff,
            email="Nieuw@Example.test",
            full_name="Jan de Wit",
            role=Role.OFFICEHOLDER,
            office_type=OfficeType.WETHOUDER,
            body=utrecht,
        )
    [(to, subject, body, message_id)] = mails(smtp_settings)
    assert to == "nieuw@example.test"
    assert subject == "Uw uitnodiging voor het portaal Weerbaar Bestuur"
    assert f"/uitnodiging/{invitation.token}/"[:20] in body
    assert "Maak uw account aan" in body
    for secret in ("Jan de Wit", "Utrecht", "Bea Staf", staff.email, "Wethouder"):
        assert secret not in body and secret not in subject
    row = Notification.objects.get(kind="accounts.invitation")
    assert (row.recipient, row.address, row.state) == (None, "nieuw@example.test", State.SENT)
    assert message_id == row.message_id
    invitation.refresh_from_db()
    assert invitation.email_sent_at is not None
    # The one relay finds nothing left to send.
    assert relay_notifications() == {}
    assert len(smtp_settings.messages) == 1


def test_an_address_that_has_an_account_is_told_to_log_in_instead(
    smtp_settings, django_capture_on_commit_callbacks
):
    existing = factories.officeholder(email="bestaand@example.test", full_name="Piet Bestaand")
    with django_capture_on_commit_callbacks(execute=True):
        actions.invitation_create(
            actor=factories.triage_staff(), email=existing.email, role=Role.PARTNER
        )
    [(to, subject, body, _id)] = mails(smtp_settings)
    assert to == existing.email
    assert subject == "Een extra rol in het portaal Weerbaar Bestuur"
    assert "U heeft al een account met dit e-mailadres" in body
    assert "Piet Bestaand" not in body
    # Recorded to the address alone: the inviter's answer did not depend on the account.
    assert Notification.objects.get().recipient is None


def test_an_invitation_that_needs_approval_is_mailed_only_once_approved(
    smtp_settings, django_capture_on_commit_callbacks
):
    inviter, approver = factories.triage_staff(), factories.triage_staff()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invitation_create(
            actor=inviter, email="collega@example.test", role=Role.TRIAGE
        )
    assert smtp_settings.messages == [] and not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        actions.invitation_approve(actor=approver, invitation=invitation)
    assert [to for to, *_rest in mails(smtp_settings)] == ["collega@example.test"]
    assert Notification.objects.get().state == State.SENT


def test_a_mail_not_yet_sent_when_the_invitation_is_revoked_is_withdrawn(smtp_settings):
    staff = factories.triage_staff()
    # No commit in this test: nothing is queued, the row waits for the relay.
    invitation = actions.invitation_create(actor=staff, email="weg@example.test", role=Role.PARTNER)
    actions.invitation_revoke(actor=staff, invitation=invitation)
    assert relay_notifications() == {"withdrawn": 1}
    assert smtp_settings.messages == []
    assert Notification.objects.get().state == State.WITHDRAWN
    invitation.refresh_from_db()
    assert invitation.email_sent_at is None


def test_the_migration_queues_open_invitations_whose_mail_never_went_out(smtp_settings):
    migration = importlib.import_module(
        "accounts.migrations.0005_invitation_mails_to_the_one_outbox"
    )
    now = timezone.now()
    week = now + timedelta(days=7)
    unsent = Invitation.objects.create(
        email="Open@example.test", role=Role.PARTNER, expires_at=week
    )
    approved = Invitation.objects.create(
        email="ok@example.test",
        role=Role.TRIAGE,
        expires_at=week,
        needs_approval=True,
        approved_at=now,
    )
    skipped = [
        Invitation.objects.create(
            email="al@example.test", role=Role.PARTNER, expires_at=week, email_sent_at=now
        ),
        Invitation.objects.create(
            email="in@example.test", role=Role.PARTNER, expires_at=week, revoked_at=now
        ),
        Invitation.objects.create(
            email="oud@example.test", role=Role.PARTNER, expires_at=now - timedelta(days=1)
        ),
        Invitation.objects.create(
            email="wacht@example.test", role=Role.TRIAGE, expires_at=week, needs_approval=True
        ),
    ]
    migration.queue_unsent_invitations(apps, None)
    migration.queue_unsent_invitations(apps, None)  # twice: no second row
    rows = Notification.objects.filter(kind="accounts.invitation")
    assert sorted(rows.values_list("object_id", flat=True)) == sorted([unsent.pk, approved.pk])
    assert {row.state for row in rows} == {State.QUEUED}
    assert not rows.filter(object_id__in=[i.pk for i in skipped]).exists()
    # The key is the one record() gives: recording the same invitation again adds nothing.
    from accounts import notices

    assert notices.record_invitation(unsent) == []
    assert relay_notifications() == {"sent": 2}
    assert sorted(to.lower() for to, *_rest in mails(smtp_settings)) == [
        "ok@example.test",
        "open@example.test",
    ]
    unsent.refresh_from_db()
    assert unsent.email_sent_at is not None
    assert delivery.relay() == {}
