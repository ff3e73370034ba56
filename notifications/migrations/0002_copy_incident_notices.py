"""Keep every notice of the old incidents outbox: copied into the one outbox with its state,
attempts and times (one row per case, kind and recipient, as before)."""

import uuid

from django.db import migrations


def copy(apps, schema_editor):
    Notice = apps.get_model("incidents", "Notice")
    Notification = apps.get_model("notifications", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    incident_type, _ = ContentType.objects.get_or_create(app_label="incidents", model="incident")
    rows = [
        Notification(
            uid=uuid.uuid4(),
            kind=f"incidents.{notice.kind}",
            key=f"incidents.{notice.kind}|incidents.incident:{notice.incident_id}||u{notice.recipient_id}",
            content_type=incident_type,
            object_id=notice.incident_id,
            recipient_id=notice.recipient_id,
            language="nl",
            state=notice.state,
            attempts=notice.attempts,
            last_error=notice.last_error,
            created_at=notice.created_at,
            next_attempt_at=notice.next_attempt_at,
            sent_at=notice.sent_at,
        )
        for notice in Notice.objects.all().iterator()
    ]
    Notification.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("incidents", "0004_queue_order_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
