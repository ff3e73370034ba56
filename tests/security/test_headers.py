"""Security headers and cookies under production settings (DEBUG off, SECURE_HTTPS=1).

The per-URL header check runs inside the access matrix (test_access_matrix.py); these tests
check what only production settings decide, in a separate process that loads them."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from accounts.tests import factories as people

from .headers import header_problems

BASE_DIR = django_settings.BASE_DIR


def production_env(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by tests/plugins/browser.py for Playwright
            "DEBUG",
            "SECURE_HTTPS",
            "EMAIL_BACKEND",
            "DATABASE_URL",  # the check runs on an empty SQLite database of its own
            "REDIS_URL",
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="weerbaar.settings",
        DEBUG="0",
        SECURE_HTTPS="1",
        SECRET_KEY="production-like-" + "k3y-" * 15,
        FIELD_ENCRYPTION_KEYS="dGVzdC1rZXktb25lLXRlc3Qta2V5LW9uZS10ZXN0LWs=",
        ALLOWED_HOSTS="portaal.weerbaarbestuur.example",
        VAR_DIR=str(tmp_path),
    )
    return env


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_make_cookies_secure_and_hsts_a_year(tmp_path):
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'SESSION_COOKIE_SECURE','SESSION_COOKIE_HTTPONLY','SESSION_COOKIE_SAMESITE',"
        "'CSRF_COOKIE_SECURE','CSRF_COOKIE_HTTPONLY','CSRF_COOKIE_SAMESITE',"
        "'SECURE_HSTS_SECONDS','SECURE_HSTS_INCLUDE_SUBDOMAINS','SECURE_SSL_REDIRECT',"
        "'SECURE_CONTENT_TYPE_NOSNIFF','SECURE_REFERRER_POLICY','X_FRAME_OPTIONS',"
        "'PERMISSIONS_POLICY']} | {'CSP': str(s.SECURE_CSP)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["SESSION_COOKIE_SECURE"] and found["CSRF_COOKIE_SECURE"]
    assert found["SESSION_COOKIE_HTTPONLY"] and found["CSRF_COOKIE_HTTPONLY"]
    assert found["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert found["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert found["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert found["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and found["SECURE_SSL_REDIRECT"]
    assert found["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert found["SECURE_REFERRER_POLICY"] in ("same-origin", "no-referrer")
    assert found["X_FRAME_OPTIONS"] == "DENY"
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in found["PERMISSIONS_POLICY"]
    assert "unsafe-inline" not in found["CSP"] and "unsafe-eval" not in found["CSP"]


@pytest.mark.django_db
def test_login_over_https_sets_secure_httponly_samesite_cookies(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_SSL_REDIRECT = False
    settings.ACCOUNT_RATE_LIMITS = False
    user = people.officeholder()
    page = client.get(reverse("account_login"), secure=True)
    assert not header_problems(page, signed_in=False)
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": people.PASSWORD},
        secure=True,
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies.get(name) or page.cookies.get(name)
        assert cookie is not None, name
        assert cookie["secure"] and cookie["httponly"], name
        assert cookie["samesite"] in ("Lax", "Strict"), name
