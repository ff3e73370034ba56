"""Every form of the portal fuzzed with Hypothesis: long, empty, Unicode, HTML and script,
SQL-looking strings, negative and huge amounts, NUL bytes.

The fields of each form are read from the rendered page (so a new field is fuzzed too), filled
with drawn values and posted as the person who uses the form. The answer must be a clean save
(a redirect) or the form again with its errors in Dutch — never a 500. Examples per form:
EXAMPLES (kept modest so CI stays fast).
"""

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.actions import invitation_create
from accounts.models import Role
from accounts.tests import factories as people
from homescan.tests import factories as homescan_factories
from incidents.tests import factories as incident_factories
from learning import actions as learning_actions
from learning.tests import factories as learning_factories
from network.tests import factories as network_factories
from subsidies.tests import factories as subsidy_factories
from training import actions as training_actions
from training.tests import factories as training_factories

EXAMPLES = 30
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples every run: a CI failure can be replayed
)

NASTY = [
    "",
    " ",
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "'; DROP TABLE incidents_incident; --",
    "1' OR '1'='1",
    "-1",
    "-0,01",
    "-99999999999999999999",
    "9" * 40,
    "1e308",
    "NaN",
    "Infinity",
    "0x1F",
    "12.500,00",
    "€ 1.000.000.000.000,00",
    "\x00",
    "a\x00b",
    "𝕳𝖊𝖑𝖑𝖔 👋🏽 ﷺ",
    "\u202emoc.live",
    "%s%s%n{0}{{7*7}}",
    "../../../etc/passwd",
    "ééé" * 2000,
    "x" * 20_000,
    "2026-02-30",
    "31-12-9999",
]
VALUE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=200),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
)

FIELD = re.compile(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"[^>]*>', re.I)
SKIP_FIELDS = {"csrfmiddlewaretoken"}
# Django's own messages in English: seeing one means a message escaped the Dutch interface.
ENGLISH = ("This field is required", "Enter a valid", "Ensure this value", "Select a valid")


def field_names(html):
    names = []
    for match in FIELD.finditer(html):
        tag = match.group(0)
        if 'type="file"' in tag or 'type="hidden"' in tag and 'name="step"' not in tag:
            continue
        if match.group(1) not in SKIP_FIELDS and match.group(1) not in names:
            names.append(match.group(1))
    return names


def fuzz_post(client, form_url, post_url, data_strategy_names, *, data):
    values = {name: data.draw(VALUE, label=name) for name in data_strategy_names}
    response = client.post(post_url or form_url, values)
    assert response.status_code != 500
    assert response.status_code in (200, 302, 400, 403, 404, 409, 429), response.status_code
    if response.status_code == 200:
        body = response.content.decode()
        for phrase in ENGLISH:
            assert phrase not in body, f"English message {phrase!r} for {values}"
        assert "<script>alert('xss')</script>" not in body
        assert "<img src=x onerror" not in body
    return response


def fields_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    names = field_names(response.content.decode())
    assert names, f"no form fields found on {url}"
    return names


pytestmark = pytest.mark.django_db


def fuzz(client, url, post_url=None, names=None):
    """Post EXAMPLES drawn values to the form at `url` (fields read from the page)."""
    names = names or fields_of(client, url)

    @given(data=st.data())
    @FUZZ
    def run(data):
        fuzz_post(client, url, post_url, names, data=data)

    run()


def test_fuzz_subsidy_start(client):
    client.force_login(people.griffier())
    fuzz(client, reverse("subsidies:start"))


@pytest.mark.parametrize("step", [1, 2, 3, 4, 6])
def test_fuzz_subsidy_steps(client, step):
    application = subsidy_factories.draft()
    client.force_login(application.created_by)
    fuzz(client, reverse("subsidies:step", args=[application.pk, step]))


@pytest.mark.parametrize(
    "name,names",
    [
        ("subsidies:transition", ["to_status", "reason"]),
        ("subsidies:assess", None),
        ("subsidies:pay", ["amount", "paid_on", "reference"]),
    ],
)
def test_fuzz_subsidy_review(client, name, names):
    staff = people.triage_staff()
    application = subsidy_factories.in_review(staff=staff)
    client.force_login(staff)
    detail = reverse("subsidies:detail", args=[application.pk])
    fuzz(client, detail, reverse(name, args=[application.pk]), names)


def test_fuzz_subsidy_account_due_date(client):
    application = subsidy_factories.paid()
    client.force_login(people.triage_staff())
    detail = reverse("subsidies:detail", args=[application.pk])
    url = reverse("subsidies:account_due_date", args=[application.pk])
    fuzz(client, detail, url, ["due_on", "reason"])


def test_fuzz_subsidy_account_return(client):
    application = subsidy_factories.paid()
    subsidy_factories.account_sent(application)
    client.force_login(people.triage_staff())
    detail = reverse("subsidies:detail", args=[application.pk])
    url = reverse("subsidies:account_return", args=[application.pk])
    fuzz(client, detail, url, ["question"])


def test_fuzz_subsidy_invoice(client):
    application = subsidy_factories.paid()
    client.force_login(application.created_by)
    detail = reverse("subsidies:detail", args=[application.pk])
    url = reverse("subsidies:invoice", args=[application.pk])
    fuzz(client, detail, url, ["invoice-file"])


def test_fuzz_subsidy_decision(client):
    application = subsidy_factories.assessed()
    client.force_login(people.triage_staff())
    fuzz(client, reverse("subsidies:decide", args=[application.pk]))


def test_fuzz_subsidy_account(client):
    application = subsidy_factories.draft()
    client.force_login(application.created_by)
    url = reverse("subsidies:account", args=[application.pk])
    fuzz(client, url, url, ["what_was_done", "actual_costs", "lessons"])


def test_fuzz_invitation(client):
    client.force_login(people.triage_staff())
    fuzz(client, reverse("accounts:invitation_list"))


def test_fuzz_invitation_accept(client):
    invitation = invitation_create(
        actor=people.triage_staff(), email="nieuw@example.test", role=Role.PARTNER
    )
    fuzz(client, reverse("accounts:invitation_accept", args=[invitation.token]))


def test_fuzz_home_scan(client):
    client.force_login(homescan_factories.mayor())
    fuzz(client, reverse("homescan:scan"))


def test_fuzz_fund_request(client):
    scan = homescan_factories.scan()
    client.force_login(scan.owner)
    fuzz(client, reverse("homescan:fund_request", args=[scan.pk]))


def _mayor_kit():
    from homescan import actions as homescan_actions

    mayor = homescan_factories.mayor()
    return homescan_actions.starter_kit_create(mayor=mayor, body=mayor.role_assignments.get().body)


def test_fuzz_risk_analysis_staff_questions(client):
    """BZK staff's part of a starterspakket's risk analysis: the radio groups and the police's
    advice."""
    kit = _mayor_kit()
    client.force_login(people.triage_staff())
    fuzz(client, reverse("homescan:kit_risk_analysis", args=[kit.pk]))


def test_fuzz_risk_analysis_buttons(client):
    """The mayor's two buttons (include the scan, put the package in the fund application)
    take no fields: anything posted to them is ignored, never a 500."""
    kit = _mayor_kit()
    homescan_factories.scan(owner=kit.mayor)
    client.force_login(kit.mayor)
    names = ["level", "points", "kit", "scan", "body", "lines", "answers_data"]
    for name in ("homescan:risk_analysis_scan", "homescan:risk_analysis_fund"):
        fuzz(client, reverse("homescan:risk_analysis"), reverse(name), names=names)


def test_fuzz_monitor_filters(client):
    client.force_login(people.triage_staff())
    url = reverse("monitor:dashboard")
    names = fields_of(client, url)

    @given(data=st.data())
    @FUZZ
    def run(data):
        values = {name: data.draw(VALUE, label=name) for name in names}
        assert client.get(url, values).status_code in (200, 400, 404)

    run()


@pytest.mark.parametrize("name", ["account_login", "account_reset_password"])
def test_fuzz_login_and_password_reset(client, name, settings):
    # Rate limits would answer 429 after a few tries and linger in a shared cache for the tests
    # that follow; they have tests of their own (tests/test_login_security.py).
    settings.ACCOUNT_RATE_LIMITS = False
    fuzz(client, reverse(name))


def test_fuzz_incident_report_form(client):
    incident = incident_factories.draft()
    client.force_login(incident.reporter)
    fuzz(client, reverse("incidents:edit", args=[incident.pk]))


def test_fuzz_incident_report_form_about_a_colleague(client):
    # The "whom is it about" fields with a colleague of the body and one of another body in
    # reach: drawn values for every field, then the two choices with hostile ids.
    reporter = incident_factories.reporter()
    people.officeholder(full_name="Collega Zelfde")
    stranger = people.officeholder(body=people.municipality("GM0363"))
    incident = incident_factories.draft(reporter, reported_for="witness")
    client.force_login(reporter)
    url = reverse("incidents:edit", args=[incident.pk])
    fuzz(client, url, names=["reported_for", "concerned_person", "description", "later"])
    response = client.post(url, {"reported_for": "on_behalf", "concerned_person": stranger.pk})
    assert response.status_code == 200
    incident.refresh_from_db()
    assert incident.concerned_person_id != stranger.pk


def test_fuzz_incident_consent(client):
    colleague = people.officeholder()
    incident = incident_factories.submitted(reported_for="on_behalf", concerned_person=colleague)
    client.force_login(colleague)
    detail = reverse("incidents:detail", args=[incident.pk])
    fuzz(client, detail, reverse("incidents:consent", args=[incident.pk]), ["consent-answer"])


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("incidents:message", ["message-body", "note-body", "confirmation", "action"]),
        ("incidents:note", ["note-body", "message-body"]),
    ],
)
def test_fuzz_incident_message_and_note(client, name, fields):
    incident = incident_factories.submitted()
    staff = people.triage_staff()
    client.force_login(staff)
    detail = reverse("incidents:detail", args=[incident.pk])
    fuzz(client, detail, reverse(name, args=[incident.pk]), fields)


def test_fuzz_queue_bulk_change(client):
    incident = incident_factories.submitted()
    client.force_login(people.triage_staff())
    names = ["bulk-change", "bulk-assignee", "bulk-to", "bulk-incidents"]
    fuzz(client, reverse("incidents:queue"), reverse("incidents:queue_bulk"), names)
    # Followed to the queue, the message about a refused or unclear change is Dutch.
    response = client.post(
        reverse("incidents:queue_bulk"),
        {"bulk-incidents": [incident.pk], "bulk-change": "<script>", "bulk-to": "x" * 300},
        follow=True,
    )
    body = response.content.decode()
    assert not any(phrase in body for phrase in ENGLISH)


def test_fuzz_fund_on_behalf(client):
    """A mayor's request to apply on an alderman's behalf: the chosen person fuzzed."""
    from accounts.models import OfficeType
    from subsidies.models import GrantScheme

    body = people.municipality()
    mayor = people.officeholder(office_type=OfficeType.BURGEMEESTER, body=body)
    people.officeholder(office_type=OfficeType.WETHOUDER, body=body)
    fund = GrantScheme.objects.get(slug="fonds-beveiligingsmaatregelen")
    client.force_login(mayor)
    url = reverse("subsidies:on_behalf")
    assert "assignment" in fields_of(client, url)

    @given(data=st.data())
    @FUZZ
    def run(data):
        values = {"scheme": str(fund.pk), "assignment": data.draw(VALUE, label="assignment")}
        response = client.post(url, values)
        assert response.status_code in (302, 400), response.status_code
        body_text = response.content.decode()
        for phrase in ENGLISH:
            assert phrase not in body_text
        assert "<script>alert('xss')</script>" not in body_text

    run()
    fuzz(client, url, names=["scheme", "assignment"])


def test_fuzz_fund_consent(client):
    from accounts.models import OfficeType
    from subsidies import actions as subsidy_actions
    from subsidies.models import GrantScheme

    body = people.municipality()
    mayor = people.officeholder(office_type=OfficeType.BURGEMEESTER, body=body)
    alderman = people.officeholder(office_type=OfficeType.WETHOUDER, body=body)
    application = subsidy_actions.application_start_on_behalf(
        actor=mayor,
        scheme=GrantScheme.objects.get(slug="fonds-beveiligingsmaatregelen"),
        assignment=alderman.role_assignments.get(),
    )
    client.force_login(alderman)
    detail = reverse("subsidies:detail", args=[application.pk])
    fuzz(client, detail, reverse("subsidies:consent", args=[application.pk]), ["answer"])


def _preparation(griffier=None):
    from datetime import timedelta

    from django.utils import timezone

    from incidents.deployments.actions import preparation_request

    data = {
        "meeting_starts_at": timezone.now() + timedelta(days=7),
        "place": "Raadzaal",
        "subject": "Windmolens",
        "expected_attendance": 120,
        "earlier_incidents": "",
    }
    return preparation_request(actor=griffier or people.griffier(), data=data)


def test_fuzz_preparation_request(client):
    client.force_login(people.griffier())
    fuzz(client, reverse("deployments:preparation_start"))


@pytest.mark.parametrize(
    "name", ["preparation_plan", "preparation_outcome", "create_for_preparation"]
)
def test_fuzz_preparation_staff_forms(client, name):
    preparation = _preparation()
    client.force_login(people.triage_staff())
    fuzz(client, reverse(f"deployments:{name}", args=[preparation.pk]))


def test_fuzz_deployment_record_on_a_case(client):
    from incidents import actions
    from incidents.models import Deployment

    incident = incident_factories.submitted()
    staff = people.triage_staff()
    client.force_login(staff)
    fuzz(client, reverse("deployments:create_for_case", args=[incident.pk]))
    actions.incident_deploy(actor=staff, incident=incident, member=people.support_team_member())
    record = Deployment.objects.filter(incident=incident).first()
    people.support_team_member()  # someone left to add on the edit form
    fuzz(client, reverse("deployments:edit", args=[record.pk]))


def test_fuzz_deployment_member_remove(client):
    from incidents import actions
    from incidents.models import Deployment

    incident = incident_factories.submitted()
    staff = people.triage_staff()
    for _member in range(3):
        actions.incident_deploy(actor=staff, incident=incident, member=people.support_team_member())
    record = Deployment.objects.filter(incident=incident).first()
    client.force_login(staff)
    fuzz(client, reverse("deployments:member_remove", args=[record.pk]))


def test_fuzz_preparation_practice_consent(client):
    from datetime import timedelta

    from django.utils import timezone

    from incidents.deployments.actions import preparation_close
    from incidents.models import PreparationRequest

    griffier = people.griffier()
    preparation = _preparation(griffier)
    PreparationRequest.objects.filter(pk=preparation.pk).update(
        meeting_starts_at=timezone.now() - timedelta(hours=1)
    )
    preparation_close(actor=people.triage_staff(), preparation=preparation, what_happened="Rustig.")
    client.force_login(griffier)
    fuzz(
        client,
        reverse("deployments:preparation", args=[preparation.pk]),
        post_url=reverse("deployments:practice_consent", args=[preparation.pk]),
        names=["answer"],
    )


def test_fuzz_training_forms(client):
    member = network_factories.member()
    training = training_factories.training(actor=member)
    session = training_factories.session(training)
    training_actions.registration_sign_up(
        actor=training_factories.council_member(), session=session
    )
    training_factories.begin(session)
    client.force_login(member)
    fuzz(client, reverse("training:create"))
    fuzz(client, reverse("training:edit", args=[training.pk]))
    fuzz(client, reverse("training:session_add", args=[training.pk]))
    fuzz(client, reverse("training:attendance", args=[session.pk]))


def test_fuzz_learning_membership_forms(client):
    body = people.municipality("GM0363")
    asking = people.griffier(body=body)
    client.force_login(asking)
    fuzz(client, reverse("learning:join"))
    griffier = learning_factories.participant()
    people.officeholder(body=griffier.role_assignments.get().body)  # someone to add
    client.force_login(griffier)
    fuzz(
        client,
        reverse("learning:body_people", args=[griffier.role_assignments.get().body_id]),
    )
    other = people.municipality("GM0599")
    request = learning_actions.participation_request_submit(
        actor=people.griffier(body=other), body=other, motivation="Graag."
    )
    client.force_login(people.triage_staff())
    fuzz(client, reverse("learning:decide", args=[request.pk]))
    fuzz(client, reverse("learning:participants"))


def test_fuzz_learning_meeting_forms(client):
    staff = people.triage_staff()
    meeting = learning_factories.meeting(actor=staff)
    learning_actions.meeting_register(actor=learning_factories.participant(), meeting=meeting)
    learning_factories.begin(meeting)
    client.force_login(staff)
    fuzz(client, reverse("learning:meeting_create"))
    fuzz(client, reverse("learning:attendance", args=[meeting.pk]))
    fuzz(client, reverse("learning:report", args=[meeting.pk]))


def test_fuzz_learning_report_practice_forms(client):
    staff = people.triage_staff()
    meeting = learning_factories.begin(learning_factories.meeting(actor=staff))
    learning_actions.meeting_report_save(actor=staff, meeting=meeting, report="Goed gesprek.")
    client.force_login(staff)
    detail = reverse("learning:meeting", args=[meeting.pk])
    fuzz(client, detail, reverse("learning:report_consent", args=[meeting.pk]), ["consent"])
    learning_actions.meeting_report_practice_consent(actor=staff, meeting=meeting, consent=True)
    practice = reverse("learning:report_practice", args=[meeting.pk])
    assert "audience" in fields_of(client, practice)
    fuzz(client, practice)


def test_fuzz_training_sign_up_by_the_griffier(client):
    griffier = people.griffier()
    body = griffier.role_assignments.get().body
    training_factories.council_member(body=body)  # someone of the body to choose
    session = training_factories.session()
    client.force_login(griffier)
    fuzz(client, reverse("training:sign_up_member", args=[session.pk]))


def test_fuzz_training_catalogue_filter(client):
    training_factories.training()
    client.force_login(people.officeholder())
    url = reverse("training:catalogue")

    @given(value=VALUE)
    @FUZZ
    def run(value):
        response = client.get(url, {"voor": value})
        assert response.status_code == 200
        assert "<script>alert('xss')</script>" not in response.content.decode()

    run()


def _learning_thread():
    """A question of a griffier whose body takes part, an answer from another participating
    body, and BZK as host."""
    from learning import actions as learning_actions
    from learning.models import ThreadKind
    from learning.selectors import voices_of
    from learning.tests.factories import approved_griffier, cohort_griffier
    from network.models import Theme

    griffier = cohort_griffier()
    colleague = approved_griffier(people.municipality("GM0363"))
    thread = learning_actions.thread_create(
        actor=griffier,
        theme=Theme.objects.first(),
        kind=ThreadKind.QUESTION,
        title="Tribune",
        text="Hoe?",
        voice=voices_of(griffier)[0],
    )
    answer = learning_actions.answer_create(
        actor=colleague, thread=thread, text="Zo.", voice=voices_of(colleague)[0]
    )
    return griffier, thread, answer


def test_fuzz_learning_thread_forms(client):
    griffier, thread, _answer = _learning_thread()
    client.force_login(griffier)
    fuzz(client, reverse("learning:thread_create"))
    detail = reverse("learning:thread", args=[thread.pk])
    fuzz(client, detail, reverse("learning:thread_answer", args=[thread.pk]))
    for name, pk in (("thread_consent", thread.pk), ("answer_helpful", _answer.pk)):
        fuzz(client, detail, reverse(f"learning:{name}", args=[pk]), ["consent", "helpful"])


def test_fuzz_learning_moderation_forms(client):
    from learning import actions as learning_actions

    griffier, thread, answer = _learning_thread()
    learning_actions.thread_practice_consent(actor=griffier, thread=thread, consent=True)
    client.force_login(people.triage_staff())
    detail = reverse("learning:thread", args=[thread.pk])
    for name, pk in (
        ("thread_hide", thread.pk),
        ("answer_hide", answer.pk),
        ("thread_lock", thread.pk),
    ):
        fuzz(client, detail, reverse(f"learning:{name}", args=[pk]), ["reason", "show", "unlock"])
    practice = reverse("learning:thread_practice", args=[thread.pk])
    assert "audience" in fields_of(client, practice)
    fuzz(client, practice)


def test_fuzz_learning_thread_search(client):
    griffier, _thread, _answer = _learning_thread()
    client.force_login(griffier)
    url = reverse("learning:threads")

    @given(q=VALUE, thema=VALUE, soort=VALUE, pagina=VALUE)
    @FUZZ
    def run(q, thema, soort, pagina):
        response = client.get(url, {"q": q, "thema": thema, "soort": soort, "pagina": pagina})
        assert response.status_code == 200
        assert "<script>alert('xss')</script>" not in response.content.decode()

    run()
