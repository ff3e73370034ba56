"""'Vraag een bijdrage aan': the measures a scan suggests land in the officeholder's own draft
application to the security measures fund, which goes straight to BZK. The griffie never sees
it and is never told about it (DOMAIN.md: the fund never passes the council or its griffie)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.tests import factories as people
from homescan import actions
from homescan.models import ScanResult
from homescan.tests import factories
from subsidies import actions as subsidy_actions
from subsidies.models import GrantApplication, GrantScheme
from subsidies.workflow import Status

pytestmark = pytest.mark.django_db


def fund():
    return GrantScheme.objects.get(slug="fonds-beveiligingsmaatregelen")


def suggested(scan):
    from homescan import scoring

    return scoring.evaluate(scan.version, scan.answers).suggested_measures


def test_the_officeholder_prefills_their_own_draft_that_no_griffier_sees(client, mailoutbox):
    owner = factories.mayor(full_name="Anna de Vries")
    scan = factories.scan(owner=owner)
    body = owner.role_assignments.get().body
    griffier = people.griffier(body=body)
    client.force_login(owner)
    page = client.get(reverse("homescan:fund_request", args=[scan.pk]))
    assert page.status_code == 200
    assert "griffie" in page.content.decode() and "zien deze aanvraag niet" in (
        page.content.decode()
    )
    measures = suggested(scan)
    response = client.post(
        reverse("homescan:fund_request", args=[scan.pk]),
        {"body": body.pk, "measures": [str(i) for i in range(len(measures))]},
    )
    application = GrantApplication.objects.get(scheme=fund(), body=body)
    assert response["Location"] == reverse("subsidies:step", args=[application.pk, 2])
    assert (application.status, application.applicant, application.created_by) == (
        Status.DRAFT,
        owner,
        owner,
    )
    lines = list(application.lines.values_list("kind", "description", "cost"))
    # The measure as the scan names it: no name, no "woning van ...".
    assert lines == [(kind, description, Decimal("0.00")) for kind, description in measures]
    scan.refresh_from_db()
    assert scan.fund_application == application and scan.fund_requested_at
    # The officeholder completes it in the wizard; nothing of the scan's answers is in it.
    detail = client.get(reverse("subsidies:detail", args=[application.pk]))
    assert detail.status_code == 200
    assert "Risiconiveau" not in detail.content.decode()
    assert client.get(reverse("subsidies:step", args=[application.pk, 2])).status_code == 200
    # The griffier of that body cannot open it and gets no mail.
    client.force_login(griffier)
    assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == 404
    assert client.get(reverse("subsidies:step", args=[application.pk, 2])).status_code == 404
    assert mailoutbox == []


def test_only_the_chosen_measures_go_and_asking_twice_adds_nothing_twice():
    owner = people.officeholder()
    scan = factories.scan(owner=owner)
    body = owner.role_assignments.get().body
    measures = suggested(scan)
    application, added = actions.scan_request_fund(
        actor=owner, scan=scan, body=body, measures=measures[:1]
    )
    assert (added, application.lines.count()) == (1, 1)
    application, added = actions.scan_request_fund(
        actor=owner, scan=scan, body=body, measures=measures
    )
    assert (added, application.lines.count()) == (len(measures) - 1, len(measures))


def test_measures_are_added_to_the_officeholders_existing_draft_not_a_colleagues():
    owner = people.officeholder()
    body = owner.role_assignments.get().body
    colleague = people.officeholder(body=body)
    draft = subsidy_actions.application_start(actor=owner, scheme=fund(), body=body)
    subsidy_actions.application_save_lines(
        actor=owner,
        application=draft,
        step=2,
        lines=[{"kind": "alarm", "description": "Alarm", "cost": Decimal("900.00")}],
    )
    colleagues = subsidy_actions.application_start(actor=colleague, scheme=fund(), body=body)
    scan = factories.scan(owner=owner)
    application, added = actions.scan_request_fund(
        actor=owner, scan=scan, body=body, measures=suggested(scan)
    )
    assert application.pk == draft.pk
    assert application.lines.count() == 1 + added
    assert colleagues.lines.count() == 0


def test_an_application_that_was_sent_in_takes_no_more_lines():
    owner = people.officeholder()
    body = owner.role_assignments.get().body
    application = subsidy_actions.application_start(actor=owner, scheme=fund(), body=body)
    application.status = Status.SUBMITTED
    application.save(update_fields=["status"])
    scan = factories.scan(owner=owner)
    with pytest.raises(ValidationError) as refused:
        actions.scan_request_fund(actor=owner, scan=scan, body=body, measures=suggested(scan))
    assert "al ingediend" in " ".join(refused.value.messages)
    assert application.lines.count() == 0


def test_a_water_board_member_puts_the_measures_in_their_own_application():
    """Water boards were left out of the fund; their officeholders are threatened too."""
    owner = people.officeholder(
        office_type="waterschapsbestuurder",
        body=people.municipality().__class__.objects.water_boards().first(),
    )
    scan = factories.scan(owner=owner)
    application, added = actions.scan_request_fund(
        actor=owner, scan=scan, body=owner.role_assignments.get().body, measures=suggested(scan)
    )
    assert (application.applicant, application.body.kind) == (owner, "water_board")
    assert added == len(suggested(scan)) > 0


def test_a_decided_application_is_left_alone_and_a_new_one_takes_the_measures():
    owner = factories.mayor()
    body = owner.role_assignments.get().body
    scan = factories.scan(owner=owner)
    old = subsidy_actions.application_start(actor=owner, scheme=fund(), body=body)
    GrantApplication.objects.filter(pk=old.pk).update(status=Status.REJECTED)
    application, added = actions.scan_request_fund(
        actor=owner, scan=scan, body=body, measures=suggested(scan)
    )
    assert application.pk != old.pk and added > 0
    assert old.lines.count() == 0


def test_nobody_prefills_for_a_body_they_do_not_serve_or_with_someone_elses_scan(client):
    owner = people.officeholder()
    scan = factories.scan(owner=owner)
    other_body = people.municipality("GM0363")
    with pytest.raises(PermissionDenied):
        subsidy_actions.application_add_suggested_lines(
            actor=owner,
            scheme=fund(),
            body=other_body,
            lines=[{"kind": "alarm", "description": "x"}],
        )
    intruder = people.officeholder()
    with pytest.raises(PermissionDenied):
        actions.scan_request_fund(
            actor=intruder,
            scan=scan,
            body=intruder.role_assignments.get().body,
            measures=suggested(scan),
        )
    client.force_login(intruder)
    assert client.get(reverse("homescan:fund_request", args=[scan.pk])).status_code == 404
    # The form offers only the bodies the officeholder serves.
    client.force_login(owner)
    response = client.post(
        reverse("homescan:fund_request", args=[scan.pk]), {"body": other_body.pk, "measures": "0"}
    )
    assert response.status_code == 200
    assert not GrantApplication.objects.filter(body=other_body).exists()


def test_unknown_measure_kinds_are_refused_by_subsidies():
    owner = people.officeholder()
    with pytest.raises(ValidationError):
        subsidy_actions.application_add_suggested_lines(
            actor=owner,
            scheme=fund(),
            body=owner.role_assignments.get().body,
            lines=[{"kind": "helicopter", "description": "x"}],
        )
    assert not GrantApplication.objects.exists()


def test_a_mayor_who_is_also_griffier_gets_a_personal_draft_the_griffie_cannot_see(client):
    owner = factories.mayor()
    body = owner.role_assignments.get().body
    people.with_role(owner, "griffier", "", body)
    scan = factories.scan(owner=owner)
    client.force_login(owner)
    response = client.post(
        reverse("homescan:fund_request", args=[scan.pk]), {"body": body.pk, "measures": ["0"]}
    )
    application = GrantApplication.objects.get(body=body)
    assert application.applicant == owner
    assert response["Location"] == reverse("subsidies:step", args=[application.pk, 2])
    assert ScanResult.objects.get(pk=scan.pk).fund_application == application
    other_griffier = people.griffier(body=body)
    assert not GrantApplication.objects.visible_to(other_griffier).exists()


def test_no_fund_request_notice_is_written_or_sent(
    client, mailoutbox, django_capture_on_commit_callbacks, eager_tasks
):
    from notifications.models import Notification

    owner = people.officeholder(full_name="Anna de Vries")
    body = owner.role_assignments.get().body
    people.griffier(body=body)
    scan = factories.scan(owner=owner)
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("homescan:fund_request", args=[scan.pk]),
            {"body": body.pk, "measures": ["0"]},
            follow=True,
        )
    assert "Alleen BZK ziet uw aanvraag, de griffie niet." in response.content.decode()
    assert "De griffie krijgt hierover een e-mail." not in response.content.decode()
    assert mailoutbox == []
    assert not Notification.objects.exists()
