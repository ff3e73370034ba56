from celery import shared_task

from . import actions, aggregate


@shared_task(acks_late=True, ignore_result=True)
def refresh_monitor():
    """Celery beat: bring the summary table up to date and release every closed year whose
    delay has passed (safe to run twice: it recomputes, and a release is made only once)."""
    written = aggregate.refresh_changed()
    actions.shared_releases_publish_due()
    return written
