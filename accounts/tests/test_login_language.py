"""The sign-in, two-step and e-mail pages of allauth speak the portal's voice in Dutch:
formal "u", "tweestapsverificatie", "verificatiecode" (templates/account/, templates/mfa/,
templates/account/messages/, templates/mfa/messages/)."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import hotp_value
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from accounts.tests import factories

pytestmark = pytest.mark.django_db

# Informal "je/jij/jouw" and allauth's own words for the second step.
FORBIDDEN = re.compile(
    r"\b(je|jij|jou|jouw|jezelf)\b|twee-factor|tweefactor|Authenticeer|verificatie code",
    re.IGNORECASE,
)


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def assert_portal_voice(response):
    assert response.status_code == 200, response.status_code
    text = visible_text(response.content.decode())
    found = sorted({m.group(0) for m in FORBIDDEN.finditer(text)})
    assert not found, (response.request["PATH_INFO"], found)
    for message in get_messages(response.wsgi_request):
        assert not FORBIDDEN.search(str(message)), str(message)


def code_now(secret, windows_ago=0):
    return f"{hotp_value(secret, int(time.time()) // 30 - windows_ago):06d}"


def half_signed_in(client, user):
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": factories.PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")


@pytest.mark.parametrize(
    "url",
    [
        "/account/login/",
        "/account/password/reset/",
        "/account/password/reset/done/",
        "/account/password/reset/key/x-set-password/",
        "/account/confirm-email/nope/",
        "/toegankelijkheid/",
    ],
)
def test_signed_out_pages_speak_the_portals_voice(client, url):
    assert_portal_voice(client.get(url, follow=True))


def test_failed_sign_in_and_reset_speak_the_portals_voice(client):
    assert_portal_voice(
        client.post(reverse("account_login"), {"login": "x@example.test", "password": "fout"})
    )
    assert_portal_voice(client.post(reverse("account_login"), {}))
    assert_portal_voice(
        client.post(reverse("account_reset_password"), {"email": "x@example.test"}, follow=True)
    )


def test_the_two_step_page_speaks_the_portals_voice(client):
    staff = factories.triage_staff(mfa=False)
    factories.with_mfa(staff)
    half_signed_in(client, staff)
    assert_portal_voice(client.get(reverse("mfa_authenticate")))
    assert_portal_voice(client.post(reverse("mfa_authenticate"), {"code": "000000"}))
    assert_portal_voice(client.post(reverse("mfa_authenticate"), {"code": ""}))


def test_signed_in_account_pages_and_messages_speak_the_portals_voice(client):
    staff = factories.triage_staff(mfa=False)
    secret = factories.with_mfa(staff)
    half_signed_in(client, staff)
    assert_portal_voice(
        client.post(reverse("mfa_authenticate"), {"code": code_now(secret)}, follow=True)
    )
    for name in [
        "accounts:account",
        "mfa_index",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_email",
        "account_change_password",
        "mfa_deactivate_totp",
        "mfa_generate_recovery_codes",
    ]:
        assert_portal_voice(client.get(reverse(name), follow=True))
    assert_portal_voice(client.post(reverse("mfa_reauthenticate"), {"code": "000000"}, follow=True))
    assert_portal_voice(
        client.post(reverse("account_reauthenticate"), {"password": "fout"}, follow=True)
    )
    assert_portal_voice(
        client.post(
            reverse("account_reauthenticate"), {"password": factories.PASSWORD}, follow=True
        )
    )
    assert_portal_voice(client.post(reverse("mfa_generate_recovery_codes"), follow=True))
    assert_portal_voice(
        client.post(
            reverse("account_change_password"),
            {"oldpassword": "fout", "password1": "kort", "password2": "anders"},
            follow=True,
        )
    )
    assert_portal_voice(
        client.post(
            reverse("account_change_password"),
            {
                "oldpassword": factories.PASSWORD,
                "password1": "een-nieuw-lang-wachtwoord",
                "password2": "een-nieuw-lang-wachtwoord",
            },
            follow=True,
        )
    )
    assert_portal_voice(
        client.post(
            reverse("account_email"), {"action_add": "", "email": "nieuw@example.test"}, follow=True
        )
    )
    assert_portal_voice(client.get(reverse("account_logout"), follow=True))
    assert_portal_voice(client.post(reverse("account_logout"), follow=True))


def test_setting_up_the_two_step_verification_speaks_the_portals_voice(client):
    holder = factories.officeholder()
    client.force_login(holder)
    assert_portal_voice(client.get(reverse("mfa_index")))
    client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert_portal_voice(response)
    assert_portal_voice(client.post(reverse("mfa_activate_totp"), {"code": "000000"}))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": code_now(secret)}, follow=True)
    assert_portal_voice(response)
    assert_portal_voice(client.get(reverse("mfa_deactivate_totp"), follow=True))
    assert_portal_voice(client.post(reverse("mfa_deactivate_totp"), follow=True))
    # The notices of these changes by e-mail, too.
    subjects = [message.subject for message in mail.outbox]
    assert any("Tweestapsverificatie uitgezet" in subject for subject in subjects), subjects
    for message in mail.outbox:
        assert not FORBIDDEN.search(message.subject + message.body), message.subject
