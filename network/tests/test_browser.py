"""In a real Chromium: a partner searches the knowledge base, opens a practice example and
downloads its PDF; the page works on a phone without horizontal scrolling."""

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.tests import factories as people
from network.models import Audience, KnowledgeKind, Theme
from network.tests.factories import item, member
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/network-"


def test_a_partner_searches_opens_a_practice_and_downloads_its_pdf(page):
    partner = member(email="partner@example.test", full_name="Joost Smit")
    staff = people.triage_staff(mfa=False)
    theme = Theme.objects.filter(slug="veilig-vergaderen")
    item(
        staff=staff,
        kind=KnowledgeKind.PRACTICE,
        title="Praktijkvoorbeeld: een nieuwe tribune in de raadszaal",
        summary="Een gemeente verplaatste de publieke tribune en maakte een tweede uitgang.",
        body="## Wat is er gedaan\n\nDe tribune is verplaatst.\n\n"
        "## Wat hebben we geleerd\n\nBetrek de bodes vroeg.",
        audience=Audience.PARTNERS,
        themes=theme,
    )
    item(staff=staff, title="Handreiking veilig wonen", summary="Over de basisscan.", body="Slot")

    browser_login(page, partner.email, people.PASSWORD)
    page.get_by_role("link", name="Kennisbank").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kennisbank")
    page.get_by_label("Waar zoekt u naar?").fill("tribune")
    page.get_by_label("Soort").select_option(KnowledgeKind.PRACTICE.value)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status").filter(has_text="resultaat")).to_contain_text(
        "1 resultaat voor “tribune”"
    )
    expect(page.get_by_text("Handreiking veilig wonen")).to_have_count(0)
    page.screenshot(path=SHOTS + "search.png", full_page=True)

    page.get_by_role("link", name="Praktijkvoorbeeld: een nieuwe tribune in de raadszaal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Praktijkvoorbeeld: een nieuwe tribune in de raadszaal"
    )
    expect(page.get_by_role("heading", name="Wat hebben we geleerd")).to_be_visible()
    page.screenshot(path=SHOTS + "practice.png", full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Afdrukken of opslaan (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    reader = PdfReader(download.path())
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "een nieuwe tribune in de raadszaal" in text
    assert "Betrek de bodes vroeg." in text

    page.get_by_role("button", name="Ja, nuttig").click()
    expect(page.get_by_text("Uw antwoord is opgeslagen.")).to_be_visible()

    # On a phone nothing is wider than the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/netwerk/kennisbank/?q=tribune", "/netwerk/partners/nvvr/", "/netwerk/partners/"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a phone"
    page.screenshot(path=SHOTS + "organisation-phone.png", full_page=True)


def test_a_broad_search_says_there_are_more_than_it_counts_and_pages_up_to_there(page, monkeypatch):
    monkeypatch.setattr("network.selectors.SEARCH_COUNT_CAP", 3)
    monkeypatch.setattr("network.views.knowledge.PAGE_SIZE", 2)
    staff = people.triage_staff(mfa=False)
    for n in range(5):
        item(staff=staff, title=f"Tribune {n}", summary="Over de publieke tribune.", body="Tekst")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/netwerk/kennisbank/?q=tribune")
    status = page.get_by_role("status").filter(has_text="resultaten")
    expect(status).to_contain_text("Meer dan 3 resultaten voor “tribune”")
    expect(status).to_contain_text("Maak de zoekopdracht specifieker")
    expect(page.get_by_text("Pagina 1", exact=True)).to_be_visible()
    page.screenshot(path=SHOTS + "search-capped-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Volgende").click()
    expect(page.get_by_text("Pagina 2", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Volgende")).to_have_count(0)
    expect(page.get_by_role("link", name="Vorige")).to_be_visible()
