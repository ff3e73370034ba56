"""The Celery application. Tasks live in each app's tasks.py and take ids only."""

import os

from celery import Celery, signals
from celery.app.amqp import AMQP
from kombu import Connection

from weerbaar.log_redaction import RedactTokens

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings")


class BrokerConnection(Connection):
    """A broker connection whose every reconnect loop follows the `interval_*` of the broker
    transport options. kombu applies those only to some of its loops: the worker's consumer and
    beat reconnect with kombu's defaults (2 s, then 2 s longer each try, at most 30 s), so after a
    long Redis outage they noticed its return up to 30 s late and the waiting notices with them
    (docs/notices.md; tests/faults/test_faults.py)."""

    # The rest of kombu's keyword arguments pass through **kwargs unchanged.
    def _ensure_connection(self, errback=None, max_retries=None, interval_start=None,  # type: ignore[override]
                           interval_step=None, interval_max=None, **kwargs):  # fmt: skip
        options = self.transport_options or {}

        def pick(given, key, default):
            return given if given is not None else options.get(key, default)

        return super()._ensure_connection(
            errback,
            max_retries,
            interval_start=pick(interval_start, "interval_start", 2),
            interval_step=pick(interval_step, "interval_step", 2),
            interval_max=pick(interval_max, "interval_max", 30),
            **kwargs,
        )


class BrokerAMQP(AMQP):
    Connection = BrokerConnection
    BrokerConnection = BrokerConnection


app = Celery("weerbaar", amqp=BrokerAMQP)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def _redact_tokens_in_worker_logs(logger, **kwargs):
    """Celery installs its own handlers on the worker: give them the redaction as well."""
    for handler in logger.handlers:
        if not any(isinstance(f, RedactTokens) for f in handler.filters):
            handler.addFilter(RedactTokens())
