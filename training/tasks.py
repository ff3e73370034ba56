"""Celery entry points of the training catalogue. Mail goes through the one outbox
(training/notices.py, notifications/)."""

from celery import shared_task

from . import notices


@shared_task(acks_late=True)
def remind_of_sessions():
    """Periodic (Celery beat): sign-ups with a place in a session that begins soon; safe to
    run twice."""
    return len(notices.record_reminders())
