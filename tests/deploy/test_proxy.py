"""The production topology for real: nginx with deploy/nginx.conf in front of gunicorn with
deploy/gunicorn.conf.py. Slow clients, proxy headers, the Server header."""

import contextlib
import socket
import ssl
import threading
import time

import pytest

from .stack import HOST, request, tls_context

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

TRICKLERS = 12  # six times the test server's two sync workers
PROBES = 10


class Trickler:
    """A client that sends a login form's headers and then its body one byte a second. The
    headers pass Django's CSRF checks that come before reading the body (origin, cookie), so
    whoever serves it waits for the body."""

    def __init__(self, port, *, tls, extra_headers=""):
        raw = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.sock = tls_context().wrap_socket(raw, server_hostname=HOST) if tls else raw
        self.sock.sendall(
            (
                f"POST /account/login/ HTTP/1.1\r\nHost: {HOST}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Origin: https://{HOST}\r\nCookie: csrftoken={'c' * 32}\r\n"
                f"Content-Length: 100000\r\n{extra_headers}\r\n"
            ).encode()
        )
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._trickle, daemon=True)
        self.thread.start()

    def _trickle(self):
        while not self.stopped.wait(1):
            try:
                self.sock.sendall(b"a")
            except (OSError, ssl.SSLError):
                return

    def close(self):
        self.stopped.set()
        with contextlib.suppress(OSError):
            self.sock.close()


def probes(port, *, tls, headers=None, within=5.0):
    """The outcome of PROBES ordinary requests, each allowed `within` seconds."""
    outcomes = []
    for _ in range(PROBES):
        try:
            status, _headers, _body = request(
                port, "GET", "/healthz", tls=tls, headers=headers, timeout=within
            )
        except (TimeoutError, OSError) as error:
            outcomes.append(type(error).__name__)
        else:
            outcomes.append(status)
    return outcomes


def test_the_portal_keeps_answering_while_clients_trickle_request_bodies(production):
    assert probes(production.nginx.https_port, tls=True, within=30)[0] == 200  # warm
    tricklers = [Trickler(production.nginx.https_port, tls=True) for _ in range(TRICKLERS)]
    try:
        time.sleep(1.5)  # every trickler has sent its headers and a first byte
        outcomes = probes(production.nginx.https_port, tls=True)
        assert outcomes == [200] * PROBES
    finally:
        for trickler in tricklers:
            trickler.close()


def test_gunicorn_reached_directly_is_held_by_a_few_trickling_clients(production):
    """Why the app server must be reachable from the proxy only: the same test against
    gunicorn itself (the harness can see the failure it guards against)."""
    https = "X-Forwarded-Proto: https\r\n"
    assert (
        probes(
            production.gunicorn.port, tls=False, headers={"X-Forwarded-Proto": "https"}, within=30
        )[0]
        == 200
    )
    tricklers = [
        Trickler(production.gunicorn.port, tls=False, extra_headers=https) for _ in range(4)
    ]
    try:
        time.sleep(1.5)
        outcomes = probes(
            production.gunicorn.port, tls=False, headers={"X-Forwarded-Proto": "https"}, within=1
        )
    finally:
        for trickler in tricklers:
            trickler.close()
    assert outcomes.count(200) < PROBES // 2, outcomes


def test_nginx_names_no_version_and_the_app_server_not_itself(production):
    _status, headers, body = request(production.nginx.https_port, "GET", "/healthz")
    assert headers["server"] == "nginx"
    _status, _headers, body = request(production.nginx.https_port, "GET", "/bestaat-niet/")
    assert b"nginx/" not in body
    _status, headers, _body = request(
        production.gunicorn.port,
        "GET",
        "/healthz",
        tls=False,
        headers={"X-Forwarded-Proto": "https"},
    )
    assert "gunicorn" not in headers.get("server", "").lower()


def test_the_scheme_the_app_sees_is_the_one_the_client_used_with_nginx(production):
    # Over TLS a client's own "X-Forwarded-Proto: http" is replaced: no redirect loop to https.
    status, _headers, _body = request(
        production.nginx.https_port, "GET", "/healthz", headers={"X-Forwarded-Proto": "http"}
    )
    assert status == 200
    # Over plain HTTP a client's "X-Forwarded-Proto: https" does not make the request secure:
    # nginx sends it to https, the app never sees it.
    status, headers, _body = request(
        production.nginx.http_port,
        "GET",
        "/healthz",
        tls=False,
        headers={"X-Forwarded-Proto": "https"},
    )
    assert status == 301 and headers["location"] == f"https://{HOST}/healthz"


def test_a_changing_x_forwarded_for_does_not_escape_the_login_limit_through_nginx(
    production, redis_url
):
    """allauth limits failed logins per client address (10 a minute); with one trusted proxy
    it takes the address nginx writes, whatever the client sent."""
    limited = [_failed_login(production.nginx.https_port, f"10.0.0.{n}", n) for n in range(12)]
    assert limited == [False] * 10 + [True] * 2


def _failed_login(port, forwarded_for, n):
    import re

    status, headers, body = request(port, "GET", "/account/login/")
    cookie = headers["set-cookie"].split(";")[0]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    status, _headers, _body = request(
        port,
        "POST",
        "/account/login/",  # a distinct unknown address each time: only the address limit
        headers={
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{HOST}/account/login/",
            "Origin": f"https://{HOST}",
            "X-Forwarded-For": forwarded_for,
        },
        body=f"csrfmiddlewaretoken={token}&login=nobody{n}%40example.test&password=wrong-{n}",
    )
    assert status == 200, status
    return "Te veel inlogpogingen" in _body.decode()
