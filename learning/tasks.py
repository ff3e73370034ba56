"""Celery entry points of the learning network. Mail goes through the one outbox
(learning/notices.py, notifications/)."""

from celery import shared_task

from . import notices


@shared_task(acks_late=True)
def remind_of_meetings():
    """Periodic (Celery beat): registrations for meetings that start soon; safe to run twice."""
    return len(notices.record_reminders())
