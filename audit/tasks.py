from celery import shared_task


@shared_task(acks_late=True)
def apply_retention():
    """Celery beat entry point: every app's retention hook (privacy.py), then due erasures."""
    from .retention import apply_retention as run

    return run()
