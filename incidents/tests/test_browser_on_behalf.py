"""In a real Chromium (CSP on): a council member reports, on behalf of a colleague of the same
council and with the colleague's consent asked in the portal, what happened to that colleague.
Staff cannot deploy the Ondersteuningsteam until the colleague consents; the colleague signs
in, sees the case linked to them and gives consent; then staff deploy a member. Reuses the
witness journey's helpers (tests/test_browser_witness.py)."""

import pytest
from playwright.sync_api import expect

from accounts.models import OfficeType
from accounts.tests import factories as people
from incidents.models import ConcernedConsent, Incident, ReportedFor, SupportDeployment
from incidents.tests.test_browser_witness import DESKTOP, axe_source, logout  # noqa: F401
from incidents.tests.test_browser_witness import shoot as witness_shoot
from incidents.workflow import Status
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/incidents-on-behalf-"
HAPPENED = "Wethouder De Boer kreeg na het raadsdebat drie dreigbrieven thuis bezorgd."


def shoot(page, name, axe):
    witness_shoot(page, name, axe, prefix=SHOTS)


def test_an_on_behalf_report_waits_for_the_colleagues_consent_before_anyone_is_deployed(
    page,
    axe_source,  # noqa: F811
):
    reporter = people.officeholder(email="raadslid@example.test", full_name="Rita Raadslid")
    colleague = people.officeholder(
        email="wethouder@example.test", full_name="Wim de Boer", office_type=OfficeType.WETHOUDER
    )
    staff = people.triage_staff(mfa=False, email="bzk@example.test", full_name="Pieter Bakker")
    staff_secret = people.with_mfa(staff)
    # A second case handler: one TOTP code cannot sign in twice within its 30 s window.
    colleague_staff = people.triage_staff(
        mfa=False, email="bzk2@example.test", full_name="Sanne Smit"
    )
    colleague_secret = people.with_mfa(colleague_staff)
    people.support_team_member(full_name="Mila Meedenker")
    page.set_viewport_size(DESKTOP)

    # The council member reports on the colleague's behalf.
    browser_login(page, reporter.email, people.PASSWORD)
    page.get_by_role("link", name="Incident melden").first.click()
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Verder").click()
    group = page.get_by_role("group", name="Wie is dit overkomen?")
    group.get_by_label("Een collega, namens hem of haar (met toestemming)").check()
    page.get_by_label("Om welke collega gaat het?").select_option(label="Wim de Boer")
    page.get_by_label("Bedreiging", exact=True).check()
    page.get_by_label("Beschrijf wat er is gebeurd").fill(HAPPENED)
    shoot(page, "form", axe_source)
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("link", name="Verder: controleren en versturen").click()
    expect(
        page.get_by_text("Een collega, namens hem of haar (met toestemming): Wim de Boer.")
    ).to_be_visible()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw melding is verstuurd")
    incident = Incident.objects.get(reporter=reporter)
    assert incident.status == Status.NEW
    assert (incident.reported_for, incident.concerned_person) == (ReportedFor.ON_BEHALF, colleague)
    logout(page)

    # Staff see whose consent governs sharing, and no deploy form yet.
    browser_login(page, staff.email, people.PASSWORD, totp_secret=staff_secret)
    page.goto(f"/meldingen/{incident.pk}/")
    block = page.locator(".concerned-block")
    expect(block).to_contain_text("Melding namens een collega:")
    expect(block).to_contain_text("Rita Raadslid (melder) meldt dit namens Wim de Boer.")
    refusal = page.get_by_role("note").filter(has_text="heeft nog geen toestemming gegeven")
    expect(refusal).to_be_visible()
    expect(page.get_by_role("button", name="Inzetten")).to_have_count(0)
    logout(page)

    # The colleague signs in, finds the case and gives consent.
    browser_login(page, colleague.email, people.PASSWORD)
    page.goto("/meldingen/")
    card = page.locator(".case-card").filter(has_text=incident.reference)
    expect(card).to_contain_text("Gemeld door Rita Raadslid, namens u")
    expect(card).to_contain_text("Uw antwoord wordt gevraagd")
    card.get_by_role("link", name=incident.reference).click()
    expect(page.get_by_role("heading", name="Deze melding gaat over u")).to_be_visible()
    expect(page.get_by_text("Rita Raadslid deed deze melding namens u.")).to_be_visible()
    expect(page.get_by_text(HAPPENED)).to_be_visible()
    expect(page.get_by_text("beslist u of BZK de melding mag delen")).to_be_visible()
    shoot(page, "colleague-case", axe_source)
    page.get_by_role("button", name="Ja, ik geef toestemming").click()
    expect(page.get_by_text("U gaf toestemming. BZK weet dit nu.")).to_be_visible()
    incident.refresh_from_db()
    assert incident.concerned_consent == ConcernedConsent.GIVEN
    logout(page)

    # Now staff may deploy a member of the Ondersteuningsteam.
    browser_login(page, colleague_staff.email, people.PASSWORD, totp_secret=colleague_secret)
    page.goto(f"/meldingen/{incident.pk}/")
    expect(page.locator(".concerned-block")).to_contain_text("Toestemming gegeven")
    page.get_by_label("Lid van het Ondersteuningsteam").select_option(label="Mila Meedenker")
    page.get_by_role("button", name="Inzetten").click()
    expect(page.get_by_role("listitem").filter(has_text="Mila Meedenker").first).to_be_visible()
    assert SupportDeployment.objects.filter(incident=incident).count() == 1
    shoot(page, "staff-case", axe_source)
