"""Recording notices: `record()` writes the outbox rows inside the caller's transaction and queues
their delivery once it commits. The request never waits on Redis: the broker call runs in a
background thread, and if it fails the relay (every NOTIFICATION_RELAY_SECONDS) sends the row."""

import hashlib
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from weerbaar.celery import app

from .kinds import Kind
from .models import Notification
from .tasks import deliver_notification

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipient:
    """A person, optionally at an address of their choice instead of their account's; or an
    address alone (no account yet)."""

    user: Any = None
    address: str = ""


def _as_recipient(value: Any) -> Recipient:
    if isinstance(value, Recipient):
        return value
    if isinstance(value, str):
        return Recipient(address=value)
    return Recipient(user=value)


def _key(kind: Kind, subject: Model | None, event: str, recipient: Recipient) -> str:
    who = (
        f"u{recipient.user.pk}"
        if recipient.user is not None
        else "a" + hashlib.sha256(recipient.address.lower().encode()).hexdigest()[:32]
    )
    about = f"{subject._meta.label_lower}:{subject.pk}" if subject is not None else "-"
    return f"{kind.code}|{about}|{event}|{who}"[:255]


def record(
    *,
    kind: Kind,
    subject: Model | None = None,
    recipients: Iterable[Any],
    event: str = "",
    not_before: datetime | None = None,
) -> list[int]:
    """Write one notice per recipient for this event, never two (recording the same event for
    the same person again is a no-op), and queue them after commit. `event` tells repeated
    events apart ("" when the kind happens once per subject). Must run inside the transaction
    of the change. Returns the ids of the rows written."""
    content_type = ContentType.objects.get_for_model(subject) if subject is not None else None
    due = not_before or timezone.now()
    created: list[int] = []
    for value in recipients:
        recipient = _as_recipient(value)
        if recipient.user is None and not recipient.address:
            continue
        language = getattr(recipient.user, "language", "") or "nl"
        try:
            with transaction.atomic():
                row, new = Notification.objects.get_or_create(
                    key=_key(kind, subject, event, recipient),
                    defaults={
                        "kind": kind.code,
                        "content_type": content_type,
                        "object_id": subject.pk if subject is not None else None,
                        "recipient": recipient.user,
                        "address": recipient.address,
                        "language": language,
                        "next_attempt_at": due,
                    },
                )
        except IntegrityError:  # a concurrent change recorded it first
            continue
        if new:
            created.append(row.pk)
    if not_before is None or not_before <= timezone.now():
        for notification_id in created:
            queue_after_commit(notification_id)
    return created


def queue_after_commit(notification_id: int) -> None:
    def publish() -> None:
        try:
            # A task still in the queue after NOTIFICATION_QUEUE_SECONDS is dropped by the worker
            # unrun (docs/notices.md): the relay sends that row, so a fresh notice never waits
            # behind a backlog in the first-in, first-out broker queue.
            deliver_notification.apply_async(
                args=[notification_id], retry=False, expires=settings.NOTIFICATION_QUEUE_SECONDS
            )
        except Exception:  # noqa: BLE001 - broker down: the relay picks it up
            logger.warning(
                "Could not queue notice %s now; the relay will send it.", notification_id
            )

    def after_commit() -> None:
        if app.conf.task_always_eager:
            publish()
        else:
            threading.Thread(target=publish, name=f"notice-{notification_id}", daemon=True).start()

    transaction.on_commit(after_commit)
