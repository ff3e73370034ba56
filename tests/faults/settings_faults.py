"""Settings for the processes the fault and load tests start (gunicorn, Celery workers, beat).

The test settings, plus: a URL conf with a filing endpoint that drives the real incident
actions (tests/faults/urls.py), stand-in e-mail templates for incident notices while the
incidents branch has not merged its own (its templates come first once present), and a broker
visibility timeout from the environment.

The outbox's timings come from the environment as in production (weerbaar/settings.py), so a
test shortens them for its processes: NOTIFICATION_LEASE_SECONDS (how long a claimed notice is
left to its worker), NOTIFICATION_RETRY_BASE_SECONDS (the first back-off),
NOTIFICATION_RELAY_SECONDS (beat's relay period). FAULT_ACCEPTED_FILE switches the e-mail
backend to tests/faults/mail.py (the server accepts, then the worker pauses before the mark)."""

import os

from weerbaar.settings_test import *  # noqa: F403
from weerbaar.settings_test import BASE_DIR, CELERY_BROKER_TRANSPORT_OPTIONS, MAILERS, TEMPLATES

ROOT_URLCONF = "tests.faults.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "faults" / "templates"]
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

if os.environ.get("FAULT_ACCEPTED_FILE"):
    MAILERS = {
        "default": {**MAILERS["default"], "BACKEND": "tests.faults.mail.AcceptThenPauseBackend"}
    }
