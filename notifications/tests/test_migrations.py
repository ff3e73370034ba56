"""The move to the one outbox keeps every existing notice: state, attempts, times and recipient."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("accounts", "0004_user_language"),
    ("incidents", "0004_queue_order_indexes"),
    ("notifications", "0001_initial"),
]
AFTER = [("incidents", "0005_notices_moved_to_the_one_outbox")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_old_incident_notices_are_copied_into_the_outbox():
    old = migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Incident = old.get_model("incidents", "Incident")
    Notice = old.get_model("incidents", "Notice")
    person = User.objects.create(email="lid@example.test")
    reporter = User.objects.create(email="melder@example.test")
    incident = Incident.objects.create(reporter=reporter, reference="WB-2026-0001")
    sent_at = timezone.now() - timedelta(days=2)
    Notice.objects.create(incident=incident, kind="submitted", recipient=person, state="sent",
                          attempts=2, sent_at=sent_at)  # fmt: skip
    Notice.objects.create(incident=incident, kind="urgent", recipient=person, state="failed",
                          attempts=8, last_error="ConnectionRefusedError")  # fmt: skip
    Notice.objects.create(incident=incident, kind="confirmation", recipient=reporter)

    new = migrate(AFTER)
    Notification = new.get_model("notifications", "Notification")
    rows = {
        row.kind: row for row in Notification.objects.filter(object_id=incident.pk).order_by("pk")
    }
    assert set(rows) == {"incidents.submitted", "incidents.urgent", "incidents.confirmation"}
    assert (rows["incidents.submitted"].state, rows["incidents.submitted"].attempts) == ("sent", 2)
    assert rows["incidents.submitted"].sent_at == sent_at
    assert rows["incidents.urgent"].state == "failed"
    assert rows["incidents.urgent"].last_error == "ConnectionRefusedError"
    assert rows["incidents.confirmation"].state == "queued"
    assert rows["incidents.confirmation"].recipient_id == reporter.pk
    # The same key the new code writes: recording the same event again adds nothing.
    assert rows["incidents.submitted"].key == (
        f"incidents.submitted|incidents.incident:{incident.pk}||u{person.pk}"
    )
    assert len({row.uid for row in rows.values()}) == 3
