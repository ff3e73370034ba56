"""In Chromium: the internal note's label leads to the note box and a note never reaches the
reporter; a message to the reporter is shown and confirmed first; nothing typed is lost."""

import pytest
from playwright.sync_api import expect

from accounts.tests import factories as people
from incidents.models import InternalNote, Message
from incidents.tests import factories
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/incidents-"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
NOTE_LABEL = "Interne notitie (de melder ziet dit nooit)"
MESSAGE_LABEL = "Bericht aan de melder (de melder leest dit)"
NOTE = "Dader is bekend bij het RIEC, dossier 4471."


def staff_on_the_case(page, incident):
    staff = people.triage_staff(mfa=False, email="bzk@example.test", full_name="Pieter Bakker")
    secret = people.with_mfa(staff)
    page.set_viewport_size(DESKTOP)
    browser_login(page, staff.email, people.PASSWORD, totp_secret=secret)
    page.goto(f"/meldingen/{incident.pk}/")
    return staff


def expect_focus_on(page, name):
    """The field called `name` gets the focus. Chromium applies autofocus at its next rendering
    step, which may come after the load event: the check waits for it (and fails if it never
    comes) rather than reading the focus once."""
    expect(page.locator(f"[name='{name}']")).to_be_focused()


def reporter_reads_the_case(page, incident):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("link", name="Inloggen").first).to_be_visible()
    browser_login(page, incident.reporter.email, people.PASSWORD)
    page.goto(f"/meldingen/{incident.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(incident.reference)
    return page.content()


def test_a_note_typed_through_its_label_is_saved_internally_and_the_reporter_never_sees_it(page):
    incident = factories.submitted()
    staff_on_the_case(page, incident)

    # Text in the message box that is not sent yet survives everything below.
    page.get_by_label(MESSAGE_LABEL).fill("Concept: wij bellen u morgen.")
    # An empty note: the page comes back with the error at the note box, nothing lost.
    page.get_by_role("button", name="Notitie opslaan (intern)").click()
    expect(page.get_by_text("Schrijf eerst een notitie.").first).to_be_visible()
    expect(page.get_by_label(MESSAGE_LABEL)).to_have_value("Concept: wij bellen u morgen.")
    expect_focus_on(page, "note-body")

    page.locator("label", has_text=NOTE_LABEL).click()  # the label, not the summary link
    expect_focus_on(page, "note-body")
    page.keyboard.type(NOTE)
    expect(page.get_by_label(NOTE_LABEL)).to_have_value(NOTE)
    expect(page.get_by_label(MESSAGE_LABEL)).to_have_value("Concept: wij bellen u morgen.")
    expect(page.get_by_text("Alleen voor BZK – de melder ziet dit nooit")).to_be_visible()
    page.screenshot(path=SHOTS + "case-forms-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS + "case-forms-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Notitie opslaan (intern)").click()
    expect(page.get_by_text("De interne notitie is opgeslagen.")).to_be_visible()
    expect(page.get_by_text(NOTE)).to_be_visible()
    expect(page.get_by_label(NOTE_LABEL)).to_have_value("")
    expect(page.get_by_label(MESSAGE_LABEL)).to_have_value("Concept: wij bellen u morgen.")
    assert InternalNote.objects.get().body == NOTE
    assert not Message.objects.exists()

    html = reporter_reads_the_case(page, incident)
    assert "RIEC" not in html and "4471" not in html and "Concept" not in html
    expect(page.get_by_text("RIEC")).to_have_count(0)


def test_a_message_reaches_the_reporter_only_after_staff_confirm_the_text(page):
    incident = factories.submitted()
    staff_on_the_case(page, incident)
    page.get_by_label(NOTE_LABEL).fill("Concept notitie: nog navragen.")
    page.get_by_label(MESSAGE_LABEL).fill("Wij bellen u vandaag om 15 uur.")
    page.get_by_role("button", name="Versturen aan de melder").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Versturen aan de melder?")
    expect(page.get_by_text("Wij bellen u vandaag om 15 uur.")).to_be_visible()
    expect(page.get_by_text("Concept notitie")).to_have_count(0)
    page.screenshot(path=SHOTS + "message-confirm-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS + "message-confirm-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    assert not Message.objects.exists()

    # Aanpassen: back to the case page with both texts where they were.
    page.get_by_role("button", name="Aanpassen").click()
    expect(page.get_by_label(MESSAGE_LABEL)).to_have_value("Wij bellen u vandaag om 15 uur.")
    expect(page.get_by_label(NOTE_LABEL)).to_have_value("Concept notitie: nog navragen.")
    page.get_by_label(MESSAGE_LABEL).fill("Wij bellen u vandaag om 16 uur.")
    page.get_by_role("button", name="Versturen aan de melder").click()
    expect(page.get_by_text("Wij bellen u vandaag om 16 uur.")).to_be_visible()
    assert not Message.objects.exists()
    page.get_by_role("button", name="Versturen", exact=True).click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    expect(page.get_by_label(NOTE_LABEL)).to_have_value("Concept notitie: nog navragen.")
    assert [m.body for m in Message.objects.all()] == ["Wij bellen u vandaag om 16 uur."]

    html = reporter_reads_the_case(page, incident)
    expect(page.get_by_text("Wij bellen u vandaag om 16 uur.")).to_be_visible()
    assert "15 uur" not in html and "Concept notitie" not in html


def test_deploying_without_a_member_shows_the_summary_and_keeps_the_typed_message(page):
    incident = factories.submitted()
    staff_on_the_case(page, incident)
    page.get_by_label(MESSAGE_LABEL).fill("Concept: wij bellen u morgen.")
    page.get_by_role("button", name="Inzetten").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(page.get_by_label(MESSAGE_LABEL)).to_have_value("Concept: wij bellen u morgen.")
    member = page.get_by_label("Lid van het Ondersteuningsteam")
    expect(member).to_have_attribute("aria-invalid", "true")
    page.screenshot(path=f"{SHOTS}deploy-error-1280.png")
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{SHOTS}deploy-error-390.png", full_page=True)
    summary.get_by_role("link", name="Kies een lid van het Ondersteuningsteam.").click()
    expect_focus_on(page, "deploy-member")
