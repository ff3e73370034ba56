"""The reporter's pages: "Mijn meldingen" with the last change, its date and an unread marker
that opening the case clears; the case page marking what is new since the last visit; the
choice of how the reporter hears (on the report form and on the case page); the language
switcher remembering the choice for the e-mail."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.timezone import localtime

from accounts.tests import factories as people
from incidents import actions
from incidents.models import CaseVisit, NotifyBy
from incidents.tests import factories
from incidents.workflow import Status
from notifications.models import Notification

pytestmark = pytest.mark.django_db

UNREAD = "er is iets veranderd sinds u deze melding voor het laatst opende"
NEW_MARK = "sinds uw vorige bezoek"  # what a screen reader hears after "Nieuw"
NOTICE = "Sinds uw vorige bezoek is er iets nieuw"


@pytest.fixture
def staff():
    return people.triage_staff(full_name="Bea Behandelaar")


def page(client, name, *args):
    response = client.get(reverse(f"incidents:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def card(html, incident):
    """The part of "Mijn meldingen" about one case."""
    start = html.index(reverse("incidents:detail", args=[incident.pk]))
    end = html.find('<li class="case-card">', start)
    return html[start : end if end != -1 else None]


def test_a_staff_message_shows_the_case_unread_until_the_reporter_opens_it(client, staff):
    incident = factories.submitted()
    other = factories.submitted(incident.reporter)
    client.force_login(incident.reporter)
    page(client, "detail", incident.pk)
    page(client, "detail", other.pk)
    assert UNREAD not in page(client, "list")

    actions.message_send(actor=staff, incident=incident, body="Wij bellen u morgen.")
    listing = page(client, "list")
    assert UNREAD in card(listing, incident)
    assert "Nieuw bericht van het Netwerk Weerbaar Bestuur" in card(listing, incident)
    assert UNREAD not in card(listing, other)
    # The staff member's whole name: a short fragment also turns up inside random tokens.
    assert escape(staff.full_name) not in listing and "Wij bellen" not in listing

    detail = page(client, "detail", incident.pk)
    assert detail.count(NEW_MARK) == 2  # the message and the step it ticked (first contact)
    assert NOTICE in detail
    assert UNREAD not in page(client, "list")
    again = page(client, "detail", incident.pk)
    assert NEW_MARK not in again and NOTICE not in again  # seen now


def moved(staff, reporter, *statuses):
    incident = factories.submitted(reporter)
    for status in statuses:
        actions.incident_transition(actor=staff, incident=incident, to_status=status)
    return incident


def test_the_list_shows_each_last_change_in_plain_dutch_with_its_date(client, staff):
    reporter = factories.reporter()
    waiting = moved(staff, reporter, Status.IN_PROGRESS, Status.WAITING)
    closed = moved(staff, reporter, Status.IN_PROGRESS, Status.CLOSED)
    assigned = factories.submitted(reporter)
    actions.incident_assign(actor=staff, incident=assigned, assignee=staff)
    fresh = factories.submitted(reporter)
    client.force_login(reporter)
    listing = page(client, "list")
    assert "Laatste wijziging: Er is een vraag aan u" in card(listing, waiting)
    assert "Laatste wijziging: Melding afgesloten" in card(listing, closed)
    assert "Laatste wijziging: Een medewerker behandelt uw melding" in card(listing, assigned)
    assert "Laatste wijziging" not in card(listing, fresh)  # only the reporter acted so far
    assert UNREAD not in card(listing, fresh) and UNREAD in card(listing, closed)
    event = waiting.events.last()
    assert f'datetime="{localtime(event.at).isoformat()}"' in card(listing, waiting)
    assert escape(str(staff)) not in listing


def test_the_reporters_own_message_does_not_make_the_case_unread(client, staff):
    incident = factories.reach(Status.WAITING, staff)
    client.force_login(incident.reporter)
    page(client, "detail", incident.pk)
    client.post(reverse("incidents:message", args=[incident.pk]), {"message-body": "Antwoord."})
    # Their reply moved the case back in progress: their own doing, nothing new to them.
    assert UNREAD not in page(client, "list")


def test_the_case_page_marks_only_what_came_after_the_previous_visit(client, staff):
    incident = factories.submitted()
    actions.message_send(actor=staff, incident=incident, body="Eerste bericht.")
    client.force_login(incident.reporter)
    first = page(client, "detail", incident.pk)
    # First visit: the earlier message is new to them, and the step it ticked (first contact).
    assert first.count(NEW_MARK) == 2
    # As if they last looked right when the message came (the first visit was after it).
    CaseVisit.objects.filter(incident=incident).update(seen_at=incident.messages.get().created_at)
    actions.incident_assign(actor=staff, incident=incident, assignee=staff)
    second = page(client, "detail", incident.pk)
    # The assignment in the timeline; not the first message.
    assert second.count(NEW_MARK) == 1 and NOTICE in second
    message_item = second[second.index("Eerste bericht.") - 600 : second.index("Eerste bericht.")]
    assert NEW_MARK not in message_item


def test_staff_opening_a_case_leave_no_visit_and_see_no_markers(client, staff):
    incident = factories.submitted()
    actions.message_send(actor=staff, incident=incident, body="Bericht.")
    client.force_login(staff)
    assert NEW_MARK not in page(client, "detail", incident.pk)
    assert not CaseVisit.objects.exists()


def test_the_list_costs_the_same_number_of_queries_for_one_case_or_many(client, staff):
    reporter = factories.reporter()
    client.force_login(reporter)

    def count():
        with CaptureQueriesContext(connection) as queries:
            page(client, "list")
        return len(queries)

    incident = factories.submitted(reporter)
    actions.message_send(actor=staff, incident=incident, body="Bericht.")
    actions.incident_assign(actor=staff, incident=incident, assignee=staff)
    page(client, "list")  # the session is saved on the first request after logging in
    one = count()
    for _ in range(4):
        more = factories.submitted(reporter)
        actions.message_send(actor=staff, incident=more, body="Bericht.")
        actions.incident_assign(actor=staff, incident=more, assignee=staff)
        client.get(reverse("incidents:detail", args=[more.pk]))
    factories.draft(reporter)
    assert count() == one


def test_the_list_budget_is_fixed(client, staff, django_assert_num_queries):
    reporter = factories.reporter()
    for _ in range(3):
        incident = factories.submitted(reporter)
        actions.message_send(actor=staff, incident=incident, body="Bericht.")
        actions.incident_assign(actor=staff, incident=incident, assignee=staff)
    factories.draft(reporter)
    for _ in range(2):  # colleagues' reports about them (as a witness, on their behalf)
        factories.submitted(reported_for="witness", concerned_person=reporter)
    client.force_login(reporter)
    client.get(reverse("incidents:list"))  # session and the like warmed up
    # Session, user, roles; the list with its subqueries, the kinds, the last events; the
    # reports about them with their reporters; the menu's two checks (network membership,
    # starter kit).
    with django_assert_num_queries(9):
        client.get(reverse("incidents:list"))


# --- how the reporter hears ----------------------------------------------------------------------


def report_data(**extra):
    return {
        "kinds": ["threat"],
        "channel": "online",
        "description": "Op Facebook schreef iemand dat hij mij weet te vinden.",
        "police_report": "none",
        "contact_preference": "portal",
        "later": "",
        **extra,
    }


def test_the_report_form_asks_how_to_hear_with_the_account_address_as_default(client):
    incident = factories.draft()
    client.force_login(incident.reporter)
    html = page(client, "edit", incident.pk)
    assert "Hoe wilt u horen dat er iets nieuws is over uw melding?" in html
    [account_choice] = re.findall(r'<input[^>]*value="account"[^>]*>', html)
    assert "checked" in account_choice


def test_the_report_form_keeps_another_address_and_refuses_a_wrong_one(client):
    incident = factories.draft()
    client.force_login(incident.reporter)
    url = reverse("incidents:edit", args=[incident.pk])
    response = client.post(url, report_data(notify_by="other", notify_address="prive-at-home"))
    assert response.status_code == 200
    assert "Dit is geen geldig e-mailadres" in response.content.decode()
    incident.refresh_from_db()
    assert incident.notify_by == NotifyBy.ACCOUNT
    response = client.post(url, report_data(notify_by="other", notify_address=""))
    assert "Vul het e-mailadres in waarop u berichten wilt krijgen" in response.content.decode()
    response = client.post(url, report_data(notify_by="other", notify_address="prive@example.test"))
    assert response.status_code == 302
    incident.refresh_from_db()
    assert (incident.notify_by, incident.notify_address) == (NotifyBy.OTHER, "prive@example.test")


def test_a_report_form_without_the_choice_keeps_the_stored_one(client):
    incident = factories.draft(notify_by=NotifyBy.NONE)
    client.force_login(incident.reporter)
    client.post(reverse("incidents:edit", args=[incident.pk]), report_data())
    incident.refresh_from_db()
    assert incident.notify_by == NotifyBy.NONE


def test_the_reporter_changes_the_choice_on_the_case_page(client, staff):
    incident = factories.submitted()
    client.force_login(incident.reporter)
    url = reverse("incidents:notify_choice", args=[incident.pk])
    assert "E-mail over deze melding" in page(client, "detail", incident.pk)
    response = client.post(url, {"notify_by": "other", "notify_address": "geen adres"})
    assert response.status_code == 200
    assert "Dit is geen geldig e-mailadres" in response.content.decode()
    response = client.post(url, {"notify_by": "none"}, follow=True)
    assert "Uw keuze voor berichten over deze melding is opgeslagen" in response.content.decode()
    incident.refresh_from_db()
    assert incident.notify_by == NotifyBy.NONE
    actions.message_send(actor=staff, incident=incident, body="Bericht.")
    assert not Notification.objects.filter(
        object_id=incident.pk, kind="incidents.reporter_message"
    ).exists()


def test_staff_see_that_the_reporter_wants_no_mail_but_not_the_other_address(client, staff):
    quiet = factories.submitted(notify_by=NotifyBy.NONE)
    elsewhere = factories.submitted(notify_by=NotifyBy.OTHER, notify_address="prive@example.test")
    client.force_login(staff)
    assert "Wil geen e-mail over deze melding" in page(client, "detail", quiet.pk)
    html = page(client, "detail", elsewhere.pk)
    assert "op een ander adres" in html and "prive@example.test" not in html


def test_nobody_but_the_reporter_reaches_the_choice(client, staff):
    incident = factories.submitted()
    url = reverse("incidents:notify_choice", args=[incident.pk])
    for someone in (staff, factories.reporter(), people.support_team_member()):
        client.force_login(someone)
        assert client.post(url, {"notify_by": "none"}).status_code == 404
    client.force_login(staff)
    assert "E-mail over deze melding" not in page(client, "detail", incident.pk)
    incident.refresh_from_db()
    assert incident.notify_by == NotifyBy.ACCOUNT


def test_the_language_switcher_remembers_the_choice_for_the_email(client, staff):
    incident = factories.submitted()
    client.force_login(incident.reporter)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/meldingen/"})
    assert response.status_code == 302
    incident.reporter.refresh_from_db()
    assert incident.reporter.language == "en"
    actions.message_send(actor=staff, incident=incident, body="Bericht.")
    row = Notification.objects.get(object_id=incident.pk, kind="incidents.reporter_message")
    assert row.language == "en"
    client.post(reverse("set_language"), {"language": "xx"})
    incident.reporter.refresh_from_db()
    assert incident.reporter.language == "en"


def test_the_language_switcher_still_works_without_an_account(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_a_save_too_late_does_not_offer_the_notice_address_as_message_text(client):
    incident = factories.submitted()
    client.force_login(incident.reporter)
    response = client.post(
        reverse("incidents:edit", args=[incident.pk]),
        report_data(description="Nog iets", notify_by="other", notify_address="prive@example.test"),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nog iets" in html and "prive@example.test" not in html
