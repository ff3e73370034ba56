"""Celery entry points for notices. They take ids only and are safe to run twice: the row is
locked (SKIP LOCKED on PostgreSQL, so a second runner passes instead of waiting) and a notice
with `sent_at` is never sent again."""

from celery import shared_task
from django.db import connection, transaction
from django.utils import timezone

from . import notices
from .models import Notice, NoticeState

RELAY_BATCH = 200


def _locked(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset.select_for_update()


@shared_task(bind=True, acks_late=True, max_retries=Notice.MAX_ATTEMPTS)
def send_notice(self, notice_id):
    """Send one notice; on a mail failure retry with back-off (the relay also retries)."""
    with transaction.atomic():
        notice = (
            _locked(Notice.objects.select_related("incident", "recipient"))
            .filter(pk=notice_id)
            .first()
        )
        if notice is None:
            return "skipped"  # gone, or another runner holds it right now
        if notice.sent_at is not None or notice.state == NoticeState.FAILED:
            return "skipped"
        sent = notices.deliver(notice)
        attempts, state = notice.attempts, notice.state
    if sent:
        return "sent"
    if state == NoticeState.FAILED:
        return "failed"
    if self.request.is_eager:
        # In-process (no broker): never make a request wait on retries; the relay retries.
        return "deferred"
    raise self.retry(countdown=notices.backoff(attempts))


@shared_task(acks_late=True)
def relay_pending_notices():
    """Periodic relay (Celery beat): send every queued notice that is due, one row at a time,
    each under its own lock, so two relays or a relay and a task never send the same one."""
    sent = 0
    for _round in range(RELAY_BATCH):
        with transaction.atomic():
            notice = (
                _locked(Notice.objects.select_related("incident", "recipient"))
                .filter(state=NoticeState.QUEUED, next_attempt_at__lte=timezone.now())
                .order_by("next_attempt_at", "pk")
                .first()
            )
            if notice is None:
                break
            sent += notices.deliver(notice)
    return sent
