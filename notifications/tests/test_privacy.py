"""notifications/privacy.py: a finished notification loses its address and errors
NOTIFICATION_ADDRESS_KEEP_DAYS after it went; an erasure does so at once for the person's rows
and withdraws those not yet sent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import ErasureRequest
from audit.retention import apply_retention
from notifications.models import DeliveryAttempt, Notification, State
from notifications.privacy import NOTIFICATION_ADDRESS_KEEP_DAYS

pytestmark = pytest.mark.django_db


def row(key, *, state=State.SENT, days_ago=0, recipient=None, address="prive@example.test"):
    at = timezone.now() - timedelta(days=days_ago)
    notification = Notification.objects.create(
        kind="test.notice",
        key=key,
        recipient=recipient,
        address=address,
        state=state,
        last_error="550 prive@example.test unknown" if state == State.FAILED else "",
        next_attempt_at=at,
        sent_at=at if state == State.SENT else None,
    )
    DeliveryAttempt.objects.create(notification=notification, number=1, error="prive@example.test")
    return notification


def test_a_finished_notification_loses_its_address_and_errors_after_the_period():
    old = NOTIFICATION_ADDRESS_KEEP_DAYS + 1
    sent_long_ago = row("a", days_ago=old)
    failed_long_ago = row("b", state=State.FAILED, days_ago=old)
    sent_lately = row("c", days_ago=NOTIFICATION_ADDRESS_KEEP_DAYS - 1)
    waiting = row("d", state=State.RETRYING, days_ago=old)

    assert apply_retention()["notifications_anonymised"] == 2
    assert apply_retention()["notifications_anonymised"] == 0

    for gone in (sent_long_ago, failed_long_ago):
        gone.refresh_from_db()
        assert (gone.address, gone.last_error) == ("", "")
        assert gone.anonymised_at is not None and gone.state in (State.SENT, State.FAILED)
        assert gone.delivery_attempts.get().error == ""
    for kept in (sent_lately, waiting):
        kept.refresh_from_db()
        assert kept.address == "prive@example.test"
        assert kept.delivery_attempts.get().error == "prive@example.test"


def test_an_erasure_forgets_the_persons_addresses_and_withdraws_what_is_unsent():
    person = people.officeholder()
    other = people.officeholder()
    sent = row("a", recipient=person)
    queued = row("b", state=State.QUEUED, recipient=person)
    others = row("c", state=State.QUEUED, recipient=other)
    ErasureRequest.objects.create(
        user=person,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )

    assert apply_retention()["erasures"] == 1

    sent.refresh_from_db()
    queued.refresh_from_db()
    others.refresh_from_db()
    assert (sent.address, sent.state) == ("", State.SENT)
    assert (queued.address, queued.state) == ("", State.WITHDRAWN)
    assert (others.address, others.state) == ("prive@example.test", State.QUEUED)
