"""Settings for the processes the fault and load tests start (gunicorn, Celery workers).

The test settings, plus: a URL conf with a filing endpoint that drives the real incident
actions (tests/faults/urls.py), stand-in e-mail templates for incident notices while the
incidents branch has not merged its own (its templates come first once present), and a short
broker visibility timeout so a task of a killed worker is handed out again within seconds."""

import os

from weerbaar.settings_test import *  # noqa: F403
from weerbaar.settings_test import BASE_DIR, CELERY_BROKER_TRANSPORT_OPTIONS, TEMPLATES

ROOT_URLCONF = "tests.faults.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "faults" / "templates"]
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
