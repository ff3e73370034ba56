"""Queue Celery tasks after the transaction commits, without making the request wait on Redis.

The row that a task works on is already committed when the task is queued, and every task that
uses this has a periodic relay that picks up what was never sent, so a broker that is down costs
a delay, never a lost message.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args):
    """Queue `task(*args)` once the current transaction commits; args are ids only."""

    def send():
        try:
            task.apply_async(args=args, retry=False)
        except Exception:  # noqa: BLE001 - broker down or eager task failing: the relay retries
            logger.warning("Could not queue %s now; the periodic relay will pick it up.", task.name)

    transaction.on_commit(send)
