"""Switching to the session engine that knows its user (accounts/0007) signs nobody out: live
sessions are copied with their user, expired ones are not."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def old_session(data, expires_in):
    return Session.objects.create(
        session_key=SessionStore()._get_new_session_key(),
        session_data=SessionStore().encode(data),
        expire_date=timezone.now() + expires_in,
    )


def test_live_sessions_are_copied_with_their_user():
    person = factories.officeholder()
    migrate([("accounts", "0006_user_session")])
    signed_in = old_session({SESSION_KEY: str(person.pk)}, timedelta(hours=1))
    anonymous = old_session({"seen": True}, timedelta(hours=1))
    expired = old_session({SESSION_KEY: str(person.pk)}, -timedelta(hours=1))

    new = migrate([("accounts", "0007_copy_sessions_with_their_user")])

    copied = dict(new.get_model("accounts", "UserSession").objects.values_list("pk", "user_id"))
    assert copied == {signed_in.pk: person.pk, anonymous.pk: None}
    assert expired.pk not in copied
