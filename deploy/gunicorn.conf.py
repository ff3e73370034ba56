"""gunicorn for the portal, behind deploy/nginx.conf: `gunicorn -c deploy/gunicorn.conf.py`.

nginx buffers every request body before it passes the request on, so a slow client holds an
nginx connection, not one of these sync workers. Reached directly, three clients trickling a
body would hold three workers: the app server is reachable only from the proxy
(docker-compose.yml), and these limits are a second line.
"""

import logging
import os

import gunicorn.http.wsgi
from gunicorn.glogging import Logger

from weerbaar.log_redaction import RedactTokens, redact

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Request line and header limits well under the defaults: nothing legitimate comes close.
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190
# The scheme comes from the proxy's X-Forwarded-Proto through Django (BEHIND_TLS_PROXY) and
# the client address from X-Forwarded-For through allauth (TRUSTED_PROXY_COUNT=1).

# The access log: path only (a query string can hold a search for a name), no referer (it can
# hold another page's query), and token links redacted by the logger class below.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

# gunicorn names itself and its version in a Server header; say nothing about the software.
gunicorn.http.wsgi.SERVER = "portal"


class RedactingLogger(Logger):
    """gunicorn's logger with the project's token redaction on the access and error logs
    (the error log quotes request lines, e.g. "Error handling request /uitnodiging/...")."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # A custom access_log_format may use any atom: redact them all, drop the query.
        atoms["q"] = ""
        atoms["r"] = "{} {} {}".format(
            environ.get("REQUEST_METHOD", "-"),
            environ.get("PATH_INFO", "-"),
            environ.get("SERVER_PROTOCOL", "-"),
        )
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }


logger_class = RedactingLogger
logging.captureWarnings(True)
