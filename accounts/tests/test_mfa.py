import re
import time

import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import hotp_value
from django.urls import reverse

from accounts.tests import factories
from tests.helpers import clear_test_cache
from weerbaar import crypto

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: factories.triage_staff(mfa=False),
        lambda: factories.support_team_member(mfa=False),
        lambda: factories.administrator(mfa=False),
    ],
)
@pytest.mark.parametrize("url", ["/", "/uitnodigingen/", "/beheer/", "/toegankelijkheid/nope"])
def test_without_a_second_factor_staff_reach_only_the_mfa_setup(client, make_user, url):
    client.force_login(make_user())
    response = client.get(url)
    if url.endswith("nope"):
        assert response.status_code == 404  # unknown pages stay unknown
    else:
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


def test_the_mfa_setup_itself_and_logout_stay_reachable(client):
    client.force_login(factories.triage_staff(mfa=False))
    assert client.get(reverse("mfa_index")).status_code == 200
    # Activation asks for the password again first (allauth), which must not loop back here.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.get(reverse("accessibility")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_with_a_second_factor_staff_reach_their_work(client):
    client.force_login(factories.triage_staff(mfa=True))
    assert client.get("/uitnodigingen/").status_code == 200


@pytest.mark.parametrize(
    "make_user", [factories.officeholder, factories.griffier, factories.partner]
)
def test_other_roles_are_not_forced_to_use_mfa(client, make_user):
    client.force_login(make_user())
    assert client.get("/").status_code == 200


def test_totp_secrets_are_stored_encrypted(settings):
    user = factories.UserFactory()
    secret = factories.with_mfa(user)
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    assert stored != secret
    assert secret not in stored
    assert crypto.decrypt(stored) == secret


def test_a_wrong_key_is_an_error_not_ciphertext(settings):
    token = crypto.encrypt("geheim")
    settings.FIELD_ENCRYPTION_KEYS = [crypto.generate_key()]
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)


def test_keys_rotate_without_losing_data(settings):
    old_key, new_key = settings.FIELD_ENCRYPTION_KEYS[0], crypto.generate_key()
    settings.FIELD_ENCRYPTION_KEYS = [old_key]
    token = crypto.encrypt("geheim")
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    rotated = crypto.rotate(token)
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    assert crypto.decrypt(rotated) == "geheim"


def test_rotate_command_reencrypts_mfa_secrets(settings):
    from django.core.management import call_command

    user = factories.UserFactory()
    secret = factories.with_mfa(user)
    new_key = crypto.generate_key()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *settings.FIELD_ENCRYPTION_KEYS]
    call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    assert crypto.decrypt(stored) == secret


def test_staff_cannot_delete_their_last_second_factor():
    staff = factories.triage_staff()
    totp = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(totp) is False
    officeholder = factories.officeholder()
    factories.with_mfa(officeholder)
    own = Authenticator.objects.get(user=officeholder, type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(own) is True


def test_login_asks_staff_for_the_code_and_accepts_a_valid_one(client):
    staff = factories.triage_staff(mfa=False, email="bzk@example.test")
    secret = factories.with_mfa(staff)
    response = client.post(
        reverse("account_login"), {"login": staff.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # not logged in before the second factor
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    code = f"{hotp_value(secret, int(time.time()) // 30):06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == staff.pk


def _sign_in_with_code(client, user, code):
    client.post(reverse("account_login"), {"login": user.email, "password": factories.PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    signed_in = "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    return signed_in, response


def _code(secret, now, windows=0):
    return f"{hotp_value(secret, int(now) // 30 + windows):06d}"


@pytest.fixture
def mid_window(monkeypatch):
    """The clock stopped in the middle of a 30 s window, so that no test crosses a border."""
    now = (int(time.time()) // 30) * 30 + 15.0
    monkeypatch.setattr(time, "time", lambda: now)
    return now


def test_a_code_from_the_previous_window_is_accepted_once(client, mid_window):
    clear_test_cache()
    staff = factories.triage_staff(mfa=False)
    secret = factories.with_mfa(staff)
    previous = _code(secret, mid_window, windows=-1)
    assert _sign_in_with_code(client, staff, previous)[0] is True
    # The same code a second time is refused (replay protection).
    signed_in, response = _sign_in_with_code(client, staff, previous)
    assert signed_in is False
    assert "Deze code klopt niet" in response.content.decode()


def test_a_code_two_windows_old_is_refused(client, mid_window):
    clear_test_cache()
    staff = factories.triage_staff(mfa=False)
    secret = factories.with_mfa(staff)
    assert _sign_in_with_code(client, staff, _code(secret, mid_window, windows=-2))[0] is False
    assert _sign_in_with_code(client, staff, _code(secret, mid_window, windows=2))[0] is False
    assert _sign_in_with_code(client, staff, _code(secret, mid_window))[0] is True


def test_a_used_code_stays_refused_for_as_long_as_it_is_valid(client, monkeypatch):
    """A code is valid from the window before its own to the window after: used early, it must
    not work again a minute later (allauth alone remembers a used code for 30 s)."""
    clear_test_cache()
    staff = factories.triage_staff(mfa=False)
    secret = factories.with_mfa(staff)
    start = (int(time.time()) // 30) * 30 + 1.0
    monkeypatch.setattr(time, "time", lambda: start)
    code = _code(secret, start, windows=1)  # the next window's code, typed early
    assert _sign_in_with_code(client, staff, code)[0] is True
    monkeypatch.setattr(time, "time", lambda: start + 60)  # now the code's previous window
    assert _sign_in_with_code(client, staff, code)[0] is False


def test_the_code_step_offers_a_ready_code_field_and_no_sign_in_link(client):
    staff = factories.triage_staff(mfa=False)
    factories.with_mfa(staff)
    client.post(reverse("account_login"), {"login": staff.email, "password": factories.PASSWORD})
    html = client.get(reverse("mfa_authenticate")).content.decode()
    field = re.search(r'<input[^>]*name="code"[^>]*>', html).group(0)
    assert "autofocus" in field
    assert 'inputmode="numeric"' in field
    assert 'autocomplete="one-time-code"' in field
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    assert "Inloggen" not in header.replace("Inloggen afbreken", "")
    assert "Inloggen afbreken" in header  # a way back instead


def test_the_recovery_codes_page_has_a_way_on(client):
    staff = factories.triage_staff(mfa=True)
    client.force_login(staff)
    client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
    response = client.post(reverse("mfa_generate_recovery_codes"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    html = response.content.decode()
    assert f'href="{reverse("home")}"' in html.split("<main", 1)[1]
    assert "Verder naar de startpagina" in html
