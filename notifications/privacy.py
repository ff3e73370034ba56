"""What the outbox keeps of a person, and for how long (the hook audit.retention calls; table
in docs/privacy.md).

A notification row may hold an address (another address the person chose, or an invitee's)
and the mail server's last error, which can quote it. Both are needed only to deliver:

- NOTIFICATION_ADDRESS_KEEP_DAYS after a row was sent, failed for good or withdrawn, its
  address, last error and the errors of its delivery attempts are emptied. The row (kind,
  subject, recipient's account, state, times) stays as the delivery history staff see.
- An erasure does the same at once to every row addressed to the person, and withdraws those
  not yet sent.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import OPEN_STATES, DeliveryAttempt, Notification, State

NOTIFICATION_ADDRESS_KEEP_DAYS = 90


def _forget(rows: QuerySet[Notification], *, now: datetime) -> int:
    rows = rows.filter(anonymised_at__isnull=True)
    ids = list(rows.values_list("pk", flat=True))
    DeliveryAttempt.objects.filter(notification_id__in=ids).exclude(error="").update(error="")
    return Notification.objects.filter(pk__in=ids).update(
        address="", last_error="", anonymised_at=now
    )


def addresses_forget(*, subjects: Iterable[Model]) -> int:
    """Forget the addresses of every notification about these objects (e.g. the invitations
    of an erased person, whose address is the invitee's), withdrawing those not yet sent."""
    by_type: defaultdict[ContentType, list[Any]] = defaultdict(list)
    for subject in subjects:
        by_type[ContentType.objects.get_for_model(subject)].append(subject.pk)
    condition = Q(pk__in=[])
    for content_type, ids in by_type.items():
        condition |= Q(content_type=content_type, object_id__in=ids)
    return _withdraw_and_forget(Notification.objects.filter(condition))


def _withdraw_and_forget(rows: QuerySet[Notification]) -> int:
    now = timezone.now()
    rows.filter(state__in=OPEN_STATES).update(state=State.WITHDRAWN, lease_until=None)
    return _forget(rows, now=now)


def retain(*, now: datetime) -> dict[str, int]:
    cutoff = now - timedelta(days=NOTIFICATION_ADDRESS_KEEP_DAYS)
    done = (
        Notification.objects.exclude(state__in=OPEN_STATES)
        .annotate(finished=Coalesce("sent_at", "next_attempt_at"))
        .filter(finished__lt=cutoff)
    )
    return {"notifications_anonymised": _forget(done, now=now)}


def erase(*, user: Any) -> dict[str, int]:
    return {"notifications": _withdraw_and_forget(Notification.objects.filter(recipient=user))}
