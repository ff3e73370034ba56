"""The account pages in a real browser (CSP on): "Mijn account" and its links, the name, the
tab bar, changing the address with the password asked again, and asking for erasure. Set
SCREENSHOT_DIR to keep screenshots."""

import os

import pytest

from accounts.tests import factories
from homescan.tests import factories as homescan_factories
from incidents.tests import factories as incident_factories
from tests.helpers import browser_login, clear_test_cache

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page, name):
    directory = os.environ.get("SCREENSHOT_DIR")
    if not directory:
        return
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{directory}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_officeholder_changes_the_address_and_reaches_erasure_from_the_account_pages(
    page, eager_tasks
):
    clear_test_cache()
    factories.officeholder(email="ander-account@example.test")
    user = factories.officeholder(email="raadslid-browser@example.test")
    incident = incident_factories.submitted(user)
    homescan_factories.scan(owner=user)
    browser_login(page, user.email, factories.PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn account"
    ).click()
    page.get_by_role("heading", name="Mijn account", level=1).wait_for()
    assert page.get_by_role("link", name="Overzicht").get_attribute("aria-current") == "page"
    shoot(page, "account")
    # Nothing scrolls sideways on a small phone.
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.locator("#id_full_name").fill("Olga van Dijk")
    page.get_by_role("button", name="Naam opslaan").click()
    page.get_by_text("Uw naam is gewijzigd.").wait_for()
    assert page.locator("#id_full_name").input_value() == "Olga van Dijk"

    # Who opened the report: from the account page to the report's own page and back.
    page.get_by_role("link", name=f"Wie heeft melding {incident.reference} ingezien?").click()
    page.get_by_role("heading", name="Wie heeft uw melding ingezien").wait_for()
    page.go_back()

    page.get_by_role("link", name="E-mailadres wijzigen").click()
    page.get_by_role("heading", name="E-mailadres", level=1).wait_for()
    shoot(page, "email")
    page.get_by_label("Nieuw e-mailadres").fill("ander-account@example.test")
    page.get_by_role("button", name="E-mailadres wijzigen").click()
    # The password is asked again first.
    page.wait_for_url("**/reauthenticate/**")
    shoot(page, "reauthenticate")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    # allauth resumes the change that asked for the password.
    # In the error summary and at the field.
    page.get_by_text("Dit e-mailadres kunt u niet gebruiken").first.wait_for()
    shoot(page, "email-taken")
    page.get_by_label("Nieuw e-mailadres").fill("nieuw-adres@example.test")
    page.get_by_role("button", name="E-mailadres wijzigen").click()
    page.get_by_text("De wijziging gaat pas in als u die link gebruikt").wait_for()
    shoot(page, "email-pending")

    page.get_by_role("link", name="Account laten verwijderen").click()
    page.get_by_role("heading", name="Mijn account laten verwijderen").wait_for()
    page.get_by_label("Uw wachtwoord").fill("niet-het-goede-wachtwoord")
    page.get_by_role("button", name="Verwijder mijn account").click()
    page.get_by_text("Dit wachtwoord klopt niet").first.wait_for()
    shoot(page, "erasure-wrong-password")
    page.get_by_label("Uw wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Verwijder mijn account").click()
    page.get_by_text("Wij hebben u een e-mail gestuurd").first.wait_for()
    shoot(page, "erasure-requested")

    from urllib.parse import unquote

    from django.core import mail

    [body] = [m.body for m in mail.outbox if "bevestig=" in m.body]
    token = unquote(body.split("bevestig=", 1)[1].split()[0])
    page.goto(f"/inzage/account-verwijderen/?bevestig={token}")
    page.get_by_role("heading", name="Verwijdering van uw account bevestigen").wait_for()
    shoot(page, "erasure-confirm")
    page.get_by_role("button", name="Ja, verwijder mijn account").click()
    page.get_by_text("Uw verzoek is bevestigd").wait_for()
    shoot(page, "erasure-confirmed")
    page.get_by_role("button", name="Verzoek intrekken").click()
    page.get_by_text("Uw verzoek om verwijdering is ingetrokken").wait_for()

    page.goto("/account/mijn/")
    page.get_by_text("Staat uit.").wait_for()
    page.get_by_role("link", name="Tweestapsverificatie aanzetten").click()
    page.wait_for_url("**/account/2fa/**")
    shoot(page, "mfa")


def test_staff_see_their_account_with_two_step_verification_on(page):
    clear_test_cache()
    staff = factories.triage_staff(mfa=False, email="behandelaar-account@example.test")
    secret = factories.with_mfa(staff)
    browser_login(page, staff.email, factories.PASSWORD, totp_secret=secret)
    page.goto("/account/mijn/")
    page.get_by_text("Staat aan.").wait_for()
    assert page.get_by_role("link", name="Account laten verwijderen").count() == 0
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shoot(page, "account-staff")
