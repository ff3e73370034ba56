"""The learning network's pages through the real stack: a participant, someone who takes no
part, and BZK; the query budgets of the list pages."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.models import OfficeType
from accounts.tests import factories as people
from audit.models import AccessEntry
from learning import actions, navigation
from learning.models import (
    MeetingRegistration,
    MeetingRegistrationStatus,
    NetworkMember,
    Participant,
    ParticipationRequest,
    RequestStatus,
)
from learning.tests import factories
from network.tests import factories as network_factories
from notifications.delivery import build_message
from notifications.models import Notification
from subsidies.tests import factories as grants
from weerbaar.navigation import links_for

pytestmark = pytest.mark.django_db


def test_a_griffier_asks_to_join_sees_the_status_and_withdraws(client):
    body = people.municipality("GM0363")
    griffier = people.griffier(body=body)
    client.force_login(griffier)
    assert client.get(reverse("learning:home")).url == reverse("learning:join")
    response = client.post(
        reverse("learning:join"),
        {"seat": f"body:{body.pk}", "motivation": "Wij willen leren."},
        follow=True,
    )
    body_text = response.content.decode()
    assert "Uw aanvraag is verstuurd" in body_text and "Wacht op BZK" in body_text
    response = client.post(
        reverse("learning:join"),
        {"seat": f"body:{body.pk}", "motivation": "Nog eens."},
        follow=True,
    )
    assert "Er wacht al een aanvraag" in response.content.decode()
    request = ParticipationRequest.objects.get()
    client.post(reverse("learning:withdraw", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN


def test_a_griffier_whose_body_takes_part_is_told_so(client):
    griffier = factories.participant()
    body = griffier.role_assignments.get().body
    client.force_login(griffier)
    response = client.post(
        reverse("learning:join"), {"seat": f"body:{body.pk}", "motivation": "Graag."}, follow=True
    )
    assert "U neemt hier al aan deel" in response.content.decode()
    assert not ParticipationRequest.objects.exists()


def test_the_join_form_refuses_a_body_of_someone_else(client):
    griffier = people.griffier(body=people.municipality("GM0363"))
    other = people.municipality("GM0599")
    client.force_login(griffier)
    response = client.post(
        reverse("learning:join"), {"seat": f"body:{other.pk}", "motivation": "Graag."}
    )
    assert response.status_code == 400
    assert not ParticipationRequest.objects.exists()


def test_bzk_refuses_only_with_a_reason_and_the_requester_hears_through_a_bare_link(client):
    body = people.municipality("GM0363")
    griffier = people.griffier(body=body)
    request = actions.participation_request_submit(
        actor=griffier, body=body, motivation="Geheime motivatie"
    )
    client.force_login(people.triage_staff())
    assert "Geheime motivatie" in client.get(reverse("learning:requests")).content.decode()
    url = reverse("learning:decide", args=[request.pk])
    response = client.post(url, {"decision": "refuse", "reason": ""})
    assert response.status_code == 400
    assert "Geef aan waarom" in response.content.decode()
    client.post(url, {"decision": "refuse", "reason": "Eerst de cohort."})
    request.refresh_from_db()
    assert request.status == RequestStatus.REFUSED
    message = build_message(Notification.objects.get(recipient=griffier))
    text = f"{message.subject}\n{message.body}"
    assert "/leernetwerk/deelnemen/" in text
    assert "Eerst de cohort" not in text and "Amsterdam" not in text and "Geheime" not in text
    client.force_login(griffier)
    assert "Eerst de cohort." in client.get(reverse("learning:join")).content.decode()


def test_bzk_approves_and_the_body_takes_part(client):
    body = people.municipality("GM0363")
    griffier = people.griffier(body=body)
    request = actions.participation_request_submit(actor=griffier, body=body)
    client.force_login(people.triage_staff())
    client.post(reverse("learning:decide", args=[request.pk]), {"decision": "approve"})
    assert Participant.objects.filter(body=body).exists()
    client.force_login(griffier)
    assert client.get(reverse("learning:home")).status_code == 200


def test_participants_see_each_others_bodies_and_people_and_outsiders_get_a_404(client):
    griffier = factories.participant()
    body = griffier.role_assignments.get().body
    council_member = people.officeholder(OfficeType.RAADSLID, body=body, full_name="Rita Raad")
    actions.network_member_add(actor=griffier, body=body, user=council_member)
    other = factories.participant(people.municipality("GM0363"))
    client.force_login(other)
    page = client.get(reverse("learning:participants")).content.decode()
    assert str(body) in page and "Rita Raad" in page and escape(griffier.get_full_name()) in page
    contact = network_factories.contact_person(full_name="Cas Contact")
    actions.participant_add(
        actor=people.triage_staff(), organisation=contact.memberships.get().organisation
    )
    assert "Cas Contact" in client.get(reverse("learning:participants")).content.decode()
    for outsider in (people.officeholder(), people.support_team_member(), people.UserFactory()):
        client.force_login(outsider)
        assert client.get(reverse("learning:participants")).status_code == 404
        assert client.get(reverse("learning:home")).status_code == 404


def test_the_griffier_adds_and_removes_people_of_their_body_only(client):
    griffier = factories.participant()
    body = griffier.role_assignments.get().body
    council_member = people.officeholder(OfficeType.RAADSLID, body=body)
    client.force_login(griffier)
    url = reverse("learning:body_people", args=[body.pk])
    client.post(url, {"user": council_member.pk})
    member = NetworkMember.objects.get(user=council_member, ended_at__isnull=True)
    stranger = people.officeholder(body=people.municipality("GM0363"))
    assert client.post(url, {"user": stranger.pk}).status_code == 400
    other_body = people.municipality("GM0363")
    assert client.get(reverse("learning:body_people", args=[other_body.pk])).status_code == 404
    client.force_login(people.griffier(body=other_body))
    assert client.post(reverse("learning:member_end", args=[member.pk])).status_code == 404
    client.force_login(griffier)
    client.post(reverse("learning:member_end", args=[member.pk]))
    member.refresh_from_db()
    assert member.ended_at is not None


def test_bzk_adds_and_ends_a_participant(client):
    staff = people.triage_staff()
    body = people.municipality("GM0363")
    client.force_login(staff)
    client.post(reverse("learning:participants"), {"body": body.pk})
    participant = Participant.objects.get(body=body, ended_at__isnull=True)
    assert client.post(reverse("learning:participants"), {}).status_code == 400
    client.force_login(factories.participant())
    assert client.post(reverse("learning:participants"), {"body": body.pk}).status_code == 404
    assert (
        client.post(reverse("learning:participant_end", args=[participant.pk])).status_code == 404
    )
    client.force_login(staff)
    client.post(reverse("learning:participant_end", args=[participant.pk]))
    participant.refresh_from_db()
    assert participant.ended_at is not None


def test_the_home_page_lists_meetings_participants_and_a_cohort_body(client):
    cohort = factories.cohort_griffier(body=people.municipality("GM0363"))
    meeting = factories.meeting(title="Tribune en publiek")
    client.force_login(cohort)
    page = client.get(reverse("learning:home")).content.decode()
    assert "Tribune en publiek" in page and meeting.get_absolute_url() in page
    assert str(people.municipality("GM0363")) in page


def test_the_navigation_is_for_participants_those_who_may_ask_and_bzk():
    def has_link(user):
        return any(link.url == reverse("learning:home") for link in links_for(user))

    assert has_link(factories.participant())
    assert has_link(people.griffier(body=people.municipality("GM0363")))
    assert has_link(people.triage_staff())
    assert not has_link(people.officeholder())
    assert not has_link(people.support_team_member())


def test_an_officeholder_a_griffier_added_finds_the_network_on_the_start_page(
    client, django_assert_num_queries
):
    griffier = factories.participant()
    body = griffier.role_assignments.get().body
    added = people.officeholder(body=body, office_type=OfficeType.WETHOUDER)
    actions.network_member_add(actor=griffier, body=body, user=added)
    not_added = people.officeholder(body=body)
    network = reverse("learning:home")

    client.force_login(added)
    page = client.get(reverse("home"))
    assert network in page.content.decode()
    # Not in the menu, which reads no membership: on every other page it costs no query.
    assert all(link.url != network for link in page.context["menu_links"])
    added.forget_cached_roles()
    assert added.role_names
    with django_assert_num_queries(0):
        assert navigation.links_for(added) == []

    client.force_login(not_added)
    assert network not in client.get(reverse("home")).content.decode()
    # An ended membership takes the link away at the next request.
    actions.network_member_end(actor=griffier, member=NetworkMember.objects.get(user=added))
    client.force_login(added)
    assert network not in client.get(reverse("home")).content.decode()


def test_a_participant_registers_and_cancels_and_the_waiting_person_moves_up(client):
    meeting = factories.meeting(capacity=1)
    first = factories.participant()
    client.force_login(first)
    response = client.post(reverse("learning:register", args=[meeting.pk]), follow=True)
    assert "U bent aangemeld." in response.content.decode()
    late = people.griffier(body=people.municipality())
    client.force_login(late)
    assert "Op de wachtlijst" in client.get(meeting.get_absolute_url()).content.decode()
    response = client.post(reverse("learning:register", args=[meeting.pk]), follow=True)
    assert "U staat op de wachtlijst" in response.content.decode()
    client.force_login(first)
    response = client.post(reverse("learning:unregister", args=[meeting.pk]), follow=True)
    assert "U bent afgemeld." in response.content.decode()
    assert MeetingRegistration.objects.get(user=late).status == MeetingRegistrationStatus.CONFIRMED


def test_the_online_link_is_for_those_with_a_place_and_bzk(client):
    meeting = factories.meeting(online=True)
    griffier = factories.participant()
    client.force_login(griffier)
    link = "https://vergaderen.example/leernetwerk"
    assert link not in client.get(meeting.get_absolute_url()).content.decode()
    actions.meeting_register(actor=griffier, meeting=meeting)
    assert link in client.get(meeting.get_absolute_url()).content.decode()


def test_every_meeting_url_is_a_404_for_someone_who_takes_no_part(client):
    staff = people.triage_staff()
    meeting = factories.begin(factories.meeting(actor=staff))
    material = actions.meeting_material_add(
        actor=staff, meeting=meeting, title="Dia's", uploaded_file=grants.pdf_upload()
    )
    outsider = people.griffier(body=people.municipality("GM0363"))
    client.force_login(outsider)
    for url in (
        reverse("learning:meetings"),
        meeting.get_absolute_url(),
        reverse("learning:material", args=[meeting.pk, material.pk]),
    ):
        assert client.get(url).status_code == 404
    for name in ("register", "unregister", "meeting_cancel", "attendance", "report"):
        assert client.post(reverse(f"learning:{name}", args=[meeting.pk])).status_code == 404
    assert not MeetingRegistration.objects.exists()


def test_a_participant_downloads_material_as_an_attachment_and_reads_the_report(client):
    staff = people.triage_staff()
    meeting = factories.begin(factories.meeting(actor=staff))
    material = actions.meeting_material_add(
        actor=staff, meeting=meeting, title="Dia's", uploaded_file=grants.pdf_upload()
    )
    actions.meeting_report_save(actor=staff, meeting=meeting, report="## Lessen\n\nVroeg beginnen.")
    client.force_login(factories.participant())
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Vroeg beginnen." in page and "Dia&#x27;s" in page
    response = client.get(reverse("learning:material", args=[meeting.pk, material.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_bzk_plans_a_meeting_records_attendance_and_writes_the_report_on_the_pages(client):
    staff = people.triage_staff()
    client.force_login(staff)
    response = client.post(
        reverse("learning:meeting_create"),
        {
            "title": "Bijeenkomst",
            "starts_at": "2099-05-01T19:00",
            "ends_at": "2099-05-01T21:00",
            "online": "",
            "place": "",
            "agenda": "",
            "capacity": "10",
        },
    )
    assert response.status_code == 400
    assert "Vul de plaats in" in response.content.decode()
    meeting = factories.meeting(actor=staff)
    registration = actions.meeting_register(actor=factories.participant(), meeting=meeting)
    assert client.get(reverse("learning:report", args=[meeting.pk])).status_code == 404
    factories.begin(meeting)
    client.get(reverse("learning:attendance", args=[meeting.pk]))
    assert AccessEntry.objects.filter(actor=staff, what="participants").exists()
    client.post(reverse("learning:attendance", args=[meeting.pk]), {"attended": [registration.pk]})
    registration.refresh_from_db()
    assert registration.status == MeetingRegistrationStatus.ATTENDED
    client.post(reverse("learning:report", args=[meeting.pk]), {"report": "Goed gesprek."})
    meeting.refresh_from_db()
    assert "Goed gesprek." in meeting.report_html


def test_the_meeting_list_keeps_its_query_budget(client, django_assert_num_queries):
    griffier = factories.participant()
    for days in (3, 10, 20):
        meeting = factories.meeting(days=days)
        actions.meeting_register(actor=griffier, meeting=meeting)
    factories.begin(factories.meeting())
    client.force_login(griffier)
    url = reverse("learning:meetings")
    client.get(url)
    with django_assert_num_queries(QUERIES_MEETINGS):
        response = client.get(url)
    assert response.content.decode().count("Aangemeld") >= 3
    for days in (30, 40):
        factories.meeting(days=days)
    with django_assert_num_queries(QUERIES_MEETINGS):
        client.get(url)


def test_the_participants_list_keeps_its_query_budget(client, django_assert_num_queries):
    griffier = factories.participant()
    body = griffier.role_assignments.get().body
    actions.network_member_add(actor=griffier, body=body, user=people.officeholder(body=body))
    factories.participant(people.municipality("GM0363"))
    actions.participant_add(
        actor=people.triage_staff(),
        organisation=network_factories.member().memberships.get().organisation,
    )
    client.force_login(griffier)
    url = reverse("learning:participants")
    client.get(url)
    with django_assert_num_queries(QUERIES_PARTICIPANTS):
        client.get(url)
    other = factories.participant(people.municipality("GM0599"))
    actions.network_member_add(
        actor=other,
        body=other.role_assignments.get().body,
        user=people.officeholder(body=other.role_assignments.get().body),
    )
    with django_assert_num_queries(QUERIES_PARTICIPANTS):
        client.get(url)


# Session, user, roles; the seat (griffie bodies, added-to bodies, participating bodies, the
# cohort, organisations): five; then the page: upcoming and past meetings with their counts and
# this person's registrations (three), or the cohort, the participants, the griffiers,
# the added people and the organisations' members (five); the partner membership for the menu (one).
QUERIES_MEETINGS = 12
QUERIES_PARTICIPANTS = 14


def test_the_meeting_page_in_english(client):
    from django.conf import settings

    meeting = factories.meeting(capacity=1)
    client.force_login(factories.participant())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "0 of 1 places taken" in page and "Register" in page and "Agenda" in page
    home = client.get(reverse("learning:home")).content.decode()
    assert "Upcoming meetings" in home


def test_the_waiting_requests_keep_their_query_budget(client, django_assert_num_queries):
    for code in ("GM0363", "GM0599"):
        body = people.municipality(code)
        actions.participation_request_submit(actor=people.griffier(body=body), body=body)
    staff = people.triage_staff()
    client.force_login(staff)
    url = reverse("learning:requests")
    client.get(url)
    # Session, user, roles; the waiting requests with body, organisation and requester in one
    # query; the rest is the menu of a BZK case handler. A third request adds none.
    with django_assert_num_queries(QUERIES_REQUESTS):
        client.get(url)
    body = people.municipality("GM0518")
    actions.participation_request_submit(actor=people.griffier(body=body), body=body)
    with django_assert_num_queries(QUERIES_REQUESTS):
        page = client.get(url).content.decode()
    assert page.count("Besluiten") >= 3


QUERIES_REQUESTS = 5
