import pytest
from django.urls import reverse

from accounts.tests import factories
from tests.helpers import clear_test_cache

pytestmark = pytest.mark.django_db


LIMIT_MESSAGE = "Te veel inlogpogingen. Probeer het later nogmaals."


def fail_logins(client, email, times):
    """Post a wrong password `times` times; True for each answer that says the limit holds."""
    return [
        LIMIT_MESSAGE
        in client.post(
            reverse("account_login"), {"login": email, "password": "fout-wachtwoord"}
        ).content.decode()
        for _ in range(times)
    ]


def test_failed_logins_are_rate_limited_per_account(client):
    clear_test_cache()
    user = factories.officeholder(email="doelwit@example.test")
    limited = fail_logins(client, user.email, 6)
    assert limited == [False] * 5 + [True]
    # Even the right password is refused while the limit holds.
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": factories.PASSWORD}
    )
    assert LIMIT_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account is not affected by the limit on this one.
    other = factories.officeholder(email="ander@example.test")
    client.post(reverse("account_login"), {"login": other.email, "password": factories.PASSWORD})
    assert int(client.session["_auth_user_id"]) == other.pk


ATTACKER_IP = "203.0.113.9"
OFFICER_IP = "198.51.100.20"


def login_from(client, ip, email, password):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


def test_a_flood_of_wrong_passwords_from_one_client_does_not_lock_out_the_account(client):
    """Anyone can type a BZK officer's address: that must not lock the officer out."""
    from django.test import Client

    clear_test_cache()
    officer = factories.triage_staff(mfa=False, email="bzk-medewerker@example.test")
    for _ in range(20):
        login_from(client, ATTACKER_IP, officer.email, "fout-wachtwoord")
    refused = login_from(client, ATTACKER_IP, officer.email, factories.PASSWORD)
    assert LIMIT_MESSAGE in refused.content.decode()  # even the right password, from there
    officer_browser = Client()
    response = login_from(officer_browser, OFFICER_IP, officer.email, factories.PASSWORD)
    assert response.status_code == 302
    assert int(officer_browser.session["_auth_user_id"]) == officer.pk


def test_wrong_passwords_from_one_client_back_off_exponentially(client, monkeypatch):
    from accounts import throttle

    clear_test_cache()
    now = [1_000_000.0]
    monkeypatch.setattr(throttle, "now", lambda: now[0])
    user = factories.officeholder(email="terugval@example.test")

    def attempt():
        response = login_from(client, ATTACKER_IP, user.email, "fout-wachtwoord")
        return LIMIT_MESSAGE in response.content.decode()

    assert [attempt() for _ in range(5)] == [False] * 5
    waits = []
    for _ in range(4):
        assert attempt() is True  # refused, even before the password is checked
        waited = 0
        while _blocked(client, user):
            now[0] += 1
            waited += 1
        waits.append(waited)
        assert attempt() is False  # the next try is let through, and fails
    assert waits[1] >= 2 * waits[0] - 1 and waits[2] >= 2 * waits[1] - 1, waits
    assert waits[0] >= 1


def _blocked(client, user):
    from django.test import RequestFactory

    from accounts import throttle

    request = RequestFactory().post("/", REMOTE_ADDR=ATTACKER_IP)
    return throttle.seconds_to_wait(request, scope="password", account=user.email) > 0


def test_the_right_password_after_the_back_off_clears_it_for_that_client(client, monkeypatch):
    from accounts import throttle

    clear_test_cache()
    now = [2_000_000.0]
    monkeypatch.setattr(throttle, "now", lambda: now[0])
    user = factories.officeholder(email="herstel@example.test")
    for _ in range(6):
        login_from(client, ATTACKER_IP, user.email, "fout-wachtwoord")
    now[0] += 3600
    response = login_from(client, ATTACKER_IP, user.email, factories.PASSWORD)
    assert response.status_code == 302
    client.logout()
    # The slate is clean: five wrong passwords are again allowed before the back-off.
    assert [
        LIMIT_MESSAGE in login_from(client, ATTACKER_IP, user.email, "fout").content.decode()
        for _ in range(5)
    ] == [False] * 5


def test_wrong_codes_from_one_client_do_not_lock_the_second_step_for_another(client):
    import time

    from allauth.mfa.totp.internal.auth import hotp_value
    from django.test import Client

    clear_test_cache()
    staff = factories.triage_staff(mfa=False, email="bzk-code@example.test")
    secret = factories.with_mfa(staff)
    # The attacker knows the password (or is the officer on a stolen laptop) and floods codes.
    login_from(client, ATTACKER_IP, staff.email, factories.PASSWORD)
    for _ in range(12):
        client.post(reverse("mfa_authenticate"), {"code": "000000"}, REMOTE_ADDR=ATTACKER_IP)
    officer_browser = Client()
    response = login_from(officer_browser, OFFICER_IP, staff.email, factories.PASSWORD)
    assert response["Location"] == reverse("mfa_authenticate")
    code = f"{hotp_value(secret, int(time.time()) // 30):06d}"
    response = officer_browser.post(
        reverse("mfa_authenticate"), {"code": code}, REMOTE_ADDR=OFFICER_IP
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert int(officer_browser.session["_auth_user_id"]) == staff.pk


def test_the_rate_limit_is_shared_through_redis(client, settings, redis_url):
    """Two processes share the limit only when the cache is Redis: check that it is used."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"ratelimit-test-{id(client)}",
        }
    }
    import redis

    server = redis.Redis.from_url(redis_url)
    prefix = f"ratelimit-test-{id(client)}"
    user = factories.officeholder(email="doelwit2@example.test")
    assert fail_logins(client, user.email, 6)[-1] is True
    keys = server.keys(f"{prefix}*")
    assert keys, "allauth's rate limit counters must live in Redis"
    server.delete(*keys)  # only this test's keys: the server is shared


def test_unknown_and_known_addresses_get_the_same_answer_on_password_reset(client):
    clear_test_cache()
    factories.officeholder(email="bekend@example.test")
    known = client.post(reverse("account_reset_password"), {"email": "bekend@example.test"})
    unknown = client.post(reverse("account_reset_password"), {"email": "onbekend@example.test"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_the_admin_login_goes_through_allauth(client):
    response = client.get("/beheer/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.get("/beheer/")
    assert response.status_code == 302


def test_the_admin_refuses_non_staff(client):
    client.force_login(factories.officeholder())
    assert client.get("/beheer/login/").status_code == 403


def test_session_id_changes_at_login(client):
    clear_test_cache()
    user = factories.officeholder()
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("account_login"), {"login": user.email, "password": factories.PASSWORD})
    assert client.session.session_key != before


def test_an_idle_session_ends(client, settings):
    user = factories.officeholder()
    client.force_login(user)
    assert client.get("/").status_code == 200
    session = client.session
    session["last_seen_at"] -= settings.SESSION_IDLE_TIMEOUT + 1
    session.save()
    response = client.get("/")
    assert "_auth_user_id" not in client.session
    assert "uitgelogd" in response.content.decode()


def test_a_session_ends_after_the_absolute_timeout_even_when_active(client, settings):
    client.force_login(factories.officeholder())
    client.get("/")
    session = client.session
    session["auth_started_at"] -= settings.SESSION_ABSOLUTE_TIMEOUT + 1
    session.save()
    client.get("/")
    assert "_auth_user_id" not in client.session
