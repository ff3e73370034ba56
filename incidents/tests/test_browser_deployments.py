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


def test_after_the_meeting_the_outcome_becomes_a_practice_draft_and_a_member_is_taken_off(page):
    """Staff record what happened; the griffier consents to a practice example; staff draft it
    (without names) in the knowledge base; staff take the member off, who then gets a 404."""
    from incidents.deployments import actions as deployment_actions
    from network.models import KnowledgeItem

    griffier = people.griffier(full_name="Greet Griffier")
    staff = people.triage_staff(mfa=False, full_name="Bas Behandelaar")
    staff_secret = people.with_mfa(staff)
    member = people.support_team_member(mfa=False, full_name="Mila Meedenker")
    member_secret = people.with_mfa(member)
    # A second case handler: one TOTP code cannot sign in twice within its 30 s window.
    colleague = people.triage_staff(mfa=False, full_name="Sanne Smit")
    colleague_secret = people.with_mfa(colleague)
    preparation = deployment_actions.preparation_request(
        actor=griffier,
        data={
            "meeting_starts_at": timezone.now() + timedelta(days=2),
            "place": "Raadzaal, Markt 1",
            "subject": "Besluit over de opvang van asielzoekers",
            "expected_attendance": 180,
            "earlier_incidents": "In maart werd de vergadering verstoord.",
        },
    )
    deployment_actions.preparation_plan(
        actor=staff, preparation=preparation, scenario="Verstoring.", agreements="Politie."
    )
    record = deployment_actions.deployment_create(
        actor=staff, preparation=preparation, data={"kind": "on_location"}, members=[member]
    )
    PreparationRequest.objects.filter(pk=preparation.pk).update(
        meeting_starts_at=timezone.now() - timedelta(hours=3)
    )
    page.set_viewport_size(DESKTOP)

    sign_in_as(page, staff, staff_secret)
    page.goto(f"/inzet/voorbereiding/{preparation.pk}/")
    page.get_by_role("link", name="Afloop vastleggen").click()
    page.get_by_label("Wat er is gebeurd").fill(
        "Het protest bleef buiten; Jan de Vries riep één keer vanaf de tribune."
    )
    page.get_by_role("button", name="Afloop opslaan").click()
    expect(page.get_by_text("De afloop is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Toestemming van de aanvrager: Nog niet gegeven")).to_be_visible()
    expect(page.get_by_role("link", name="Praktijkvoorbeeld maken")).to_have_count(0)

    sign_in_as(page, griffier)
    page.goto(f"/inzet/voorbereiding/{preparation.pk}/")
    expect(page.get_by_role("heading", name="Praktijkvoorbeeld voor de kennisbank")).to_be_visible()
    shoot(page, "practice-consent")
    page.get_by_role("button", name="Ja, BZK mag er een praktijkvoorbeeld van maken").click()
    expect(page.get_by_text("BZK mag hier een praktijkvoorbeeld van maken")).to_be_visible()

    sign_in_as(page, colleague, colleague_secret)
    page.goto(f"/inzet/voorbereiding/{preparation.pk}/")
    page.get_by_role("link", name="Praktijkvoorbeeld maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Praktijkvoorbeeld uit een voorbereiding"
    )
    expect(page.get_by_text("100 tot 250 bezoekers")).to_be_visible()
    shoot(page, "practice-preview")
    page.get_by_role("button", name="Concept maken").click()
    expect(page.get_by_text("Het concept staat klaar.")).to_be_visible()
    expect(page.get_by_text("Dit concept komt uit een voorbereiding")).to_be_visible()
    shoot(page, "practice-edit")
    item = KnowledgeItem.objects.get(preparation=preparation)
    assert item.status == "draft" and "Jan de Vries" not in item.body

    # Staff take the member off the deployment; the member no longer sees the meeting.
    page.goto(f"/inzet/{record.pk}/")
    page.get_by_role("link", name="Teamlid terugtrekken").click()
    page.get_by_label("Mila Meedenker").check()
    shoot(page, "member-remove")
    page.get_by_role("button", name="Terugtrekken").click()
    expect(page.get_by_text("Mila Meedenker is teruggetrokken van deze inzet.")).to_be_visible()

    sign_in_as(page, member, member_secret)
    response = page.goto(f"/inzet/voorbereiding/{preparation.pk}/")
    assert response is not None and response.status == 404
    # The browser logs the 404 it was meant to get; nothing else may be there.
    assert [text for text in page.console_problems if "status of 404" not in text] == []
    page.console_problems.clear()
