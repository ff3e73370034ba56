"""No case content or personal data leaves the portal by a side channel: e-mail (in-memory
outbox and a real SMTP sink), log records at DEBUG, Celery task messages, redirect URLs.

A report is filed and handled from start to escalation and deployment, and a grant
application from draft to decision, while everything that goes out is captured; then every
captured byte is searched for the secret strings planted in them."""

import logging
import re
from decimal import Decimal

import pytest
from celery.app.task import Task
from django.core import mail
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

from accounts.tests import factories as people
from incidents import actions as incident_actions
from incidents.tests import factories as incident_factories
from incidents.workflow import Status as IncidentStatus
from incidents.workflow import Step
from subsidies import actions as subsidy_actions
from subsidies.tests import factories as subsidy_factories
from subsidies.workflow import Status as SubsidyStatus

SECRETS = {
    "description": "GEHEIM-omschrijving-stenen-door-het-raam-7731",
    "perpetrator": "GEHEIM-dader-Kees-de-Buurman-5512",
    "impact": "GEHEIM-gevolgen-slapeloos-9034",
    "phone": "+31 6 9988 7766",
    "police": "PL0900-GEHEIM-424242",
    "message": "GEHEIM-bericht-aan-melder-1188",
    "note": "GEHEIM-interne-notitie-6621",
    "reporter_name": "Henrica Geheimnaam-Vos",
    "reporter_email": "henrica.geheim@example.test",
    "situation": "GEHEIM-tribune-situatie-3301",
    "grant_incidents": "GEHEIM-aanleiding-raadslid-bedreigd-8870",
    "explanation": "GEHEIM-motivering-besluit-4455",
    "info_request": "GEHEIM-ontbrekende-offerte-Jansen-2207",
}


# Loggers of the test tools themselves (factory_boy logs the objects it builds at DEBUG).
TEST_HARNESS_LOGGERS = ("factory",)


def incident_mail_templates_exist():
    """The incidents branch adds its e-mail templates with its views; until they are merged,
    incident notices stay queued and only their task messages and rows can be checked."""
    try:
        get_template("incidents/email/notice_subject.txt")
    except TemplateDoesNotExist:
        return False
    return True


@pytest.fixture
def captured(monkeypatch, caplog):
    """Everything that leaves by a side channel, as text."""
    tasks = []
    original = Task.apply_async

    def recording_apply_async(self, args=None, kwargs=None, **options):
        tasks.append(f"{self.name} {args!r} {kwargs!r}")
        return original(self, args=args, kwargs=kwargs, **options)

    monkeypatch.setattr(Task, "apply_async", recording_apply_async)
    caplog.set_level(logging.DEBUG)
    return {"tasks": tasks, "caplog": caplog}


def _mail_texts(messages):
    texts = []
    for message in messages:
        texts.append(message.subject)
        texts.append(message.body)
        texts.extend(str(content) for content, _type in getattr(message, "alternatives", []))
        texts.extend(f"{key}: {value}" for key, value in message.extra_headers.items())
    return texts


def _assert_clean(channel, texts):
    joined = "\n".join(texts)
    found = [name for name, secret in SECRETS.items() if secret.lower() in joined.lower()]
    assert not found, f"{channel} carries {found}"


def _file_and_handle_a_report():
    reporter = incident_factories.reporter(
        full_name=SECRETS["reporter_name"], email=SECRETS["reporter_email"]
    )
    staff = people.triage_staff()
    member = people.support_team_member()
    incident = incident_factories.submitted(
        reporter,
        description=SECRETS["description"],
        perpetrator_details=SECRETS["perpetrator"],
        impact=SECRETS["impact"],
        contact_phone=SECRETS["phone"],
        police_reference=SECRETS["police"],
        contact_preference="phone",
    )
    incident_actions.incident_acknowledge(actor=staff, incident=incident)
    incident_actions.incident_set_urgency(actor=staff, incident=incident, urgent=True)
    incident_actions.incident_assign(actor=staff, incident=incident, assignee=staff)
    incident_actions.incident_escalate(actor=staff, incident=incident)
    incident_actions.incident_deploy(actor=staff, incident=incident, member=member)
    incident_actions.message_send(actor=staff, incident=incident, body=SECRETS["message"])
    incident_actions.note_add(actor=staff, incident=incident, body=SECRETS["note"])
    incident_actions.incident_complete_step(actor=staff, incident=incident, step=Step.ASSESS_DANGER)
    incident_actions.incident_transition(
        actor=staff, incident=incident, to_status=IncidentStatus.IN_PROGRESS
    )
    incident_actions.message_send(actor=reporter, incident=incident, body=SECRETS["message"])
    return incident


def _apply_for_a_grant_over_http(client):
    """Through the views, so the redirect locations are captured too."""
    locations = []
    griffier = people.griffier(full_name=SECRETS["reporter_name"])
    client.force_login(griffier)
    response = client.post(reverse("subsidies:start"), {"scheme": "veilig-vergaderen"})
    locations.append(response.get("Location", ""))
    application = subsidy_factories.draft(griffier=griffier)
    response = client.post(
        reverse("subsidies:step", args=[application.pk, 1]),
        {"current_situation": SECRETS["situation"], "incidents": SECRETS["grant_incidents"]},
    )
    locations.append(response.get("Location", ""))
    application = subsidy_actions.application_submit(actor=griffier, application=application)
    reviewer, decider = people.triage_staff(), people.triage_staff()
    subsidy_actions.application_transition(
        actor=reviewer, application=application, to_status=SubsidyStatus.IN_REVIEW
    )
    # BZK asks for more information (the griffier is told, without the question), gets it.
    subsidy_actions.application_transition(
        actor=reviewer,
        application=application,
        to_status=SubsidyStatus.INFO_REQUESTED,
        reason=SECRETS["info_request"],
    )
    application = subsidy_actions.application_submit(actor=griffier, application=application)
    subsidy_actions.application_transition(
        actor=reviewer, application=application, to_status=SubsidyStatus.IN_REVIEW
    )
    subsidy_actions.assessment_record(
        actor=reviewer,
        application=application,
        body_eligible=True,
        measures_eligible=True,
        attachments_complete=True,
        costs_reasonable=True,
        score=4,
        advice="grant",
    )
    client.force_login(decider)
    lines = list(application.lines.all())
    data = {
        "outcome": SubsidyStatus.GRANTED,
        "explanation": SECRETS["explanation"],
        "conditions": SECRETS["explanation"],
        **{f"amount_{line.pk}": str(line.cost or Decimal("1")) for line in lines},
    }
    decide = reverse("subsidies:decide", args=[application.pk])
    preview = client.post(decide, data)
    token = re.search(r'name="preview_token" value="([^"]+)"', preview.content.decode())
    response = client.post(decide, {**data, "preview_token": token.group(1), "confirm": "1"})
    assert response.status_code == 302, "the confirmed preview records and sends the decision"
    locations.append(response.get("Location", ""))
    return locations


pytestmark = pytest.mark.urls("tests.security.urls_incident_links")


@pytest.mark.django_db
def test_no_case_content_in_mail_logs_task_messages_or_urls(
    client, captured, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _file_and_handle_a_report()
    with django_capture_on_commit_callbacks(execute=True):
        locations = _apply_for_a_grant_over_http(client)
    assert mail.outbox, "the flows should have sent notices"
    assert any("aanvulling" in m.subject for m in mail.outbox), "the info request was mailed"
    if incident_mail_templates_exist():
        assert any(SECRETS["reporter_email"] in m.to for m in mail.outbox)
    else:
        print("incident e-mail templates not merged yet: incident notices checked as tasks only")
    assert captured["tasks"], "the flows should have queued tasks"
    _assert_clean("e-mail", _mail_texts(mail.outbox))
    records = captured["caplog"].records
    portal_records = [r for r in records if not r.name.startswith(TEST_HARNESS_LOGGERS)]
    _assert_clean("logs", [f"{r.name} {r.getMessage()} {r.args!r}" for r in portal_records])
    _assert_clean("task messages", captured["tasks"])
    _assert_clean("redirect URLs", locations)
    print(
        f"captured: {len(mail.outbox)} e-mails, {len(records)} log records, "
        f"{len(captured['tasks'])} task messages, {len(locations)} redirects"
    )


@pytest.mark.django_db
def test_no_case_content_reaches_a_real_smtp_server(
    client, smtp_settings, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _file_and_handle_a_report()
    with django_capture_on_commit_callbacks(execute=True):
        _apply_for_a_grant_over_http(client)
    assert smtp_settings.messages
    # Everything but the recipient's own address in To (and the envelope headers aiosmtpd adds).
    raw = []
    for message in smtp_settings.messages:
        for header in ("To", "X-RcptTo", "X-Peer", "X-MailFrom"):
            del message[header]
        raw.append(message.as_string())
    _assert_clean("SMTP", raw)
