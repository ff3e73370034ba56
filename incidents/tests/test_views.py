"""The pages: reporting on a phone-sized flow, need-to-know (404 for everyone else), the audit
of reads, the case page for each party, and the staff actions through their forms."""

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from audit.models import AccessEntry
from incidents import actions
from incidents.models import Incident, Kind
from incidents.tests import factories
from incidents.workflow import Status, Step

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_starting_with_immediate_danger_shows_112_before_anything_else(client):
    reporter = factories.reporter()
    response = login(client, reporter).post(reverse("incidents:start"), {"danger": "yes"})
    incident = Incident.objects.get(reporter=reporter)
    assert response.url == reverse("incidents:danger", args=[incident.pk])
    page = client.get(response.url).content.decode()
    assert "Bel nu 112" in page and 'href="tel:112"' in page
    assert incident.urgent and incident.immediate_danger


def test_an_officeholder_files_a_report_and_gets_the_confirmation_page(client):
    reporter = factories.reporter()
    login(client, reporter)
    response = client.post(reverse("incidents:start"), {"danger": "no"})
    incident = Incident.objects.get(reporter=reporter)
    assert response.url == reverse("incidents:edit", args=[incident.pk])
    response = client.post(
        reverse("incidents:edit", args=[incident.pk]),
        {
            "kinds": [Kind.THREAT, Kind.ONLINE],
            "channel": "online",
            "description": "Op Facebook schreef iemand dat hij mij weet te vinden.",
            "police_report": "none",
            "contact_preference": "portal",
            "later": "",
        },
    )
    assert response.url == reverse("incidents:list")
    incident.refresh_from_db()
    assert incident.kinds == [Kind.ONLINE, Kind.THREAT]
    response = client.post(reverse("incidents:submit", args=[incident.pk]))
    assert response.url == reverse("incidents:sent", args=[incident.pk])
    page = client.get(response.url).content.decode()
    incident.refresh_from_db()
    assert incident.status == Status.NEW
    assert incident.reference in page and "VPT-code" in page


def test_sending_an_incomplete_report_lists_what_is_missing(client):
    incident = factories.draft(kinds=(), description="")
    page = login(client, incident.reporter).post(reverse("incidents:submit", args=[incident.pk]))
    assert page.status_code == 200
    assert "Kies ten minste één soort incident." in page.content.decode()
    assert Incident.objects.get(pk=incident.pk).status == Status.DRAFT


def test_a_sent_report_cannot_be_edited_through_the_form(client):
    incident = factories.submitted()
    response = login(client, incident.reporter).post(
        reverse("incidents:edit", args=[incident.pk]), {"description": "Herschreven"}
    )
    assert response.status_code == 409  # the page that gives the typed text back
    incident.refresh_from_db()
    assert incident.description == factories.DESCRIPTION


def test_the_form_cannot_set_status_urgency_or_owner(client):
    incident = factories.draft()
    other = factories.reporter()
    login(client, incident.reporter).post(
        reverse("incidents:edit", args=[incident.pk]),
        {"status": "closed", "reporter": other.pk, "urgent": "on", "description": "x"},
    )
    incident.refresh_from_db()
    assert (incident.status, incident.reporter_id, incident.urgent) == (
        Status.DRAFT,
        incident.reporter.pk,
        False,
    )


OBJECT_URLS = ["detail", "dossier", "message", "note", "evidence", "transition", "step"]


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_outsiders_get_404_on_every_case_url(client, name):
    incident = factories.submitted()
    url = reverse(f"incidents:{name}", args=[incident.pk])
    for outsider in (
        factories.reporter(),
        people.support_team_member(),
        people.partner(),
        people.griffier(),
    ):
        login(client, outsider)
        assert client.get(url).status_code in (404, 405)
        assert (
            client.post(
                url,
                {"message-body": "x", "note-body": "x", "to": "closed", "step": "acknowledge"},
            ).status_code
            == 404
        )


def test_staff_cannot_open_the_reporters_draft(client):
    incident = factories.draft()
    login(client, people.triage_staff())
    assert client.get(reverse("incidents:edit", args=[incident.pk])).status_code == 404
    assert client.get(reverse("incidents:detail", args=[incident.pk])).status_code == 404


def test_the_reporter_sees_messages_but_never_internal_notes(client):
    incident = factories.submitted()
    staff = people.triage_staff()
    actions.message_send(actor=staff, incident=incident, body="Wij bellen u vandaag.")
    actions.note_add(actor=staff, incident=incident, body="Vermoedelijk dezelfde dader als WB-1.")
    page = login(client, incident.reporter).get(reverse("incidents:detail", args=[incident.pk]))
    text = page.content.decode()
    assert "Wij bellen u vandaag." in text
    assert "dezelfde dader" not in text and "Interne notities" not in text
    staff_page = login(client, staff).get(reverse("incidents:detail", args=[incident.pk]))
    assert "dezelfde dader" in staff_page.content.decode()


def test_a_deployed_member_sees_the_case_and_notes_and_confirms_a_message(client):
    incident = factories.submitted()
    member = people.support_team_member()
    actions.incident_deploy(actor=people.triage_staff(), incident=incident, member=member)
    login(client, member)
    page = client.get(reverse("incidents:detail", args=[incident.pk]))
    assert page.status_code == 200 and "Interne notities" in page.content.decode()
    response = client.post(
        reverse("incidents:message", args=[incident.pk]), {"message-body": "Hoi"}
    )
    assert response.status_code == 200 and "Versturen aan de melder?" in response.content.decode()
    assert not incident.messages.exists()


def test_reads_by_others_leave_an_audit_row_and_the_reporters_own_reads_do_not(client):
    incident = factories.submitted()
    staff = people.triage_staff()
    login(client, incident.reporter).get(reverse("incidents:detail", args=[incident.pk]))
    assert not AccessEntry.objects.for_object(incident).exists()
    login(client, staff).get(reverse("incidents:detail", args=[incident.pk]))
    client.get(reverse("incidents:dossier", args=[incident.pk]))
    rows = list(AccessEntry.objects.for_object(incident).order_by("pk"))
    assert [(row.actor, row.action, row.what) for row in rows] == [
        (staff, "read", "detail"),
        (staff, "read", "dossier"),
    ]


def test_audit_rows_cannot_be_changed_or_deleted():
    incident = factories.submitted()
    row = actions.case_read_record(reader=people.triage_staff(), incident=incident, what="detail")
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        AccessEntry.objects.filter(pk=row.pk).update(what="x")
    with pytest.raises(PermissionError):
        AccessEntry.objects.filter(pk=row.pk).delete()


def test_staff_triage_through_the_case_page(client):
    incident = factories.submitted()
    staff = people.triage_staff()
    member = people.support_team_member()
    login(client, staff)
    url = reverse("incidents:detail", args=[incident.pk])
    client.post(reverse("incidents:transition", args=[incident.pk]), {"to": "acknowledged"})
    client.post(reverse("incidents:urgency", args=[incident.pk]), {"urgent": "1"})
    client.post(reverse("incidents:assign", args=[incident.pk]), {"assign-assignee": staff.pk})
    client.post(reverse("incidents:escalate", args=[incident.pk]))
    client.post(reverse("incidents:deploy", args=[incident.pk]), {"deploy-member": member.pk})
    client.post(reverse("incidents:step", args=[incident.pk]), {"step": Step.ASSESS_DANGER})
    client.post(reverse("incidents:note", args=[incident.pk]), {"note-body": "Intern"})
    response = client.post(reverse("incidents:transition", args=[incident.pk]), {"to": "new"})
    assert "is niet toegestaan" in client.get(url).content.decode()
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == Status.ACKNOWLEDGED
    assert incident.urgent and incident.assignee == staff and incident.escalated_at
    assert incident.deployments.get().member == member
    assert incident.steps.get(step=Step.ASSESS_DANGER).done_by == staff


def test_pages_of_a_case_are_not_cached(client):
    incident = factories.submitted()
    response = login(client, incident.reporter).get(reverse("incidents:detail", args=[incident.pk]))
    assert "no-store" in response["Cache-Control"]


def test_urls_carry_no_case_content(client):
    incident = factories.submitted()
    login(client, incident.reporter)
    page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    import re

    for href in re.findall(r'href="([^"]+)"', page):
        assert "bedreigd" not in href and "Jan" not in href
