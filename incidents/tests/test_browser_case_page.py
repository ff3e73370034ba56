"""In Chromium: the staff case page opens with the report; the forms follow it on a phone and
sit in a side column on a wide screen, and the keyboard reaches them in that order."""

import pytest
from playwright.sync_api import expect

from accounts.tests import factories as people
from incidents.tests import factories
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/incidents-"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def box(page, heading):
    return page.get_by_role("heading", name=heading, exact=True).bounding_box()


def test_the_staff_case_page_opens_with_the_report(page):
    incident = factories.submitted(description="Dreigbrief in de brievenbus van het gemeentehuis.")
    staff = people.triage_staff(mfa=False, email="bzk@example.test", full_name="Pieter Bakker")
    secret = people.with_mfa(staff)
    page.set_viewport_size(DESKTOP)
    browser_login(page, staff.email, people.PASSWORD, totp_secret=secret)
    page.goto(f"/meldingen/{incident.pk}/")
    expect(page.get_by_text("Dreigbrief in de brievenbus")).to_be_visible()

    # Wide: the report on the left, the handling in a column to its right, at the same height.
    report, handling = box(page, "De melding"), box(page, "Behandeling")
    assert handling["x"] > report["x"] + report["width"] / 2
    assert abs(handling["y"] - report["y"]) < 40
    page.screenshot(path=SHOTS + "case-page-desktop.png", full_page=True)

    # Phone: one column, the report first, the forms below it.
    page.set_viewport_size(PHONE)
    report, handling = box(page, "De melding"), box(page, "Behandeling")
    message = box(page, "Bericht aan de melder")
    assert report["y"] < message["y"] < handling["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=SHOTS + "case-page-phone.png", full_page=True)

    # The keyboard follows the page: the report's dossier link comes before the message box,
    # and that before the status buttons.
    order = page.evaluate(
        """() => [...document.querySelectorAll('main a[href], main button, main textarea')]
                 .map(e => e.textContent.trim() || e.name)"""
    )
    dossier = order.index("Dossier downloaden (PDF)")
    assert dossier < order.index("message-body") < order.index("Toewijzen")
