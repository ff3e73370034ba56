"""Item 4 of issue 13: an invitation belongs to its inviter. Another inviter's invitation for
the same address never revokes or changes it, the invite forms answer the same whether or not
an address has an account, and invitations per inviter are rate-limited."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from accounts import actions
from accounts.models import Invitation, OfficeType, Role, RoleAssignment, User
from accounts.tests import factories
from network import actions as network_actions
from network.tests.factories import contact_person, organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]

PASSWORD = "Lang-en-uniek-2026!"


def accept_url(invitation):
    return reverse("accounts:invitation_accept", args=[invitation.token])


def invite_mayor(staff, email="burgemeester@example.test"):
    return actions.invitation_create(
        actor=staff,
        email=email,
        role=Role.OFFICEHOLDER,
        office_type=OfficeType.BURGEMEESTER,
        body=factories.municipality(),
    )


def _state(invitation):
    invitation.refresh_from_db()
    return (
        invitation.email,
        invitation.role,
        invitation.office_type,
        invitation.body_id,
        invitation.invited_by_id,
        invitation.revoked_at,
        invitation.accepted_at,
        invitation.expires_at,
    )


def test_a_partner_contact_inviting_a_mayors_address_leaves_the_mayors_invitation_alone(client):
    mayor_invitation = invite_mayor(factories.triage_staff())
    before = _state(mayor_invitation)

    network_actions.membership_invite(
        actor=contact_person(), organisation=organisation(), email="Burgemeester@Example.test"
    )

    assert _state(mayor_invitation) == before
    assert client.get(accept_url(mayor_invitation)).status_code == 200


def test_another_staff_members_invitation_for_the_same_address_leaves_the_first_alone(client):
    first = invite_mayor(factories.triage_staff())
    before = _state(first)
    actions.invitation_create(
        actor=factories.triage_staff(), email="burgemeester@example.test", role=Role.PARTNER
    )
    assert _state(first) == before
    assert client.get(accept_url(first)).status_code == 200


def test_accepting_one_invitation_does_not_change_the_role_another_inviter_offered(client):
    mayor_invitation = invite_mayor(factories.triage_staff())
    partner_invitation = network_actions.membership_invite(
        actor=contact_person(), organisation=organisation(), email="burgemeester@example.test"
    )
    before = _state(mayor_invitation)

    user = actions.invitation_accept(
        invitation=partner_invitation, full_name="Bea Burg", password=PASSWORD
    )

    # The mayor's invitation is untouched and still offers the office; nothing was granted
    # from it behind the person's back.
    assert _state(mayor_invitation) == before
    assert set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True)) == {
        Role.PARTNER
    }
    # The person, signed in, takes up the office explicitly with the mayor's link.
    client.force_login(user)
    assert client.get(accept_url(mayor_invitation)).status_code == 200
    response = client.post(accept_url(mayor_invitation), {"confirm": "1"})
    assert response.status_code == 302
    user.__dict__.pop("role_names", None)
    assert user.is_officeholder and user.is_partner
    mayor_invitation.refresh_from_db()
    assert mayor_invitation.accepted_user == user


def test_a_signed_in_person_cannot_take_up_an_invitation_sent_to_someone_else(client):
    invitation = invite_mayor(factories.triage_staff())
    intruder = factories.partner()
    client.force_login(intruder)
    client.post(accept_url(invitation), {"confirm": "1"})
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    intruder.__dict__.pop("role_names", None)
    assert not intruder.is_officeholder


def _messages_after(client, response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _neutral(text, email):
    text = text.replace(email, "EMAIL")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r"/uitnodigingen/\d+/", "/uitnodigingen/PK/", text)
    return re.sub(r"\d{1,2} \w+ \d{4} \d\d:\d\d", "DATE", text)


@pytest.mark.parametrize("role", [Role.PARTNER, Role.GRIFFIER])
def test_the_invite_form_answers_the_same_whether_or_not_an_account_exists(client, role):
    factories.partner(email="bestaat@example.test")
    staff = factories.triage_staff()
    client.force_login(staff)
    data = {"role": role}
    if role == Role.GRIFFIER:
        data["body"] = factories.municipality().pk
    answers = []
    for email in ("bestaat@example.test", "nieuw@example.test"):
        response = client.post(reverse("accounts:invitation_list"), {"email": email, **data})
        messages = _messages_after(client, response)
        page = client.get(reverse("accounts:invitation_list"))
        answers.append(
            (
                response.status_code,
                response.get("Location"),
                [_neutral(m, email) for m in messages],
                page.status_code,
            )
        )
        html = page.content.decode()
        row = re.search(rf"<tr>\s*<td>{re.escape(email)}</td>.*?</tr>", html, re.S)
        assert row, f"{email} missing from the inviter's list"
        answers[-1] += (_neutral(row.group(0), email),)
    assert answers[0] == answers[1]
    assert "account" not in " ".join(answers[0][2]).lower()


def test_an_existing_account_gets_an_informational_mail_without_a_sign_up_link(
    django_capture_on_commit_callbacks,
):
    factories.partner(email="bestaat@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        actions.invitation_create(
            actor=factories.triage_staff(), email="bestaat@example.test", role=Role.PARTNER
        )
    [message] = mail.outbox
    assert message.to == ["bestaat@example.test"]
    assert "al een account" in message.body
    assert "Log in" in message.body


def test_the_partner_invite_form_answers_the_same_whether_or_not_an_account_exists(client):
    factories.partner(email="bestaat@example.test")
    client.force_login(contact_person())
    url = reverse("network:invite", args=["nvvr"])
    answers = []
    for email in ("bestaat@example.test", "nieuw@example.test"):
        response = client.post(url, {"full_name": "Collega", "email": email})
        answers.append(
            (
                response.status_code,
                response.get("Location"),
                [_neutral(m, email) for m in _messages_after(client, response)],
            )
        )
        client.get(response["Location"])  # shows (and so consumes) the messages
    assert answers[0] == answers[1]
    assert not any("account" in m.lower() for m in answers[0][2])


def test_invitations_per_inviter_are_rate_limited_with_a_dutch_message_and_a_429(client, settings):
    settings.INVITATION_RATE_LIMIT = 3
    staff = factories.triage_staff()
    client.force_login(staff)
    url = reverse("accounts:invitation_list")
    for n in range(3):
        response = client.post(url, {"email": f"n{n}@example.test", "role": Role.PARTNER})
        assert response.status_code == 302
    response = client.post(url, {"email": "n3@example.test", "role": Role.PARTNER})
    assert response.status_code == 429
    assert "U heeft te veel uitnodigingen" in response.content.decode()
    assert not Invitation.objects.filter(email="n3@example.test").exists()
    # Another inviter has a limit of their own.
    client.force_login(factories.triage_staff())
    response = client.post(url, {"email": "n3@example.test", "role": Role.PARTNER})
    assert response.status_code == 302


def test_a_partner_contact_is_rate_limited_too(client, settings):
    settings.INVITATION_RATE_LIMIT = 2
    client.force_login(contact_person())
    url = reverse("network:invite", args=["nvvr"])
    for n in range(2):
        assert (
            client.post(url, {"full_name": "C", "email": f"c{n}@example.test"}).status_code == 302
        )
    response = client.post(url, {"full_name": "C", "email": "c2@example.test"})
    assert response.status_code == 429
    assert "U heeft te veel uitnodigingen" in response.content.decode()
    assert Invitation.objects.count() == 2


def test_only_the_inviter_revokes_an_invitation(client):
    invitation = invite_mayor(factories.triage_staff())
    before = _state(invitation)
    for other in (factories.triage_staff(), factories.administrator()):
        client.force_login(other)
        response = client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]))
        assert response.status_code == 404
    assert _state(invitation) == before


def test_the_list_shows_only_the_inviters_own_invitations(client):
    invite_mayor(factories.triage_staff(), email="van-een-ander@example.test")
    staff = factories.triage_staff()
    actions.invitation_create(actor=staff, email="mijn@example.test", role=Role.PARTNER)
    client.force_login(staff)
    html = client.get(reverse("accounts:invitation_list")).content.decode()
    assert "mijn@example.test" in html
    assert "van-een-ander@example.test" not in html


def test_an_accepted_invitation_never_creates_a_second_account():
    invitation = invite_mayor(factories.triage_staff())
    factories.partner(email="burgemeester@example.test")
    with pytest.raises(actions.InvitationNotUsable):
        actions.invitation_accept(invitation=invitation, full_name="X", password=PASSWORD)
    assert User.objects.filter(email="burgemeester@example.test").count() == 1


@pytest.fixture
def cache_down(settings):
    """The cache (Redis in production) does not answer: a port where nothing listens."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.mark.parametrize("who", ["staff", "contact"])
def test_inviting_while_the_cache_is_down_is_refused_in_dutch_not_a_500(client, cache_down, who):
    """The rate limit cannot be counted: no invitation goes out, and the inviter is told to try
    again later, with a 503 instead of a server error."""
    if who == "staff":
        client.force_login(factories.triage_staff())
        url = reverse("accounts:invitation_list")
        data = {"email": "later@example.test", "role": Role.PARTNER}
    else:
        client.force_login(contact_person())
        url = reverse("network:invite", args=["nvvr"])
        data = {"full_name": "C", "email": "later@example.test"}
    response = client.post(url, data)
    assert response.status_code == 503
    assert "Uitnodigen lukt nu even niet" in response.content.decode()
    assert not Invitation.objects.filter(email="later@example.test").exists()
