"""In a real Chromium (CSP on): a council member reports, as a witness, an incident against a
colleague of the same council; the colleague signs in, finds the case linked to them and gives
consent; a third member of the same council gets a 404."""

import pytest
from playwright.sync_api import expect

from accounts.models import OfficeType
from accounts.tests import factories as people
from incidents.models import ConcernedConsent, Incident, ReportedFor
from incidents.workflow import Status
from tests import test_accessibility as a11y
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/incidents-witness-"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SEEN = "Na de vergadering werd wethouder De Boer bij de uitgang uitgescholden en bedreigd."


def logout(page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("link", name="Inloggen").first).to_be_visible()


@pytest.fixture(scope="session")
def axe_source():
    if not a11y.AXE.exists():
        pytest.fail("axe-core is missing: run `make install` (npm ci)")
    return a11y.AXE.read_text()


def shoot(page, name, axe, prefix=SHOTS):
    """Screenshots at 390 and 1280 px; axe-core (WCAG 2.1 A and AA) and unique ids at both."""
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{prefix}{name}-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    problems = a11y.check_page(page, axe, name, PHONE["width"])
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=f"{prefix}{name}-desktop.png", full_page=True)
    assert problems + a11y.check_page(page, axe, name, DESKTOP["width"]) == []


def test_a_witness_report_is_linked_to_the_colleague_who_gives_consent(page, axe_source):
    witness = people.officeholder(email="raadslid@example.test", full_name="Rita Raadslid")
    colleague = people.officeholder(
        email="wethouder@example.test", full_name="Wim de Boer", office_type=OfficeType.WETHOUDER
    )
    third = people.officeholder(email="derde@example.test", full_name="Derk Derde")
    page.set_viewport_size(DESKTOP)

    browser_login(page, witness.email, people.PASSWORD)
    page.get_by_role("link", name="Incident melden").first.click()
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Verder").click()
    group = page.get_by_role("group", name="Wie is dit overkomen?")
    group.get_by_label("Een collega (ik was getuige)").check()
    page.get_by_label("Om welke collega gaat het?").select_option(label="Wim de Boer")
    page.get_by_label("Bedreiging", exact=True).check()
    page.get_by_label("Beschrijf wat er is gebeurd").fill(SEEN)
    shoot(page, "form", axe_source)
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("link", name="Verder: controleren en versturen").click()
    expect(page.get_by_text("Een collega (ik was getuige): Wim de Boer.")).to_be_visible()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw melding is verstuurd")
    incident = Incident.objects.get(reporter=witness)
    assert incident.status == Status.NEW
    assert (incident.reported_for, incident.concerned_person) == (ReportedFor.WITNESS, colleague)
    logout(page)

    browser_login(page, colleague.email, people.PASSWORD)
    page.goto("/meldingen/")
    card = page.locator(".case-card").filter(has_text=incident.reference)
    expect(card).to_contain_text("Gemeld door Rita Raadslid, als getuige")
    expect(card).to_contain_text("Uw antwoord wordt gevraagd")
    shoot(page, "colleague-list", axe_source)
    card.get_by_role("link", name=incident.reference).click()
    expect(page.get_by_role("heading", name="Deze melding gaat over u")).to_be_visible()
    expect(page.get_by_text("Rita Raadslid meldde als getuige wat u overkwam.")).to_be_visible()
    expect(page.get_by_text(SEEN)).to_be_visible()
    shoot(page, "colleague-case", axe_source)
    page.get_by_role("button", name="Ja, ik geef toestemming").click()
    expect(page.get_by_text("U gaf toestemming. BZK weet dit nu.")).to_be_visible()
    expect(page.get_by_text("De collega om wie het gaat gaf toestemming")).to_be_visible()
    shoot(page, "colleague-consent", axe_source)
    incident.refresh_from_db()
    assert incident.concerned_consent == ConcernedConsent.GIVEN
    logout(page)

    browser_login(page, third.email, people.PASSWORD)
    response = page.goto(f"/meldingen/{incident.pk}/")
    assert response is not None and response.status == 404
    # The browser logs the 404 it was meant to get; nothing else may be there.
    assert [text for text in page.console_problems if "status of 404" not in text] == []
    page.console_problems.clear()
    page.goto("/meldingen/")
    expect(page.get_by_text(incident.reference)).to_have_count(0)
    logout(page)

    # Staff see who reported and whom it concerns, with the colleague's answer.
    staff = people.triage_staff(mfa=False, email="bzk@example.test", full_name="Pieter Bakker")
    browser_login(page, staff.email, people.PASSWORD, totp_secret=people.with_mfa(staff))
    page.goto(f"/meldingen/{incident.pk}/")
    block = page.locator(".concerned-block")
    expect(block).to_contain_text("Melding van een getuige:")
    expect(block).to_contain_text("Rita Raadslid (melder) zag dit gebeuren bij Wim de Boer.")
    expect(block).to_contain_text("Toestemming gegeven")
    block.scroll_into_view_if_needed()
    shoot(page, "staff-case", axe_source)
