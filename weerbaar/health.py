"""The state of the services the portal depends on, for /healthz and monitoring."""

import redis
from django.conf import settings
from django.db import connection


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "down"; details go to the log
        return "error"
    return "ok"


def broker_state():
    if not settings.REDIS_URL:
        return "eager"  # tasks run in-process; there is no broker to be down
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except redis.RedisError:
        return "error"
    return "ok"
