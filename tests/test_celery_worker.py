"""Task delivery through the real stack: Redis as broker, a `celery worker` process, SMTP."""

import re
import time

import pytest

from accounts import actions
from accounts.models import Invitation, Role
from accounts.selectors import invitation_from_token
from accounts.tests import factories
from notifications.models import Notification
from notifications.tasks import deliver_notification, relay_notifications
from tests.helpers import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_invitation_mail_is_delivered_by_a_real_worker_through_redis(
    celery_worker_process, smtp_sink
):
    celery_worker_process(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=smtp_sink.host,
        EMAIL_PORT=smtp_sink.port,
    )
    staff = factories.triage_staff()
    invitation = actions.invitation_create(
        actor=staff, email="echt@example.test", role=Role.PARTNER
    )

    wait_for(lambda: smtp_sink.messages, timeout=60)
    [message] = smtp_sink.messages
    assert message["To"] == "echt@example.test"
    # The token is signed with a timestamp, so it differs per second: read the one in the
    # mail and check it points at this invitation.
    body = message.get_payload(decode=True).decode()
    token = re.search(r"/uitnodiging/([^/\s]+)/", body).group(1)
    assert invitation_from_token(token) == invitation
    wait_for(
        lambda: Invitation.objects.filter(pk=invitation.pk, email_sent_at__isnull=False).exists()
    )

    # Running the task again (a redelivery) and the relay sends nothing more.
    sent_at = Invitation.objects.get(pk=invitation.pk).email_sent_at
    row = Notification.objects.get(kind="accounts.invitation", object_id=invitation.pk)
    deliver_notification.delay(row.pk)
    relay_notifications.delay()
    time.sleep(2)  # give the worker time to (wrongly) send a second mail
    assert len(smtp_sink.messages) == 1
    assert Invitation.objects.get(pk=invitation.pk).email_sent_at == sent_at
