"""In a real Chromium (CSP on): a staff member sends the reporter a message; the reporter gets
one content-free mail, sees the case as new in "Mijn meldingen", opens it and finds the message
marked new, after which the marker is gone; they change how they hear about the case, and a
message on the closed case reopens it."""

import pytest
from playwright.sync_api import expect

from accounts.tests import factories as people
from incidents import actions
from incidents.models import NotifyBy
from incidents.tests import factories
from incidents.workflow import Status
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/reporter-"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
REPLY = "Wij bellen u morgen om tien uur."


def logout(page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("link", name="Inloggen").first).to_be_visible()


def shoot(page, name):
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{SHOTS}{name}-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=f"{SHOTS}{name}-desktop.png", full_page=True)


def test_a_staff_message_is_new_to_the_reporter_until_they_open_the_case(
    page, smtp_settings, eager_tasks
):
    staff = people.triage_staff(mfa=False, email="bzk@example.test", full_name="Pieter Bakker")
    secret = people.with_mfa(staff)
    reporter = factories.reporter(email="wethouder@example.test", full_name="Anna de Vries")
    incident = factories.submitted(reporter)
    other = factories.submitted(reporter)
    actions.incident_assign(actor=staff, incident=other, assignee=staff)
    page.set_viewport_size(DESKTOP)
    before = len(smtp_settings.messages)  # the confirmations and the assignment

    browser_login(page, staff.email, people.PASSWORD, totp_secret=secret)
    page.goto(f"/meldingen/{incident.pk}/")
    page.get_by_label("Bericht aan de melder (de melder leest dit)").fill(REPLY)
    page.get_by_role("button", name="Versturen aan de melder").click()
    page.get_by_role("button", name="Versturen", exact=True).click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    logout(page)
    [mail] = smtp_settings.messages[before:]
    assert mail["To"] == reporter.email
    body = mail.get_payload(decode=True).decode()
    assert f"/meldingen/{incident.pk}/" in body and REPLY not in body and "Pieter" not in body

    browser_login(page, reporter.email, people.PASSWORD)
    page.goto("/meldingen/")
    card = page.locator(".case-card").filter(has_text=incident.reference)
    expect(card.locator(".new-badge")).to_have_text(
        "Ongelezen: er is iets veranderd sinds u deze melding voor het laatst opende"
    )
    expect(card).to_contain_text(
        "Laatste wijziging: Nieuw bericht van het Netwerk Weerbaar Bestuur"
    )
    other_card = page.locator(".case-card").filter(has_text=other.reference)
    expect(other_card).to_contain_text("Een medewerker behandelt uw melding")
    shoot(page, "my-reports-unread")

    card.get_by_role("link", name=incident.reference).click()
    message = page.locator(".message").filter(has_text=REPLY)
    expect(message.locator(".new-badge")).to_have_text("Nieuw sinds uw vorige bezoek")
    expect(page.get_by_text("Sinds uw vorige bezoek is er iets nieuw.")).to_be_visible()
    shoot(page, "case-new")

    page.get_by_role("link", name="Mijn meldingen").first.click()
    card = page.locator(".case-card").filter(has_text=incident.reference)
    expect(card).to_contain_text("Laatste wijziging")
    expect(card.locator(".new-badge")).to_have_count(0)
    page.goto(f"/meldingen/{incident.pk}/")
    expect(page.locator(".message .new-badge")).to_have_count(0)

    # How they hear about it: another address, refused when it is none, then kept.
    page.get_by_label("Per e-mail naar een ander adres").check()
    page.get_by_label("Ander e-mailadres").fill("prive-adres")
    page.get_by_role("button", name="Keuze opslaan").click()
    expect(page.get_by_text("Dit is geen geldig e-mailadres").first).to_be_visible()
    shoot(page, "notify-choice-error")
    page.get_by_label("Ander e-mailadres").fill("prive@example.test")
    page.get_by_role("button", name="Keuze opslaan").click()
    expect(
        page.get_by_text("Uw keuze voor berichten over deze melding is opgeslagen")
    ).to_be_visible()
    incident.refresh_from_db()
    assert (incident.notify_by, incident.notify_address) == (NotifyBy.OTHER, "prive@example.test")


def test_the_reporters_message_on_a_closed_case_reopens_it(page, smtp_settings, eager_tasks):
    staff = people.triage_staff()
    incident = factories.reach(Status.CLOSED, staff)
    actions.incident_assign(actor=staff, incident=incident, assignee=staff)
    page.set_viewport_size(DESKTOP)
    before = len(smtp_settings.messages)
    browser_login(page, incident.reporter.email, people.PASSWORD)
    page.goto(f"/meldingen/{incident.pk}/")
    expect(page.get_by_text("daarmee opent u de melding weer")).to_be_visible()
    page.get_by_label("Bericht of aanvulling").fill("Het gebeurt weer.")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_text("door uw bericht weer geopend")).to_be_visible()
    shoot(page, "reopened")
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS
    assert [m["To"] for m in smtp_settings.messages[before:]] == [staff.email]
