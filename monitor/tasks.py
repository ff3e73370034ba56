from celery import shared_task

from . import aggregate


@shared_task(acks_late=True, ignore_result=True)
def refresh_monitor():
    """Celery beat: bring the summary table up to date (safe to run twice: it recomputes)."""
    return aggregate.refresh_changed()
