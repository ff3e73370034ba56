import pytest
from django.urls import reverse

from accounts.tests import factories
from conftest import clear_test_cache

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
