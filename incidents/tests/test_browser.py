"""The whole path in a real Chromium: an officeholder reports on a phone with evidence; a staff
member triages the case through the stappenplan to closed; the reporter reads the reply."""

import re

import pytest
from playwright.sync_api import expect

from accounts.tests import factories as people
from incidents import selectors
from incidents.models import Incident
from incidents.tests import factories
from incidents.workflow import Status
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/incidents-"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def logout(page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("link", name="Inloggen").first).to_be_visible()


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_an_officeholder_files_a_report_with_evidence_on_a_phone(page):
    reporter = factories.reporter(email="burgemeester@example.test", full_name="Anna de Vries")
    page.set_viewport_size(PHONE)
    browser_login(page, reporter.email, people.PASSWORD)
    page.get_by_role("link", name="Incident melden").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Incident melden")
    expect(page.get_by_role("link", name="112")).to_be_visible()
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Verder").click()

    page.get_by_label("Bedreiging", exact=True).check()
    page.get_by_label("Online bedreiging of haat").check()
    page.get_by_role("group", name="Hoe of waar gebeurde het?").get_by_label(
        "Online of via sociale media"
    ).check()
    page.get_by_label("Op welke datum?").fill("2026-11-20")
    page.get_by_label("In welke gemeente?").select_option(label="Utrecht")
    page.get_by_label("Beschrijf wat er is gebeurd").fill(
        "Na mijn stem over het azc kreeg ik via Facebook berichten dat ze weten waar ik woon."
    )
    page.get_by_label("Mijn woning").check()
    page.get_by_role("group", name="Heeft u de politie ingeschakeld?").get_by_label(
        "Ja, een melding bij de politie"
    ).check()
    page.get_by_label("Registratienummer van de politie").fill("PL0900-2026654321")
    page.get_by_role("group", name="VPT-code").get_by_label("Ja, de VPT-code is vermeld").check()
    page.get_by_label("Ik wil graag ondersteuning").check()
    page.screenshot(path=SHOTS + "report-form-phone.png", full_page=True)
    assert fits_the_screen(page)
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bewijs toevoegen")
    page.get_by_label("Bestand").set_input_files(
        {"name": "screenshot.jpg", "mimeType": "image/jpeg", "buffer": factories.jpeg_bytes()}
    )
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("link", name="screenshot.jpg")).to_be_visible()
    expect(page.get_by_text("zonder locatiegegevens")).to_be_visible()
    # A disguised file is refused with a message next to the field.
    page.get_by_label("Bestand").set_input_files(
        {"name": "foto.png", "mimeType": "image/png", "buffer": b"<script>alert(1)</script>"}
    )
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Dit soort bestand kan niet worden toegevoegd").first).to_be_visible()
    page.screenshot(path=SHOTS + "evidence-phone.png", full_page=True)
    page.get_by_role("link", name="Verder: controleren en versturen").click()

    expect(page.get_by_text("PL0900-2026654321")).to_be_visible()
    page.screenshot(path=SHOTS + "review-phone.png", full_page=True)
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw melding is verstuurd")
    incident = Incident.objects.get(reporter=reporter)
    expect(page.get_by_text(incident.reference)).to_be_visible()
    assert incident.status == Status.NEW and incident.evidence.count() == 1
    page.get_by_role("link", name="Naar mijn melding").click()
    expect(page.get_by_text("0 van 8 stappen gedaan")).to_be_visible()
    page.screenshot(path=SHOTS + "case-reporter-phone.png", full_page=True)
    assert fits_the_screen(page)
    page.set_viewport_size(DESKTOP)
    page.goto(f"/meldingen/{incident.pk}/bewerken/")
    expect(page.get_by_text("Deze melding is verstuurd.")).to_be_visible()


def test_a_reporter_attaches_a_voice_mail_and_staff_hear_it_on_the_case(page):
    from tests import media_samples

    incident = factories.draft()
    reporter = incident.reporter
    staff = people.triage_staff(mfa=False, email="bzk@example.test")
    secret = people.with_mfa(staff)
    page.set_viewport_size(PHONE)
    browser_login(page, reporter.email, people.PASSWORD)
    page.goto(f"/meldingen/{incident.pk}/bewijs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewijs toevoegen")
    expect(page.get_by_text("een voicemail")).to_be_visible()
    page.get_by_label("Bestand").set_input_files(
        {
            "name": "voicemail.m4a",
            "mimeType": "audio/mp4",
            "buffer": media_samples.sample("m4a"),
        }
    )
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Het bewijsstuk is toegevoegd.")).to_be_visible()
    expect(page.get_by_role("link", name="voicemail.m4a")).to_be_visible()
    expect(page.get_by_text("(geluidsopname,")).to_be_visible()
    page.screenshot(path=SHOTS + "evidence-voicemail-phone.png", full_page=True)
    assert fits_the_screen(page)
    page.get_by_role("link", name="Verder: controleren en versturen").click()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw melding is verstuurd")
    page.set_viewport_size(DESKTOP)
    logout(page)

    browser_login(page, staff.email, people.PASSWORD, totp_secret=secret)
    incident.refresh_from_db()
    page.goto(f"/meldingen/{incident.pk}/")
    expect(page.get_by_role("link", name="voicemail.m4a")).to_be_visible()
    expect(page.get_by_text("(geluidsopname,")).to_be_visible()
    page.screenshot(path=SHOTS + "case-voicemail-desktop.png", full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="voicemail.m4a").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".m4a")
    with open(download.path(), "rb") as handle:
        downloaded = handle.read()
    assert downloaded == selectors.evidence_bytes(incident.evidence.get())
    assert media_samples.probe(downloaded)["streams"][0]["codec_type"] == "audio"


def test_a_staff_member_triages_a_case_through_to_closed(page):
    member = people.support_team_member(full_name="Marieke Visser")
    staff = people.triage_staff(mfa=False, email="bzk@example.test", full_name="Pieter Bakker")
    secret = people.with_mfa(staff)
    incident = factories.submitted(immediate_danger=True)
    for _ in range(3):
        factories.submitted()
    page.set_viewport_size(DESKTOP)
    browser_login(page, staff.email, people.PASSWORD, totp_secret=secret)
    page.get_by_role("link", name="Meldingen behandelen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen behandelen")
    expect(page.get_by_text("4 meldingen")).to_be_visible()
    page.get_by_text("Filteren en sorteren").click()
    page.get_by_label("Urgentie").select_option("1")
    page.get_by_role("button", name="Toepassen").click()
    expect(page.get_by_text("1 melding", exact=True)).to_be_visible()
    page.get_by_label("Naam van dit filter").fill("Urgent")
    page.get_by_role("button", name="Dit filter bewaren").click()
    expect(page.get_by_role("navigation", name="Bewaarde filters")).to_contain_text("Urgent")
    page.screenshot(path=SHOTS + "queue-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS + "queue-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)

    page.get_by_role("link", name=incident.reference).click()
    page.get_by_role("button", name="Ontvangst bevestigen", exact=True).click()
    expect(page.get_by_text("De status is nu: Ontvangst bevestigd.")).to_be_visible()
    page.get_by_role("button", name="Afvinken: Gevaar en urgentie inschatten").click()
    page.get_by_label("Behandelaar").select_option(label=str(staff))
    page.get_by_role("button", name="Toewijzen").click()
    page.get_by_label("Lid van het Ondersteuningsteam").select_option(label=str(member))
    page.get_by_role("button", name="Inzetten").click()
    expect(page.get_by_text("Het teamlid is ingezet")).to_be_visible()
    note = page.get_by_label("Interne notitie (de melder ziet dit nooit)")
    note.fill("Dader is bekend bij RIEC.")
    page.get_by_role("button", name="Notitie opslaan (intern)").click()
    page.get_by_label("Begin met een standaardantwoord").select_option(
        label="Advies aangifte met VPT-code"
    )
    expect(page.get_by_label("Bericht aan de melder (de melder leest dit)")).to_have_value(
        re.compile("VPT-code")
    )
    page.get_by_role("button", name="Versturen aan de melder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versturen aan de melder?")
    page.get_by_role("button", name="Versturen", exact=True).click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    # Messaging the reporter ticked "Contact opnemen met de melder" (and deploying ticked the
    # support team step): no button left to tick them by hand.
    expect(
        page.get_by_role("button", name="Afvinken: Contact opnemen met de melder")
    ).to_have_count(0)
    expect(
        page.get_by_role("button", name="Afvinken: Ondersteuningsteam inschakelen")
    ).to_have_count(0)
    page.get_by_role("button", name="In behandeling nemen").click()
    page.get_by_role("button", name="Wachten op de melder").click()
    expect(page.get_by_text("De status is nu: Wacht op melder.")).to_be_visible()
    page.screenshot(path=SHOTS + "case-staff-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS + "case-staff-phone.png", full_page=True)
    assert fits_the_screen(page)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Afsluiten", exact=True).click()
    expect(page.get_by_text("De status is nu: Afgesloten.")).to_be_visible()
    expect(page.get_by_role("button", name="Heropenen")).to_be_visible()
    incident.refresh_from_db()
    assert incident.status == Status.CLOSED and incident.assignee == staff
    assert incident.steps.filter(done_at__isnull=False).count() == 4
    logout(page)

    # The reporter reads the reply, never the internal note.
    browser_login(page, incident.reporter.email, people.PASSWORD)
    page.goto(f"/meldingen/{incident.pk}/")
    expect(page.get_by_text("VPT-code").first).to_be_visible()
    expect(page.get_by_text("RIEC")).to_have_count(0)
    expect(page.get_by_text("Afgesloten").first).to_be_visible()


def test_a_case_handler_pages_through_a_long_queue_and_back(page, monkeypatch):
    monkeypatch.setattr("incidents.views.triage.PAGE_SIZE", 5)
    monkeypatch.setattr("incidents.views.triage.COUNT_CAP", 10)
    staff = people.triage_staff(mfa=False, email="bzk@example.test", full_name="Pieter Bakker")
    secret = people.with_mfa(staff)
    cases = [factories.submitted() for _ in range(12)]
    in_order = [
        incident.reference
        for incident in Incident.objects.filter(pk__in=[c.pk for c in cases]).order_by(
            "-urgent", "due_at", "-submitted_at", "-pk"
        )
    ]

    shown = page.locator(".queue-table tbody th a")

    page.set_viewport_size(PHONE)
    browser_login(page, staff.email, people.PASSWORD, totp_secret=secret)
    page.goto("/meldingen/triage/")
    expect(page.get_by_role("status").filter(has_text="Meer dan 10 meldingen")).to_be_visible()
    expect(shown).to_have_text(in_order[:5])
    more = page.get_by_role("navigation", name="Meer meldingen")
    expect(more.get_by_role("link", name="Vorige")).to_have_count(0)
    more.get_by_role("link", name="Volgende").click()
    expect(shown).to_have_text(in_order[5:10])
    page.screenshot(path=SHOTS + "queue-second-page-phone.png", full_page=True)
    assert fits_the_screen(page)
    more.get_by_role("link", name="Volgende").focus()  # the keyboard reaches it
    page.keyboard.press("Enter")
    expect(shown).to_have_text(in_order[10:])
    expect(more.get_by_role("link", name="Volgende")).to_have_count(0)
    more.get_by_role("link", name="Vorige").click()
    expect(shown).to_have_text(in_order[5:10])
    more.get_by_role("link", name="Naar het begin").click()
    expect(shown).to_have_text(in_order[:5])
    assert "na=" not in page.url and "voor=" not in page.url
