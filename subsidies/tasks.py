"""Celery entry points of the grant applications. Mail goes through the one outbox
(subsidies/notices.py, notifications/)."""

from celery import shared_task

from . import notices


@shared_task(acks_late=True)
def remind_of_deadlines():
    """Periodic (Celery beat): drafts of a round that closes soon; safe to run twice."""
    return len(notices.record_deadlines())


@shared_task(acks_late=True)
def remind_of_account_due_dates():
    """Periodic (Celery beat): accounts due soon or overdue; safe to run twice."""
    return len(notices.record_account_reminders())
