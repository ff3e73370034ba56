"""The live server the browser tests run on answers requests that arrive side by side, as a page
sends them (the draft's autosave beside the form's own submit, the session keep-alive). On the
default SQLite run every request thread shares the test's one in-memory connection; this failed
with "bad parameter or other API misuse" and a page that answered "Pagina niet gevonden"."""

import http.client
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from incidents.models import Incident
from incidents.tests import factories as incident_factories
from tests.helpers import browser_login

ROUNDS = 12


def _request(live_server, method, path, cookies, body=None):
    connection = http.client.HTTPConnection(
        live_server.thread.host, live_server.thread.port, timeout=30
    )
    headers = {
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "Referer": live_server.url + path,
        "X-CSRFToken": cookies.get("csrftoken", ""),
    }
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_requests_side_by_side_are_each_answered_whole(page, live_server):
    reporter = incident_factories.reporter()
    browser_login(page, reporter.email, people.PASSWORD)
    draft = incident_factories.draft(reporter)
    edit = reverse("incidents:edit", args=[draft.pk])
    page.goto(edit)
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    assert "sessionid" in cookies and "csrftoken" in cookies

    def one_round(number):
        text = urlencode({"description": f"Ronde {number}: wat er gebeurde."})
        return [
            _request(live_server, "GET", edit, cookies)[0],
            _request(
                live_server,
                "POST",
                reverse("incidents:autosave", args=[draft.pk]),
                cookies,
                body=text,
            )[0],
            _request(live_server, "GET", reverse("incidents:list"), cookies)[0],
        ]

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = [status for answers in pool.map(one_round, range(ROUNDS)) for status in answers]
        # The test thread reads the database while the server is busy, as tests do.
        for _ in range(ROUNDS):
            Incident.objects.filter(reporter=reporter).count()

    assert statuses == [200] * (3 * ROUNDS)
    draft.refresh_from_db()
    assert draft.description.startswith("Ronde ")
