"""The security measures fund in a real Chromium: an alderman puts the measures of their home
scan in their own application, completes it (a quote and the police's advice) and sends it in;
one BZK staff member assesses, another decides; the alderman downloads the letter; a griffier
of the same municipality then finds nothing of it."""

import io
import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.models import OfficeType
from accounts.tests import factories as people
from homescan.tests import factories as scans
from subsidies.models import GrantApplication
from subsidies.tests.factories import PDF_BYTES
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/fund-"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def logout(page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("link", name="Inloggen").first).to_be_visible()


def both_sizes(page, name):
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{SHOTS}{name}-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=f"{SHOTS}{name}-desktop.png", full_page=True)


def test_an_alderman_applies_from_the_home_scan_staff_decide_with_four_eyes_griffie_sees_nothing(
    page,
):
    body = people.municipality()
    alderman = people.officeholder(
        office_type=OfficeType.WETHOUDER,
        body=body,
        email="wethouder@example.test",
        full_name="Wendy Wethouder",
    )
    griffier = people.griffier(body=body, email="griffie@example.test")
    reviewer = people.triage_staff(mfa=False, email="beoordelaar@example.test")
    reviewer_secret = people.with_mfa(reviewer)
    decider = people.triage_staff(mfa=False, email="beslisser@example.test")
    decider_secret = people.with_mfa(decider)
    scan = scans.scan(owner=alderman)

    # From the scan's result to the alderman's own application, the measures prefilled.
    browser_login(page, alderman.email, people.PASSWORD)
    page.goto(f"/veilige-woning/scans/{scan.pk}/")
    page.get_by_role("link", name="Vraag een bijdrage aan").click()
    page.get_by_role("button", name="Zet in mijn aanvraag").click()
    expect(page.get_by_text("Alleen BZK ziet uw aanvraag, de griffie niet.")).to_be_visible()
    application = GrantApplication.objects.get()
    assert (application.applicant, application.body) == (alderman, body)
    measures = application.lines.count()
    assert measures > 0
    base = re.sub(r"stap/\d+/$", "", page.url)

    page.goto(base + "stap/1/")
    page.get_by_label("Wat is uw situatie nu?").fill("Er staan 's avonds mensen voor de deur.")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.locator('[aria-current="step"]')).to_contain_text("Maatregelen")
    for number in range(1, measures + 1):
        group = page.get_by_role("group", name=f"Maatregel {number}", exact=True)
        group.get_by_label("Kosten").fill("1.250,00")
    both_sizes(page, "measures")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Planning").fill("Binnen een maand.")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.locator('[aria-current="step"]')).to_contain_text("Bijlagen")
    for kind, name in (("quote", "offerte.pdf"), ("security_advice", "advies-politie.pdf")):
        page.get_by_label("Soort bijlage").select_option(kind)
        page.get_by_label("Bestand").set_input_files(
            {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
        page.get_by_role("button", name="Bijlage toevoegen").click()
        expect(page.get_by_role("link", name=re.compile(name))).to_be_visible()
    expect(page.get_by_text("Advies politie of beveiligingsadviseur").first).to_be_visible()
    both_sizes(page, "attachments")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_role("status").filter(has_text="Status:")).to_contain_text("Ingediend")
    detail_url = page.url
    both_sizes(page, "sent-in")
    logout(page)

    # One staff member assesses; they cannot decide.
    browser_login(page, reviewer.email, people.PASSWORD, totp_secret=reviewer_secret)
    page.goto(detail_url)
    page.get_by_role("button", name="Beoordeling starten").click()
    for label in (
        "De overheid mag aanvragen",
        "De maatregelen vallen onder de regeling",
        "De verplichte bijlagen zijn compleet",
        "De kosten zijn redelijk",
    ):
        page.get_by_label(label).check()
    page.get_by_label("Score").select_option("4")
    page.get_by_label("Advies").select_option("grant")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_text("Een collega neemt het besluit (vier ogen).").first).to_be_visible()
    expect(page.get_by_role("link", name="Besluit nemen")).to_have_count(0)
    logout(page)

    # A colleague decides and sends the letter.
    browser_login(page, decider.email, people.PASSWORD, totp_secret=decider_secret)
    page.goto(detail_url)
    page.get_by_role("link", name="Besluit nemen").click()
    page.get_by_label("Toegekend", exact=True).check()
    page.get_by_role("button", name="Beschikking bekijken").click()
    expect(page.get_by_role("heading", name="Beschikking versturen?")).to_be_visible()
    both_sizes(page, "confirm")
    page.get_by_role("button", name="Besluit definitief versturen").click()
    expect(page.get_by_role("heading", name="Besluit: Toegekend")).to_be_visible()
    logout(page)

    # The alderman downloads the letter, addressed to them.
    browser_login(page, alderman.email, people.PASSWORD)
    page.goto(detail_url)
    both_sizes(page, "decided")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Beschikking downloaden (PDF)").click()
    data = download_info.value.path().read_bytes()
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "Wendy Wethouder" in text
    letter = SHOTS + "beschikking.pdf"
    with open(letter, "wb") as handle:
        handle.write(data)
    pdftoppm = shutil.which("pdftoppm")  # poppler-utils: to look at the letter as a picture
    if pdftoppm:
        subprocess.run([pdftoppm, "-png", "-r", "70", letter, SHOTS + "beschikking"], check=True)  # noqa: S603
    logout(page)

    # The griffier of the same municipality finds nothing of it.
    browser_login(page, griffier.email, people.PASSWORD)
    page.goto("/subsidies/")
    expect(page.get_by_text("Wendy Wethouder")).to_have_count(0)
    expect(page.get_by_text(application.reference or "FB-")).to_have_count(0)
    for url in (detail_url, detail_url + "beschikking/", detail_url + "stap/2/"):
        assert page.goto(url).status == 404
    both_sizes(page, "griffier-404")
    # The three 404s above, on purpose.
    page.console_problems[:] = [p for p in page.console_problems if "status of 404" not in p]


def test_the_mayor_asks_to_apply_for_an_alderman_who_consents_and_withdraws(page):
    body = people.municipality()
    mayor = people.officeholder(
        office_type=OfficeType.BURGEMEESTER,
        body=body,
        email="burgemeester@example.test",
        full_name="Anna de Vries",
    )
    alderman = people.officeholder(
        office_type=OfficeType.WETHOUDER,
        body=body,
        email="wethouder@example.test",
        full_name="Karim Bouzid",
    )

    browser_login(page, mayor.email, people.PASSWORD)
    page.goto("/subsidies/aanvragen/nieuw/")
    page.get_by_role("link", name="Aanvragen namens een ambtsdrager").click()
    page.get_by_role("button", name="Toestemming vragen en aanvraag starten").click()
    expect(page.get_by_text("Kies de ambtsdrager namens wie u aanvraagt.").first).to_be_visible()
    # The empty form's 400, on purpose.
    page.console_problems[:] = [p for p in page.console_problems if "status of 400" not in p]
    page.get_by_label("Namens wie vraagt u aan?").select_option(
        label=f"Karim Bouzid (Wethouder, {body})"
    )
    page.get_by_role("button", name="Toestemming vragen en aanvraag starten").click()
    waiting = page.get_by_role("listitem").filter(has_text="wacht op toestemming")
    expect(waiting).to_contain_text("Karim Bouzid")
    both_sizes(page, "on-behalf-waiting")
    logout(page)

    browser_login(page, alderman.email, people.PASSWORD)
    application = GrantApplication.objects.get(on_behalf_by=mayor)
    page.goto(f"/subsidies/aanvragen/{application.pk}/")
    expect(page.get_by_text("Anna de Vries wil als voorzitter")).to_be_visible()
    both_sizes(page, "consent-asked")
    page.get_by_role("button", name="Toestemming geven").click()
    expect(page.get_by_text("U heeft toestemming gegeven.").first).to_be_visible()
    logout(page)

    browser_login(page, mayor.email, people.PASSWORD)
    page.goto(f"/subsidies/aanvragen/{application.pk}/")
    expect(page.get_by_text("U doet deze aanvraag namens Karim Bouzid")).to_be_visible()
    both_sizes(page, "on-behalf-consented")
    logout(page)

    browser_login(page, alderman.email, people.PASSWORD)
    page.goto(f"/subsidies/aanvragen/{application.pk}/")
    page.get_by_role("button", name="Toestemming intrekken").click()
    expect(page.get_by_text("U heeft uw toestemming ingetrokken.").first).to_be_visible()
    logout(page)

    browser_login(page, mayor.email, people.PASSWORD)
    assert page.goto(f"/subsidies/aanvragen/{application.pk}/").status == 404
    page.console_problems[:] = [p for p in page.console_problems if "status of 404" not in p]
