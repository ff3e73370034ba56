from celery import shared_task


@shared_task(acks_late=True)
def apply_retention():
    """Celery beat entry point: anonymise closed cases past retention, carry out erasures."""
    from .retention import apply_retention as run

    return run()
