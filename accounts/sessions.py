"""The session engine (SESSION_ENGINE = "accounts.sessions"): Django's database sessions, with
the signed-in user written beside each row (accounts.UserSession.user) on every save, so a
person's sessions are found by an index instead of by decoding every session in the table.

The user column follows the session's own data, so it stays right through a login, a cycled
key (password change) and a logout (which deletes the row)."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from .models import UserSession


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            session.user_id = None
        return session


def user_sessions_end(*, user) -> int:
    """Sign a person out everywhere: one indexed DELETE, whatever the number of other sessions.
    Returns how many sessions ended."""
    return UserSession.objects.filter(user=user).delete()[0]
