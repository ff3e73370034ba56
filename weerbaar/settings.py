"""Settings of the Weerbaar Bestuur portal.

Everything that differs between a laptop and production comes from the environment, read by the
small helpers below. The defaults are the safe ones: DEBUG is off, and with DEBUG off a SECRET_KEY
must be given. `make run` turns DEBUG on for the local demo.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name, default=()):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-only-used-with-debug-on"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address of the portal, used in links in e-mails (no request exists in a task).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "weerbaar",
    "government",
    "accounts",
    "audit",
    "incidents",
    "subsidies",
    "network",
    "homescan",
    "training",
    "learning",
    "monitor",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A 400 for a body charset Django cannot parse, before anything reads GET or POST.
    "weerbaar.request_guards.BodyCharsetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "weerbaar.middleware.PrivateCacheMiddleware",
    # Gives audit rows the (hashed) session of the request that caused them.
    "audit.recording.RequestContextMiddleware",
    # Last, so it is the first to see a view's exception: a change refused because the state
    # moved on (double click, second tab) answers 409 with the typed text, never 500.
    "weerbaar.request_guards.StaleStateMiddleware",
]

ROOT_URLCONF = "weerbaar.urls"
WSGI_APPLICATION = "weerbaar.wsgi.application"
ASGI_APPLICATION = "weerbaar.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "weerbaar.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/weerbaar; default: SQLite under var/.
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    # The embedded default lives under var/, which a fresh checkout does not have yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'weerbaar.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A queued writer waits instead of failing at once when the demo serves a few tabs.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The queue's indexes carry columns beside their keys (INCLUDE) on PostgreSQL; SQLite, the
# embedded default, builds them without those columns, which changes speed, not results.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Redis: cache, rate limits, TOTP replay protection, Celery broker -------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "weerbaar"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    # One process only (make run): a per-process cache is correct there and nowhere else.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# visibility_timeout: a task taken by a worker that died is handed out again after this long.
# Set on purpose above the longest task (a relay batch) so a slow task is never run twice by the
# broker; a notice whose worker died is picked up sooner by the relay once its lease runs out.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 1800),
    # Every reconnect (worker, beat) tries again after 1 s, then every 2 s at most: a worker and
    # beat notice Redis is back within 2 s, however long it was away (weerbaar/celery.py).
    "interval_start": 1,
    "interval_step": 1,
    "interval_max": env_int("CELERY_BROKER_RECONNECT_MAX_SECONDS", 2),
}
CELERY_TIMEZONE = "Europe/Amsterdam"
# Periodic tasks. Every notice goes through the one outbox; its one relay ("notifications-relay",
# below) picks up anything whose queueing failed (e.g. Redis was down at the time).
CELERY_BEAT_SCHEDULE = {}

# --- Accounts, allauth, MFA -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# Accounts come from an invitation to a known address (the link proves it), so logging in does
# not ask for a confirmation; a *new* address must be confirmed before it replaces the old one
# (ACCOUNT_CHANGE_EMAIL: one address per account; accounts.forms.AddEmailForm refuses any
# address another account uses, in any spelling).
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True  # e-mail change, password change, MFA changes
ACCOUNT_EMAIL_NOTIFICATIONS = True  # the old address hears of a change of address or password
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset for an unknown address sends nothing
ACCOUNT_FORMS = {
    "add_email": "accounts.forms.AddEmailForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
}
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # a reset never skips the second factor
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Weerbaar Bestuur] "
# Wrong passwords and codes: no per-account lock (anyone could lock BZK staff out by typing
# their address). allauth counts per client only; accounts/throttle.py adds an exponential
# back-off per (client, account) and, after many failures, per account. See docs/accounts.md.
LOGIN_BACKOFF_FREE_FAILURES = env_int("LOGIN_BACKOFF_FREE_FAILURES", 5)
LOGIN_BACKOFF_BASE_SECONDS = env_int("LOGIN_BACKOFF_BASE_SECONDS", 30)
LOGIN_BACKOFF_MAX_SECONDS = env_int("LOGIN_BACKOFF_MAX_SECONDS", 15 * 60)
LOGIN_BACKOFF_ACCOUNT_FREE_FAILURES = env_int("LOGIN_BACKOFF_ACCOUNT_FREE_FAILURES", 100)
LOGIN_BACKOFF_FORGET_SECONDS = env_int("LOGIN_BACKOFF_FORGET_SECONDS", 60 * 60)
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_RATE_LIMIT", "10/m/ip"),
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m",
    "reauthenticate": "10/m/user",
}
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {
    "authenticate": "accounts.forms.MFAAuthenticateForm",
    "reauthenticate": "accounts.forms.MFAReauthenticateForm",
}
MFA_TOTP_ISSUER = "Weerbaar Bestuur"
# A code is also accepted one 30 s window either side of now (allauth's tolerance is symmetric):
# RFC 6238 section 5.2 allows a step of network delay, so a code typed just before it turns still
# works. A code is accepted once (allauth remembers used codes for the windows they are valid in).
MFA_TOTP_TOLERANCE = 1
# Secrets stored by allauth.mfa and encrypted fields are encrypted with these keys (Fernet,
# urlsafe base64, 32 bytes). The first key encrypts; all keys decrypt, so a key can be rotated.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
if not FIELD_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must be set when DEBUG is off.")
    FIELD_ENCRYPTION_KEYS = ["ZGV2ZWxvcG1lbnQta2V5LW9ubHktd2l0aC1kZWJ1Zy0="]

INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)
# How many invitations one person may send per hour (BZK staff, administrators, contact persons).
INVITATION_RATE_LIMIT = env_int("INVITATION_RATE_LIMIT", 20)

# Sessions: a short idle timeout and an absolute cap, whatever the user does. Stored in the
# database with their user beside them (accounts/sessions.py), so erasure ends them by index.
SESSION_ENGINE = "accounts.sessions"
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", 10 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Security headers ------------------------------------------------------------------------
SECURE_HTTPS = env_bool("SECURE_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE_HTTPS)
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND_NAME = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_NAME,
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "127.0.0.1"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER") or None,
            "password": env_str("EMAIL_HOST_PASSWORD") or None,
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        }
        if EMAIL_BACKEND_NAME.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Weerbaar Bestuur <noreply@weerbaarbestuur.test>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT: Path | None = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads are never served from a public URL: they go through views that check access.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "uploads")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Logging: never case content; requests are logged by path only --------------------------
# Every handler redacts the secret in invitation, password-reset and confirmation links
# (weerbaar/log_redaction.py); gunicorn and nginx do the same in deploy/.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "weerbaar.log_redaction.RedactTokens"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        # pikepdf announces its C++ logger bridge at INFO on every start.
        "pikepdf": {"level": "WARNING"},
        # Django's own handlers for these (its debug console, the error mails, runserver's
        # request lines) would bypass the redaction: the records go to the root handler.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
    },
}

# --- notifications (the one outbox, docs/notices.md) ---------------------------------------
# The relay sends what is due (queueing failed, a retry is due, a lease ran out) this often; it
# is also how delivery resumes after a Redis outage.
NOTIFICATION_RELAY_SECONDS = env_int("NOTIFICATION_RELAY_SECONDS", 10)
NOTIFICATION_RELAY_BATCH = env_int("NOTIFICATION_RELAY_BATCH", 500)
# Back-off after a failed attempt: this, then twice as long each time, at most an hour.
NOTIFICATION_RETRY_BASE_SECONDS = env_int("NOTIFICATION_RETRY_BASE_SECONDS", 30)
# How long a claimed notice is left to its worker before another may send it: above the SMTP
# timeout, so only a worker that died leaves a notice to be sent again.
NOTIFICATION_LEASE_SECONDS = env_int(
    "NOTIFICATION_LEASE_SECONDS", env_int("EMAIL_TIMEOUT", 10) + 50
)
NOTIFICATION_MESSAGE_ID_DOMAIN = env_str(
    "NOTIFICATION_MESSAGE_ID_DOMAIN", SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0]
)
# A delivery task not taken from the broker queue within this long is dropped unrun by the
# worker and its notice sent by the relay instead: the queue holds only fresh work, so a new
# notice never waits behind a backlog (a worker outage, a burst) while the relay, one at a time
# on one worker process, sends the backlog. Needs a worker with two or more processes.
NOTIFICATION_QUEUE_SECONDS = env_int("NOTIFICATION_QUEUE_SECONDS", 5)
CELERY_BEAT_SCHEDULE["notifications-relay"] = {
    "task": "notifications.tasks.relay_notifications",
    "schedule": float(NOTIFICATION_RELAY_SECONDS),
    # A tick that waited in the queue longer than a period is dropped: the next one follows.
    "options": {"expires": float(NOTIFICATION_RELAY_SECONDS)},
}

# --- subsidies ------------------------------------------------------------------------------
# The applicant hears this many days before the round closes that their draft is still a draft
# (once per closing date); the check runs every GRANT_DEADLINE_CHECK_SECONDS.
GRANT_DEADLINE_NOTICE_DAYS = env_int("GRANT_DEADLINE_NOTICE_DAYS", 7)
GRANT_DEADLINE_CHECK_SECONDS = env_int("GRANT_DEADLINE_CHECK_SECONDS", 60 * 60)
CELERY_BEAT_SCHEDULE["subsidies-deadline-reminders"] = {
    "task": "subsidies.tasks.remind_of_deadlines",
    "schedule": float(GRANT_DEADLINE_CHECK_SECONDS),
}
# Accounts (verantwoordingen) due within four weeks or overdue: one reminder each, same check.
CELERY_BEAT_SCHEDULE["subsidies-account-reminders"] = {
    "task": "subsidies.tasks.remind_of_account_due_dates",
    "schedule": float(GRANT_DEADLINE_CHECK_SECONDS),
}

# --- incidents ------------------------------------------------------------------------------
# Office hours of BZK triage (local time, Monday to Friday, Dutch public holidays excepted, as
# the `holidays` library knows them): outside them a case handler may take new reports as an
# hourly digest, and working-day deadlines of the stappenplan skip what is not a working day.
OFFICE_HOURS_START = env_int("OFFICE_HOURS_START", 8)
OFFICE_HOURS_END = env_int("OFFICE_HOURS_END", 18)
# An urgent report goes to the person on call (piket); unacknowledged after this many minutes,
# to the next person on call and the team lead.
URGENT_ACK_MINUTES = env_int("URGENT_ACK_MINUTES", 15)
# Numbers shown to reporters as tel: links. The defaults are obvious placeholders for the demo:
# set the real numbers in the environment.
SUPPORT_PHONE = env_str("SUPPORT_PHONE") or "0800-000 00 00 (demo)"
BZK_CONTACT_PHONE = env_str("BZK_CONTACT_PHONE") or "070-000 00 00 (demo)"
CELERY_BEAT_SCHEDULE["incidents-escalate-unacknowledged-urgent"] = {
    "task": "incidents.tasks.escalate_unacknowledged_urgent_reports",
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE["incidents-notify-passed-deadlines"] = {
    "task": "incidents.tasks.notify_passed_deadlines",
    "schedule": 300.0,
}

# --- monitor --------------------------------------------------------------------------------
# Shared monitor figures: counts under this (0 included) show "< 5", and no hidden count can be
# narrowed to fewer values than this (docs/monitor.md). A year is shared once it ended this many
# days ago, and is then frozen. Who sees the shared version: "partners" (partners, staff,
# support team) or "public".
MONITOR_SUPPRESSION_THRESHOLD = env_int("MONITOR_SUPPRESSION_THRESHOLD", 5)
MONITOR_SHARED_DELAY_DAYS = env_int("MONITOR_SHARED_DELAY_DAYS", 60)
MONITOR_SHARED_AUDIENCE = env_str("MONITOR_SHARED_AUDIENCE", "partners")
# The dashboard's one live figure (open cases by age) is counted at most this often.
MONITOR_LIVE_CACHE_SECONDS = env_int("MONITOR_LIVE_CACHE_SECONDS", 60)
# The triage queue's filter form (the same for every case handler for the same filters, with
# the staff members as choices) is rendered at most this often; a new colleague appears in the
# "Behandelaar" choices within this time.
QUEUE_FILTERS_CACHE_SECONDS = env_int("QUEUE_FILTERS_CACHE_SECONDS", 120)
CELERY_BEAT_SCHEDULE["monitor-refresh"] = {
    "task": "monitor.tasks.refresh_monitor",
    "schedule": 600.0,
}

# --- learning network -----------------------------------------------------------------------
# Who registered for a meeting of the learning network with a place hears this many hours
# before it starts (once per start time); checked every LEARNING_REMINDER_CHECK_SECONDS.
LEARNING_MEETING_REMINDER_HOURS = env_int("LEARNING_MEETING_REMINDER_HOURS", 48)
LEARNING_REMINDER_CHECK_SECONDS = env_int("LEARNING_REMINDER_CHECK_SECONDS", 60 * 60)
CELERY_BEAT_SCHEDULE["learning-meeting-reminders"] = {
    "task": "learning.tasks.remind_of_meetings",
    "schedule": float(LEARNING_REMINDER_CHECK_SECONDS),
}

# --- audit and retention (security) ---------------------------------------------------------
# Closed cases lose their personal content after this many days; an erasure request is carried
# out after the grace period (the person can withdraw it until then). See audit/retention.py
# and incidents/privacy.py.
RETENTION_CLOSED_CASE_DAYS = env_int("RETENTION_CLOSED_CASE_DAYS", 730)
# A report that was never sent in and not touched for this many days is anonymised the same way.
# The periods of every other kind of personal data are named in each app's privacy.py; all of
# them are in docs/privacy.md.
RETENTION_DRAFT_CASE_DAYS = env_int("RETENTION_DRAFT_CASE_DAYS", 365)
ERASURE_GRACE_DAYS = env_int("ERASURE_GRACE_DAYS", 14)
# The confirmation link of an erasure request works this long; the reminder goes out this many
# days before the erasure is carried out.
ERASURE_CONFIRM_HOURS = env_int("ERASURE_CONFIRM_HOURS", 24)
ERASURE_REMINDER_DAYS = env_int("ERASURE_REMINDER_DAYS", 3)
CELERY_BEAT_SCHEDULE["audit-apply-retention"] = {
    "task": "audit.tasks.apply_retention",
    "schedule": 24 * 60 * 60.0,
}

# --- homescan -------------------------------------------------------------------------------
# After how many days BZK staff see a new mayor's unfinished starterspakket.
STARTER_KIT_DUE_DAYS = env_int("STARTER_KIT_DUE_DAYS", 30)
# Triage staff hear once of each starterspakket that is overdue; checked this often.
STARTER_KIT_CHECK_SECONDS = env_int("STARTER_KIT_CHECK_SECONDS", 60 * 60)
CELERY_BEAT_SCHEDULE["homescan-overdue-starter-kits"] = {
    "task": "homescan.tasks.notify_overdue_starter_kits",
    "schedule": float(STARTER_KIT_CHECK_SECONDS),
}

# --- training -------------------------------------------------------------------------------
# Who has a place in a training session hears this many days before it begins (once per
# sign-up and start); checked every TRAINING_REMINDER_CHECK_SECONDS.
TRAINING_REMINDER_DAYS = env_int("TRAINING_REMINDER_DAYS", 2)
TRAINING_REMINDER_CHECK_SECONDS = env_int("TRAINING_REMINDER_CHECK_SECONDS", 60 * 60)
CELERY_BEAT_SCHEDULE["training-session-reminders"] = {
    "task": "training.tasks.remind_of_sessions",
    "schedule": float(TRAINING_REMINDER_CHECK_SECONDS),
}
