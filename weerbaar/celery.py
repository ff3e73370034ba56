"""The Celery application. Tasks live in each app's tasks.py and take ids only."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings")

app = Celery("weerbaar")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def _redact_tokens_in_worker_logs(logger, **kwargs):
    """Celery installs its own handlers on the worker: give them the redaction as well."""
    from weerbaar.log_redaction import RedactTokens

    for handler in logger.handlers:
        if not any(isinstance(f, RedactTokens) for f in handler.filters):
            handler.addFilter(RedactTokens())
