import os

import pytest

from tests.helpers import missing_service

from .stack import Gunicorn, Nginx, collect_static, production_env


@pytest.fixture(scope="module")
def production(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn (deploy/gunicorn.conf.py, production settings) on the test database, with
    nginx (deploy/nginx.conf) in front. Yields an object with `.gunicorn` and `.nginx`.

    The processes read the test database, so tests that give them data commit it
    (`transactional_db`); that needs PostgreSQL."""
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            missing_service("the production stack runs on PostgreSQL: set DATABASE_URL")
        db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    tmp = tmp_path_factory.mktemp("production")
    from django.conf import settings

    # The test's own keys, so links (invitation tokens) made in the test work on the server.
    env = production_env(
        tmp,
        database_url,
        os.environ.get("REDIS_URL"),
        SECRET_KEY=settings.SECRET_KEY,
        FIELD_ENCRYPTION_KEYS=",".join(settings.FIELD_ENCRYPTION_KEYS),
    )
    collect_static(env)

    class Stack:
        pass

    stack = Stack()
    stack.env = env
    stack.gunicorn = Gunicorn(tmp, env)
    try:
        stack.nginx = Nginx(tmp, stack.gunicorn.port)
    except BaseException:
        stack.gunicorn.stop()
        raise
    try:
        yield stack
    finally:
        stack.nginx.stop()
        stack.gunicorn.stop()
