"""The monitor in a real Chromium: charts and their tables, with the CSP on."""

from datetime import date

import pytest
from playwright.sync_api import expect

from accounts.models import OfficeType
from accounts.tests import factories as people
from monitor import actions, aggregate
from tests.helpers import browser_login

from .factories import at, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def year_of_reports():
    for month in range(1, 11):
        for day in range(1, month % 4 + 3):
            report(
                at(2026, month, day),
                office_type=OfficeType.RAADSLID,
                kinds=("threat", "online"),
                police_report="aangifte",
            )
        report(
            at(2026, month, 20),
            office_type=OfficeType.BURGEMEESTER,
            municipality="GM0363",
            kinds=("verbal",),
            channel="meeting",
        )
    report(at(2026, 5, 2), office_type=OfficeType.WETHOUDER, kinds=("doxing",), channel="home")
    aggregate.refresh()
    actions.shared_release_publish(year=2026, today=date(2027, 6, 1))


def test_staff_open_the_dashboard_and_find_charts_and_tables(page, year_of_reports):
    user = people.triage_staff(mfa=False, email="monitor@example.test")
    secret = people.with_mfa(user)
    browser_login(page, user.email, people.PASSWORD, totp_secret=secret)
    page.goto("/monitor/?start=2026-01&end=2026-10")
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitor meldingen")
    charts = page.get_by_role("img")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 8
    expect(page.get_by_role("table", name="Soort incident in cijfers")).to_be_visible()
    kinds = page.get_by_role("table", name="Soort incident in cijfers")
    # 3+4+5+2+3+4+5+2+3+4 reports by raadsleden, all of them threats
    threats = kinds.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Bedreiging", exact=True)
    )
    expect(threats).to_contain_text("35")
    page.screenshot(path="var/screenshots/monitor-staff.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="var/screenshots/monitor-staff-phone.png", full_page=True)


def test_a_partner_sees_the_shared_monitor_with_small_numbers_hidden(page, year_of_reports):
    user = people.partner(email="partner@example.test")
    browser_login(page, user.email, people.PASSWORD)
    page.goto("/monitor/gedeeld/")
    offices = page.get_by_role("table", name="Functie van de melder in cijfers")
    wethouders = offices.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Wethouder", exact=True)
    )
    expect(wethouders).to_contain_text("< 5")
    expect(page.get_by_role("link", name="Jaarrapport 2026 (PDF)")).to_be_visible()
    expect(page.get_by_text("staat voor 0 tot en met 4 meldingen")).to_be_visible()
    page.screenshot(path="var/screenshots/monitor-shared.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="var/screenshots/monitor-shared-phone.png", full_page=True)
