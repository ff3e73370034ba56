"""The queue in a real Chromium: a case waiting for first contact is row 1 however many older
contacted cases there are; the table fits its box at 1280 px and reads as cards on a phone;
several cases are changed in one go. Screenshots: var/screenshots/incidents-queue-*.png and
var/screenshots/staff-start.png."""

import pytest
from playwright.sync_api import expect

from accounts.models import OfficeType
from accounts.tests import factories as people
from incidents import actions
from incidents.models import Incident, Kind
from incidents.tests import factories
from incidents.workflow import Status
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/"
WIDTHS = {"1280": (1280, 900), "390": (390, 844), "360": (360, 740)}
CONTACTED = 27  # more than a page (25): under the old order the new case fell to page 2


def overflow(page):
    """How far the page or the queue's box scrolls sideways (0: nothing is cut off)."""
    return page.evaluate(
        """() => {
            const doc = document.documentElement.scrollWidth - window.innerWidth;
            const box = document.querySelector('.table-responsive');
            const inner = box ? box.scrollWidth - box.clientWidth : 0;
            return Math.max(doc, inner);
        }"""
    )


def a_busy_queue():
    staff = people.triage_staff(mfa=False, email="bzk@example.test", full_name="Pieter Bakker")
    colleague = people.triage_staff(full_name="Alexandra van den Heuvel-Schimmelpenninck")
    body = people.municipality("GM0344")
    contacted = []
    for number in range(CONTACTED):
        reporter = factories.reporter(office_type=OfficeType.WETHOUDER, body=body)
        incident = factories.submitted(reporter, kinds=(Kind.THREAT, Kind.ONLINE, Kind.DOXING))
        actions.incident_acknowledge(actor=staff, incident=incident)
        if number % 2:
            actions.incident_assign(actor=staff, incident=incident, assignee=colleague)
        contacted.append(incident)
    waiting = factories.submitted(factories.reporter(body=body))
    return staff, waiting, contacted


def test_a_new_case_is_row_one_and_the_queue_fits_at_1280_and_on_a_phone(page):
    staff, waiting, contacted = a_busy_queue()
    secret = people.with_mfa(staff)
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login(page, staff.email, people.PASSWORD, totp_secret=secret)
    page.screenshot(path=SHOTS + "staff-start.png", full_page=True)
    expect(page.get_by_role("link", name="1 Wachten op eerste contact")).to_be_visible()
    for name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/meldingen/triage/")
        first = page.locator(".queue-table tbody tr").first
        expect(first.get_by_role("rowheader")).to_have_text(waiting.reference)
        page.screenshot(path=SHOTS + f"incidents-queue-{name}.png", full_page=True)
        assert overflow(page) <= 0, f"the queue scrolls sideways at {name} px"
        if name == "1280":
            header = page.get_by_role("columnheader", name="Eerste contact")
            box = page.locator(".table-responsive").bounding_box()
            cell = header.bounding_box()
            assert cell["x"] + cell["width"] <= box["x"] + box["width"] + 0.5
        else:
            # A card per case: the row is as wide as the list, its header row hidden.
            display = first.evaluate("row => getComputedStyle(row).display")
            assert display == "block"
    page.goto("/")
    page.screenshot(path=SHOTS + "staff-start-360.png", full_page=True)
    assert overflow(page) <= 0

    # Two cases made urgent in one go, each through its own recorded change.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/meldingen/triage/")
    page.get_by_label(f"Selecteer melding {waiting.reference}").check()
    page.get_by_label(f"Selecteer melding {contacted[0].reference}").check()
    bulk = page.get_by_role("group", name="Geselecteerde meldingen in één keer wijzigen")
    bulk.get_by_label("Wijziging").select_option(label="Markeren als urgent")
    bulk.get_by_role("button", name="Wijzigen voor de geselecteerde meldingen").click()
    expect(page.get_by_text("Gewijzigd:")).to_be_visible()
    assert Incident.objects.get(pk=waiting.pk).urgent
    assert Incident.objects.get(pk=contacted[0].pk).urgent
    assert Incident.objects.get(pk=contacted[0].pk).status == Status.ACKNOWLEDGED

    # A status change without the new status: the queue again with the error at its field and
    # the ticked case still ticked; nothing changed.
    box = page.get_by_label(f"Selecteer melding {contacted[1].reference}")
    box.check()
    bulk.get_by_label("Wijziging").select_option(label="Status wijzigen")
    bulk.get_by_role("button", name="Wijzigen voor de geselecteerde meldingen").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(box).to_be_checked()
    page.screenshot(path=SHOTS + "incidents-queue-bulk-error.png", full_page=True)
    summary.get_by_role("link", name="Nieuwe status: Kies de nieuwe status.").click()
    new_status = bulk.get_by_label("Nieuwe status")
    expect(new_status).to_be_focused()
    expect(new_status).to_have_attribute("aria-invalid", "true")
    new_status.select_option(label="In behandeling")
    bulk.get_by_role("button", name="Wijzigen voor de geselecteerde meldingen").click()
    expect(page.get_by_text("Gewijzigd:")).to_be_visible()
    assert Incident.objects.get(pk=contacted[1].pk).status == Status.IN_PROGRESS
