"""A mayor's starterspakket ending in a security level, in a real Chromium: the mayor fills in
the home scan and includes its level, BZK staff answer the questions about the municipality
and the role and record the police's advice, and the mayor sees the level with its package
and puts it in their own fund application with one button."""

import pytest
from playwright.sync_api import expect

from accounts import actions as account_actions
from accounts.models import OfficeType, Role
from accounts.tests import factories as people
from homescan.models import RiskAnalysis, SecurityLevel
from homescan.tests.test_browser import ANSWERS, DESKTOP, PHONE
from subsidies.models import GrantApplication
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/homescan-risk-"
POLICE_ADVICE = "Camera bij de voordeur. De wijkagent rijdt de komende maanden extra langs."
# BZK's answers, by question: 1 + 4 (serious undermining: at least elevated) + 0 + 0 + 1 + 0
# + 2 (the police: extra attention) = 8, and 3 for the elevated home: 11 points, verhoogd.
STAFF_ANSWERS = [
    "50.000 tot 150.000",
    "Ernstige signalen of lopende zaken",
    "Nee",
    "Nee",
    "Geregeld",
    "Vooral lokaal",
    "Extra aandacht nodig",
]


def shoot(page, name):
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{SHOTS}{name}-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=f"{SHOTS}{name}-desktop.png", full_page=True)


def test_a_mayors_kit_ends_in_a_level_with_its_package(page):
    mayor = people.UserFactory(email="burgemeester@example.test", full_name="Anna de Vries")
    account_actions.role_assign(
        actor=None,
        user=mayor,
        role=Role.OFFICEHOLDER,
        office_type=OfficeType.BURGEMEESTER,
        body=people.municipality(),
    )
    staff = people.triage_staff(mfa=False, email="bzk@example.test")
    secret = people.with_mfa(staff)

    # The mayor: from the kit to the analysis, the scan, and back to include its level.
    browser_login(page, mayor.email, people.PASSWORD)
    page.get_by_role("link", name="Starterspakket").first.click()
    page.get_by_role("link", name="Naar uw risicoanalyse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw risicoanalyse")
    expect(page.get_by_text("nog niet: BZK vult dit in.")).to_be_visible()
    page.get_by_role("link", name="Start de scan").click()
    questions = page.locator("fieldset.scan-question")
    for index, answer in enumerate(ANSWERS):
        questions.nth(index).get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Bekijk mijn resultaat").click()
    expect(page.get_by_role("heading", name="Risiconiveau: verhoogd")).to_be_visible()
    page.goto("/veilige-woning/starterspakket/risicoanalyse/")
    page.get_by_role("button", name="Neem het risico van mijn woning op").click()
    expect(page.get_by_text("BZK ziet het niveau, niet uw antwoorden.")).to_be_visible()
    expect(page.locator(".parts-list li.is-done")).to_have_count(1)
    page.context.clear_cookies()

    # BZK staff: the kits overview, the mayor's analysis, their questions and the police.
    browser_login(page, staff.email, people.PASSWORD, totp_secret=secret)
    page.get_by_role("link", name="Starterspakketten").first.click()
    page.get_by_role("link", name="Toon alle onafgeronde pakketten").click()
    expect(page.get_by_role("cell", name="nog niet bepaald")).to_be_visible()
    link = page.get_by_role("link", name="Risicoanalyse", exact=True)
    expect(link).to_have_accessible_description("Anna de Vries")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risicoanalyse van Anna de Vries")
    expect(page.get_by_text("risico verhoogd, volgens de basisscan")).to_be_visible()
    # Sending it half done names what is missing.
    page.get_by_role("button", name="Bewaar en bepaal het niveau").click()
    expect(page.get_by_text("Nog niet alle vragen zijn beantwoord")).to_be_visible()
    groups = page.locator("fieldset.scan-question")
    for index, answer in enumerate(STAFF_ANSWERS):
        groups.nth(index).get_by_label(answer, exact=True).check()
    page.get_by_role("textbox", name="Wat adviseert de politie?").fill(POLICE_ADVICE)
    shoot(page, "staff-form")
    page.get_by_role("button", name="Bewaar en bepaal het niveau").click()
    expect(page.get_by_text("De risicoanalyse is bijgewerkt.")).to_be_visible()
    expect(page.get_by_role("heading", name="Beveiligingsniveau: verhoogd")).to_be_visible()
    analysis = RiskAnalysis.objects.get(kit__mayor=mayor)
    assert (analysis.points, analysis.level) == (11, SecurityLevel.ELEVATED)
    page.get_by_role("link", name="Terug naar de starterspakketten").click()
    page.get_by_role("link", name="Toon alle onafgeronde pakketten").click()
    expect(page.locator(".risk-badge")).to_have_text("Verhoogd")
    shoot(page, "overview")
    page.context.clear_cookies()

    # The mayor: the level, why, the package, the police's advice, and one step to the fund.
    browser_login(page, mayor.email, people.PASSWORD)
    page.goto("/veilige-woning/starterspakket/risicoanalyse/")
    expect(page.get_by_role("heading", name="Beveiligingsniveau: verhoogd")).to_be_visible()
    expect(page.get_by_text("11 punten.")).to_be_visible()
    expect(page.locator(".package-list li")).to_have_count(7)
    expect(page.get_by_text(POLICE_ADVICE)).to_be_visible()
    page.get_by_text("Hoe het niveau is bepaald").click()
    expect(page.get_by_role("cell", name="Ernstige signalen of lopende zaken")).to_be_visible()
    shoot(page, "mayor")
    page.get_by_role("button", name="Zet het pakket in mijn aanvraag bij het fonds").click()
    expect(page.get_by_text("Alleen BZK ziet uw aanvraag, de griffie niet.")).to_be_visible()
    application = GrantApplication.objects.get(applicant=mayor)
    assert set(application.lines.values_list("kind", flat=True)) == {
        "home_security",
        "alarm",
        "other_security",
    }
    shoot(page, "fund")
