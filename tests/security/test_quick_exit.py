"""The "Snel weg" button replaces the page with a neutral site, also on Escape twice."""

import pytest
from django.urls import reverse

from incidents.tests import factories as incident_factories

NEUTRAL = "https://www.weeronline.nl/"


def _log_in(page, live_server, client, user):
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def neutral_site(page):
    """The browser has no internet: answer for the neutral site locally."""
    page.route(
        NEUTRAL + "**", lambda route: route.fulfill(body="<p>weer</p>", content_type="text/html")
    )
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["button", "escape-twice"])
def test_leave_quickly_replaces_the_page(neutral_site, live_server, client, how):
    page = neutral_site
    reporter = incident_factories.reporter()
    _log_in(page, live_server, client, reporter)
    page.goto(reverse("home"))
    page.goto(reverse("audit:erasure"))
    assert page.get_by_role("link", name="Snel weg").is_visible()
    if how == "button":
        page.get_by_role("link", name="Snel weg").click()
    else:
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    # The reporting page was replaced, not left: Back skips it.
    assert reverse("audit:erasure") not in page.url


@pytest.mark.django_db
def test_the_button_is_there_for_officeholders_only(client):
    from accounts.tests import factories as people

    client.force_login(incident_factories.reporter())
    assert "data-quick-exit" in client.get(reverse("home")).content.decode()
    client.force_login(people.triage_staff())
    assert "data-quick-exit" not in client.get(reverse("home")).content.decode()
