"""Celery entry points of the outbox. They take ids only and are safe to run twice: a row is
claimed under a lock and never sent while another runner holds it (notifications/delivery.py)."""

from celery import shared_task

from . import delivery


@shared_task(acks_late=True)
def deliver_notification(notification_id: int) -> str:
    """One attempt; a failure is retried by the relay when its back-off is over."""
    return delivery.deliver(notification_id)


@shared_task(acks_late=True)
def relay_notifications() -> dict[str, int]:
    """Periodic (Celery beat, every NOTIFICATION_RELAY_SECONDS)."""
    return delivery.relay()
