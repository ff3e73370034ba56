"""In Chromium (CSP on): a case handler keeps the on-call rota from the menu, on a desktop and a
phone; the person on call takes on an urgent report with the one button; the reporter of an
urgent report with no one on call is told whom to call now."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests import factories as people
from incidents.models import OnCallShift, UrgentAlert
from incidents.tests import factories
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/incidents-"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def shoot(page, name):
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=f"{SHOTS}{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{SHOTS}{name}-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)


def test_a_case_handler_puts_a_colleague_on_call_and_takes_on_an_urgent_report(page):
    staff = people.triage_staff(mfa=False, email="piket@example.test", full_name="Pieter Bakker")
    colleague = people.triage_staff(full_name="Fatima El Amrani")
    lead = people.triage_staff(full_name="Tessa de Leider")
    now = timezone.now()
    OnCallShift.objects.create(
        person=lead,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=2),
        is_team_lead=True,
        created_by=lead,
    )
    secret = people.with_mfa(staff)
    page.set_viewport_size(DESKTOP)
    browser_login(page, staff.email, people.PASSWORD, totp_secret=secret)
    page.get_by_role("link", name="Piketrooster").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Piketrooster")
    expect(page.get_by_text("Nu heeft niemand piket.")).to_be_visible()

    start = timezone.localtime(now - timedelta(minutes=30))
    page.get_by_label("Medewerker").select_option(label="Fatima El Amrani")
    page.get_by_label("Begint op").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Eindigt op").fill((start + timedelta(hours=12)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Dienst toevoegen").click()
    expect(page.get_by_text("De dienst staat op het rooster.")).to_be_visible()
    expect(page.get_by_role("button", name="Dienst van Fatima El Amrani vanaf")).to_be_visible()
    expect(page.get_by_text("Nu heeft niemand piket.")).to_have_count(0)
    shoot(page, "rota")

    incident = factories.submitted(immediate_danger=True)
    assert UrgentAlert.objects.get(incident=incident).paged == colleague
    page.goto(f"/meldingen/{incident.pk}/piket/")
    shoot(page, "urgent-ack")
    page.get_by_role("button", name="Ik neem deze melding aan").click()
    expect(page.get_by_text("Urgente melding aangenomen door Pieter Bakker")).to_be_visible()
    assert UrgentAlert.objects.get(incident=incident).acknowledged_by == staff


def test_the_reporter_of_an_urgent_report_with_no_one_on_call_is_told_whom_to_call(page):
    incident = factories.submitted(immediate_danger=True)
    page.set_viewport_size(DESKTOP)
    browser_login(page, incident.reporter.email, people.PASSWORD)
    page.goto(f"/meldingen/{incident.pk}/verstuurd/")
    expect(page.get_by_text("binnen een uur")).to_have_count(0)
    expect(page.get_by_role("link", name="0800-000 00 00 (demo)").first).to_be_visible()
    shoot(page, "sent-no-one-on-call")
    staff = people.triage_staff()
    now = timezone.now()
    OnCallShift.objects.create(
        person=staff, starts_at=now, ends_at=now + timedelta(hours=2), created_by=staff
    )
    page.reload()
    expect(
        page.get_by_text("Een medewerker neemt binnen een uur contact met u op.")
    ).to_be_visible()
    shoot(page, "sent-on-call")

    draft = factories.draft(incident.reporter, immediate_danger=True)
    page.goto(f"/meldingen/{draft.pk}/gevaar/")
    expect(page.get_by_role("link", name="0800-000 00 00 (demo)").first).to_have_attribute(
        "href", "tel:08000000000"
    )
    shoot(page, "danger-phones")
    page.goto("/")
    shoot(page, "home-officeholder")
