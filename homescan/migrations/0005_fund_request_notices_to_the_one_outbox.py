"""Keep every fund-request notice of the old homescan outbox: copied into the one outbox, a sent
one as sent, an unsent one as queued (the relay then sends it only if its recipient may still
open the application, as the old task checked: homescan/notices.py)."""

import uuid

from django.db import migrations
from django.utils import timezone


def copy_fund_request_notices(apps, schema_editor):
    FundRequestNotice = apps.get_model("homescan", "FundRequestNotice")
    Notification = apps.get_model("notifications", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    application_type, _ = ContentType.objects.get_or_create(
        app_label="subsidies", model="grantapplication"
    )
    now = timezone.now()
    existing = set(
        Notification.objects.filter(kind="homescan.fund_request").values_list("key", flat=True)
    )
    rows = []
    for notice in FundRequestNotice.objects.all().iterator():
        # One row per (scan, application, recipient), as the old unique constraint had it.
        key = (
            f"homescan.fund_request|subsidies.grantapplication:{notice.application_id}"
            f"|scan:{notice.scan_id}|u{notice.recipient_id}"
        )
        if key in existing:
            continue
        sent = notice.sent_at is not None
        rows.append(
            Notification(
                uid=uuid.uuid4(),
                kind="homescan.fund_request",
                key=key,
                content_type=application_type,
                object_id=notice.application_id,
                recipient_id=notice.recipient_id,
                language="nl",
                state="sent" if sent else "queued",
                attempts=1 if sent else 0,
                created_at=notice.created_at,
                next_attempt_at=notice.sent_at if sent else now,
                sent_at=notice.sent_at,
            )
        )
    Notification.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("homescan", "0004_scan_read_outlives_scan"),
        ("notifications", "0001_initial"),
        ("subsidies", "0004_applicant_kind"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_fund_request_notices, migrations.RunPython.noop)]
