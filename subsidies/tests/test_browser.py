"""The whole path in a real Chromium: a griffier applies in steps, one staff member reviews,
another decides, and the griffier downloads the decision letter; after the payment, a reminder
leads the griffier to the due date and the account."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.tests import factories as people
from subsidies import tasks
from subsidies.models import GrantApplication
from subsidies.tests import factories
from subsidies.tests.factories import PDF_BYTES
from tests.helpers import browser_login
from tests.test_accessibility import AXE, check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/subsidies-"


def logout(page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("link", name="Inloggen").first).to_be_visible()


def test_griffier_applies_staff_review_and_decide_griffier_downloads_the_letter(
    page, reference_data
):
    griffier = people.griffier(email="griffier@example.test", full_name="Fatima El Amrani")
    reviewer = people.triage_staff(mfa=False, email="beoordelaar@example.test")
    reviewer_secret = people.with_mfa(reviewer)
    decider = people.triage_staff(
        mfa=False, email="beslisser@example.test", full_name="Pieter Bakker"
    )
    decider_secret = people.with_mfa(decider)

    # The griffier starts from the home page link and applies in six steps.
    browser_login(page, griffier.email, people.PASSWORD)
    page.get_by_role("link", name="Subsidie aanvragen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subsidie aanvragen")
    page.screenshot(path=SHOTS + "start.png", full_page=True)
    page.get_by_role("button", name="Aanvraag Veilig Vergaderen starten").click()

    expect(page.locator('[aria-current="step"]')).to_contain_text("Situatie")
    page.get_by_label("Hoe ziet de vergadersituatie er nu uit?").fill(
        "De tribune grenst aan de raadstafel."
    )
    page.get_by_label("Welke incidenten zijn de aanleiding?").fill("Bedreigingen vanaf de tribune.")
    page.screenshot(path=SHOTS + "step1.png", full_page=True)
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.locator('[aria-current="step"]')).to_contain_text("Maatregelen")
    first = page.get_by_role("group", name="Maatregel 1")
    first.get_by_label("Soort maatregel").select_option("room_layout")
    first.get_by_label("Omschrijving").fill("Tribune verplaatsen")
    first.get_by_label("Kosten").fill("-10")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_text("Een bedrag kan niet negatief zijn.").first).to_be_visible()
    page.screenshot(path=SHOTS + "step2-error.png", full_page=True)
    first.get_by_label("Kosten").fill("12.500,00")
    second = page.get_by_role("group", name="Maatregel 2")
    second.get_by_label("Soort maatregel").select_option("training")
    second.get_by_label("Omschrijving").fill("Training voorzitter")
    second.get_by_label("Kosten").fill("2500.50")
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.locator('[aria-current="step"]')).to_contain_text("Planning")
    page.get_by_label("Planning").fill("In het zomerreces.")
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.locator('[aria-current="step"]')).to_contain_text("Contactpersoon")
    expect(page.get_by_label("Naam contactpersoon")).to_have_value("Fatima El Amrani")
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.locator('[aria-current="step"]')).to_contain_text("Bijlagen")
    for kind, name in (("floor_plan", "plattegrond.pdf"), ("quote", "offerte.pdf")):
        page.get_by_label("Soort bijlage").select_option(kind)
        page.get_by_label("Bestand").set_input_files(
            {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
        page.get_by_role("button", name="Bijlage toevoegen").click()
        expect(page.get_by_role("link", name=re.compile(name))).to_be_visible()
    page.screenshot(path=SHOTS + "step5.png", full_page=True)
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.locator('[aria-current="step"]')).to_contain_text("Controleren")
    expect(page.get_by_text("€ 15.000,50").first).to_be_visible()
    page.screenshot(path=SHOTS + "step6.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS + "step6-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_role("status").filter(has_text="Status:")).to_contain_text("Ingediend")
    detail_url = page.url
    logout(page)

    # One staff member starts the review and assesses.
    browser_login(page, reviewer.email, people.PASSWORD, totp_secret=reviewer_secret)
    page.goto("/subsidies/")
    page.get_by_role("link", name="Gemeente Utrecht").click()
    page.get_by_role("button", name="Beoordeling starten").click()
    page.get_by_label("De overheid mag aanvragen").check()
    page.get_by_label("De maatregelen vallen onder de regeling").check()
    page.get_by_label("De verplichte bijlagen zijn compleet").check()
    page.get_by_label("De kosten zijn redelijk").check()
    page.get_by_label("Score").select_option("4")
    page.get_by_label("Advies").select_option("grant")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_text("Een collega neemt het besluit (vier ogen).").first).to_be_visible()
    expect(page.get_by_role("link", name="Besluit nemen")).to_have_count(0)
    page.screenshot(path=SHOTS + "staff-detail.png", full_page=True)
    logout(page)

    # A colleague decides; the letter goes out.
    browser_login(page, decider.email, people.PASSWORD, totp_secret=decider_secret)
    page.goto(detail_url)
    page.get_by_role("link", name="Besluit nemen").click()
    page.get_by_label("Toegekend", exact=True).check()
    page.screenshot(path=SHOTS + "decide.png", full_page=True)
    page.get_by_role("button", name="Beschikking bekijken").click()
    # "Beschikking versturen?": the letter as it will be sent, then the confirmation.
    expect(page.get_by_role("heading", name="Beschikking versturen?")).to_be_visible()
    expect(page.locator(".letter-preview")).to_contain_text("Beschikking: toegekend")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS + "confirm-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=SHOTS + "confirm-desktop.png", full_page=True)
    page.get_by_role("button", name="Besluit definitief versturen").click()
    expect(page.get_by_role("heading", name="Besluit: Toegekend")).to_be_visible()
    # Staff see the notice to the griffier and its delivery state on the application.
    expect(page.locator("ul.delivery")).to_contain_text("Besluit verstuurd")
    page.locator("#berichten-status").scroll_into_view_if_needed()
    page.screenshot(path=SHOTS + "staff-delivery.png", full_page=True)
    page.goto("/subsidies/budget/")
    expect(page.get_by_role("cell", name="€ 2.984.999,50")).to_be_visible()
    page.screenshot(path=SHOTS + "budget.png", full_page=True)
    logout(page)

    # The griffier sees the status and downloads the decision letter.
    browser_login(page, griffier.email, people.PASSWORD)
    page.get_by_role("link", name="Mijn aanvragen").first.click()
    expect(page.get_by_role("cell", name="Toegekend")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS + "list-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Gemeente Utrecht").click()
    page.screenshot(path=SHOTS + "griffier-decided.png", full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Beschikking downloaden (PDF)").click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        data = handle.read()
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "Beschikking: toegekend" in text
    assert "€ 15.000,50" in text
    with open(SHOTS + "beschikking.pdf", "wb") as handle:
        handle.write(data)


def test_an_officeholder_applies_to_the_fund_and_the_griffier_is_never_offered_it(
    page, reference_data
):
    officeholder = people.officeholder(email="wethouder@example.test", full_name="Anna Jansen")
    body = officeholder.role_assignments.get().body
    griffier = people.griffier(email="griffie@example.test", body=body)

    browser_login(page, officeholder.email, people.PASSWORD)
    page.get_by_role("link", name="Beveiligingsmaatregelen aanvragen").first.click()
    expect(page.get_by_role("heading", level=3)).to_have_text(["Fonds beveiligingsmaatregelen"])
    expect(page.get_by_text("zien uw aanvraag en het besluit niet")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS + "fund-start-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=SHOTS + "fund-start-desktop.png", full_page=True)
    page.get_by_role("button", name="Aanvraag Fonds beveiligingsmaatregelen starten").click()
    expect(page.get_by_label("Wat is uw situatie nu?")).to_be_visible()
    logout(page)

    # The griffier of the same body is offered Veilig Vergaderen only and sees nothing of it.
    browser_login(page, griffier.email, people.PASSWORD)
    page.goto("/subsidies/aanvragen/nieuw/")
    expect(page.get_by_role("heading", level=3)).to_have_text(["Veilig Vergaderen"])
    page.goto("/subsidies/")
    expect(page.get_by_text("Fonds beveiligingsmaatregelen")).to_have_count(0)
    expect(page.get_by_text("Anna Jansen")).to_have_count(0)


def test_after_a_reminder_the_griffier_sees_the_due_date_and_sends_in_the_account(
    page, reference_data, eager_tasks, smtp_settings
):
    griffier = people.griffier(email="griffier@example.test", full_name="Fatima El Amrani")
    staff = people.triage_staff(mfa=False, email="bzk@example.test")
    staff_secret = people.with_mfa(staff)
    application = factories.paid(griffier=griffier)
    due = timezone.localdate() + timedelta(days=20)
    GrantApplication.objects.filter(pk=application.pk).update(account_due_on=due)
    with translation.override("nl"):
        due_text = date_format(due, "j F Y")

    # Staff find it among the accounts due within four weeks.
    browser_login(page, staff.email, people.PASSWORD, totp_secret=staff_secret)
    page.goto("/subsidies/")
    page.get_by_label("Verantwoording", exact=True).select_option("binnenkort")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text(f"Verantwoording uiterlijk {due_text}")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS + "accounts-due-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=SHOTS + "accounts-due.png", full_page=True)
    page.get_by_role("link", name="Gemeente Utrecht").click()
    expect(page.get_by_role("button", name="Datum verschuiven")).to_be_visible()
    page.locator("#verantwoording-datum").scroll_into_view_if_needed()
    page.screenshot(path=SHOTS + "account-due-staff.png", full_page=True)
    logout(page)

    # The reminder: a link and nothing of the application.
    assert tasks.remind_of_account_due_dates() == 1
    [mail] = smtp_settings.messages
    assert mail["To"] == griffier.email
    body = mail.get_payload(decode=True).decode()
    assert "Gemeente Utrecht" not in body and application.reference not in body
    link = re.search(r"/subsidies/aanvragen/\d+/", body).group(0)

    browser_login(page, griffier.email, people.PASSWORD)
    page.goto(link)
    expect(page.get_by_text(f"Verantwoording uiterlijk {due_text}")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS + "account-due-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=SHOTS + "account-due-griffier.png", full_page=True)
    page.get_by_role("link", name="Naar het formulier voor de verantwoording").click()
    page.get_by_label("Wat heeft u gedaan?").fill("De tribune is verplaatst.")
    page.get_by_label("Werkelijke kosten").fill("14.000,00")
    page.get_by_label("Wat heeft u geleerd?").fill("Begin vroeg met de aanbesteding.")
    page.get_by_role("button", name="Verantwoording indienen").click()
    expect(page.get_by_text("Uw verantwoording is ingediend. BZK beoordeelt die.")).to_be_visible()
    expect(page.get_by_text("De verantwoording is ingediend. BZK beoordeelt die.")).to_be_visible()
    page.screenshot(path=SHOTS + "account-sent.png", full_page=True)
    problems = check_page(page, AXE.read_text(), "griffier, account sent", 1280)
    # Sent in: no reminder any more, not even once the date has passed.
    GrantApplication.objects.filter(pk=application.pk).update(
        account_due_on=timezone.localdate() - timedelta(days=1)
    )
    assert tasks.remind_of_account_due_dates() == 0
    assert len(smtp_settings.messages) == 1
    logout(page)

    # A colleague at BZK sends it back with a question (a second sign-in with the same
    # one-time code would be refused as a replay); the griffier is told and reads it.
    colleague = people.triage_staff(mfa=False, email="bzk-collega@example.test")
    colleague_secret = people.with_mfa(colleague)
    browser_login(page, colleague.email, people.PASSWORD, totp_secret=colleague_secret)
    page.goto(link)
    page.get_by_role("button", name="Terugsturen met deze vraag").click()
    expect(page.get_by_text("Uw vraag aan de aanvrager: Dit veld is verplicht.")).to_be_visible()
    problems += check_page(page, AXE.read_text(), "staff, question sent empty", 1280)
    # The refused form is answered with 400, which the browser logs; nothing else may be.
    assert [text for text in page.console_problems if "400" not in text] == []
    page.console_problems.clear()
    page.get_by_label("Uw vraag aan de aanvrager").fill("Welke offerte hoort bij de kosten?")
    page.get_by_role("button", name="Terugsturen met deze vraag").click()
    expect(page.get_by_text("De verantwoording is teruggestuurd.")).to_be_visible()
    expect(page.get_by_role("button", name="Verantwoording goedkeuren")).to_have_count(0)
    page.screenshot(path=SHOTS + "account-returned-staff.png", full_page=True)
    logout(page)
    assert len(smtp_settings.messages) == 2
    assert "Welke offerte" not in smtp_settings.messages[1].get_payload(decode=True).decode()
    browser_login(page, griffier.email, people.PASSWORD)
    page.goto(link)
    expect(page.get_by_text("Welke offerte hoort bij de kosten?")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS + "account-returned-phone.png", full_page=True)
    problems += check_page(page, AXE.read_text(), "griffier, account returned", 390)
    assert problems == []
