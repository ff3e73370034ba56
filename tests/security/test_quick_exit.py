"""The "Snel weg" button (also: Escape twice) replaces the page with a neutral site, ends the
session, and leaves nothing in the history that shows a case when someone presses Back."""

import http.client
import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from accounts.tests import factories as people
from incidents.tests import factories as incident_factories
from tests.helpers import browser_login

NEUTRAL = "https://www.weeronline.nl/"


@pytest.fixture
def neutral_site(page):
    """The browser has no internet: answer for the neutral site locally."""
    page.route(
        NEUTRAL + "**", lambda route: route.fulfill(body="<p>weer</p>", content_type="text/html")
    )
    return page


def _leave(page, how):
    if how == "button":
        page.get_by_role("link", name="Snel weg").click()
    else:
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)


def _get_with_cookie(live_server, path, session_id):
    """A fresh request, outside the browser, carrying only the given session cookie."""
    connection = http.client.HTTPConnection(live_server.thread.host, live_server.thread.port)
    try:
        connection.request("GET", path, headers={"Cookie": f"sessionid={session_id}"})
        response = connection.getresponse()
        return response.status, response.getheader("Location", ""), response.read().decode()
    finally:
        connection.close()


def _wait_until_signed_out(live_server, path, session_id, seconds=10):
    deadline = time.monotonic() + seconds
    while True:
        status, location, _body = _get_with_cookie(live_server, path, session_id)
        if status == 302 and location.startswith(reverse("account_login")):
            return
        assert time.monotonic() < deadline, f"the session still opens {path} after {seconds} s"
        time.sleep(0.1)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["button", "escape-twice"])
def test_leaving_quickly_ends_the_session_and_back_shows_no_case(neutral_site, live_server, how):
    page = neutral_site
    reporter = incident_factories.reporter()
    incident = incident_factories.submitted(reporter)
    browser_login(page, reporter.email, people.PASSWORD)
    page.goto(reverse("home"))
    page.goto(reverse("incidents:list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn meldingen")
    case_url = reverse("incidents:detail", args=[incident.pk])
    page.goto(case_url)
    expect(page.get_by_text(incident_factories.DESCRIPTION)).to_be_visible()
    old_session = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")

    _leave(page, how)
    # The session ends through a beacon sent as the page goes: on a busy machine the server may
    # take a moment to handle it, and a Back pressed before that would still find a session.
    # (A person takes longer than that to press Back; the test waits for it, for at most 10 s.)
    _wait_until_signed_out(live_server, case_url, old_session)

    # One step Back is "Mijn meldingen": it now asks to sign in.
    page.go_back(wait_until="load")
    assert page.url.startswith(live_server.url + reverse("account_login"))
    expect(page.get_by_label("Wachtwoord")).to_be_visible()
    # Further back (the start page, the sign-in) the portal shows someone signed out, no case.
    steps = 1
    while steps < 5 and page.url.startswith(live_server.url):
        body = page.content()
        assert incident_factories.DESCRIPTION not in body
        assert "Mijn meldingen" not in body
        expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
        if page.go_back(wait_until="load") is None:
            break
        steps += 1
    assert steps >= 3, "the test should have walked back through the portal's pages"
    # The old session cookie opens nothing any more, wherever it was copied to.
    status, location, body = _get_with_cookie(live_server, case_url, old_session)
    assert status == 302, (status, body[:200])
    assert location.startswith(reverse("account_login"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_leaving_quickly_replaces_the_page_so_back_skips_it(neutral_site, live_server):
    page = neutral_site
    reporter = incident_factories.reporter()
    browser_login(page, reporter.email, people.PASSWORD)
    page.goto(reverse("audit:erasure"))
    session = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    _leave(page, "button")
    _wait_until_signed_out(live_server, reverse("audit:erasure"), session)
    page.go_back()
    assert reverse("audit:erasure") not in page.url


def _token_in(response):
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.django_db
def test_the_quick_exit_endpoint_ends_the_session():
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(incident_factories.reporter())
    token = _token_in(browser.get(reverse("home")))
    response = browser.post(reverse("quick_exit"), {"token": token})
    assert response.status_code == 204
    assert response.cookies["sessionid"].value == ""
    assert browser.get(reverse("incidents:list")).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("token", [None, "", "1", "forged"])
def test_the_quick_exit_endpoint_refuses_a_post_without_a_valid_token(token):
    # Otherwise any site could sign an officeholder out (a nuisance that can hide an attack).
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(incident_factories.reporter())
    if token == "forged":
        token = _token_in(browser.get(reverse("home")))[:-2] + "xx"
    data = {} if token is None else {"token": token}
    assert browser.post(reverse("quick_exit"), data).status_code == 403
    assert browser.get(reverse("incidents:list")).status_code == 200


@pytest.mark.django_db
def test_a_quick_exit_token_ends_no_one_elses_session():
    someone = Client()
    someone.force_login(incident_factories.reporter())
    token = _token_in(someone.get(reverse("home")))
    victim = Client(enforce_csrf_checks=True)
    victim.force_login(incident_factories.reporter())
    victim.post(reverse("quick_exit"), {"token": token})
    assert victim.get(reverse("incidents:list")).status_code == 200


@pytest.mark.django_db
def test_the_quick_exit_endpoint_works_before_a_second_factor_is_set_up():
    # Someone who is both officeholder and BZK staff sees the button on the MFA setup pages,
    # where everything else is redirected to that setup.
    from accounts.models import OfficeType, Role

    person = people.with_role(
        people.triage_staff(mfa=False),
        Role.OFFICEHOLDER,
        OfficeType.WETHOUDER,
        people.municipality(),
    )
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    setup = browser.get(reverse("mfa_index"))
    assert setup.status_code == 200
    assert browser.post(reverse("quick_exit"), {"token": _token_in(setup)}).status_code == 204
    assert browser.get(reverse("mfa_index")).url.startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
def test_the_quick_exit_endpoint_does_not_log_out_on_other_methods(client, method):
    client.force_login(incident_factories.reporter())
    assert getattr(client, method)(reverse("quick_exit")).status_code in {403, 405}
    assert client.get(reverse("incidents:list")).status_code == 200


@pytest.mark.django_db
def test_officeholder_pages_are_never_stored_so_back_asks_the_server(client):
    reporter = incident_factories.reporter()
    incident = incident_factories.submitted(reporter)
    client.force_login(reporter)
    case = reverse("incidents:detail", args=[incident.pk])
    for url in (reverse("home"), reverse("incidents:list"), case):
        assert "no-store" in client.get(url)["Cache-Control"]


@pytest.mark.django_db
def test_the_button_is_there_for_officeholders_only(client):
    client.force_login(incident_factories.reporter())
    assert "data-quick-exit" in client.get(reverse("home")).content.decode()
    client.force_login(people.triage_staff())
    assert "data-quick-exit" not in client.get(reverse("home")).content.decode()


# --- The button never covers what an officeholder needs to reach --------------------------------

WIDTHS = {390: 844, 1024: 768, 1280: 900}
SHOTS = "var/screenshots/quick-exit-"

# Scrolls the page from top to bottom in steps of a third of the window and, at each step,
# collects every visible link, button, field and label whose box (clipped by the window and by
# any ancestor that clips its overflow) overlaps the "Snel weg" button's box.
FIND_COVERED_CONTROLS = """
() => {
  const button = document.querySelector("[data-quick-exit]");
  const controls =
    "a, button, input, select, textarea, label, summary, [tabindex]:not([tabindex='-1'])";
  const clipping = (style) => ["hidden", "clip", "auto", "scroll"].some(
    (value) => style.overflowX === value || style.overflowY === value);
  function visibleBox(element) {
    let box = element.getBoundingClientRect();
    let { left, top, right, bottom } = box;
    right = Math.min(right, innerWidth); bottom = Math.min(bottom, innerHeight);
    left = Math.max(left, 0); top = Math.max(top, 0);
    for (let up = element.parentElement; up; up = up.parentElement) {
      if (clipping(getComputedStyle(up))) {
        const clip = up.getBoundingClientRect();
        left = Math.max(left, clip.left); top = Math.max(top, clip.top);
        right = Math.min(right, clip.right); bottom = Math.min(bottom, clip.bottom);
      }
    }
    // Visually hidden helpers (one pixel, clipped away) are not something one can hit.
    return right - left > 1 && bottom - top > 1 ? { left, top, right, bottom } : null;
  }
  const covered = new Set();
  const step = Math.max(100, Math.floor(innerHeight / 3));
  const end = document.documentElement.scrollHeight;
  for (let y = 0; ; y += step) {
    scrollTo({ top: y, behavior: "instant" });
    const exit = button.getBoundingClientRect();
    for (const element of document.querySelectorAll(controls)) {
      if (element === button || button.contains(element) || element.contains(button)) continue;
      if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = visibleBox(element);
      if (!box) continue;
      const overlap = Math.min(box.right, exit.right) - Math.max(box.left, exit.left) > 0.5
        && Math.min(box.bottom, exit.bottom) - Math.max(box.top, exit.top) > 0.5;
      if (overlap) {
        const name = (element.innerText || element.value || element.name || "").trim();
        covered.add(`${element.tagName.toLowerCase()} "${name.slice(0, 40)}" at scroll ${scrollY}`);
      }
    }
    if (y + innerHeight >= end) break;
  }
  scrollTo({ top: 0, behavior: "instant" });
  return [...covered];
}
"""


def _officeholder_pages(reporter):
    """Every page an officeholder works on, with the data each needs."""
    from homescan import actions as homescan_actions
    from homescan.tests import factories as homescan_factories

    draft = incident_factories.draft(reporter)
    in_danger = incident_factories.draft(reporter, immediate_danger=True)
    case = incident_factories.submitted(reporter)
    scan = homescan_factories.scan(owner=reporter)
    homescan_actions.starter_kit_create(mayor=reporter, body=people.municipality())
    return [
        reverse("home"),
        reverse("incidents:start"),
        reverse("incidents:danger", args=[in_danger.pk]),
        reverse("incidents:edit", args=[draft.pk]),
        reverse("incidents:evidence", args=[draft.pk]),
        reverse("incidents:submit", args=[draft.pk]),
        reverse("incidents:list"),
        reverse("incidents:detail", args=[case.pk]),
        reverse("incidents:sent", args=[case.pk]),
        reverse("incidents:case_readers", args=[case.pk]),
        reverse("homescan:index"),
        reverse("homescan:scan"),
        reverse("homescan:result", args=[scan.pk]),
        reverse("homescan:fund_request", args=[scan.pk]),
        reverse("homescan:starter_kit"),
        reverse("mfa_index"),
        reverse("audit:erasure"),
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_button_covers_no_link_button_or_field_on_an_officeholders_pages(page, live_server):
    reporter = incident_factories.reporter()
    pages = _officeholder_pages(reporter)
    browser_login(page, reporter.email, people.PASSWORD)
    # And whatever the menu offers an officeholder besides.
    menu = page.eval_on_selector_all(
        "#hoofdmenu a[href^='/']", "links => links.map(link => link.getAttribute('href'))"
    )
    pages += [url for url in menu if url not in pages]
    covered = []
    for width, height in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        for url in pages:
            response = page.goto(url)
            assert response.ok, (url, response.status)
            exit_button = page.get_by_role("link", name="Snel weg")
            expect(exit_button).to_be_in_viewport()
            covered += [f"{width} px {url}: {hit}" for hit in page.evaluate(FIND_COVERED_CONTROLS)]
            if width < 992:  # the folded menu, opened
                page.get_by_role("button", name="Menu openen of sluiten").click()
                expect(page.locator("#hoofdmenu")).to_be_visible()
                covered += [
                    f"{width} px {url} (menu open): {hit}"
                    for hit in page.evaluate(FIND_COVERED_CONTROLS)
                ]
        page.goto(pages[2])
        page.screenshot(path=f"{SHOTS}danger-{width}.png")
        page.goto(pages[3])
        page.screenshot(path=f"{SHOTS}report-{width}.png")
    assert not covered, "\n".join(covered)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_leaving_quickly_from_an_older_tab_ends_the_session_signed_in_since(
    neutral_site, live_server
):
    # Signing in again in another tab renews the session and the CSRF cookie: the older tab's
    # page must still be able to end the session that is open now.
    page = neutral_site
    reporter = incident_factories.reporter()
    incident = incident_factories.submitted(reporter)
    browser_login(page, reporter.email, people.PASSWORD)
    case_url = reverse("incidents:detail", args=[incident.pk])
    page.goto(case_url)
    other_tab = page.context.new_page()
    other_tab.goto(reverse("home"))
    other_tab.get_by_role("button", name="Uitloggen").click()
    browser_login(other_tab, reporter.email, people.PASSWORD)
    other_tab.goto(reverse("incidents:list"))
    expect(other_tab.get_by_role("heading", level=1)).to_have_text("Mijn meldingen")
    session = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    assert _get_with_cookie(live_server, case_url, session)[0] == 200

    page.bring_to_front()
    _leave(page, "escape-twice")
    # The session ends through a beacon sent as the page goes (see the first test): wait for
    # the server to have handled it before the other tab asks again.
    _wait_until_signed_out(live_server, case_url, session)

    other_tab.reload()
    assert other_tab.url.startswith(live_server.url + reverse("account_login"))
    assert _get_with_cookie(live_server, case_url, session)[0] == 302


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_page_restored_from_the_back_forward_cache_asks_the_server_again(page, live_server):
    # Chromium keeps no no-store page in its back/forward cache; other browsers may. A restored
    # page reloads, so once the session has ended it shows the sign-in page, not the list.
    reporter = incident_factories.reporter()
    browser_login(page, reporter.email, people.PASSWORD)
    page.goto(reverse("incidents:list"))
    page.context.clear_cookies()  # the session has ended meanwhile
    with page.expect_navigation():
        page.evaluate(
            "window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))"
        )
    assert page.url.startswith(live_server.url + reverse("account_login"))


@pytest.mark.django_db
def test_the_button_can_end_the_session_from_a_page_not_found(client):
    client.force_login(incident_factories.reporter())
    missing = client.get("/meldingen/999999/")
    assert missing.status_code == 404
    assert client.post(reverse("quick_exit"), {"token": _token_in(missing)}).status_code == 204
    assert client.get(reverse("incidents:list")).status_code == 302
