"""Celery entry points of the home scan and the starterspakket. Mail goes through the one
outbox (homescan/notices.py, notifications/)."""

from celery import shared_task

from . import notices


@shared_task(acks_late=True)
def notify_overdue_starter_kits():
    """Periodic (Celery beat): staff hear once of each overdue starterspakket; safe to run
    twice."""
    return len(notices.record_overdue_starter_kits())
