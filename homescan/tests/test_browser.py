"""A new mayor in a real Chromium: from the starterspakket through the scan to the result and
its PDF, on a phone and on a desktop, and on to the prefilled fund application."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts import actions as account_actions
from accounts.models import OfficeType, Role
from accounts.tests import factories as people
from homescan.models import ScanResult
from subsidies.models import GrantApplication
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/homescan-"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Per question (in order) the answer to click: a mixed, realistic home.
ANSWERS = [
    "Ja, het is openbaar of is eerder gepubliceerd",
    "Mensen in de buurt weten het",
    "Alleen verlichting bij de voordeur",
    "Met gewone sloten, of maar deels inbraakwerend",
    "Ja, met een videodeurbel of een camera bij de voordeur",
    "Nee",  # alarm
    "Meestal dezelfde route op dezelfde tijd",
    "Weinig: mijn privéaccounts zijn afgeschermd",
    "Nee",  # doxing
    "Ja, online, per telefoon of per brief",
    "Ja, we hebben samen afspraken gemaakt",
]
# 4 + 1 + 2 + 3 + 0 + 3 + 2 + 0 + 0 + 3 + 0 = 18: elevated (10 to 19).
EXPECTED_SCORE = 18


def test_a_new_mayor_takes_the_scan_gets_advice_and_a_pdf_and_prefills_the_fund(page):
    mayor = people.UserFactory(email="burgemeester@example.test", full_name="Anna de Vries")
    account_actions.role_assign(
        actor=None,
        user=mayor,
        role=Role.OFFICEHOLDER,
        office_type=OfficeType.BURGEMEESTER,
        body=people.municipality(),
    )
    browser_login(page, mayor.email, people.PASSWORD)

    # The starterspakket leads to the scan.
    page.get_by_role("link", name="Starterspakket").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw starterspakket")
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS + "kit-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Start de scan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Basisscan veilige woning")
    questions = page.locator("fieldset.scan-question")
    expect(questions).to_have_count(len(ANSWERS))
    # Sending an empty form names what is missing, and nothing is stored.
    page.get_by_role("button", name="Bekijk mijn resultaat").click()
    expect(page.get_by_text("Nog niet alle vragen zijn beantwoord")).to_be_visible()
    assert not ScanResult.objects.exists()
    for index, answer in enumerate(ANSWERS):
        questions.nth(index).get_by_label(answer, exact=True).check()
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS + "scan-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SHOTS + "scan-desktop.png", full_page=True)
    page.get_by_role("button", name="Bekijk mijn resultaat").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Resultaat van de basisscan")
    expect(page.get_by_role("heading", name="Risiconiveau: verhoogd")).to_be_visible()
    expect(page.get_by_text(f"Score: {EXPECTED_SCORE} punten.")).to_be_visible()
    advice = page.locator(".advice-list > li")
    expect(advice.first).to_contain_text("Direct regelen")
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS + "result-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SHOTS + "result-desktop.png", full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als PDF").click()
    download = download_info.value
    pdf = download.path().read_bytes()
    download.save_as(SHOTS + "result.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Risiconiveau: verhoogd" in text
    assert f"Score: {EXPECTED_SCORE} punten" in text
    assert "Anna de Vries" in text

    # The kit's scan item is done now.
    page.get_by_role("link", name="Starterspakket").first.click()
    expect(page.locator(".kit-item").first).to_contain_text("Gedaan op")
    page.go_back()

    # "Vraag een bijdrage aan" puts the measures in the mayor's own application to the fund.
    page.get_by_role("link", name="Vraag een bijdrage aan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag een bijdrage aan")
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS + "fund-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Zet in mijn aanvraag").click()
    expect(page.get_by_text("Alleen BZK ziet uw aanvraag, de griffie niet.")).to_be_visible()
    application = GrantApplication.objects.get()
    assert application.applicant is not None
    assert application.lines.filter(kind="home_security").exists()
    assert application.lines.filter(kind="alarm").exists()


def test_staff_follow_up_kits_and_read_a_shared_scan(page):
    from datetime import timedelta

    from django.utils import timezone

    from audit.models import AccessEntry
    from homescan import actions
    from homescan.models import StarterKit
    from homescan.tests import factories

    late = factories.mayor(full_name="Bram Visser", email="late@example.test")
    kit = actions.starter_kit_create(mayor=late, body=people.municipality())
    StarterKit.objects.filter(pk=kit.pk).update(created_at=timezone.now() - timedelta(days=45))
    scan = factories.scan(owner=late)
    actions.scan_share(actor=late, scan=scan)
    staff = people.triage_staff(mfa=False, email="bzk@example.test")
    secret = people.with_mfa(staff)

    browser_login(page, staff.email, people.PASSWORD, totp_secret=secret)
    page.get_by_role("link", name="Starterspakketten").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Starterspakketten")
    expect(page.get_by_role("cell", name="Bram Visser")).to_be_visible()
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS + "kits-staff-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)

    page.goto("/veilige-woning/gedeeld/")
    page.get_by_role("link", name="Scan van Bram Visser openen").click()
    expect(page.get_by_role("heading", name="Risiconiveau: hoog")).to_be_visible()
    # Staff cannot share, withdraw, delete or ask the fund on the owner's behalf.
    expect(page.get_by_role("button", name="Delen stoppen")).to_have_count(0)
    expect(page.get_by_role("link", name="Vraag een bijdrage aan")).to_have_count(0)
    page.screenshot(path=SHOTS + "shared-staff-desktop.png", full_page=True)
    reads = AccessEntry.objects.for_object(scan).filter(action="read")
    assert list(reads.values_list("actor__email", "what")) == [("bzk@example.test", "detail")]


def test_the_owner_of_a_shared_scan_sees_who_at_bzk_read_it(page):
    from homescan import actions
    from homescan.tests import factories

    owner = factories.mayor(full_name="Bram Visser", email="eigenaar@example.test")
    scan = factories.scan(owner=owner)
    actions.scan_share(actor=owner, scan=scan)
    staff = people.triage_staff(full_name="Bea Behandelaar")
    actions.scan_record_read(reader=staff, scan=scan, what="detail")
    actions.scan_record_read(reader=staff, scan=scan, what="pdf")

    browser_login(page, owner.email, people.PASSWORD)
    page.goto(f"/veilige-woning/scans/{scan.pk}/")
    page.get_by_role("link", name="Wie heeft deze scan ingezien?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie heeft uw scan ingezien")
    table = page.get_by_role("table", name="Wie uw scan heeft ingezien")
    expect(table.get_by_role("row")).to_have_count(2)  # the header and one reader
    expect(table.get_by_role("cell", name="Bea Behandelaar")).to_be_visible()
    expect(table.get_by_role("cell", name="de gegevens, de pdf")).to_be_visible()
    page.set_viewport_size(PHONE)
    page.screenshot(path=SHOTS + "readers-owner-phone.png", full_page=True)


ANSWERS_EN = [
    "Yes, it is public or has been published before",
    "People in the neighbourhood know",
    "A light at the front door only",
    "With ordinary locks, or only partly burglar-resistant",
    "Yes, with a video doorbell or a camera at the front door",
    "No",  # alarm
    "Usually the same route at the same time",
    "Little: my personal accounts are private",
    "No",  # doxing
    "Yes, online, by phone or by letter",
    "Yes, we have agreed together what to do",
]


def test_the_scan_in_english_on_a_phone(page):
    """The questions, answers and advice in English, the same score as in Dutch."""
    from django.conf import settings
    from django.urls import reverse

    mayor = people.UserFactory(email="mayor-en@example.test", full_name="Anna de Vries")
    account_actions.role_assign(
        actor=None,
        user=mayor,
        role=Role.OFFICEHOLDER,
        office_type=OfficeType.BURGEMEESTER,
        body=people.municipality(),
    )
    browser_login(page, mayor.email, people.PASSWORD)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": page.url}]
    )
    page.set_viewport_size(PHONE)
    page.goto(reverse("homescan:scan"))
    questions = page.locator("fieldset.scan-question")
    expect(questions).to_have_count(len(ANSWERS_EN))
    expect(questions.first.locator("legend")).to_have_text(
        "Can your home address be found in public sources?"
    )
    for index, answer in enumerate(ANSWERS_EN):
        questions.nth(index).get_by_label(answer, exact=True).check()
    page.screenshot(path=SHOTS + "scan-english-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("form.scan-form button[type=submit]").click()
    expect(page.get_by_text("Have your home address shielded in the KVK")).to_be_visible()
    assert ScanResult.objects.get(owner=mayor).score == EXPECTED_SCORE
    page.screenshot(path=SHOTS + "result-english-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
