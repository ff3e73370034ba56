"""Invitation e-mails move to the one outbox: an open invitation whose e-mail never went out
(the old relay would still have sent it) gets a queued notice, so the new relay sends it."""

import hashlib
import uuid

from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def invitation_key(invitation_id, address):
    # The key notifications.outbox.record() gives an address-only recipient: recording the same
    # invitation again is a no-op.
    who = "a" + hashlib.sha256(address.lower().encode()).hexdigest()[:32]
    return f"accounts.invitation|accounts.invitation:{invitation_id}||{who}"


def queue_unsent_invitations(apps, schema_editor):
    Invitation = apps.get_model("accounts", "Invitation")
    Notification = apps.get_model("notifications", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    invitation_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="invitation")
    now = timezone.now()
    unsent = Invitation.objects.filter(
        Q(needs_approval=False) | Q(approved_at__isnull=False),
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
        email_sent_at__isnull=True,
    )
    existing = set(
        Notification.objects.filter(kind="accounts.invitation").values_list("key", flat=True)
    )
    rows = []
    for invitation in unsent.iterator():
        key = invitation_key(invitation.pk, invitation.email)
        if key in existing:
            continue
        rows.append(
            Notification(
                uid=uuid.uuid4(),
                kind="accounts.invitation",
                key=key,
                content_type=invitation_type,
                object_id=invitation.pk,
                address=invitation.email,
                language="nl",
                state="queued",
                created_at=invitation.approved_at or invitation.created_at,
                next_attempt_at=now,
            )
        )
    Notification.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_language"),
        ("notifications", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(queue_unsent_invitations, migrations.RunPython.noop)]
