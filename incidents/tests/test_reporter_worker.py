"""One reporter notice end to end with a real Celery worker through Redis: a staff message on
a committed case reaches the reporter's chosen address once, and only there."""

import pytest

from accounts.tests import factories as people
from incidents import actions
from incidents.models import NotifyBy
from incidents.tests import factories
from incidents.workflow import Status
from notifications.models import Notification
from notifications.models import State as NoticeState
from tests.helpers import wait_for


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_mails_the_staff_message_notice_to_the_chosen_address_once(
    smtp_sink, celery_worker_process
):
    celery_worker_process(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=smtp_sink.host,
        EMAIL_PORT=smtp_sink.port,
    )
    staff = people.triage_staff()
    incident = factories.submitted(
        notify_by=NotifyBy.OTHER, notify_address="prive@example.test"
    )  # the confirmation goes to the chosen address too

    def to_the_reporter():  # the case handler also hears of the new report
        return [m for m in smtp_sink.messages if m["To"] != staff.email]

    actions.incident_transition(actor=staff, incident=incident, to_status=Status.IN_PROGRESS)
    wait_for(lambda: len(to_the_reporter()) == 1, timeout=60)

    message = actions.message_send(actor=staff, incident=incident, body="Wij bellen u morgen.")
    row = Notification.objects.get(kind="incidents.reporter_message", object_id=incident.pk)
    wait_for(lambda: len(to_the_reporter()) == 2, timeout=60)
    wait_for(lambda: Notification.objects.get(pk=row.pk).state == NoticeState.SENT)
    assert [m["To"] for m in to_the_reporter()] == ["prive@example.test"] * 2
    assert [m["To"] for m in smtp_sink.messages].count(staff.email) == 1
    mail = to_the_reporter()[-1]
    body = mail.get_payload(decode=True).decode()
    assert f"/meldingen/{incident.pk}/" in body and message.body not in body
    assert incident.reporter.email not in body + mail["Subject"]
