"""Attacks on allauth's e-mail management (/account/email/) and the password reset.

The attacker is a signed-in officeholder; the victim a BZK officer (or someone not yet invited).
One address belongs to one person: it can never be added to a second account, a change needs
re-authentication and a confirmed new address, the old address is told, and nothing answers 500.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from accounts.tests import factories
from tests.helpers import clear_test_cache

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    clear_test_cache()


def sign_in(client, user):
    """A real login through allauth, so the session holds a recent authentication."""
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()
    assert int(client.session["_auth_user_id"]) == user.pk
    # Changing the address asks for the password again (ACCOUNT_REAUTHENTICATION_REQUIRED).
    response = client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
    assert response.status_code == 302, response.content.decode()


def add_address(client, email):
    return client.post(reverse("account_email"), {"email": email, "action_add": ""})


def addresses_of(user):
    return set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))


@pytest.fixture
def attacker(client):
    user = factories.officeholder(email="aanvaller@example.test")
    sign_in(client, user)
    return user


@pytest.fixture
def officer():
    return factories.triage_staff(email="Medewerker@BZK.example.test".lower())


@pytest.mark.parametrize(
    "variant",
    ["medewerker@bzk.example.test", "MEDEWERKER@bzk.example.test", "Medewerker@Bzk.Example.Test"],
)
def test_an_address_of_another_account_cannot_be_added_in_any_spelling(
    client, attacker, officer, mailoutbox, variant
):
    response = add_address(client, variant)
    assert response.status_code == 200
    assert "kunt u niet gebruiken" in response.content.decode()
    assert officer.email not in {a.lower() for a in addresses_of(attacker)}
    assert not EmailAddress.objects.filter(email__iexact=officer.email, user=attacker).exists()
    assert mailoutbox == []


def test_an_address_another_account_is_changing_to_cannot_be_added(client, attacker):
    other = factories.officeholder(email="ander@example.test")
    EmailAddress.objects.create(user=other, email="nieuw@example.test", verified=False)
    response = add_address(client, "nieuw@example.test")
    assert response.status_code == 200
    assert not EmailAddress.objects.filter(user=attacker, email="nieuw@example.test").exists()


def test_adding_an_address_requires_reauthentication(client, settings, officer):
    user = factories.officeholder(email="zonder-recente-login@example.test")
    client.force_login(user)  # signed in, but no recent authentication in the session
    response = add_address(client, "nieuw-adres@example.test")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="nieuw-adres@example.test").exists()


def test_whether_an_address_is_taken_is_not_told_before_reauthentication(client, officer):
    user = factories.officeholder(email="nieuwsgierig@example.test")
    client.force_login(user)
    response = add_address(client, officer.email)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_a_new_address_counts_only_after_confirmation_and_the_old_address_is_told(
    client, attacker, mailoutbox
):
    response = add_address(client, "nieuw-adres@example.test")
    assert response.status_code == 302
    attacker.refresh_from_db()
    assert attacker.email == "aanvaller@example.test"  # nothing changes before confirmation
    [confirmation] = mailoutbox
    assert confirmation.to == ["nieuw-adres@example.test"]
    link = LINK.findall(confirmation.body)[0]
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.post("/" + path)
    attacker.refresh_from_db()
    assert attacker.email == "nieuw-adres@example.test"
    assert addresses_of(attacker) == {"nieuw-adres@example.test"}
    notices = [m for m in mailoutbox[1:] if m.to == ["aanvaller@example.test"]]
    assert len(notices) == 1, [m.to for m in mailoutbox]


def test_the_confirmation_for_a_new_address_names_nobody(client, attacker, mailoutbox):
    """The new address may be anyone's: the mail must not reveal who uses the portal."""
    add_address(client, "iemand-anders@example.test")
    [mail] = mailoutbox
    for personal in (attacker.full_name, attacker.email):
        assert personal not in mail.body and personal not in mail.subject


def test_a_reset_for_the_officers_address_mails_one_link_to_the_officers_account(
    client, attacker, officer, mailoutbox
):
    add_address(client, officer.email)
    client.logout()
    mailoutbox.clear()
    client.post(reverse("account_reset_password"), {"email": officer.email})
    assert len(mailoutbox) == 1
    links = [link for link in LINK.findall(mailoutbox[0].body) if "/password/reset/key/" in link]
    assert len(links) == 1
    uid = links[0].rstrip("/").split("/")[-1].split("-")[0]
    from allauth.account.utils import url_str_to_user_pk

    assert url_str_to_user_pk(uid) == officer.pk


def test_a_reset_never_mails_an_unconfirmed_address(client, attacker, mailoutbox):
    """An address the attacker added but nobody confirmed (of someone without an account
    yet) must not give its owner a link into the attacker's account."""
    add_address(client, "nog-niet-uitgenodigd@example.test")
    assert EmailAddress.objects.filter(email="nog-niet-uitgenodigd@example.test").exists()
    client.logout()
    mailoutbox.clear()
    client.post(reverse("account_reset_password"), {"email": "nog-niet-uitgenodigd@example.test"})
    assert mailoutbox == []


def test_a_reset_for_an_unknown_address_sends_no_mail(client, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "niemand@example.test"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_making_an_unconfirmed_address_primary_is_refused_without_an_error(client, attacker):
    add_address(client, "wacht-op-bevestiging@example.test")
    response = client.post(
        reverse("account_email"),
        {"email": "wacht-op-bevestiging@example.test", "action_primary": ""},
    )
    assert response.status_code in (200, 302)
    attacker.refresh_from_db()
    assert attacker.email == "aanvaller@example.test"


def test_making_a_taken_address_primary_never_answers_500(client, attacker, officer):
    """A row left over from before the fix (or a race) with another account's address."""
    EmailAddress.objects.create(user=attacker, email=officer.email, verified=False)
    response = client.post(reverse("account_email"), {"email": officer.email, "action_primary": ""})
    assert response.status_code in (200, 302)
    attacker.refresh_from_db()
    assert attacker.email == "aanvaller@example.test"


def test_confirming_an_address_that_another_account_took_meanwhile_is_refused(
    client, attacker, mailoutbox
):
    add_address(client, "later-bezet@example.test")
    link = LINK.findall(mailoutbox[0].body)[0]
    factories.officeholder(email="later-bezet@example.test")  # invited in the meantime
    response = client.post("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    assert response.status_code == 200
    attacker.refresh_from_db()
    assert attacker.email == "aanvaller@example.test"


def test_an_address_is_unique_in_the_database_whatever_its_case():
    factories.officeholder(email="dubbel@example.test")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="DUBBEL@example.test")


def test_the_email_page_shows_the_own_address_as_current(client, attacker):
    response = client.get(reverse("account_email"))
    assert response.status_code == 200
    address = EmailAddress.objects.get(user=attacker)
    assert (address.email, address.verified, address.primary) == (attacker.email, True, True)


def test_an_invited_person_signs_in_and_their_address_is_the_confirmed_one(client):
    from accounts import actions
    from accounts.models import Role

    staff = factories.triage_staff()
    invitation = actions.invitation_create(
        actor=staff, email="Nieuwe.Partner@Example.test", role=Role.PARTNER
    )
    user = actions.invitation_accept(
        invitation=invitation, full_name="Nieuwe Partner", password=factories.PASSWORD
    )
    sign_in(client, user)
    assert client.get(reverse("account_email")).status_code == 200
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (
        "nieuwe.partner@example.test",
        True,
        True,
    )


def test_a_reset_for_an_address_an_administrator_replaced_sends_nothing(client, mailoutbox):
    user = factories.officeholder(email="oud-adres@example.test")
    sign_in(client, user)
    client.get(reverse("account_email"))  # allauth's copy of the address is made here
    User.objects.filter(pk=user.pk).update(email="nieuw-door-beheer@example.test")
    client.get(reverse("account_email"))
    client.logout()
    mailoutbox.clear()
    client.post(reverse("account_reset_password"), {"email": "oud-adres@example.test"})
    assert mailoutbox == []
    assert not EmailAddress.objects.filter(email="oud-adres@example.test").exists()


def test_the_confirmation_page_names_nobody_to_whoever_opens_the_link(client, attacker, mailoutbox):
    add_address(client, "iemand-anders@example.test")
    link = LINK.findall(mailoutbox[0].body)[0]
    client.logout()  # the owner of the address opens the link, not the account holder
    page = client.get("/" + link.split("://", 1)[1].split("/", 1)[1]).content.decode()
    assert "E-mailadres bevestigen" in page
    assert escape(attacker.full_name) not in page and attacker.email not in page


def test_only_the_signed_in_account_holder_can_confirm_a_new_address(client, attacker, mailoutbox):
    """Someone who gets a confirmation they did not ask for, and clicks it anyway, must not
    give their address to the account that asked (a reset would then sign them into it)."""
    add_address(client, "ontvanger@example.test")
    path = "/" + LINK.findall(mailoutbox[0].body)[0].split("://", 1)[1].split("/", 1)[1]
    client.logout()
    assert "Log eerst in" in client.get(path).content.decode()
    client.post(path)
    attacker.refresh_from_db()
    assert attacker.email == "aanvaller@example.test"
    bystander = factories.officeholder(email="omstander@example.test")
    client.force_login(bystander)
    client.post(path)
    attacker.refresh_from_db()
    assert attacker.email == "aanvaller@example.test"
    assert not EmailAddress.objects.filter(email="ontvanger@example.test", verified=True).exists()


def test_a_refused_address_is_named_in_the_error_summary_which_links_to_the_field(client, attacker):
    response = add_address(client, "geen-adres")
    assert response.status_code == 200
    page = response.content.decode()
    summary = page.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert 'href="#id_email"' in summary
    assert 'id="id_email"' in page and 'aria-invalid="true"' in page
