"""The staff case page: the report comes first, then the forms, each under its own heading;
its number of queries does not rise."""

import re

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from incidents import actions
from incidents.tests import factories

pytestmark = pytest.mark.django_db

# The staff case page, whatever the case holds (issue 17): 4 of them are the signed-in floor
# (session, user, roles, two-step check), then the case (with its urgent alert), the access-log
# row, everything the page lists (one UNION ALL: stappenplan, messages, evidence, timeline, kinds,
# notes, deployments), the staff lists of the assign and deploy forms, the standard replies and
# the e-mail notices with their attempts. Lower it when a query goes; never raise it.
CASE_PAGE_QUERIES = 10


def headings(html):
    return [
        re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html)
    ]


def test_the_staff_case_page_opens_with_the_report_and_then_the_forms(client):
    staff = people.triage_staff()
    incident = factories.submitted(description="Dreigbrief in de brievenbus.")
    client.force_login(staff)
    html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    found = headings(html)
    assert found[0] == "De melding"
    report_at = html.index("Dreigbrief in de brievenbus.")
    for form in (
        "incidents:message",
        "incidents:note",
        "incidents:transition",
        "incidents:assign",
        "incidents:deploy",
    ):
        assert html.index(reverse(form, args=[incident.pk])) > report_at, form
    # The reporter's block belongs to the report, before the first form.
    assert report_at < html.index(incident.reporter.email) < html.index('class="message-form')
    for heading in (
        "Bericht aan de melder",
        "Nieuwe notitie",
        "Status",
        "Urgentie",
        "Toewijzing",
        "Ondersteuningsteam",
    ):
        assert heading in found, heading


def test_the_reporter_still_sees_the_stappenplan_first(client):
    incident = factories.submitted()
    client.force_login(incident.reporter)
    html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert headings(html)[0].startswith("Stappenplan")
    assert 'action="' + reverse("incidents:assign", args=[incident.pk]) not in html


@pytest.mark.parametrize("rounds", [1, 3])
def test_the_staff_case_page_query_count_does_not_rise(client, django_assert_num_queries, rounds):
    staff = people.triage_staff()
    incident = factories.submitted()
    actions.evidence_add(
        actor=incident.reporter,
        incident=incident,
        uploaded_file=factories.upload("foto.png", factories.png_bytes(), "image/png"),
    )
    for n in range(rounds):
        colleague = people.triage_staff()
        actions.message_send(actor=colleague, incident=incident, body=f"Wij bellen u ({n}).")
        actions.message_send(actor=incident.reporter, incident=incident, body=f"Dank ({n}).")
        actions.note_add(actor=colleague, incident=incident, body=f"Notitie {n}.")
        member = people.support_team_member()
        actions.incident_deploy(actor=staff, incident=incident, member=member)
        actions.incident_assign(actor=staff, incident=incident, assignee=colleague)
    client.force_login(staff)
    url = reverse("incidents:detail", args=[incident.pk])
    client.get(url)
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        html = client.get(url).content.decode()
    # What the one query brought is on the page, each with its person.
    assert html.count("Wij bellen u (") == rounds
    assert html.count("Notitie ") >= rounds
    assert str(member) in html and "foto.png" in html
    assert f'<option value="{colleague.pk}" selected>{colleague}</option>' in html
    assert f'<option value="{member.pk}">{member}</option>' in html
