"""Secrets in URLs never reach a log.

Invitation links, password-reset links and e-mail confirmation links carry a token in their path:
whoever reads a log line with it could take over the invitation or the account. Every log this
project writes passes `redact()`: Django's loggers through `RedactTokens` on the handlers
(settings.LOGGING), gunicorn's access and error logs through the logger class in
deploy/gunicorn.conf.py, Celery's handlers through the same filter (weerbaar/celery.py). nginx
logs through its own map in deploy/nginx.conf, which follows the same list of routes.
"""

import logging
import re

# The routes whose next path segment is a secret (the Django URL patterns they mirror:
# accounts `invitation_accept`, allauth `account_reset_password_from_key` and
# `account_confirm_email`). A slash may come percent-encoded, in a `next=` parameter.
_SLASH = r"(?:/|%2f)"
TOKEN_ROUTES = (
    "uitnodiging",
    rf"account{_SLASH}password{_SLASH}reset{_SLASH}key",
    rf"account{_SLASH}confirm-email",
)
_TOKEN = re.compile(
    rf"(?i)({_SLASH}(?:{'|'.join(TOKEN_ROUTES)}){_SLASH})"
    # allauth's page after a reset link ("done") carries no secret
    rf"(?!done(?:{_SLASH}|$|[?#\s]))"
    r"[^/?#&\s\"']+"
)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """`text` with the secret segment of every token link replaced."""
    return _TOKEN.sub(rf"\g<1>{REDACTED}", text)


class RedactTokens(logging.Filter):
    """A logging filter that formats the record's message and redacts it (and any traceback
    text), so neither the message nor its arguments can carry a token to the handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logged as it came
            return True
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
