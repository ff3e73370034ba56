"""Delivering one notice, in three steps so that a crash can cost at most a repeat, never a loss,
and a repeat is recognisable:

1. claim (its own short transaction): lock the row (SKIP LOCKED), mark it SENDING with a lease,
   count the attempt and write its history row; commit.
2. send, outside any transaction, with the row's stable Message-ID.
3. mark (its own short transaction, right after the server accepted): SENT with the time.

If the process dies between 2 and 3 the row stays SENDING; once the lease runs out the relay
sends it again with the same Message-ID, and the history shows the first attempt as interrupted.
That window is the only way a mail arrives twice. A row is never sent by two runners at once:
the claim is taken under a row lock and only from a free or expired state.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError, connection, transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import kinds
from .models import DeliveryAttempt, Notification, Outcome, State

logger = logging.getLogger(__name__)


def backoff(attempts: int) -> int:
    """Seconds to wait after the n-th failed attempt: base, 2×base, 4×base, ... at most 1 h."""
    base: int = settings.NOTIFICATION_RETRY_BASE_SECONDS
    factor: int = 2 ** max(attempts - 1, 0)
    return min(base * factor, 3600)


def claimable(now: datetime) -> Q:
    return Q(state__in=(State.QUEUED, State.RETRYING), next_attempt_at__lte=now) | Q(
        state=State.SENDING, lease_until__lt=now
    )


def due_ids(limit: int) -> list[int]:
    now = timezone.now()
    return list(
        Notification.objects.filter(claimable(now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def _locked(queryset: QuerySet[Notification]) -> QuerySet[Notification]:
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset.select_for_update()


def claim(notification_id: int) -> tuple[Notification, DeliveryAttempt] | None:
    """Take the row for one attempt, or return None if it is not due or another runner has it."""
    now = timezone.now()
    with transaction.atomic():
        row = _locked(
            Notification.objects.filter(pk=notification_id).filter(claimable(now))
        ).first()
        if row is None:
            return None
        DeliveryAttempt.objects.filter(notification=row, finished_at__isnull=True).update(
            finished_at=now, outcome=Outcome.INTERRUPTED
        )
        row.attempts += 1
        row.state = State.SENDING
        row.lease_until = now + timedelta(seconds=settings.NOTIFICATION_LEASE_SECONDS)
        row.save(update_fields=["attempts", "state", "lease_until"])
        attempt = DeliveryAttempt.objects.create(
            notification=row, number=row.attempts, started_at=now
        )
    return row, attempt


def build_message(row: Notification) -> EmailMessage:
    kind = kinds.get(row.kind)
    context = {
        "notification": row,
        "subject": row.subject,
        "link": settings.SITE_URL + kind.link(row),
        **kind.context(row),
    }
    with translation.override(row.language or "nl"):
        subject = render_to_string(kind.subject_template, context).strip()
        body = render_to_string(kind.body_template, context)
    address = row.address or (row.recipient.email if row.recipient else "")
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[address],
        headers={"Message-ID": row.message_id, "Auto-Submitted": "auto-generated"},
    )


def _error_text(error: Exception) -> str:
    # The class and the SMTP code only: a server's message may quote addresses.
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__}{f' {code}' if code else ''}"[:200]


def _finish(
    row: Notification,
    attempt: DeliveryAttempt,
    *,
    state: str,
    outcome: str,
    error: str = "",
    sent_at: datetime | None = None,
    next_attempt_at: datetime | None = None,
) -> None:
    now = timezone.now()
    with transaction.atomic():
        fields: dict[str, object] = {"state": state, "lease_until": None, "last_error": error}
        if sent_at:
            fields["sent_at"] = sent_at
        if next_attempt_at:
            fields["next_attempt_at"] = next_attempt_at
        # Only if this runner still holds the claim (a lease that ran out was taken over).
        Notification.objects.filter(pk=row.pk, attempts=attempt.number).update(**fields)
        DeliveryAttempt.objects.filter(pk=attempt.pk).update(
            finished_at=now, outcome=outcome, error=error
        )


def deliver(notification_id: int) -> str:
    """One attempt at one notice. Returns "sent", "retrying", "failed", "withdrawn" or "skipped"."""
    claimed = claim(notification_id)
    if claimed is None:
        return "skipped"
    row, attempt = claimed
    kind = kinds.get(row.kind)
    address = row.address or (row.recipient.email if row.recipient else "")
    if not address or not kind.still_wanted(row):
        _finish(row, attempt, state=State.WITHDRAWN, outcome="", error="")
        return "withdrawn"
    try:
        message = build_message(row)
        message.send()
    except OSError as error:  # smtplib's errors are OSErrors; so are refused connections
        text = _error_text(error)
        if row.attempts >= Notification.MAX_ATTEMPTS:
            _finish(row, attempt, state=State.FAILED, outcome=Outcome.FAILED, error=text)
            logger.error("Notice %s failed for good after %s attempts.", row.pk, row.attempts)
            return "failed"
        retry_at = timezone.now() + timedelta(seconds=backoff(row.attempts))
        _finish(row, attempt, state=State.RETRYING, outcome=Outcome.FAILED, error=text,
                next_attempt_at=retry_at)  # fmt: skip
        logger.warning("Notice %s not sent (attempt %s): %s.", row.pk, row.attempts, text)
        return "retrying"
    # The server has the mail: mark it at once, in its own short transaction.
    _finish(row, attempt, state=State.SENT, outcome=Outcome.ACCEPTED, sent_at=timezone.now())
    if kind.on_sent:
        kind.on_sent(row)
    return "sent"


# The key of the PostgreSQL advisory lock only one relay holds at a time ("noti").
RELAY_LOCK = 0x6E6F7469


@contextmanager
def _sole_relay() -> Iterator[bool]:
    """True if this is the only relay running. A backlog keeps one relay busy for minutes; the
    ticks beat sends meanwhile must not take the other worker processes too, or fresh notices
    wait behind it. A session lock: it goes with the connection if the worker dies."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [RELAY_LOCK])
        alone = cursor.fetchone()[0]
    try:
        yield alone
    finally:
        if alone:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [RELAY_LOCK])
            except DatabaseError:  # the connection is gone, and the lock with it
                pass


def relay(limit: int | None = None) -> dict[str, int]:
    """Send every notice that is due (queueing failed, its task expired in the queue, a retry is
    due, a lease ran out). Returns {"busy": 1} at once while another relay runs."""
    results: dict[str, int] = {}
    with _sole_relay() as alone:
        if not alone:
            return {"busy": 1}
        for notification_id in due_ids(limit or settings.NOTIFICATION_RELAY_BATCH):
            outcome = deliver(notification_id)
            results[outcome] = results.get(outcome, 0) + 1
    return results
