"""'Vraag een bijdrage aan': the measures a scan suggests land in the draft application of the
officeholder's body for the security measures fund, which the body's griffier completes."""

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


def test_the_officeholder_prefills_a_draft_that_the_griffier_sees(client):
    owner = factories.mayor(full_name="Anna de Vries")
    scan = factories.scan(owner=owner)
    body = owner.role_assignments.get().body
    client.force_login(owner)
    page = client.get(reverse("homescan:fund_request", args=[scan.pk]))
    assert page.status_code == 200
    measures = suggested(scan)
    response = client.post(
        reverse("homescan:fund_request", args=[scan.pk]),
        {"body": body.pk, "measures": [str(i) for i in range(len(measures))]},
    )
    assert response["Location"] == reverse("homescan:result", args=[scan.pk])

    application = GrantApplication.objects.get(scheme=fund(), body=body)
    assert application.status == Status.DRAFT
    lines = list(application.lines.values_list("kind", "description", "cost"))
    assert lines == [
        (kind, f"{description} (woning van Anna de Vries)", Decimal("0.00"))
        for kind, description in measures
    ]
    scan.refresh_from_db()
    assert scan.fund_application == application and scan.fund_requested_at

    # The griffier of that body finds the draft and completes it; nothing of the scan's
    # answers is in it.
    griffier = people.griffier(body=body)
    client.force_login(griffier)
    detail = client.get(reverse("subsidies:detail", args=[application.pk]))
    assert detail.status_code == 200
    assert "woning van Anna de Vries" in detail.content.decode()
    assert "Risiconiveau" not in detail.content.decode()
    # The officeholder still cannot open the application itself.
    client.force_login(owner)
    assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == 404


def test_only_the_chosen_measures_go_and_asking_twice_adds_nothing_twice():
    owner = people.officeholder()
    scan = factories.scan(owner=owner)
    body = owner.role_assignments.get().body
    measures = suggested(scan)
    application, added, _notified = actions.scan_request_fund(
        actor=owner, scan=scan, body=body, measures=measures[:1]
    )
    assert (added, application.lines.count()) == (1, 1)
    application, added, _notified = actions.scan_request_fund(
        actor=owner, scan=scan, body=body, measures=measures
    )
    assert (added, application.lines.count()) == (len(measures) - 1, len(measures))


def test_measures_are_added_to_an_existing_draft_of_the_griffier():
    owner = people.officeholder()
    body = owner.role_assignments.get().body
    griffier = people.griffier(body=body)
    draft = subsidy_actions.application_start(actor=griffier, scheme=fund(), body=body)
    subsidy_actions.application_save_lines(
        actor=griffier,
        application=draft,
        step=2,
        lines=[{"kind": "alarm", "description": "Alarm wethouder", "cost": Decimal("900.00")}],
    )
    scan = factories.scan(owner=owner)
    application, added, _notified = actions.scan_request_fund(
        actor=owner, scan=scan, body=body, measures=suggested(scan)
    )
    assert application.pk == draft.pk
    assert application.lines.count() == 1 + added
    assert application.lines.first().description == "Alarm wethouder"
    application.refresh_from_db()
    assert application.created_by == griffier


def test_a_body_whose_application_was_sent_in_is_told_to_contact_the_griffie():
    from subsidies.tests import factories as subsidy_factories

    application = subsidy_factories.submitted(scheme=fund())
    owner = people.officeholder(body=application.body)
    scan = factories.scan(owner=owner)
    lines_before = application.lines.count()
    with pytest.raises(ValidationError) as refused:
        actions.scan_request_fund(
            actor=owner, scan=scan, body=application.body, measures=suggested(scan)
        )
    assert "al een aanvraag ingediend" in " ".join(refused.value.messages)
    assert application.lines.count() == lines_before


def test_a_water_board_member_cannot_use_the_fund():
    owner = people.officeholder(
        office_type="waterschapsbestuurder",
        body=people.municipality().__class__.objects.water_boards().first(),
    )
    scan = factories.scan(owner=owner)
    with pytest.raises(ValidationError):
        actions.scan_request_fund(
            actor=owner, scan=scan, body=owner.role_assignments.get().body, measures=suggested(scan)
        )


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


def test_a_mayor_who_is_also_griffier_lands_on_the_measures_step(client):
    owner = factories.mayor()
    body = owner.role_assignments.get().body
    people.with_role(owner, "griffier", "", body)
    scan = factories.scan(owner=owner)
    client.force_login(owner)
    response = client.post(
        reverse("homescan:fund_request", args=[scan.pk]), {"body": body.pk, "measures": ["0"]}
    )
    application = GrantApplication.objects.get(body=body)
    assert response["Location"] == reverse("subsidies:step", args=[application.pk, 2])
    assert ScanResult.objects.get(pk=scan.pk).fund_application == application


def test_the_griffiers_get_one_mail_with_a_link_and_nothing_about_the_scan(
    client, mailoutbox, django_capture_on_commit_callbacks, eager_tasks
):
    from homescan.models import FundRequestNotice

    owner = people.officeholder(full_name="Anna de Vries")
    body = owner.role_assignments.get().body
    first, second = people.griffier(body=body), people.griffier(body=body)
    people.griffier(body=people.municipality("GM0363"))  # another body's griffier
    scan = factories.scan(owner=owner)
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("homescan:fund_request", args=[scan.pk]),
            {"body": body.pk, "measures": ["0"]},
            follow=True,
        )
    assert "De griffie krijgt hierover een e-mail." in response.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.email, second.email])
    application = GrantApplication.objects.get(body=body)
    for mail in mailoutbox:
        assert reverse("subsidies:detail", args=[application.pk]) in mail.body
        assert "Anna" not in mail.body + mail.subject
        assert "sluitwerk" not in mail.body
    assert FundRequestNotice.objects.filter(sent_at__isnull=False).count() == 2
    # Asking again with more measures does not mail the griffiers a second time.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("homescan:fund_request", args=[scan.pk]),
            {"body": body.pk, "measures": ["0", "1"]},
        )
    assert len(mailoutbox) == 2


def test_a_notice_is_sent_once_and_the_relay_picks_up_unsent_ones(mailoutbox, eager_tasks):
    from datetime import timedelta

    from django.utils import timezone

    from homescan import tasks
    from homescan.models import FundRequestNotice

    owner = people.officeholder()
    body = owner.role_assignments.get().body
    griffier = people.griffier(body=body)
    scan = factories.scan(owner=owner)
    # Queued after commit, which a test transaction never reaches: the notice stays unsent,
    # as when Redis was down.
    _application, _added, notified = actions.scan_request_fund(
        actor=owner, scan=scan, body=body, measures=suggested(scan)
    )
    assert notified == 1
    notice = FundRequestNotice.objects.get(recipient=griffier)
    assert notice.sent_at is None and mailoutbox == []
    FundRequestNotice.objects.filter(pk=notice.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    tasks.send_pending_fund_request_notices()
    assert len(mailoutbox) == 1
    assert tasks.send_fund_request_notice(notice.pk) == "skipped"
    assert len(mailoutbox) == 1


def test_no_griffier_in_the_portal_is_said_plainly(client):
    owner = people.officeholder(body=people.municipality("GM0363"))
    scan = factories.scan(owner=owner)
    client.force_login(owner)
    response = client.post(
        reverse("homescan:fund_request", args=[scan.pk]),
        {"body": owner.role_assignments.get().body_id, "measures": ["0"]},
        follow=True,
    )
    assert "heeft nog geen account in het portaal" in response.content.decode()
