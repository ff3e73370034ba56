from celery import shared_task

from .retention import apply_retention as run_retention


@shared_task(acks_late=True)
def apply_retention():
    """Celery beat entry point: every app's retention hook (privacy.py), then due erasures."""
    return run_retention()
