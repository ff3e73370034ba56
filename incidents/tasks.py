"""Celery entry points of incidents: periodic, no arguments, safe to run twice (each notice is
one outbox row per case, event and recipient; an escalation is marked on its alert)."""

from celery import shared_task

from . import oncall


@shared_task(acks_late=True)
def escalate_unacknowledged_urgent_reports():
    """Beat, every minute: urgent cases no one acknowledged within URGENT_ACK_MINUTES."""
    return oncall.urgent_alerts_escalate()


@shared_task(acks_late=True)
def notify_passed_deadlines():
    """Beat, every five minutes: cases past their first-contact deadline."""
    return oncall.passed_deadlines_notify()
