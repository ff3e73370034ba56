"""Several cases of the queue changed in one go, and the queue as a CSV file."""

import csv
import io
import re

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from audit.models import AccessEntry
from incidents.models import EventKind, Incident, IncidentEvent, Kind
from incidents.tests import factories
from incidents.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = people.triage_staff()
    client.force_login(staff)
    client.staff = staff
    return client


def bulk(client, incidents, **data):
    payload = {f"bulk-{key}": value for key, value in data.items()}
    payload["bulk-incidents"] = [str(incident.pk) for incident in incidents]
    return client.post(reverse("incidents:queue_bulk"), payload, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_assigning_three_cases_at_once_records_one_event_per_case(staff_client):
    colleague = people.triage_staff()
    cases = [factories.submitted() for _ in range(3)]
    response = bulk(staff_client, cases, change="assign", assignee=colleague.pk)
    assert response.status_code == 200
    assert all(Incident.objects.get(pk=c.pk).assignee == colleague for c in cases)
    events = IncidentEvent.objects.filter(kind=EventKind.ASSIGNED, actor=staff_client.staff)
    assert sorted(events.values_list("incident_id", flat=True)) == sorted(c.pk for c in cases)
    assert any("Gewijzigd" in text for text in messages_of(response))


def test_a_move_not_allowed_for_one_case_is_named_and_the_others_are_done(staff_client):
    acknowledged = [factories.reach(Status.ACKNOWLEDGED) for _ in range(2)]
    new = factories.submitted()  # new → closed is not in the table
    response = bulk(staff_client, [*acknowledged, new], change="status", to=Status.CLOSED)
    assert [Incident.objects.get(pk=c.pk).status for c in acknowledged] == [Status.CLOSED] * 2
    assert Incident.objects.get(pk=new.pk).status == Status.NEW
    refused = [text for text in messages_of(response) if "Niet gewijzigd" in text]
    assert len(refused) == 1 and new.reference in refused[0]
    assert not any(c.reference in refused[0] for c in acknowledged)
    closes = IncidentEvent.objects.filter(kind=EventKind.STATUS, to_value=Status.CLOSED)
    assert closes.count() == 2


def test_urgency_in_one_go_and_the_filters_are_kept(staff_client):
    cases = [factories.submitted() for _ in range(2)]
    response = staff_client.post(
        reverse("incidents:queue_bulk"),
        {"bulk-incidents": [c.pk for c in cases], "bulk-change": "urgent", "kind": Kind.THREAT},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?kind={Kind.THREAT}")
    assert all(Incident.objects.get(pk=c.pk).urgent for c in cases)
    assert IncidentEvent.objects.filter(kind=EventKind.URGENCY).count() == 2


def test_bulk_changes_and_the_export_are_for_triage_staff_only(client):
    incident = factories.submitted()
    for user in (incident.reporter, people.support_team_member(), people.partner()):
        client.force_login(user)
        assert bulk(client, [incident], change="urgent").status_code == 404
        assert client.get(reverse("incidents:queue_export")).status_code == 404
    assert not Incident.objects.get(pk=incident.pk).urgent


def test_the_csv_holds_case_metadata_without_description_or_names(staff_client):
    reporter = factories.reporter(full_name="Anna Melder-Geheim")
    incident = factories.submitted(reporter, description="Een bedreiging met een geheim detail")
    factories.reach(Status.ACKNOWLEDGED)
    before = AccessEntry.objects.count()
    response = staff_client.get(reverse("incidents:queue_export"), {"urgent": "0"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["Kenmerk", "Status", "Urgent", "Soort"]
    assert "Behandelaar" in rows[0] and "Gemeente" in rows[0] and "Provincie" in rows[0]
    assert len(rows) == 3
    assert incident.reference in [row[0] for row in rows[1:]]
    assert "geheim detail" not in text and "Anna" not in text and "Melder-Geheim" not in text
    assert reporter.email not in text
    entries = AccessEntry.objects.order_by("pk")[before:]
    assert [(e.actor_id, e.what) for e in entries] == [
        (staff_client.staff.pk, "export wachtrij (CSV)")
    ]


def test_the_csv_follows_the_filters(staff_client):
    factories.submitted()
    urgent = factories.submitted(immediate_danger=True)
    response = staff_client.get(reverse("incidents:queue_export"), {"urgent": "1"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [urgent.reference]


def test_the_queue_offers_a_labelled_checkbox_per_case_and_the_csv_link(staff_client):
    incident = factories.submitted()
    html = staff_client.get(reverse("incidents:queue")).content.decode()
    assert f"Selecteer melding {incident.reference}" in html
    assert "<legend" in html and reverse("incidents:queue_export") in html


def test_a_status_change_without_a_new_status_keeps_the_selection_and_marks_the_field(
    staff_client,
):
    """A bulk form with an error is the queue again (not a message after a redirect): the
    summary links to the field, the field says what is wrong, and the ticked cases stay
    ticked so nothing has to be chosen again."""
    cases = [factories.submitted() for _ in range(2)]
    other = factories.submitted()
    response = staff_client.post(
        reverse("incidents:queue_bulk"),
        {
            "bulk-incidents": [c.pk for c in cases],
            "bulk-change": "status",
            "bulk-to": "",
            "kind": Kind.THREAT,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_bulk-to"' in html and "Kies de nieuwe status." in html
    select = re.search(r'<select name="bulk-to"[^>]*>', html)
    assert select and 'aria-invalid="true"' in select[0]
    assert 'aria-describedby="id_bulk-to_error"' in select[0] and 'id="id_bulk-to_error"' in html
    for case in cases:
        assert f'value="{case.pk}" id="select-{case.pk}" checked' in html
    assert f'value="{other.pk}" id="select-{other.pk}" checked' not in html
    # The change chosen stays chosen, and the filter stays applied.
    assert '<option value="status" selected>' in html
    assert response.context["filter"].data.get("kind") == Kind.THREAT
    changes = IncidentEvent.objects.filter(kind=EventKind.STATUS).exclude(from_value=Status.DRAFT)
    assert not changes.exists()


def test_a_change_with_no_case_ticked_says_so_at_the_list(staff_client):
    first = factories.submitted()
    response = staff_client.post(reverse("incidents:queue_bulk"), {"bulk-change": "urgent"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Selecteer eerst een of meer meldingen." in html
    # The summary's item leads to the first box to tick.
    assert f'href="#select-{first.pk}"' in html
    assert '<option value="urgent" selected>' in html
    assert not Incident.objects.get(pk=first.pk).urgent


def test_the_queue_shown_again_after_a_refused_change_links_to_the_queue_not_the_post(
    staff_client,
):
    """The page answers the POST at the bulk address: its filter form, saved filters and page
    links must lead to the queue (a link "?..." would GET the bulk address: 405)."""
    for _ in range(26):  # more than a page, so there is a "Volgende"
        factories.submitted()
    actions_saved = staff_client.post(
        reverse("incidents:save_filter"), {"name": "Dreiging", "kind": Kind.THREAT}
    )
    assert actions_saved.status_code == 302
    response = staff_client.post(reverse("incidents:queue_bulk"), {"bulk-change": "urgent"})
    html = response.content.decode()
    queue = reverse("incidents:queue")
    assert not re.search(r'href="\?', html), "a link relative to the POST address"
    assert re.search(rf'<form method="get" action="{queue}"', html)
    assert f'href="{queue}?na=' in html
    assert f'href="{queue}?kind={Kind.THREAT}"' in html
