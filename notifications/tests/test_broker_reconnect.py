"""After a Redis outage the worker and beat must notice Redis is back within seconds, or the
notices that waited through the outage wait longer still (docs/notices.md: resume within 15 s).
The real processes are in tests/faults/test_faults.py; this checks the reconnect loop they use."""

import socket

import pytest

from weerbaar.celery import app


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("connection_for", ["read", "write"])
def test_a_broker_reconnect_tries_again_every_two_seconds_at_most(connection_for):
    """The worker's consumer and beat call ensure_connection() without intervals; kombu's
    defaults (2, 4, 6, ... up to 30 s) made them notice a returning Redis up to 30 s late."""
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    connection = getattr(app, f"connection_for_{connection_for}")(url)
    waits = []
    with pytest.raises(Exception):  # noqa: B017, PT011 - kombu's OperationalError, any flavour
        connection.ensure_connection(lambda exc, interval: waits.append(interval), 3)
    connection.release()
    assert waits and max(waits) <= 2, waits
