"""In a real Chromium: a griffier asks to join the learning network, BZK (signed in with a
second factor) approves, and the griffier registers for a meeting; the pages work on a phone
without horizontal scrolling."""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from accounts.tests import factories as people
from learning import actions
from learning.tests import factories
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/learning-"


def test_a_griffier_asks_bzk_approves_and_the_griffier_registers_for_a_meeting(page):
    body = people.municipality("GM0363")
    griffier = people.griffier(body=body, email="griffier@example.test", full_name="Gerda Griffier")
    staff = people.with_role(
        people.UserFactory(email="bzk@example.test", full_name="Bas BZK"), Role.TRIAGE
    )
    staff_secret = people.with_mfa(staff)
    factories.meeting(actor=staff, title="Veilig vergaderen: de publieke tribune", capacity=20)

    browser_login(page, griffier.email, people.PASSWORD)
    page.get_by_role("link", name="Leernetwerk Veilig Vergaderen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Deelnemen aan het leernetwerk Veilig Vergaderen"
    )
    page.get_by_label("Waarom wilt u deelnemen?").fill(
        "Wij hadden onrust op de tribune en willen leren van andere gemeenten."
    )
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_text("Uw aanvraag is verstuurd.")).to_be_visible()
    expect(page.get_by_text("Wacht op BZK")).to_be_visible()
    page.screenshot(path=SHOTS + "join.png", full_page=True)

    page.context.clear_cookies()
    browser_login(page, staff.email, people.PASSWORD, totp_secret=staff_secret)
    page.goto("/leernetwerk/")
    page.get_by_role("link", name="Aanvragen (1)").click()
    page.screenshot(path=SHOTS + "requests.png", full_page=True)
    page.get_by_role("link", name="Besluiten").click()
    page.get_by_label("Goedkeuren").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Het besluit is opgeslagen")).to_be_visible()
    expect(page.get_by_text("Er wachten geen aanvragen.")).to_be_visible()

    page.context.clear_cookies()
    browser_login(page, griffier.email, people.PASSWORD)
    page.goto("/leernetwerk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leernetwerk Veilig Vergaderen")
    page.screenshot(path=SHOTS + "home.png", full_page=True)
    page.get_by_role("link", name="Veilig vergaderen: de publieke tribune").click()
    page.get_by_role("button", name="Aanmelden").click()
    expect(
        page.get_by_text("U bent aangemeld. U ontvangt een bevestiging per e-mail.")
    ).to_be_visible()
    expect(page.get_by_text("1 van 20 plaatsen bezet")).to_be_visible()
    page.screenshot(path=SHOTS + "meeting.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        "/leernetwerk/",
        "/leernetwerk/bijeenkomsten/",
        page.url,
        "/leernetwerk/deelnemers/",
    ):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a phone"
        page.screenshot(
            path=SHOTS + path.strip("/").replace("/", "-") + "-phone.png", full_page=True
        )


def test_bzk_writes_the_report_consents_and_makes_it_a_practice_example_without_names(page):
    staff = people.with_role(
        people.UserFactory(email="bzk@example.test", full_name="Bas BZK"), Role.TRIAGE
    )
    staff_secret = people.with_mfa(staff)
    body = factories.participant().role_assignments.get().body
    griffier = people.griffier(body=body, full_name="Gerda Griffier")
    meeting = factories.meeting(actor=staff, title="Veilig vergaderen: de publieke tribune")
    actions.meeting_register(actor=griffier, meeting=meeting)
    factories.begin(meeting)

    browser_login(page, staff.email, people.PASSWORD, totp_secret=staff_secret)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Verslag en materiaal").click()
    page.get_by_label("Verslag").fill(
        "Gerda Griffier vertelde hoe een tweede uitgang de tribune rustiger maakte."
    )
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_text("Het verslag is opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Ja, BZK mag dit verslag gebruiken").click()
    expect(page.get_by_text("BZK mag van dit verslag een praktijkvoorbeeld maken.")).to_be_visible()
    page.screenshot(path=SHOTS + "report-consent.png", full_page=True)
    page.get_by_role("link", name="Praktijkvoorbeeld maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Praktijkvoorbeeld maken van het verslag"
    )
    page.get_by_label("Alleen partners").check()
    page.screenshot(path=SHOTS + "report-practice.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the practice page is {width}px wide on a phone"
    page.screenshot(path=SHOTS + "report-practice-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Concept maken").click()
    expect(page.get_by_text("Het concept-praktijkvoorbeeld staat in de kennisbank.")).to_be_visible(
        timeout=10_000
    )
    expect(page.get_by_text("[naam] vertelde hoe een tweede uitgang")).to_be_visible()
    expect(page.get_by_text("Gerda Griffier")).to_have_count(0)
    page.screenshot(path=SHOTS + "report-practice-draft.png", full_page=True)
