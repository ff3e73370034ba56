"""Security measures at a person's home never reach the griffie, the council or the municipality.

The security measures fund goes from the officeholder straight to BZK (DOMAIN.md): its
applications belong to the officeholder, not to the body, so no griffier can see, start or be
told about one. A Veilig Vergaderen application (the griffie's) cannot hold a measure of the
fund's kinds at all, and the decision letter repeats no free text of the measures, so nothing an
applicant typed about a home can end up in a letter to the body.
"""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from accounts.tests import factories as people
from homescan import notices as homescan_notices
from homescan import scoring
from homescan.tests import factories as scans
from notifications import delivery, outbox
from notifications.models import Notification, State
from subsidies import actions, selectors
from subsidies.models import GrantApplication, GrantScheme
from subsidies.tests import factories
from subsidies.workflow import Status

pytestmark = pytest.mark.django_db

HOME_TEXT = "Camera bij de woning van burgemeester Jansen, Dorpsstraat 12"
MARKERS = ("woning", "Jansen", "Dorpsstraat", "Fonds beveiligingsmaatregelen")


def fund():
    return GrantScheme.objects.get(slug="fonds-beveiligingsmaatregelen")


def letter_text(decision):
    decision.letter.open("rb")
    try:
        reader = PdfReader(io.BytesIO(decision.letter.read()))
    finally:
        decision.letter.close()
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def fund_application(owner, *, description=HOME_TEXT, cost="4500.00"):
    """A complete fund application of `owner`, sent in, assessed and granted."""
    body = owner.role_assignments.get(role="officeholder").body
    application = actions.application_start(actor=owner, scheme=fund(), body=body)
    actions.application_save_step(
        actor=owner,
        application=application,
        step=1,
        data={"current_situation": "Er staan 's nachts mensen voor mijn woning."},
    )
    actions.application_save_lines(
        actor=owner,
        application=application,
        step=2,
        lines=[{"kind": "home_security", "description": description, "cost": Decimal(cost)}],
    )
    actions.application_save_step(
        actor=owner, application=application, step=3, data={"planning": "Deze maand."}
    )
    actions.application_save_step(
        actor=owner,
        application=application,
        step=4,
        data={"contact_name": owner.full_name, "contact_email": owner.email},
    )
    actions.attachment_add(
        actor=owner, application=application, kind="quote", uploaded_file=factories.pdf_upload()
    )
    return actions.application_submit(actor=owner, application=application)


def griffier_pages(client, griffier):
    """Every subsidies page a griffier can open, as one text."""
    client.force_login(griffier)
    texts = []
    for url in (reverse("home"), reverse("subsidies:list"), reverse("subsidies:start")):
        response = client.get(url)
        assert response.status_code == 200
        texts.append(response.content.decode())
    for application in GrantApplication.objects.visible_to(griffier):
        response = client.get(reverse("subsidies:detail", args=[application.pk]))
        assert response.status_code == 200
        texts.append(response.content.decode())
    return "\n".join(texts)


def test_a_home_scan_fund_request_never_reaches_the_griffie(client, mailoutbox):
    owner = scans.mayor(full_name="Anna Jansen")
    body = owner.role_assignments.get().body
    griffier = people.griffier(body=body)
    own_vv = factories.draft(griffier=griffier)
    scan = scans.scan(owner=owner)
    measures = scoring.evaluate(scan.version, scan.answers).suggested_measures
    client.force_login(owner)
    response = client.post(
        reverse("homescan:fund_request", args=[scan.pk]),
        {"body": body.pk, "measures": [str(i) for i in range(len(measures))]},
    )
    assert response.status_code == 302
    application = GrantApplication.objects.get(scheme=fund())
    # The officeholder's own application, which the officeholder can open and complete.
    assert application.applicant == owner
    assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == 200
    # Not the griffie's: no read, no mail, nothing in any page the griffier can open.
    assert not GrantApplication.objects.visible_to(griffier).filter(pk=application.pk).exists()
    assert list(GrantApplication.objects.visible_to(griffier)) == [own_vv]
    assert not Notification.objects.filter(recipient=griffier).exists()
    assert [m for m in mailoutbox if griffier.email in m.to] == []
    client.force_login(griffier)
    assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == 404
    pages = griffier_pages(client, griffier)
    for description in {d for _k, d in measures}:
        assert description not in pages
    assert "Anna Jansen" not in pages
    assert "Fonds beveiligingsmaatregelen" not in pages


def test_a_griffier_cannot_start_a_security_fund_application_for_the_body():
    griffier = people.griffier()
    body = griffier.role_assignments.get().body
    with pytest.raises(PermissionDenied):
        actions.application_start(actor=griffier, scheme=fund(), body=body)
    with pytest.raises(PermissionDenied):
        actions.application_add_suggested_lines(
            actor=griffier,
            scheme=fund(),
            body=body,
            lines=[{"kind": "alarm", "description": "Alarm"}],
        )
    assert not GrantApplication.objects.exists()


@pytest.mark.parametrize("kind", ["home_security", "personal_security", "alarm"])
def test_a_home_measure_cannot_be_part_of_a_veilig_vergaderen_application(kind):
    application = factories.draft()
    with pytest.raises(ValidationError) as refused:
        actions.application_save_lines(
            actor=application.created_by,
            application=application,
            step=2,
            lines=[{"kind": kind, "description": "Iets", "cost": Decimal("10.00")}],
        )
    assert "Fonds beveiligingsmaatregelen" in " ".join(refused.value.messages)
    assert "rechtstreeks" in " ".join(refused.value.messages)
    assert application.lines.count() == 2


def test_the_measures_step_explains_that_home_measures_go_to_the_fund(client):
    application = factories.draft()
    client.force_login(application.created_by)
    page = client.get(reverse("subsidies:step", args=[application.pk, 2])).content.decode()
    assert "rechtstreeks bij BZK" in page
    assert 'value="home_security"' not in page


def test_a_body_scheme_cannot_be_given_a_home_measure_kind_in_the_admin():
    scheme = factories.veilig_vergaderen()
    scheme.measure_kinds = [*scheme.measure_kinds, ["home_security", "Beveiliging woning"]]
    with pytest.raises(ValidationError):
        scheme.full_clean()


def test_the_letter_to_the_body_repeats_no_free_text_about_a_home():
    application = factories.assessed()
    first, second = application.lines.all()
    first.description = HOME_TEXT
    first.save(update_fields=["description"])
    decision = actions.application_decide(
        actor=people.triage_staff(), application=application, outcome=Status.GRANTED, amounts={}
    )
    decision = actions.decision_send(actor=people.triage_staff(), decision=decision)
    text = letter_text(decision)
    for marker in MARKERS:
        assert marker not in text
    # The measures are named by the scheme's own categories, with their amounts.
    assert application.scheme.measure_label(first.kind) in text
    assert "€ 12.500,00" in text


def test_a_fund_decision_goes_to_the_officeholder_and_nobody_at_the_griffie(client, mailoutbox):
    owner = people.officeholder(full_name="Anna Jansen")
    body = owner.role_assignments.get().body
    griffier = people.griffier(body=body)
    application = fund_application(owner)
    assert application.reference.startswith("FB-")
    reviewer, decider = people.triage_staff(), people.triage_staff()
    actions.application_transition(
        actor=reviewer, application=application, to_status=Status.IN_REVIEW
    )
    actions.assessment_record(
        actor=reviewer,
        application=application,
        body_eligible=True,
        measures_eligible=True,
        attachments_complete=True,
        costs_reasonable=True,
        score=4,
        advice="grant",
    )
    decision = actions.application_decide(
        actor=decider, application=application, outcome=Status.GRANTED, amounts={}
    )
    decision = actions.decision_send(actor=decider, decision=decision)
    [row] = Notification.objects.filter(kind="subsidies.decision")
    assert (row.recipient, delivery.deliver(row.pk)) == (owner, "sent")
    text = letter_text(decision)
    assert "Anna Jansen" in text
    assert "griffier" not in text.lower()
    assert HOME_TEXT not in text
    assert [m.to for m in mailoutbox] == [[owner.email]]
    client.force_login(griffier)
    for name in ("detail", "letter"):
        assert client.get(reverse(f"subsidies:{name}", args=[application.pk])).status_code == 404
    client.force_login(owner)
    assert client.get(reverse("subsidies:letter", args=[application.pk])).status_code == 200
    assert "Anna Jansen" not in griffier_pages(client, griffier)


def test_a_fund_account_never_becomes_a_practice_for_the_knowledge_base():
    owner = people.officeholder()
    application = fund_application(owner)
    application.status = Status.ACCOUNTED
    application.save(update_fields=["status"])
    from subsidies.models import Account

    account = Account.objects.create(
        application=application,
        what_was_done="Camera aan de woning",
        actual_costs=Decimal("4500.00"),
        lessons="Eerder offertes vragen",
        submitted_by=owner,
    )
    with pytest.raises(PermissionDenied):
        selectors.practice_from_account(account)


def test_an_old_fund_request_notice_to_a_griffier_is_never_sent(mailoutbox):
    owner = scans.mayor()
    body = owner.role_assignments.get().body
    griffier = people.griffier(body=body)
    scan = scans.scan(owner=owner)
    application = GrantApplication.objects.create(
        scheme=fund(), body=body, created_by=owner, applicant=owner
    )
    # A row copied from the old homescan outbox (homescan migration 0005), still unsent.
    [row_id] = outbox.record(
        kind=homescan_notices.FUND_REQUEST,
        subject=application,
        recipients=[griffier],
        event=f"scan:{scan.pk}",
    )
    assert delivery.deliver(row_id) == "withdrawn"
    assert Notification.objects.get(pk=row_id).state == State.WITHDRAWN
    assert mailoutbox == []


def test_the_fund_is_an_officeholders_scheme_and_veilig_vergaderen_the_bodys():
    from subsidies.models import ApplicantKind

    assert fund().applicant_kind == ApplicantKind.OFFICEHOLDER
    assert factories.veilig_vergaderen().applicant_kind == ApplicantKind.BODY
