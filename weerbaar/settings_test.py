"""Settings for the test suite: the real settings, with test keys and no TLS redirect.

DATABASE_URL and REDIS_URL still come from the environment, so the same suite runs against
SQLite with tasks in-process (the default) and against PostgreSQL and Redis (CI).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ.setdefault(
    "FIELD_ENCRYPTION_KEYS",
    "dGVzdC1rZXktb25lLXRlc3Qta2V5LW9uZS10ZXN0LWs=,dGVzdC1rZXktdHdvLXRlc3Qta2V5LXR3by10ZXN0LWs=",
)
os.environ.setdefault("SECURE_HTTPS", "0")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Each test run gets its own key space in a shared Redis.
os.environ.setdefault("CACHE_KEY_PREFIX", f"weerbaar-test-{os.getpid()}")
# Tasks queued by tests go to a queue of this run, never to the default `celery` queue a real
# worker on the same Redis might listen to; tests/plugins/services.py removes it when the run ends.
# Tests count the open cases and render the queue's filters afresh every time.
os.environ.setdefault("MONITOR_LIVE_CACHE_SECONDS", "0")
os.environ.setdefault("QUEUE_FILTERS_CACHE_SECONDS", "0")
os.environ.setdefault("CELERY_TASK_DEFAULT_QUEUE", f"weerbaar-test-{os.getpid()}")

from weerbaar.settings import *  # noqa: E402,F403
from weerbaar.settings import STORAGES  # noqa: E402

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT = None  # static files come from the finders in tests
