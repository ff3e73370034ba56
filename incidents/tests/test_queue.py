"""The triage queue: filters, sorting, saved filters, pagination, and a fixed query budget per
page however many cases are shown."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import OfficeType
from accounts.tests import factories as people
from incidents import actions
from incidents.models import Incident, Kind, SavedQueueFilter
from incidents.tests import factories
from incidents.workflow import Status

pytestmark = pytest.mark.django_db


def queue_refs(client, **params):
    response = client.get(reverse("incidents:queue"), params)
    assert response.status_code == 200
    return [row.reference for row in response.context["rows"]]


@pytest.fixture
def staff_client(client):
    staff = people.triage_staff()
    client.force_login(staff)
    client.staff = staff
    return client


def test_the_queue_is_for_staff_only(client):
    for user in (factories.reporter(), people.support_team_member(), people.partner()):
        client.force_login(user)
        assert client.get(reverse("incidents:queue")).status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_rows_shown(staff_client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(reverse("incidents:queue"), {"kind": Kind.THREAT})
        assert response.status_code == 200
        return len(queries), len(response.context["rows"])

    member = people.support_team_member()
    staff_client.get(reverse("incidents:queue"))  # the first request of a session does more
    for _ in range(2):
        incident = factories.submitted(kinds=(Kind.THREAT, Kind.DOXING))
        actions.incident_assign(
            actor=staff_client.staff, incident=incident, assignee=staff_client.staff
        )
    few, shown_few = count()
    for _ in range(12):
        incident = factories.submitted(kinds=(Kind.THREAT, Kind.STALKING))
        actions.incident_deploy(actor=staff_client.staff, incident=incident, member=member)
    many, shown_many = count()
    assert (shown_few, shown_many) == (2, 14)
    assert few == many
    assert many <= 12  # session, user, roles, saved filters, staff choices, count, page, kinds


def test_filters_on_status_urgency_kind_role_province_assignee_age_and_overdue(staff_client):
    staff = staff_client.staff
    utrecht = factories.submitted(kinds=(Kind.THREAT,))
    urgent = factories.submitted(kinds=(Kind.DOXING,), immediate_danger=True)
    raadslid = factories.submitted(
        factories.reporter(office_type=OfficeType.RAADSLID, body=people.municipality("GM0363")),
        kinds=(Kind.ONLINE,),
        municipality=people.municipality("GM0363"),
    )
    actions.incident_assign(actor=staff, incident=raadslid, assignee=staff)
    closed = factories.reach(Status.CLOSED)
    Incident.objects.filter(pk=utrecht.pk).update(
        submitted_at=timezone.now() - timedelta(days=10),
        due_at=timezone.now() - timedelta(days=9),
    )
    everything_open = {utrecht.reference, urgent.reference, raadslid.reference}
    assert set(queue_refs(staff_client)) == everything_open
    assert queue_refs(staff_client, status="closed") == [closed.reference]
    assert queue_refs(staff_client, urgent="1") == [urgent.reference]
    assert queue_refs(staff_client, kind=Kind.ONLINE) == [raadslid.reference]
    assert queue_refs(staff_client, office=OfficeType.RAADSLID) == [raadslid.reference]
    noord_holland = people.province("PV27")
    assert queue_refs(staff_client, province=noord_holland.pk) == [raadslid.reference]
    assert queue_refs(staff_client, assignee="me") == [raadslid.reference]
    assert set(queue_refs(staff_client, assignee="nobody")) == everything_open - {
        raadslid.reference
    }
    assert queue_refs(staff_client, age="7") == [utrecht.reference]
    assert queue_refs(staff_client, overdue="true") == [utrecht.reference]


def test_sorting_puts_urgent_cases_first_by_default_and_follows_the_choice(staff_client):
    first = factories.submitted()
    urgent = factories.submitted(immediate_danger=True)
    last = factories.submitted()
    assert queue_refs(staff_client)[0] == urgent.reference
    assert queue_refs(staff_client, order="submitted") == [
        first.reference,
        urgent.reference,
        last.reference,
    ]
    assert queue_refs(staff_client, order="-submitted")[0] == last.reference


def test_a_staff_member_saves_and_reuses_a_filter(staff_client):
    factories.submitted(immediate_danger=True)
    response = staff_client.post(
        reverse("incidents:save_filter"),
        {"name": "Urgent, van mij", "urgent": "1", "assignee": "me", "evil": "x"},
    )
    saved = SavedQueueFilter.objects.get(owner=staff_client.staff)
    assert saved.query == "urgent=1&assignee=me"
    assert response.url.endswith("?urgent=1&assignee=me")
    page = staff_client.get(reverse("incidents:queue")).content.decode()
    assert "Urgent, van mij" in page
    other = people.triage_staff()
    staff_client.force_login(other)
    assert "Urgent, van mij" not in staff_client.get(reverse("incidents:queue")).content.decode()
    assert staff_client.post(reverse("incidents:delete_filter", args=[saved.pk])).status_code == 404


def test_the_queue_pages_on_with_links_that_carry_the_filters(staff_client, monkeypatch):
    monkeypatch.setattr("incidents.views.triage.PAGE_SIZE", 3)
    for _ in range(7):
        factories.submitted(kinds=(Kind.THREAT,))
    factories.submitted(kinds=(Kind.ONLINE,))
    seen, params, pages = [], {"kind": Kind.THREAT}, 0
    while True:
        response = staff_client.get(reverse("incidents:queue"), params)
        assert response.status_code == 200
        page = response.context["page"]
        seen += [row.reference for row in response.context["rows"]]
        pages += 1
        html = response.content.decode()
        assert "7 meldingen" in html
        if pages > 1:
            assert "Naar het begin" in html and 'rel="prev"' in html
        if not page.has_next:
            break
        assert 'rel="next"' in html and f"kind=threat&amp;na={page.next_cursor}" in html
        params = {"kind": Kind.THREAT, "na": page.next_cursor}
    everything = Incident.objects.filter(kind_tags__kind=Kind.THREAT).order_by(
        "-urgent", "due_at", "-submitted_at", "-pk"
    )
    assert seen == [incident.reference for incident in everything]
    assert pages == 3
    back = staff_client.get(
        reverse("incidents:queue"), {"kind": Kind.THREAT, "voor": page.previous_cursor}
    )
    assert [row.reference for row in back.context["rows"]] == seen[3:6]


def test_a_broken_page_link_shows_the_first_page(staff_client):
    for _ in range(2):
        factories.submitted()
    first = queue_refs(staff_client)
    assert queue_refs(staff_client, na="bm9uc2Vuc2U") == first
    assert queue_refs(staff_client, voor="!!") == first


def test_a_long_queue_says_more_than_the_cap_without_counting_every_case(staff_client, monkeypatch):
    monkeypatch.setattr("incidents.views.triage.COUNT_CAP", 2)
    for _ in range(3):
        factories.submitted()
    html = staff_client.get(reverse("incidents:queue")).content.decode()
    assert "Meer dan 2 meldingen" in html
    monkeypatch.setattr("incidents.views.triage.COUNT_CAP", 3)
    html = staff_client.get(reverse("incidents:queue")).content.decode()
    assert "3 meldingen" in html and "Meer dan" not in html


def test_overdue_cases_are_highlighted(staff_client):
    incident = factories.submitted()
    Incident.objects.filter(pk=incident.pk).update(due_at=timezone.now() - timedelta(hours=2))
    page = staff_client.get(reverse("incidents:queue")).content.decode()
    assert "is-overdue" in page and "te laat" in page


def test_the_default_order_puts_cases_waiting_for_first_contact_first(staff_client):
    # A case still waiting for first contact, sent after many contacted ones with earlier
    # deadlines, one of them urgent: it is row 1, and the rest follow urgent-then-deadline.
    contacted = [factories.reach(Status.ACKNOWLEDGED) for _ in range(4)]
    urgent_contacted = factories.reach(Status.ACKNOWLEDGED)
    actions.incident_set_urgency(actor=staff_client.staff, incident=urgent_contacted, urgent=True)
    waiting = factories.submitted()
    waiting_urgent = factories.submitted(immediate_danger=True)
    refs = queue_refs(staff_client)
    assert refs[:2] == [waiting_urgent.reference, waiting.reference]
    assert refs[2] == urgent_contacted.reference
    assert set(refs[3:]) == {incident.reference for incident in contacted}
    # "Urgent eerst" keeps the order without the waiting cases first.
    assert queue_refs(staff_client, order="-urgent")[:2] == [
        waiting_urgent.reference,
        urgent_contacted.reference,
    ]
    # The flag is the database's: contacting the case moves it down.
    actions.incident_acknowledge(actor=staff_client.staff, incident=waiting)
    assert Incident.objects.get(pk=waiting.pk).awaits_first_contact is False
    assert queue_refs(staff_client)[:2] == [waiting_urgent.reference, urgent_contacted.reference]
