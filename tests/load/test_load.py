"""Load with gunicorn and a Celery worker on this machine: officeholders filing, staff browsing.

The CI version is a short smoke run (LOAD_SECONDS, default 15 s) that asserts zero 5xx and zero
lost reports, and that every notice was delivered. The figures of a longer run are in
docs/security.md: LOAD_SECONDS=60 LOAD_FILERS=8 LOAD_STAFF=4 pytest tests/load -s
"""

import json
import os
import signal
import time

import pytest
from django.db import connection
from django.test import Client

from accounts.tests import factories as people
from incidents.models import Incident
from notifications.models import Notification, State
from tests.faults import stack
from tests.helpers import missing_service, wait_for

from . import load

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SECONDS = int(os.environ.get("LOAD_SECONDS", "15"))
FILERS = int(os.environ.get("LOAD_FILERS", "4"))
STAFF = int(os.environ.get("LOAD_STAFF", "2"))
# Until the incidents branch's reporting form and triage queue are merged, filing goes through
# the one-request endpoint of tests/faults/urls.py (the real actions); staff browse the queue.
FILING_PATH = os.environ.get("LOAD_FILING_PATH", "/_test/melden/")
QUEUE_PATH = os.environ.get("LOAD_QUEUE_PATH", "/meldingen/triage/")


def _session(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_filing_and_browsing_under_load_loses_nothing(tmp_path):
    if connection.vendor != "postgresql":
        missing_service("the load test needs the test database on PostgreSQL")
    filers = [_session(people.officeholder()) for _ in range(FILERS)]
    staff = [_session(people.triage_staff()) for _ in range(STAFF)]
    redis = stack.PrivateRedis(tmp_path)
    redis.start()
    queue = f"load-{time.monotonic_ns()}"
    env = {
        "DATABASE_URL": stack.database_url(connection.settings_dict),
        "REDIS_URL": redis.url,
    }
    port = stack.free_port()
    processes = []
    try:
        processes.append(
            stack.start_gunicorn(port, workers=2, threads=4, CELERY_TASK_DEFAULT_QUEUE=queue, **env)
        )
        processes.append(stack.start_worker(queue, **env))
        # As in production: delivery tasks that wait in the queue too long are left to the relay.
        processes.append(stack.start_beat(queue, tmp_path, **env))
        figures = load.run(
            f"http://127.0.0.1:{port}",
            filer_sessions=filers,
            staff_sessions=staff,
            seconds=SECONDS,
            filing_path=FILING_PATH,
            queue_path=QUEUE_PATH,
        )
        filed = figures.pop("filed_ids")
        stored = set(Incident.objects.filter(pk__in=filed).exclude(status="draft").values_list(
            "pk", flat=True
        ))  # fmt: skip
        notices = Notification.objects.filter(object_id__in=filed, kind__startswith="incidents.")
        wait_for(lambda: not notices.exclude(state=State.SENT).exists(), timeout=60)
        figures["notices_sent"] = notices.count()
        print("load:", json.dumps(figures))
        assert filed, "no report was filed"
        assert figures["errors"] == 0, figures["statuses"]
        assert stored == set(filed), f"lost reports: {sorted(set(filed) - stored)}"
    finally:
        for process in processes:
            stack.stop(process, signal.SIGTERM)
        redis.stop()
