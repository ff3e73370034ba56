"""application_add_suggested_lines: how the home scan prepares the officeholder's own draft."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests import factories as people
from subsidies import actions
from subsidies.models import GrantApplication, GrantScheme

pytestmark = pytest.mark.django_db

LINES = [{"kind": "alarm", "description": "Alarm met doormelding"}]


def fund():
    return GrantScheme.objects.get(slug="fonds-beveiligingsmaatregelen")


def test_an_officeholder_starts_a_draft_with_lines_without_cost():
    officeholder = people.officeholder()
    body = officeholder.role_assignments.get().body
    application, added = actions.application_add_suggested_lines(
        actor=officeholder, scheme=fund(), body=body, lines=LINES
    )
    assert added == 1
    assert (
        application.status,
        application.created_by,
        application.applicant,
        application.requested_total,
    ) == ("draft", officeholder, officeholder, Decimal("0.00"))
    assert list(application.lines.values_list("kind", "cost")) == [("alarm", Decimal("0.00"))]
    # The officeholder is their own contact person.
    assert application.contact_email == officeholder.email


def test_neither_a_griffier_nor_a_partner_may_prefill():
    griffier = people.griffier()
    body = griffier.role_assignments.get().body
    with pytest.raises(PermissionDenied):
        actions.application_add_suggested_lines(
            actor=griffier, scheme=fund(), body=body, lines=LINES
        )
    with pytest.raises(PermissionDenied):
        actions.application_add_suggested_lines(
            actor=people.partner(), scheme=fund(), body=body, lines=LINES
        )


def test_a_closed_scheme_is_refused():
    scheme = fund()
    GrantScheme.objects.filter(pk=scheme.pk).update(
        opens_on=date(2020, 1, 1), closes_on=date(2020, 12, 31)
    )
    scheme.refresh_from_db()
    officeholder = people.officeholder()
    with pytest.raises(ValidationError):
        actions.application_add_suggested_lines(
            actor=officeholder,
            scheme=scheme,
            body=officeholder.role_assignments.get().body,
            lines=LINES,
        )
    assert not GrantApplication.objects.exists()
