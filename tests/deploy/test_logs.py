"""Secrets in links (invitation tokens, password-reset keys, e-mail confirmation keys) appear
in no log: Django's, gunicorn's access and error logs, nginx's access and error logs, Celery's.
Tested by capturing what each really writes."""

import io
import logging
import urllib.parse

import pytest
from django.test import Client

from accounts import actions as accounts_actions
from accounts.models import Role
from accounts.tests import factories as people
from weerbaar.log_redaction import REDACTED, RedactTokens, redact

from .stack import request

SECRET = "Zq9SECRETtoken-x_1"


@pytest.mark.parametrize(
    "text",
    [
        f"GET /uitnodiging/{SECRET}/ HTTP/1.1",
        f"Not Found: /uitnodiging/{SECRET}",
        f"/account/password/reset/key/3-{SECRET}/",
        f"/ACCOUNT/Password/Reset/Key/3-{SECRET}/",
        f"/account/confirm-email/{SECRET}/",
        f"/account/login/?next=/uitnodiging/{SECRET}/",
        f"/account/login/?next=%2Fuitnodiging%2F{SECRET}%2F",
        f"/account/login/?next=%2faccount%2fpassword%2freset%2fkey%2f3-{SECRET}",
        f'Referer: "https://portal.test/uitnodiging/{SECRET}/" and /uitnodiging/{SECRET}2/',
    ],
)
def test_every_form_of_a_token_link_is_redacted(text):
    cleaned = redact(text)
    assert SECRET not in cleaned
    assert REDACTED in cleaned


def test_links_without_a_secret_stay_readable():
    for text in ["/account/password/reset/key/done/", "/uitnodigingen/", "/meldingen/12/"]:
        assert redact(text) == text


@pytest.fixture
def console_output():
    """What the configured console handler (settings.LOGGING) really writes."""
    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RedactTokens) for f in handler.filters)
    ]
    assert handlers, "the root console handler must carry the redaction filter"
    buffer = io.StringIO()
    previous = [handler.setStream(buffer) for handler in handlers]
    try:
        yield buffer
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)


@pytest.mark.django_db
def test_django_logs_no_token_of_a_link_that_fails(console_output, monkeypatch):
    from accounts import views

    client = Client(raise_request_exception=False)
    # A wrong link: Django logs "Not Found: <path>".
    client.get(f"/uitnodiging/{SECRET}/extra/")
    client.get(f"/account/confirm-email/{SECRET}/extra/")
    # A link that breaks the server: Django logs "Internal Server Error: <path>" and the trace.
    monkeypatch.setattr(views.selectors, "invitation_from_token", _boom)
    client.get(f"/uitnodiging/{SECRET}/")
    output = console_output.getvalue()
    assert "Not Found" in output and "Internal Server Error" in output
    assert SECRET not in output
    assert REDACTED in output


def _boom(token):
    raise RuntimeError("the database went away")


def test_celery_worker_handlers_get_the_redaction():
    from weerbaar.celery import _redact_tokens_in_worker_logs

    logger = logging.getLogger("celery.test-redaction")
    buffer = io.StringIO()
    logger.addHandler(logging.StreamHandler(buffer))
    logger.propagate = False
    _redact_tokens_in_worker_logs(logger=logger)
    logger.warning("Task failed for %s", f"https://portal.test/uitnodiging/{SECRET}/")
    assert SECRET not in buffer.getvalue() and REDACTED in buffer.getvalue()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_token_links_reach_no_log_of_nginx_or_gunicorn(production):
    staff = people.triage_staff(mfa=False)
    from government.models import GovernmentBody

    invitation = accounts_actions.invitation_create(
        actor=staff,
        email="nieuw@example.test",
        role=Role.GRIFFIER,
        body=GovernmentBody.objects.municipalities().first(),
    )
    user = people.officeholder(email="reset@example.test")
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    reset = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    secrets = [invitation.token, default_token_generator.make_token(user), SECRET]
    port = production.nginx.https_port
    paths = [
        f"/uitnodiging/{invitation.token}/",
        f"/uitnodiging/{SECRET}/",
        f"/account/password/reset/key/{reset}/",
        f"/account/confirm-email/{SECRET}/",
        "/account/login/?next=" + urllib.parse.quote(f"/uitnodiging/{invitation.token}/", safe=""),
    ]
    for path in paths:
        status, _headers, _body = request(port, "GET", path, headers={"Referer": path})
        assert status < 500, (path, status)
    # Straight to gunicorn too (its own access log), and nginx's error log through a body it
    # refuses (413, logged at error level with the request line).
    for path in paths:
        request(
            production.gunicorn.port,
            "GET",
            path,
            tls=False,
            headers={"X-Forwarded-Proto": "https", "Referer": path},
        )
    status, _headers, _body = request(
        port,
        "POST",
        f"/uitnodiging/{invitation.token}/",
        headers={"Content-Length": str(200 * 1024 * 1024)},
    )
    assert status == 413
    status, _headers, _body = request(  # plain HTTP: the redirect to https
        production.nginx.http_port, "GET", f"/uitnodiging/{SECRET}/", tls=False
    )
    assert status == 301

    logs = {"gunicorn": production.gunicorn.logs(), "nginx": production.nginx.logs()}
    for name, text in logs.items():
        assert REDACTED in text, f"{name}: the requests were not logged at all"
        for secret in secrets:
            assert secret not in text, f"{name} logged a token"
