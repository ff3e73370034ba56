"""In a real Chromium (CSP on): the report form saves itself as the reporter types and says so;
the idle warning comes before the timeout and "Ingelogd blijven" keeps the session; after a
timeout the reporter signs in again and finds the text they typed after the last save."""

import re

import pytest
from playwright.sync_api import expect

from accounts.middleware import SessionTimeoutMiddleware
from accounts.sessions import SessionStore as PortalSessionStore
from accounts.tests import factories as people
from incidents.models import Incident
from incidents.tests import factories
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/drafts-"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TYPED = "Hij wachtte mij op bij de fietsenstalling van het gemeentehuis en riep mijn adres."
AFTER_SAVE = " Daarna volgde hij mij tot aan de brug."


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.fixture
def every_request_counts(monkeypatch):
    """The middleware refreshes its last-seen mark at most once a minute; with the short
    timeouts of these tests, every request must count."""
    monkeypatch.setattr(SessionTimeoutMiddleware, "TOUCH_INTERVAL", 0)


def open_draft(page, incident):
    browser_login(page, incident.reporter.email, people.PASSWORD)
    page.goto(f"/meldingen/{incident.pk}/bewerken/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Incident melden")


def test_the_report_form_saves_as_the_reporter_types(page):
    incident = factories.draft(description="")
    page.set_viewport_size(PHONE)
    open_draft(page, incident)
    page.get_by_label("Beschrijf wat er is gebeurd").fill(TYPED)
    status = page.get_by_role("status").filter(has_text="Opgeslagen om")
    expect(status).to_have_text(re.compile(r"^Opgeslagen om \d\d:\d\d$"))
    page.screenshot(path=SHOTS + "form-saved-phone.png")
    assert fits_the_screen(page)
    incident.refresh_from_db()
    assert incident.description == TYPED

    page.reload()
    expect(page.get_by_label("Beschrijf wat er is gebeurd")).to_have_value(TYPED)
    # Nothing was left behind in the tab once the server had it.
    assert page.evaluate(f"sessionStorage.getItem('weerbaar:draft:{incident.pk}')") is None


def test_the_status_says_so_when_a_save_fails_and_the_text_stays(page):
    incident = factories.draft(description="")
    page.set_viewport_size(DESKTOP)
    open_draft(page, incident)
    page.route("**/automatisch-opslaan/", lambda route: route.abort())
    page.get_by_label("Beschrijf wat er is gebeurd").fill(TYPED)
    expect(page.get_by_role("status").filter(has_text="Niet opgeslagen")).to_have_text(
        "Niet opgeslagen — uw tekst staat nog in het formulier; controleer uw verbinding."
    )
    page.screenshot(path=SHOTS + "form-not-saved-desktop.png")
    expect(page.get_by_label("Beschrijf wat er is gebeurd")).to_have_value(TYPED)
    page.console_problems.clear()  # the aborted requests, on purpose


def test_a_draft_open_in_two_windows_never_puts_older_text_back(page):
    """Two windows on one draft: the one whose page shows an older save gets a plain
    message instead of overwriting what the other window saved, and keeps its own text."""
    incident = factories.draft(description="")
    page.set_viewport_size(DESKTOP)
    open_draft(page, incident)
    other = page.context.new_page()
    page.watch_console(other)
    other.goto(f"/meldingen/{incident.pk}/bewerken/")
    expect(other.get_by_role("heading", level=1)).to_have_text("Incident melden")

    page.get_by_label("Beschrijf wat er is gebeurd").fill(TYPED)
    expect(page.get_by_role("status").filter(has_text="Opgeslagen om")).to_be_visible()

    other.get_by_label("Beschrijf wat er is gebeurd").fill("Oudere tekst uit het andere venster.")
    expect(other.get_by_role("status").filter(has_text="Niet opgeslagen")).to_have_text(
        re.compile("^Niet opgeslagen — dit concept is intussen ergens anders opgeslagen")
    )
    other.screenshot(path=SHOTS + "form-changed-elsewhere-desktop.png")
    expect(other.get_by_label("Beschrijf wat er is gebeurd")).to_have_value(
        "Oudere tekst uit het andere venster."
    )
    incident.refresh_from_db()
    assert incident.description == TYPED


def expire_session(page, settings):
    """The idle timeout passes on the server while the page stays open."""
    [cookie] = [c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME]
    session = PortalSessionStore(session_key=cookie["value"])
    session["last_seen_at"] -= settings.SESSION_IDLE_TIMEOUT + 1
    session.save()


def test_after_a_timeout_the_reporter_signs_in_and_finds_every_word(page, settings):
    incident = factories.draft(description="")
    page.set_viewport_size(PHONE)
    open_draft(page, incident)
    box = page.get_by_label("Beschrijf wat er is gebeurd")
    box.fill(TYPED)
    expect(page.get_by_role("status")).to_have_text(re.compile("Opgeslagen om"))
    # Then the connection drops while they type on, and the session times out meanwhile.
    page.route("**/automatisch-opslaan/", lambda route: route.abort())
    box.press("End")
    box.press_sequentially(AFTER_SAVE)
    expect(page.get_by_role("status")).to_have_text(re.compile("Niet opgeslagen"))
    expire_session(page, settings)
    page.unroute("**/automatisch-opslaan/")
    page.console_problems.clear()  # the aborted requests, on purpose

    # The form's own button, after the timeout: the sign-in page, with the way back.
    page.get_by_role("button", name="Opslaan en later afmaken").click()
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/meldingen/\d+/bewerken/"))
    expect(page.get_by_text("U bent uitgelogd omdat uw sessie is verlopen.")).to_be_visible()
    page.get_by_label("E-mail").fill(incident.reporter.email)
    page.get_by_label("Wachtwoord").fill(people.PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()

    expect(page).to_have_url(re.compile(rf"/meldingen/{incident.pk}/bewerken/$"))
    expect(page.get_by_label("Beschrijf wat er is gebeurd")).to_have_value(TYPED + AFTER_SAVE)
    expect(page.locator("[data-autosave-status]")).to_have_text(
        re.compile(
            "De tekst die nog niet was opgeslagen, staat weer in het formulier. Opgeslagen om"
        )
    )
    incident.refresh_from_db()
    assert incident.description == TYPED + AFTER_SAVE
    # The autosave that left with the button's focus met the ended session: its 401, expected.
    page.console_problems[:] = [p for p in page.console_problems if "status of 401" not in p]


def test_the_idle_warning_comes_before_the_timeout_and_keeps_the_session(
    page, settings, every_request_counts
):
    settings.SESSION_IDLE_TIMEOUT = 124  # the warning comes 120 s before: after 4 s
    incident = factories.draft()
    page.set_viewport_size(PHONE)
    open_draft(page, incident)
    # The person is at work in the description when the warning comes.
    description = page.get_by_label("Beschrijf wat er is gebeurd")
    description.focus()
    dialog = page.get_by_role("alertdialog", name="Blijft u ingelogd?")
    expect(dialog).to_be_hidden()
    expect(dialog).to_be_visible(timeout=15_000)
    expect(dialog).to_contain_text(re.compile(r"Over [12]:\d\d minuten wordt u uitgelogd"))
    stay = dialog.get_by_role("button", name="Ingelogd blijven")
    expect(stay).to_be_focused()
    # The page behind the modal dialog is inert: the way out is in the dialog too.
    expect(dialog.get_by_role("link", name="Snel weg")).to_be_visible()
    page.screenshot(path=SHOTS + "idle-warning-phone.png")
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SHOTS + "idle-warning-desktop.png")

    with page.expect_response("**/sessie/verlengen/") as answer:
        page.keyboard.press("Enter")
    assert answer.value.status == 200
    expect(dialog).to_be_hidden()
    # Focus goes back to where it was: the description, ready to go on typing.
    expect(description).to_be_focused()
    # The session still stands on the server.
    page.goto("/meldingen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn meldingen")


def test_before_the_fixed_end_of_a_session_the_warning_says_it_cannot_be_put_off(
    page, settings, every_request_counts
):
    """Whatever the activity, a session ends SESSION_ABSOLUTE_TIMEOUT after the sign-in. The
    warning before it says so, offers no "Ingelogd blijven" that cannot keep its word, and
    can be put away to finish the sentence; typing (an autosave) does not move that end."""
    settings.SESSION_ABSOLUTE_TIMEOUT = 90  # the sign-in and the page take a few seconds
    incident = factories.draft(description="")
    page.set_viewport_size(PHONE)
    open_draft(page, incident)
    dialog = page.get_by_role("alertdialog", name="U wordt binnenkort uitgelogd")
    expect(dialog).to_be_visible(timeout=15_000)
    expect(dialog).to_contain_text(re.compile(r"Over [01]:\d\d minuten wordt u uitgelogd"))
    expect(dialog).to_contain_text("kan niet worden uitgesteld")
    expect(dialog.get_by_role("button", name="Ingelogd blijven")).to_have_count(0)
    understood = dialog.get_by_role("button", name="Begrepen")
    expect(understood).to_be_focused()
    page.screenshot(path=SHOTS + "fixed-end-warning-phone.png")
    understood.click()
    expect(dialog).to_be_hidden()
    with page.expect_response("**/automatisch-opslaan/"):
        page.get_by_label("Beschrijf wat er is gebeurd").fill(TYPED)
    page.wait_for_timeout(1500)
    expect(dialog).to_be_hidden()
    # The deadline the tabs share stays the fixed end.
    left = page.evaluate(
        "(Number(localStorage.getItem('weerbaar:session-deadline')) - Date.now()) / 1000"
    )
    assert 0 < left <= 90


def test_at_the_timeout_the_page_goes_to_the_sign_in_with_the_way_back(
    page, settings, every_request_counts
):
    settings.SESSION_IDLE_TIMEOUT = 6
    incident = factories.draft()
    open_draft(page, incident)
    dialog = page.get_by_role("alertdialog", name="Blijft u ingelogd?")
    expect(dialog).to_contain_text("U bent uitgelogd", timeout=15_000)
    expect(page).to_have_url(
        re.compile(rf"/account/login/\?next=/meldingen/{incident.pk}/bewerken/"), timeout=15_000
    )
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_a_draft_is_deleted_from_my_reports_after_a_confirmation(page):
    reporter = factories.reporter()
    factories.draft(reporter, description="Een steen door de ruit van de woonkamer")
    keep = factories.draft(reporter, description="Bedreigd op straat na de raadsvergadering")
    page.set_viewport_size(PHONE)
    browser_login(page, reporter.email, people.PASSWORD)
    page.goto("/meldingen/")
    card = page.locator(".case-card").filter(has_text="Een steen door de ruit")
    expect(card).to_contain_text("Bedreiging")
    page.screenshot(path=SHOTS + "my-reports-phone.png", full_page=True)
    assert fits_the_screen(page)
    card.get_by_role("link", name=re.compile("Concept verwijderen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concept verwijderen?")
    page.screenshot(path=SHOTS + "delete-confirm-phone.png", full_page=True)
    page.get_by_role("button", name="Ja, concept verwijderen").click()
    expect(page.get_by_text("Het concept is verwijderd.")).to_be_visible()
    expect(page.get_by_text("Een steen door de ruit")).to_have_count(0)
    assert list(Incident.objects.filter(reporter=reporter)) == [keep]
