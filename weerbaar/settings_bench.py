"""Settings for `make bench`: the production settings, served by gunicorn on 127.0.0.1.

DEBUG stays off (as in production); only TLS is off, because the benchmark client speaks plain
HTTP on the loopback. Fixed keys, because the seeded ciphertexts must decrypt in every worker.
The extra URLs (the floor view) and the query-count middleware exist only here.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-secret-key-" + "b" * 40)
# Not a secret: the benchmark's throwaway key (32 url-safe base64 bytes).
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktYmU=")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/weerbaar_bench")
os.environ.setdefault("SECURE_HTTPS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault(
    "VAR_DIR", str(__import__("pathlib").Path(__file__).resolve().parent.parent / "var" / "bench")
)

from weerbaar.settings import *  # noqa: E402,F403
from weerbaar.settings import MIDDLEWARE, STORAGES, env_bool  # noqa: E402

ROOT_URLCONF = "bench.urls"
# Static files are served by whitenoise from the finders: the benchmark needs no collectstatic.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
# Passwords are hashed as in production; the seed hashes one password once and reuses it.

if env_bool("BENCH_QUERY_COUNT", False):
    # Outermost, so it sees every query a request makes, the session and the user included.
    MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
