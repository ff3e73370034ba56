"""The decision letter (PDF/UA text read back), its immutability, and the notice sent once."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from accounts.tests import factories as people
from notifications import tasks as notification_tasks
from notifications.models import Notification, State
from subsidies import actions
from subsidies.tests import factories
from subsidies.workflow import Status, TransitionNotAllowed

pytestmark = pytest.mark.django_db


def pdf_text(decision):
    decision.letter.open("rb")
    try:
        reader = PdfReader(io.BytesIO(decision.letter.read()))
    finally:
        decision.letter.close()
    return reader, " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_a_partial_grant_letter_names_amounts_per_measure_and_the_objection_clause():
    application = factories.assessed(costs=("12500.00", "2500.50"))
    first, second = application.lines.all()
    decision = actions.application_decide(
        actor=people.triage_staff(full_name="Pieter Bakker"),
        application=application,
        outcome=Status.PARTLY_GRANTED,
        amounts={first.pk: Decimal("10000.00"), second.pk: Decimal("0")},
        conditions="Meld de oplevering van de zaal bij BZK.",
    )
    decision = actions.decision_send(actor=people.triage_staff(), decision=decision)
    reader, text = pdf_text(decision)
    application.refresh_from_db()
    assert "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties" in text
    assert application.reference in text
    assert "Beschikking: deels toegekend" in text
    assert "€ 10.000,00" in text and "€ 12.500,00" in text and "€ 2.500,50" in text
    assert "Meld de oplevering van de zaal bij BZK." in text
    assert "binnen zes weken" in text
    assert decision.objection_deadline.strftime("%Y") in text
    # Tagged PDF for accessibility, with a title and a language.
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]).startswith("nl")
    assert b"pdfuaid" in reader.xmp_metadata.stream.get_data()
    assert reader.metadata.title.startswith(f"Beschikking {application.reference}")


def test_a_sent_letter_never_changes():
    decision = factories.decided()
    decision = actions.decision_send(actor=people.triage_staff(), decision=decision)
    name = decision.letter.name
    with pytest.raises(TransitionNotAllowed):
        actions.decision_send(actor=people.triage_staff(), decision=decision)
    decision.refresh_from_db()
    assert decision.letter.name == name


def test_only_staff_send_a_decision():
    from django.core.exceptions import PermissionDenied

    decision = factories.decided()
    with pytest.raises(PermissionDenied):
        actions.decision_send(actor=decision.application.created_by, decision=decision)


@pytest.fixture
def eager_tasks():
    """Run queued tasks in this process, also when REDIS_URL points at a real broker."""
    from weerbaar.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def test_the_applicant_is_told_once_by_mail_with_a_link_and_no_content(
    smtp_settings, eager_tasks, django_capture_on_commit_callbacks
):
    decision = factories.decided()
    with django_capture_on_commit_callbacks(execute=True):
        actions.decision_send(actor=people.triage_staff(), decision=decision)
    decision.refresh_from_db()
    assert decision.notified_at is not None
    row = Notification.objects.get(kind="subsidies.decision")
    assert (row.object_id, row.recipient, row.state) == (
        decision.application_id,
        decision.application.created_by,
        State.SENT,
    )
    assert notification_tasks.deliver_notification(row.pk) == "skipped"
    assert notification_tasks.relay_notifications() == {}
    assert len(smtp_settings.messages) == 1
    message = smtp_settings.messages[0]
    body = message.get_payload(decode=True).decode()
    assert message["To"] == decision.application.created_by.email
    assert f"/subsidies/aanvragen/{decision.application.pk}/" in body
    for secret in ("15.000", "15000", decision.application.reference, "bedreigd", "Maatregel"):
        assert secret not in body
        assert secret not in message["Subject"]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_notice_once(reference_data, smtp_sink, celery_worker_process):
    from tests.helpers import wait_for

    celery_worker_process(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=smtp_sink.host,
        EMAIL_PORT=smtp_sink.port,
    )
    decision = factories.decided()
    actions.decision_send(actor=people.triage_staff(), decision=decision)
    wait_for(lambda: smtp_sink.messages)
    # Queued twice more (a retry, the relay): still one mail.
    row = Notification.objects.get(kind="subsidies.decision")
    notification_tasks.deliver_notification.delay(row.pk)
    notification_tasks.relay_notifications.delay()
    wait_for(lambda: type(decision).objects.get(pk=decision.pk).notified_at)
    import time

    time.sleep(1.5)
    assert len(smtp_sink.messages) == 1


def test_the_one_relay_picks_up_a_decision_notice_whose_queueing_never_happened(smtp_settings):
    decision = actions.decision_send(actor=people.triage_staff(), decision=factories.decided())
    # The queueing after commit never happened (no commit in this test): the relay sends it.
    assert notification_tasks.relay_notifications() == {"sent": 1}
    assert notification_tasks.relay_notifications() == {}
    assert len(smtp_settings.messages) == 1
    decision.refresh_from_db()
    assert decision.notified_at is not None
