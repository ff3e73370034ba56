"""Decision notices move to the one outbox: a sent decision whose applicant was never told
(the old relay would still have sent the notice) gets a queued notice, so the new relay sends
it and marks the decision notified."""

import uuid

from django.db import migrations
from django.utils import timezone


def queue_unnotified_decisions(apps, schema_editor):
    Decision = apps.get_model("subsidies", "Decision")
    Notification = apps.get_model("notifications", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    application_type, _ = ContentType.objects.get_or_create(
        app_label="subsidies", model="grantapplication"
    )
    now = timezone.now()
    existing = set(
        Notification.objects.filter(kind="subsidies.decision").values_list("key", flat=True)
    )
    rows = []
    pending = Decision.objects.filter(send_date__isnull=False, notified_at__isnull=True)
    for decision in pending.select_related("application").iterator():
        application = decision.application
        # GrantApplication.notify_user: the officeholder, or whoever started the draft.
        recipient_id = application.applicant_id or application.created_by_id
        key = f"subsidies.decision|subsidies.grantapplication:{application.pk}||u{recipient_id}"
        if key in existing:
            continue
        rows.append(
            Notification(
                uid=uuid.uuid4(),
                kind="subsidies.decision",
                key=key,
                content_type=application_type,
                object_id=application.pk,
                recipient_id=recipient_id,
                language="nl",
                state="queued",
                created_at=decision.created_at,
                next_attempt_at=now,
            )
        )
    Notification.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("subsidies", "0004_applicant_kind"),
        ("notifications", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(queue_unnotified_decisions, migrations.RunPython.noop)]
