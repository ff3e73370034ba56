"""incidents/privacy.py beyond closed cases (audit/tests/test_retention.py): a draft never sent
in is anonymised after RETENTION_DRAFT_CASE_DAYS untouched."""

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.retention import apply_retention
from incidents.models import Incident
from incidents.tests import factories
from incidents.workflow import Status

pytestmark = pytest.mark.django_db


def test_a_draft_left_alone_is_anonymised_after_the_period_and_a_recent_one_is_not(settings):
    settings.RETENTION_DRAFT_CASE_DAYS = 365
    old = factories.draft()
    recent = factories.draft()
    Incident.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=366))
    Incident.objects.filter(pk=recent.pk).update(updated_at=timezone.now() - timedelta(days=300))

    report = apply_retention()

    assert (report["drafts_anonymised"], report["cases_anonymised"]) == (1, 0)
    assert apply_retention()["drafts_anonymised"] == 0
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, old.description) == (Status.DRAFT, "")
    assert recent.description == factories.DESCRIPTION
