import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import actions, selectors
from accounts.models import Invitation, OfficeType, Role, User
from accounts.tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]


def invite(client, staff, **data):
    client.force_login(staff)
    return client.post(reverse("accounts:invitation_list"), data)


def accept_url(invitation):
    return reverse("accounts:invitation_accept", args=[invitation.token])


def test_staff_invites_an_officeholder_and_the_email_holds_only_the_link(
    client, django_capture_on_commit_callbacks
):
    staff = factories.triage_staff()
    utrecht = factories.municipality("GM0344")
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(
            client,
            staff,
            email="Wethouder@Example.test",
            full_name="Jan de Wit",
            role=Role.OFFICEHOLDER,
            office_type=OfficeType.WETHOUDER,
            body=utrecht.pk,
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.invited_by) == ("wethouder@example.test", staff)
    assert invitation.email_sent_at is not None
    [message] = mail.outbox
    assert message.to == ["wethouder@example.test"]
    token = re.search(r"/uitnodiging/([^/\s]+)/", message.body).group(1)  # per-second token
    assert selectors.invitation_from_token(token) == invitation
    # The mail says nothing about who the person is or where they serve.
    assert "Jan de Wit" not in message.body
    assert "Utrecht" not in message.body


@pytest.mark.parametrize(
    "make_user",
    [factories.officeholder, factories.griffier, factories.partner, factories.support_team_member],
)
def test_only_bzk_staff_and_administrators_invite(client, make_user):
    client.force_login(make_user())
    assert client.get(reverse("accounts:invitation_list")).status_code == 404
    response = client.post(
        reverse("accounts:invitation_list"), {"email": "x@example.test", "role": Role.PARTNER}
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_an_invitation_with_an_office_that_does_not_fit_shows_a_dutch_error(client):
    response = invite(
        client,
        factories.triage_staff(),
        email="x@example.test",
        role=Role.OFFICEHOLDER,
        office_type=OfficeType.STATENLID,
        body=factories.municipality().pk,
    )
    assert response.status_code == 200
    assert "Deze functie hoort bij een provincie." in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_address_with_an_account_is_asked_to_log_in_not_to_make_a_second_account(client):
    """The link reaches the holder of the address only; they learn to log in and confirm."""
    invitation = actions.invitation_create(
        actor=factories.triage_staff(), email="bestaat@example.test", role=Role.PARTNER
    )
    factories.partner(email="bestaat@example.test")
    response = client.get(accept_url(invitation))
    assert response.status_code == 200
    assert "Log in met dat account" in response.content.decode()
    assert 'name="password1"' not in response.content.decode()


def test_the_invited_person_creates_their_account_once(client):
    invitation = actions.invitation_create(
        actor=factories.triage_staff(), email="nieuw@example.test", role=Role.PARTNER
    )
    password = "Lang-en-uniek-2026!"
    form = {"full_name": "Noor Bos", "password1": password, "password2": password}
    response = client.post(accept_url(invitation), form)
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.test")
    assert user.full_name == "Noor Bos"
    assert user.is_partner
    assert user.check_password("Lang-en-uniek-2026!")
    assert int(client.session["_auth_user_id"]) == user.pk

    client.logout()
    again = client.post(accept_url(invitation), form)
    assert again.status_code == 410
    assert User.objects.filter(email="nieuw@example.test").count() == 1


def test_weak_or_mismatched_passwords_are_refused_in_dutch(client):
    invitation = actions.invitation_create(
        actor=factories.triage_staff(), email="nieuw@example.test", role=Role.PARTNER
    )
    response = client.post(
        accept_url(invitation), {"full_name": "Noor", "password1": "kort", "password2": "kort"}
    )
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in response.content.decode()
    response = client.post(
        accept_url(invitation),
        {"full_name": "Noor", "password1": "Lang-en-uniek-2026!", "password2": "Anders-2026!!!"},
    )
    assert "De twee wachtwoorden zijn niet gelijk." in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.test").exists()


def test_an_expired_invitation_no_longer_works(client):
    invitation = actions.invitation_create(
        actor=factories.triage_staff(), email="laat@example.test", role=Role.PARTNER
    )
    past = timezone.now() - timedelta(minutes=1)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=past)
    response = client.get(accept_url(invitation))
    assert response.status_code == 410
    assert "niet meer geldig" in response.content.decode()


def test_a_revoked_invitation_no_longer_works(client):
    staff = factories.triage_staff()
    invitation = actions.invitation_create(actor=staff, email="weg@example.test", role=Role.PARTNER)
    client.force_login(staff)
    client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]))
    client.logout()
    assert client.get(accept_url(invitation)).status_code == 410


def test_a_new_invitation_replaces_the_inviters_own_open_one(client):
    staff = factories.triage_staff()
    first = actions.invitation_create(actor=staff, email="twee@example.test", role=Role.PARTNER)
    second = actions.invitation_create(actor=staff, email="twee@example.test", role=Role.PARTNER)
    assert client.get(accept_url(first)).status_code == 410
    assert client.get(accept_url(second)).status_code == 200


def test_a_forged_token_is_not_found(client):
    invitation = actions.invitation_create(
        actor=factories.triage_staff(), email="x@example.test", role=Role.PARTNER
    )
    forged = invitation.token[:-2] + ("AA" if not invitation.token.endswith("AA") else "BB")
    assert client.get(reverse("accounts:invitation_accept", args=[forged])).status_code == 404
    assert client.get(reverse("accounts:invitation_accept", args=["12"])).status_code == 404


def test_there_is_no_open_sign_up(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "gesloten" in response.content.decode()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "zelf@example.test",
            "password1": "Lang-uniek-2026!",
            "password2": "Lang-uniek-2026!",
        },
    )
    assert not User.objects.filter(email="zelf@example.test").exists()


def test_the_one_relay_sends_an_invitation_whose_mail_was_never_queued():
    from notifications.tasks import relay_notifications

    staff = factories.triage_staff()
    # No commit in this test: the queueing after commit never happens, as with Redis down.
    invitation = actions.invitation_create(
        actor=staff, email="relay@example.test", role=Role.PARTNER
    )
    assert relay_notifications() == {"sent": 1}
    invitation.refresh_from_db()
    assert invitation.email_sent_at is not None
    assert [m.to for m in mail.outbox] == [["relay@example.test"]]
    assert relay_notifications() == {}  # nothing left to send
    assert len(mail.outbox) == 1
