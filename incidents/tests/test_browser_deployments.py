"""In Chromium (CSP on): a griffier asks for preparation support before a tense meeting; a case
handler plans it and deploys a member of the Ondersteuningsteam on location; the member finds
it on their calendar and opens it. Screenshots at 1280 and 390 px in var/screenshots/."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests import factories as people
from incidents.models import Deployment, PreparationRequest, PreparationStatus
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/deployments-"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LOCAL = "%Y-%m-%dT%H:%M"


def shoot(page, name):
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=f"{SHOTS}{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{SHOTS}{name}-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)


def sign_in_as(page, user, secret=None):
    page.context.clear_cookies()
    browser_login(page, user.email, people.PASSWORD, totp_secret=secret)
    page.wait_for_url(lambda url: "/account/" not in url)


def test_a_griffier_asks_staff_plan_and_deploy_a_member_who_finds_it_on_the_calendar(page):
    griffier = people.griffier(full_name="Greet Griffier")
    staff = people.triage_staff(mfa=False, full_name="Bas Behandelaar")
    staff_secret = people.with_mfa(staff)
    member = people.support_team_member(mfa=False, full_name="Mila Meedenker")
    member_secret = people.with_mfa(member)
    people.support_team_member(full_name="Olaf Anderlid")  # not deployed: never sees it
    meeting = timezone.localtime() + timedelta(days=3)
    meeting = meeting.replace(hour=19, minute=30, second=0, microsecond=0)
    page.set_viewport_size(DESKTOP)

    # The griffier files the request from the menu.
    sign_in_as(page, griffier)
    page.get_by_role("link", name="Voorbereiding van een vergadering").first.click()
    page.get_by_role("link", name="Ondersteuning aanvragen").click()
    page.get_by_role("button", name="Verzoek versturen").click()  # empty: errors first
    expect(page.get_by_role("alert")).to_contain_text("Vul een datum en tijd in.")
    page.get_by_label("Datum en tijd van de vergadering").fill(meeting.strftime(LOCAL))
    page.get_by_label("Verwacht aantal bezoekers").fill("250")
    page.get_by_label("Plaats").fill("Raadzaal van het gemeentehuis, Markt 1")
    page.get_by_label("Onderwerp").fill("Besluit over de opvang van asielzoekers")
    page.get_by_label("Eerdere incidenten").fill("In maart werd de vergadering verstoord.")
    shoot(page, "preparation-request")
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_text("Uw verzoek is verstuurd.")).to_be_visible()
    expect(page.get_by_text("BZK heeft de voorbereiding nog niet gepland.")).to_be_visible()
    preparation = PreparationRequest.objects.get(requester=griffier)

    # A case handler plans it and deploys a member on location.
    sign_in_as(page, staff, staff_secret)
    page.get_by_role("link", name="Voorbereiding van een vergadering").first.click()
    page.get_by_role("link", name=f"{preparation.body},").click()
    expect(page.get_by_text("Greet Griffier")).to_be_visible()
    page.get_by_role("link", name="Voorbereiding plannen").click()
    page.get_by_label("Scenario's").fill(
        "Verstoring vanaf de publieke tribune: de voorzitter schorst, de bode begeleidt."
    )
    page.get_by_label("Afspraken met de gemeente of provincie").fill(
        "Politie in de buurt; een tweede uitgang blijft vrij."
    )
    page.get_by_role("button", name="Planning opslaan").click()
    expect(page.get_by_text("De voorbereiding is gepland.")).to_be_visible()
    page.get_by_role("link", name="Teamleden inzetten").click()
    page.get_by_label("Op locatie").check()
    page.get_by_label("Mila Meedenker").check()
    page.get_by_label("Begint op").fill((meeting - timedelta(hours=1)).strftime(LOCAL))
    page.get_by_label("Eindigt op").fill((meeting + timedelta(hours=3)).strftime(LOCAL))
    page.get_by_label("Plaats").fill("Gemeentehuis, Markt 1")
    shoot(page, "deployment-form")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De inzet is vastgelegd.")).to_be_visible()
    record = Deployment.objects.get(preparation=preparation)
    assert list(record.members.all()) == [member]
    preparation.refresh_from_db()
    assert preparation.status == PreparationStatus.PLANNED

    # The member finds it on their calendar and opens the meeting.
    sign_in_as(page, member, member_secret)
    page.get_by_role("link", name="Agenda van inzet en voorbereiding").first.click()
    page.goto(f"/inzet/agenda/?maand={meeting:%Y-%m}")
    expect(page.get_by_role("link", name="Inzet: op locatie, voorbereiding")).to_be_visible()
    shoot(page, "calendar")
    page.get_by_role("link", name=f"Vergadering, {preparation.body}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Voorbereiding")
    expect(page.get_by_text("Verstoring vanaf de publieke tribune")).to_be_visible()
    expect(page.get_by_text("Mila Meedenker")).to_be_visible()
    expect(page.get_by_role("link", name="Voorbereiding plannen")).to_have_count(0)
    shoot(page, "preparation")


def test_a_deployed_member_reads_the_reporters_block_and_writes_to_the_reporter(page):
    from incidents import actions
    from incidents.tests import factories

    incident = factories.submitted(
        factories.reporter(full_name="Bea Burgemeester"),
        contact_preference="phone",
        contact_phone="06 12345678",
    )
    staff = people.triage_staff()
    member = people.support_team_member(mfa=False, full_name="Mila Meedenker")
    secret = people.with_mfa(member)
    actions.incident_deploy(actor=staff, incident=incident, member=member)
    page.set_viewport_size(DESKTOP)
    sign_in_as(page, member, secret)
    page.get_by_role("link", name="Mijn inzetten").first.click()
    page.get_by_role("link", name=incident.reference).click()
    expect(page.get_by_text("Bea Burgemeester, Burgemeester")).to_be_visible()
    expect(page.get_by_role("link", name="06 12345678")).to_be_visible()
    shoot(page, "member-case")
    page.get_by_label("Bericht aan de melder (de melder leest dit)").fill("Ik bel u vanmiddag.")
    page.get_by_role("button", name="Versturen aan de melder").click()
    expect(page.get_by_role("heading", name="Versturen aan de melder?")).to_be_visible()
    page.get_by_role("button", name="Versturen", exact=True).click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    assert incident.messages.get().author == member
    page.get_by_role("link", name="Inzet van het Ondersteuningsteam: verslagen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inzet van het Ondersteuningsteam")
    shoot(page, "member-case-records")
