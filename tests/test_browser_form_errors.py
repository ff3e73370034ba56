"""Error states in a real Chromium at phone width: the summary gets focus, names the measure and
the field, and its link takes the person to the field."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.tests import factories as people
from incidents.tests import factories as incident_factories
from subsidies.tests import factories
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/errors-"


def test_the_grant_wizard_step_2_summary_takes_the_griffier_to_the_wrong_amount(page):
    griffier = people.griffier(email="griffier@example.test")
    application = factories.draft(griffier=griffier, costs=())
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, griffier.email, people.PASSWORD)
    page.goto(reverse("subsidies:step", args=[application.pk, 2]))
    second = page.get_by_role("group", name="Maatregel 2")
    first = page.get_by_role("group", name="Maatregel 1")
    first.get_by_label("Soort maatregel").select_option("room_layout")
    first.get_by_label("Omschrijving").fill("Tribune verplaatsen")
    first.get_by_label("Kosten").fill("1250")
    second.get_by_label("Soort maatregel").select_option("training")
    second.get_by_label("Omschrijving").fill("Training voorzitter")
    second.get_by_label("Kosten").fill("-10")
    page.get_by_role("button", name="Opslaan en verder").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    link = summary.get_by_role("link")
    expect(link).to_have_text("Maatregel 2, kosten: Een bedrag kan niet negatief zijn.")
    page.screenshot(path=SHOTS + "step2-phone.png", full_page=False)
    link.click()
    cost = page.get_by_role("group", name="Maatregel 2").get_by_label("Kosten")
    expect(cost).to_be_focused()
    expect(cost).to_have_attribute("aria-invalid", "true")
    expect(cost).to_have_accessible_description(re.compile("Een bedrag kan niet negatief zijn."))
    no_sideways = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_sideways


def test_melding_versturen_is_described_by_what_is_still_needed(page):
    reporter = incident_factories.reporter(email="melder@example.test")
    incident = incident_factories.draft(reporter, kinds=(), description="")
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, reporter.email, people.PASSWORD)
    page.goto(reverse("incidents:submit", args=[incident.pk]))
    expect(page.locator("[data-error-summary]")).to_be_focused()
    send = page.get_by_role("button", name="Melding versturen")
    expect(send).to_have_accessible_description(
        "Kies ten minste één soort incident. Beschrijf kort wat er is gebeurd."
    )
    page.screenshot(path=SHOTS + "submit-phone.png", full_page=False)
    page.get_by_role("link", name="Beschrijf kort wat er is gebeurd.").click()
    expect(page.get_by_label("Beschrijf wat er is gebeurd")).to_be_focused()
