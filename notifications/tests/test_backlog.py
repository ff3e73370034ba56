"""A fresh notice must not wait behind a backlog (make bench: p95 under 2 s with 1,000 notices
queued). The broker queue is first-in, first-out, so a delivery task that waited in it longer
than NOTIFICATION_QUEUE_SECONDS is dropped unrun by the worker and its row left to the relay; and
only one relay runs at a time, so the other worker processes stay free for fresh notices."""

import psycopg
import pytest

from accounts.tests import factories as people
from incidents.tests import factories
from notifications import delivery, tasks
from notifications.models import Notification, State

pytestmark = pytest.mark.django_db


def test_a_delivery_task_expires_in_the_queue_after_a_few_seconds(
    settings, monkeypatch, eager_tasks, django_capture_on_commit_callbacks
):
    """Without an expiry, 1,000 queued tasks held a new report's notices for 55-74 s."""
    people.support_team_member()
    published = []
    monkeypatch.setattr(
        tasks.deliver_notification, "apply_async", lambda **kwargs: published.append(kwargs)
    )
    with django_capture_on_commit_callbacks(execute=True):
        factories.submitted()
    assert len(published) == 2
    assert {call["expires"] for call in published} == {settings.NOTIFICATION_QUEUE_SECONDS}
    # Dropped tasks are the relay's: it must come round soon after.
    assert settings.NOTIFICATION_QUEUE_SECONDS <= settings.NOTIFICATION_RELAY_SECONDS
    entry = settings.CELERY_BEAT_SCHEDULE["notifications-relay"]
    assert entry["options"]["expires"] <= entry["schedule"]


def test_only_one_relay_runs_at_a_time(postgres, smtp_settings):
    """Another relay holds the lock: this one returns at once and sends nothing; then it runs."""
    people.support_team_member()
    incident = factories.submitted()
    rows = Notification.objects.filter(object_id=incident.pk, kind__startswith="incidents.")
    assert rows.count() == 2 and set(rows.values_list("state", flat=True)) == {State.QUEUED}
    db = postgres.settings_dict
    other = psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
        dbname=db["NAME"], autocommit=True,
    )  # fmt: skip
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [delivery.RELAY_LOCK])
        assert tasks.relay_notifications() == {"busy": 1}
        assert not smtp_settings.messages
        other.execute("SELECT pg_advisory_unlock(%s)", [delivery.RELAY_LOCK])
    finally:
        other.close()
    assert tasks.relay_notifications() == {"sent": 2}
    assert len(smtp_settings.messages) == 2
