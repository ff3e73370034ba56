"""Fund applications made through the griffie, before the fund was the officeholder's own.

Migration 0013 marks them `via_griffie`: they stay readable, a draft of them is frozen, and
the home scans that pointed to such a draft are released (homescan 0011) so the officeholder
applies on their own. The migrations' functions are run on rows shaped as the old flow left
them.
"""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.models import OfficeType
from accounts.tests import factories as people
from homescan.tests import factories as scans
from subsidies import actions
from subsidies.models import GrantApplication, MeasureLine
from subsidies.tests.test_home_measures_stay_private import fund
from subsidies.workflow import Status, TransitionNotAllowed

pytestmark = pytest.mark.django_db

mark_via_griffie = importlib.import_module(
    "subsidies.migrations.0013_fund_via_griffie"
).mark_via_griffie
release = importlib.import_module(
    "homescan.migrations.0012_fund_requests_leave_griffie_drafts"
).release


def old_body_wide_draft(*, starter, applicant, body, status=Status.DRAFT):
    """A fund application as 0004 left one of the old flow: the body's one draft, with the
    measures of two officeholders, handed to whoever started it."""
    application = GrantApplication.objects.create(
        scheme=fund(), body=body, created_by=starter, applicant=applicant, status=status
    )
    for position, name in enumerate(("Jansen", "De Vries")):
        MeasureLine.objects.create(
            application=application,
            kind="home_security",
            description=f"Camera (woning van {name})",
            cost=Decimal("0"),
            position=position,
        )
    return application


def test_the_migration_marks_what_the_griffie_shaped_and_nothing_else():
    body = people.municipality()
    mayor = people.officeholder(office_type=OfficeType.BURGEMEESTER, body=body)
    griffier = people.griffier(body=body)
    by_griffier = old_body_wide_draft(starter=griffier, applicant=griffier, body=body)
    by_mayor_with_suffix = old_body_wide_draft(starter=mayor, applicant=mayor, body=body)
    own = actions.application_start(actor=people.officeholder(body=body), scheme=fund(), body=body)

    mark_via_griffie(apps, None)

    marked = set(GrantApplication.objects.filter(via_griffie=True).values_list("pk", flat=True))
    assert marked == {by_griffier.pk, by_mayor_with_suffix.pk}
    assert own.pk not in marked


def test_a_frozen_draft_cannot_be_changed_or_sent_and_stays_readable(client):
    body = people.municipality()
    mayor = people.officeholder(office_type=OfficeType.BURGEMEESTER, body=body)
    frozen = old_body_wide_draft(starter=mayor, applicant=mayor, body=body)
    mark_via_griffie(apps, None)
    frozen.refresh_from_db()
    assert frozen.is_frozen and not frozen.is_editable
    with pytest.raises(TransitionNotAllowed):
        actions.application_save_step(
            actor=mayor, application=frozen, step=1, data={"current_situation": "x"}
        )
    with pytest.raises(TransitionNotAllowed):
        actions.application_submit(actor=mayor, application=frozen)
    client.force_login(mayor)
    page = client.get(reverse("subsidies:detail", args=[frozen.pk]))
    assert page.status_code == 200 and "bevroren" in page.content.decode()
    step = client.get(reverse("subsidies:step", args=[frozen.pk, 1]))
    assert step.status_code == 302
    client.force_login(people.triage_staff())
    assert client.get(reverse("subsidies:detail", args=[frozen.pk])).status_code == 200


def test_a_frozen_draft_does_not_block_the_officeholders_own_application():
    body = people.municipality()
    mayor = people.officeholder(office_type=OfficeType.BURGEMEESTER, body=body)
    frozen = old_body_wide_draft(starter=mayor, applicant=mayor, body=body)
    mark_via_griffie(apps, None)
    own = actions.application_start(actor=mayor, scheme=fund(), body=body)
    assert own.pk != frozen.pk and not own.via_griffie


def test_a_griffier_still_sees_nothing_of_a_marked_application(client):
    body = people.municipality()
    griffier = people.griffier(body=body)
    application = old_body_wide_draft(
        starter=griffier, applicant=griffier, body=body, status=Status.SUBMITTED
    )
    mark_via_griffie(apps, None)
    client.force_login(griffier)
    assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == 404
    assert "woning van" not in client.get(reverse("subsidies:list")).content.decode()
    client.force_login(people.triage_staff())
    page = client.get(reverse("subsidies:list")).content.decode()
    assert "via de griffie gemaakt" in page


def test_home_scans_are_released_from_a_frozen_draft_and_go_to_an_own_application():
    from homescan import actions as scan_actions
    from homescan import scoring

    mayor = scans.mayor()
    body = mayor.role_assignments.get().body
    scan = scans.scan(owner=mayor)
    frozen = old_body_wide_draft(starter=mayor, applicant=mayor, body=body)
    scan.fund_application = frozen
    scan.save(update_fields=["fund_application"])
    mark_via_griffie(apps, None)
    release(apps, None)
    scan.refresh_from_db()
    assert scan.fund_application is None
    measures = scoring.evaluate(scan.version, scan.answers).suggested_measures
    application, added = scan_actions.scan_request_fund(
        actor=mayor, scan=scan, body=body, measures=measures
    )
    assert application.pk != frozen.pk and added > 0
    assert not application.lines.filter(description__contains="woning van").exists()
