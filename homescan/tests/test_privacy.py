"""homescan/privacy.py: a home scan is deleted HOME_SCAN_KEEP_DAYS after it was filled in; an
erasure deletes the person's scans and starterspakket."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import ErasureRequest
from audit.retention import apply_retention
from homescan import actions
from homescan.models import ScanResult, StarterKit
from homescan.privacy import HOME_SCAN_KEEP_DAYS
from homescan.tests import factories

pytestmark = pytest.mark.django_db


def test_a_home_scan_is_deleted_after_the_retention_period():
    owner = factories.mayor()
    old = factories.scan(owner=owner)
    recent = factories.scan(owner=owner)
    ScanResult.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=HOME_SCAN_KEEP_DAYS + 1)
    )
    ScanResult.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - timedelta(days=HOME_SCAN_KEEP_DAYS - 1)
    )

    assert apply_retention()["scans_deleted"] == 1
    assert apply_retention()["scans_deleted"] == 0
    assert list(ScanResult.objects.values_list("pk", flat=True)) == [recent.pk]


def test_an_erasure_deletes_the_persons_scans_and_starter_kit_and_nobody_elses():
    owner = factories.mayor()
    other = factories.mayor()
    for person in (owner, other):
        factories.scan(owner=person)
        if not StarterKit.objects.filter(mayor=person).exists():
            actions.starter_kit_create(mayor=person, body=people.municipality())
    ErasureRequest.objects.create(
        user=owner,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )

    assert apply_retention()["erasures"] == 1

    assert not ScanResult.objects.filter(owner=owner).exists()
    assert not StarterKit.objects.filter(mayor=owner).exists()
    assert ScanResult.objects.filter(owner=other).exists()
    assert StarterKit.objects.filter(mayor=other).exists()
