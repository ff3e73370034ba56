"""The staff start page: what needs them now, in numbers that open the queue filtered."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests import factories as people
from incidents import actions
from incidents.models import Incident
from incidents.tests import factories
from incidents.workflow import Status

pytestmark = pytest.mark.django_db


def counts_on_start_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return {count.label: (count.number, count.url) for count in response.context["counts"]}


def test_staff_see_counts_that_open_the_queue_filtered_to_them(client):
    staff = people.triage_staff()
    client.force_login(staff)
    waiting = factories.submitted()
    factories.submitted(immediate_danger=True)  # urgent and waiting
    mine = factories.reach(Status.ACKNOWLEDGED)
    actions.incident_assign(actor=staff, incident=mine, assignee=staff)
    late = factories.submitted()
    Incident.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=1))
    factories.reach(Status.CLOSED)  # closed cases count nowhere
    counts = counts_on_start_page(client)
    assert counts["Wachten op eerste contact"][0] == 3
    assert counts["Urgent"][0] == 1
    assert counts["Deadline verstreken"][0] == 1
    assert counts["Aan mij toegewezen"][0] == 1
    # Each number opens the queue showing exactly the cases it counts.
    for number, url in counts.values():
        rows = client.get(url).context["rows"]
        assert len(rows) == number, url
    waiting_url = counts["Wachten op eerste contact"][1]
    assert waiting.reference in client.get(waiting_url).content.decode()
    html = client.get(reverse("home")).content.decode()
    assert "Nu te doen" in html and 'class="row list-unstyled g-3"' not in html


def test_the_start_page_costs_the_same_queries_with_more_cases(client):
    staff = people.triage_staff()
    client.force_login(staff)
    factories.submitted()
    client.get(reverse("home"))  # the first request of a session does more

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        on_cases = [q for q in captured if "incidents_incident" in q["sql"]]
        return len(captured), len(on_cases)

    few = queries()
    for _ in range(6):
        actions.incident_assign(actor=staff, incident=factories.submitted(), assignee=staff)
    assert queries() == few
    assert few[1] == 1  # the four numbers come from one query
    assert few[0] <= 8, few


def test_others_see_no_counts(client):
    for user in (factories.reporter(), people.support_team_member(), people.partner()):
        client.force_login(user)
        assert client.get(reverse("home")).context["counts"] == []
