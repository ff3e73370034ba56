from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import ErasureRequest, RetentionMark
from audit.retention import apply_retention
from audit.tasks import apply_retention as apply_retention_task
from incidents import actions
from incidents.models import Incident, NotifyBy
from incidents.tests import factories
from incidents.workflow import Status

pytestmark = pytest.mark.django_db


def closed_case(days_ago):
    incident = factories.submitted(notify_by=NotifyBy.OTHER, notify_address="prive@example.test")
    actions.case_visit_record(actor=incident.reporter, incident=incident)
    staff = people.triage_staff()
    actions.evidence_add(
        actor=incident.reporter,
        incident=incident,
        uploaded_file=factories.upload("foto.png", factories.png_bytes()),
    )
    actions.message_send(actor=staff, incident=incident, body="Wij bellen u morgen.")
    actions.note_add(actor=staff, incident=incident, body="Dader is bekend bij de politie.")
    actions.incident_acknowledge(actor=staff, incident=incident)
    actions.incident_close(actor=staff, incident=incident)
    Incident.objects.filter(pk=incident.pk).update(
        closed_at=timezone.now() - timedelta(days=days_ago)
    )
    return Incident.objects.get(pk=incident.pk)


def test_a_closed_case_past_retention_loses_its_content_and_keeps_what_the_monitor_counts(
    media_root, settings
):
    settings.RETENTION_CLOSED_CASE_DAYS = 730
    incident = closed_case(days_ago=731)
    kinds = set(incident.kind_tags.values_list("kind", flat=True))
    evidence_path = media_root / incident.evidence.get().file.name
    assert evidence_path.exists()

    report = apply_retention()

    assert report == {"cases_anonymised": 1, "messages": 1, "notes": 1, "evidence_files": 1,
                      "erasures": 0}  # fmt: skip
    incident = Incident.objects.get(pk=incident.pk)
    assert (incident.description, incident.perpetrator_details, incident.impact) == ("", "", "")
    assert incident.police_reference == "" and incident.contact_phone == ""
    assert (incident.notify_by, incident.notify_address) == (NotifyBy.NONE, "")
    assert not incident.visits.exists()
    assert not incident.messages.exists() and not incident.notes.exists()
    assert not incident.evidence.exists() and not evidence_path.exists()
    assert set(incident.kind_tags.values_list("kind", flat=True)) == kinds
    assert incident.channel and incident.reporter_office_type and incident.submitted_at
    assert incident.status == Status.CLOSED


def test_retention_is_idempotent_and_leaves_recent_and_open_cases_alone(settings):
    settings.RETENTION_CLOSED_CASE_DAYS = 730
    old = closed_case(days_ago=800)
    recent = closed_case(days_ago=10)
    still_open = factories.submitted()
    assert apply_retention()["cases_anonymised"] == 1
    assert apply_retention()["cases_anonymised"] == 0
    assert apply_retention_task.apply().get()["cases_anonymised"] == 0
    assert RetentionMark.objects.get().object_id == str(old.pk)
    for untouched in (recent, still_open):
        assert Incident.objects.get(pk=untouched.pk).description == factories.DESCRIPTION


def test_an_officeholder_asks_for_erasure_which_runs_after_the_grace_period(client, settings):
    settings.ERASURE_GRACE_DAYS = 14
    incident = factories.submitted()
    reporter = incident.reporter
    client.force_login(reporter)
    url = reverse("audit:erasure")
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "request", "password": people.PASSWORD})
    assert response.status_code == 302
    request = ErasureRequest.objects.get(user=reporter)
    # Confirmed through the e-mailed link (audit/tests/test_erasure.py covers the link).
    ErasureRequest.objects.filter(pk=request.pk).update(confirmed_at=timezone.now())

    assert apply_retention()["erasures"] == 0  # still in the grace period
    ErasureRequest.objects.filter(pk=request.pk).update(
        confirmed_at=timezone.now() - timedelta(days=15),
        reminder_sent_at=timezone.now() - timedelta(days=4),
    )
    assert apply_retention()["erasures"] == 1
    assert apply_retention()["erasures"] == 0

    reporter.refresh_from_db()
    assert not reporter.is_active and not reporter.has_usable_password()
    assert reporter.email.endswith(".invalid") and reporter.full_name == ""
    assert Incident.objects.get(pk=incident.pk).description == ""
    assert client.get(url).status_code == 302  # signed out


def test_a_withdrawn_erasure_request_is_not_carried_out(client):
    reporter = factories.reporter()
    client.force_login(reporter)
    url = reverse("audit:erasure")
    client.post(url, {"action": "request", "password": people.PASSWORD})
    client.post(url, {"action": "withdraw"})
    ErasureRequest.objects.update(
        requested_at=timezone.now() - timedelta(days=60),
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )
    assert apply_retention()["erasures"] == 0
    reporter.refresh_from_db()
    assert reporter.is_active


def test_only_officeholders_can_ask_for_erasure_here(client):
    client.force_login(people.triage_staff())
    assert client.get(reverse("audit:erasure")).status_code == 404
