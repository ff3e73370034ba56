"""Carry the sessions that have not expired over from django_session into accounts_usersession,
with their user, so switching SESSION_ENGINE to accounts.sessions signs nobody out. The one
time every session is decoded."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations
from django.utils import timezone


def copy_sessions(apps, schema_editor):
    Session = apps.get_model("sessions", "Session")
    UserSession = apps.get_model("accounts", "UserSession")
    decoder = SessionStore()
    rows = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        try:
            user_id = int(decoder.decode(session.session_data).get(SESSION_KEY))
        except (TypeError, ValueError):
            user_id = None
        rows.append(
            UserSession(
                session_key=session.session_key,
                session_data=session.session_data,
                expire_date=session.expire_date,
                user_id=user_id,
            )
        )
    UserSession.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_user_session"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_sessions, migrations.RunPython.noop)]
