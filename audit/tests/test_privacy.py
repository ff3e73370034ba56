"""The retention runner finds every app's privacy.py; audit/privacy.py deletes abandoned
erasure requests after ERASURE_REQUEST_KEEP_DAYS and keeps carried-out ones."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import ErasureRequest
from audit.privacy import ERASURE_REQUEST_KEEP_DAYS
from audit.retention import apply_retention, erasure_hooks, privacy_modules, retention_hooks

pytestmark = pytest.mark.django_db

APPS_WITH_PERSONAL_DATA = [
    "accounts",
    "audit",
    "incidents",
    "subsidies",
    "network",
    "homescan",
    "training",
    "learning",
    "notifications",
]


def test_every_app_with_personal_data_has_a_retention_and_an_erasure_hook():
    modules = [module.__name__ for module in privacy_modules()]
    assert modules == [f"{app}.privacy" for app in APPS_WITH_PERSONAL_DATA]
    assert [hook.__module__ for hook in retention_hooks()] == modules
    # An erasure runs from the top layer down: accounts, which renames the address, last.
    assert [hook.__module__ for hook in erasure_hooks()] == modules[::-1]


def test_abandoned_erasure_requests_are_deleted_after_the_period_and_done_ones_stay():
    long_ago = timezone.now() - timedelta(days=ERASURE_REQUEST_KEEP_DAYS + 1)
    person = people.officeholder()
    withdrawn = ErasureRequest.objects.create(
        user=person, requested_at=long_ago, withdrawn_at=long_ago
    )
    never_confirmed = ErasureRequest.objects.create(
        user=people.officeholder(), requested_at=long_ago
    )
    done = ErasureRequest.objects.create(
        user=people.officeholder(), requested_at=long_ago, confirmed_at=long_ago, done_at=long_ago
    )
    recent = ErasureRequest.objects.create(
        user=person, requested_at=timezone.now(), withdrawn_at=timezone.now()
    )

    assert apply_retention()["erasure_requests_deleted"] == 2

    assert set(ErasureRequest.objects.values_list("pk", flat=True)) == {done.pk, recent.pk}
    assert not ErasureRequest.objects.filter(pk__in=[withdrawn.pk, never_confirmed.pk]).exists()
