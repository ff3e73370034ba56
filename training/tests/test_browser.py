"""In a real Chromium: a partner member offers a training with a date, a council member finds
it, signs up, the partner marks attendance, and the council member downloads the certificate;
the pages work on a phone without horizontal scrolling."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.tests import factories as people
from network.tests.factories import member
from tests.helpers import browser_login
from training.models import Session
from training.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/training-"


def _switch_to(page, user):
    page.context.clear_cookies()
    browser_login(page, user.email, people.PASSWORD)


def test_a_partner_offers_a_training_a_council_member_attends_and_gets_a_certificate(page):
    partner = member(email="partner@example.test", full_name="Joost Smit")
    council_member = people.officeholder(email="raadslid@example.test", full_name="Roos Raadslid")
    day = timezone.localdate() + timedelta(days=21)

    browser_login(page, partner.email, people.PASSWORD)
    page.goto("/trainingen/")
    page.get_by_role("link", name="Training aanbieden").click()
    page.get_by_label("Titel").fill("Omgaan met agressie in de raadszaal")
    page.get_by_label("Onderwerp").fill("Agressie en geweld")
    page.get_by_label("Omschrijving").fill("Een avond oefenen met een trainingsacteur.")
    page.get_by_label("Raadsleden").check()
    page.get_by_label("Griffiers").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Datum toevoegen")
    page.get_by_label("Begint op").fill(f"{day:%Y-%m-%d}T19:00")
    page.get_by_label("Eindigt op").fill(f"{day:%Y-%m-%d}T21:30")
    page.get_by_label("Plaats", exact=True).fill("Stadhuis, Utrecht")
    page.get_by_label("Aantal plaatsen").fill("12")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De bijeenkomst is toegevoegd.")).to_be_visible()

    _switch_to(page, council_member)
    page.get_by_role("link", name="Trainingen").first.click()
    page.get_by_label("Voor wie").select_option("raadslid")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("status")).to_have_text("1 training")
    page.screenshot(path=SHOTS + "catalogue.png", full_page=True)
    page.get_by_role("link", name="Omgaan met agressie in de raadszaal").click()
    page.get_by_role("button", name="Aanmelden").click()
    expect(
        page.get_by_text("U bent aangemeld. U ontvangt een bevestiging per e-mail.")
    ).to_be_visible()
    expect(page.get_by_text("1 van 12 plaatsen bezet")).to_be_visible()
    page.screenshot(path=SHOTS + "signed-up.png", full_page=True)

    # The evening of the session: the provider records who came.
    factories.begin(Session.objects.get())
    _switch_to(page, partner)
    page.goto("/trainingen/")
    page.get_by_role("link", name="Omgaan met agressie in de raadszaal").click()
    page.get_by_role("link", name="Deelnemers en aanwezigheid").click()
    page.get_by_label("Roos Raadslid").check()
    page.screenshot(path=SHOTS + "attendance.png", full_page=True)
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("De aanwezigheid is opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Roos Raadslid")).to_be_checked()

    _switch_to(page, council_member)
    page.goto("/trainingen/")
    page.get_by_role("link", name="Omgaan met agressie in de raadszaal").click()
    expect(page.get_by_text("U was aanwezig.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Certificaat downloaden (pdf)").click()
    reader = PdfReader(download_info.value.path())
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Certificaat van deelname" in text
    assert "Roos Raadslid" in text
    assert "Omgaan met agressie in de raadszaal" in text

    # On a phone nothing is wider than the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    detail = page.url
    for path in ("/trainingen/", "/trainingen/?voor=burgemeester", detail):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a phone"
    page.screenshot(path=SHOTS + "detail-phone.png", full_page=True)
    page.goto("/trainingen/")
    page.screenshot(path=SHOTS + "catalogue-phone.png", full_page=True)


def test_a_griffier_signs_up_a_council_member_of_their_own_body(page):
    body = people.municipality()
    griffier = people.griffier(body=body, email="griffier@example.test", full_name="Greet Griffier")
    factories.council_member(body=body, full_name="Roos Raadslid")
    factories.council_member(body=people.municipality("GM0363"), full_name="Ella Elders")
    session = factories.session(factories.training(title="Veilig debatteren"))

    browser_login(page, griffier.email, people.PASSWORD)
    page.goto("/trainingen/")
    page.get_by_role("link", name="Veilig debatteren").click()
    expect(page.get_by_text("Deze training is niet bedoeld voor uw functie")).to_be_visible()
    page.get_by_role("link", name="Raadsleden of bestuurders aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden namens uw raad")
    choose = page.get_by_label("Wie meldt u aan?")
    expect(choose.locator("option")).to_have_text(["Kies iemand", "Roos Raadslid"])
    page.get_by_role("button", name="Aanmelden", exact=True).click()  # nobody chosen
    expect(page.get_by_text("Kies wie u aanmeldt.").first).to_be_visible()
    choose.select_option(label="Roos Raadslid")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(
        page.get_by_text("Roos Raadslid is aangemeld en krijgt een bevestiging per e-mail.")
    ).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(has_text="Roos Raadslid · aangemeld")
    ).to_be_visible()
    page.screenshot(path=SHOTS + "griffie.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/trainingen/bijeenkomsten/{session.pk}/aanmelden-namens/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the griffier's page is {width}px wide on a phone"
    page.screenshot(path=SHOTS + "griffie-phone.png", full_page=True)
